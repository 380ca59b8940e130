//! MFA030 vendor-count.

use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::VendorCount,
    code: "MFA030",
    name: "vendor-count",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "`mfa_vendor_type` does not hold exactly one vendor object",
    why: "mfa_vendor_type takes exactly one vendor object. The upstream oneOf cannot be satisfied as \
          written (its branches lack `required`); mfalint enforces its intent.",
    source: "SCM and legacy SASE mfa_vendor_type oneOf; Terraform ConflictsWith",
    ruling: Some("vendor"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {}\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
    },
    options: "",
};

/// `present`: the vendor keys `mfa_vendor_type` at `at` has, of `keys`.
pub(crate) fn check(ctx: &mut Ctx, at: &Ptr, keys: &'static [&'static str], present: &[&str]) {
    if present.len() != 1 {
        ctx.report(
            RuleId::VendorCount,
            at,
            Target::Value,
            || {
                let names = super::backticked(keys);
                let found = if present.is_empty() {
                    "none".to_string()
                } else {
                    present.join(", ")
                };
                [
                    "`mfa_vendor_type` must hold exactly one of ",
                    &names,
                    ", found ",
                    &found,
                ]
                .concat()
            },
            Some(Constraint::ExactlyOneOf(keys)),
        );
    }
}
