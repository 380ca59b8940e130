//! MFA004 read-only-field.

use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::ReadOnlyField,
    code: "MFA004",
    name: "read-only-field",
    severity: Severity::Warning,
    enabled: Enabled::Always,
    configurable: true,
    summary: "A read-only field (`id`) in a request body",
    why: "`id` is assigned by the server (readOnly: true). In a POST it is ignored or rejected; in a PUT \
          the id belongs in the path. Remove it from the body. Off in export mode, where GET responses \
          carry it.",
    source: "SCM mfa-servers.id readOnly",
    ruling: Some("read-only-id"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\",\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
    },
    options: "Off in export mode (`--mode export`, `Mode::Export`, `{mode: 'export'}`).",
};

/// `at` names a read-only member of a request body.
pub(crate) fn report(ctx: &mut Ctx, at: &Ptr, key: &str) {
    ctx.report(
        RuleId::ReadOnlyField,
        at,
        Target::Key,
        || {
            [
                "`",
                key,
                "` is read-only: the server assigns it; remove it from the request body (a PUT takes the id in the path)",
            ]
            .concat()
        },
        Some(Constraint::ReadOnly(true)),
    );
}
