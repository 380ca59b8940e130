//! MFA051 timeout-numeric-string (decided in `timeout_range`).

use crate::fix::{Applicability, Doc, Fix};
use crate::report::{Constraint, Finding, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::TimeoutNumericString,
    code: "MFA051",
    name: "timeout-numeric-string",
    severity: Severity::Warning,
    enabled: Enabled::Always,
    configurable: true,
    summary: "An SCM timeout is a numeric string such as \"30\" instead of an integer",
    why: "Strata Cloud Manager documents integer timeouts, but the legacy API and the Terraform provider \
          send strings, so a canonical numeric string is tolerated with a warning. Send 30, not \"30\".",
    source: "SCM vendor schemas type: integer; legacy SASE and Terraform strings",
    ruling: Some("timeouts"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_timeout\": \"30\"}}\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_timeout\": 30}}\n}\n",
    },
    options: "",
};

/// A canonical decimal integer: `-?(0|[1-9][0-9]*)`.
pub fn is_numeric_string(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    match digits.as_bytes() {
        [] => false,
        [b'0'] => true,
        [b'0', ..] => false,
        d => d.iter().all(u8::is_ascii_digit),
    }
}

pub(crate) fn report(ctx: &mut Ctx, at: &Ptr, key: &str, value: &str) {
    ctx.report(
        RuleId::TimeoutNumericString,
        at,
        Target::Value,
        || {
            if value.len() <= 24 {
                format!("`{key}` is the string \"{value}\"; send it as an integer")
            } else {
                format!(
                    "`{key}` is a {}-character numeric string; send it as an integer",
                    value.len()
                )
            }
        },
        Some(Constraint::Type("integer")),
    );
}

/// Writes the numeric string as the integer it holds (safe: the value is
/// the same number).
pub(crate) fn fix(doc: &Doc, f: &Finding) -> Option<Fix> {
    let found = doc.resolve(&f.pointer)?;
    let node = found.node?;
    let digits = node.as_str().filter(|s| is_numeric_string(s))?;
    let key = found.last?;
    Some(Fix {
        title: format!("Write `{key}` as the integer {digits}"),
        applicability: Applicability::Safe,
        edits: vec![doc.replace_raw(node, digits)],
    })
}
