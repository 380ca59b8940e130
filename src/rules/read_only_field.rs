//! MFA004 read-only-field.

use crate::fix::{Applicability, Doc, Fix};
use crate::report::{Constraint, Finding, Severity, Target};
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

/// Removes the read-only member from the request body (safe: the server
/// ignores or rejects it), when its value is a scalar: an object or array
/// there is not an id, and may hold more than the fix should drop.
pub(crate) fn fix(doc: &Doc, f: &Finding) -> Option<Fix> {
    let found = doc.resolve(&f.pointer)?;
    if matches!(
        found.node?.value,
        crate::json::Value::Object(_) | crate::json::Value::Array(_)
    ) {
        return None;
    }
    let (object, Some(index)) = found.parent? else {
        return None;
    };
    let key = found.last?;
    Some(Fix {
        title: format!("Remove the read-only `{key}`"),
        applicability: Applicability::Safe,
        edits: vec![doc.remove_member(object, index)?],
    })
}
