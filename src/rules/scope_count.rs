//! MFA020 scope-count.

use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::ScopeCount,
    code: "MFA020",
    name: "scope-count",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "Not exactly one of `folder`, `snippet`, `device`",
    why: "An SCM object lives in exactly one container: a folder, a snippet or a device. Zero or \
          several of these keys is rejected.",
    source: "SCM mfa-servers oneOf [folder, snippet, device]",
    ruling: Some("scope"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"device\": \"fw-01\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
    },
    options: "",
};

/// `present`: the scope keys the profile at `at` has, of `keys`.
pub(crate) fn check(ctx: &mut Ctx, at: &Ptr, keys: &'static [&'static str], present: &[&str]) {
    if present.len() != 1 {
        ctx.report(
            RuleId::ScopeCount,
            at,
            Target::Value,
            || {
                let names = super::backticked(keys);
                let found = if present.is_empty() {
                    "none".to_string()
                } else {
                    present.join(", ")
                };
                ["exactly one of ", &names, " is required, found ", &found].concat()
            },
            Some(Constraint::ExactlyOneOf(keys)),
        );
    }
}
