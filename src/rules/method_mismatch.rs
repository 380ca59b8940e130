//! MFA060 method-mismatch.

use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::MethodMismatch,
    code: "MFA060",
    name: "method-mismatch",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "`mfaMethod` does not match the endpoint (okta-verify / duo-web)",
    why: "Each configuration endpoint takes its own method. Upstream does not tie them together, so a \
          copy-pasted duo-web body sent to the Okta endpoint is accepted and misconfigures Okta. \
          Detection trusts mfaMethod: name the endpoint's kind to catch this.",
    source: "SailPoint MfaOktaConfig/MfaDuoConfig",
    ruling: Some("sailpoint-method"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::SailpointOktaConfig),
        fails: "{\n  \"mfaMethod\": \"duo-web\",\n  \"enabled\": false\n}\n",
        fixed: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"enabled\": false\n}\n",
    },
    options: "",
};

/// `value`: the method the body names, for the endpoint `expected`.
pub(crate) fn check(ctx: &mut Ctx, at: &Ptr, value: &str, expected: &'static str) {
    if value != expected {
        ctx.report(
            RuleId::MethodMismatch,
            at,
            Target::Value,
            || ["`mfaMethod` must be \"", expected, "\" for this endpoint"].concat(),
            Some(Constraint::Const(expected)),
        );
    }
}
