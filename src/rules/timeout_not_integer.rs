//! MFA052 timeout-not-integer (decided in `timeout_range`).

use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::TimeoutNotInteger,
    code: "MFA052",
    name: "timeout-not-integer",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "A timeout is a fraction, an exponent or a non-numeric string",
    why: "Timeouts are whole seconds written as plain integers: 30.0, 3e1, \"30s\" and \"030\" are \
          rejected. JSON Schema cannot tell 30.0 from 30, so schemas/ accepts 30.0; mfalint does not.",
    source: "SCM vendor schemas type: integer",
    ruling: Some("timeouts"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_timeout\": \"30s\"}}\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_timeout\": 30}}\n}\n",
    },
    options: "",
};

/// `what` says what the value is instead ("a number with a fraction").
pub(crate) fn report(ctx: &mut Ctx, at: &Ptr, key: &str, what: &str) {
    ctx.report_scm_constraint(
        RuleId::TimeoutNotInteger,
        at,
        Target::Value,
        || {
            [
                "`",
                key,
                "` must be a whole number of seconds, found ",
                what,
            ]
            .concat()
        },
        Some(Constraint::Type("integer")),
    );
}
