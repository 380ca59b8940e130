//! MFA040 min-length.

use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::MinLength,
    code: "MFA040",
    name: "min-length",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "A string is shorter than its documented minimum length",
    why: "Strata Cloud Manager documents minimum lengths, counted in code points; a shorter host, key \
          or token is rejected. `name` and `mfa_cert_profile` must not be empty. Legacy SASE inherits \
          these as warnings. The message names the field and the length, never the value.",
    source: "SCM mfa-servers vendor schemas (minLength)",
    ruling: Some("min-lengths"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_assurancepolicyid\": \"p1\"}}\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_assurancepolicyid\": \"policy-1\"}}\n}\n",
    },
    options: "",
};

/// Reports `value` shorter than `min`; never prints the value (it may be a
/// secret).
pub(crate) fn check(ctx: &mut Ctx, at: &Ptr, key: &str, value: &str, min: u64) {
    // A char is 1 to 4 bytes: decide from the byte length when it can, else
    // count at most `min` chars (this runs on every string field).
    let bytes = value.len() as u64;
    if min == 0 || bytes >= min.saturating_mul(4) {
        return;
    }
    // Here min <= bytes, so `min - 1` fits a usize. ASCII text (checked a
    // word at a time) has a char per byte.
    let short =
        bytes < min || (!value.is_ascii() && value.chars().nth((min - 1) as usize).is_none());
    if short {
        ctx.report_scm_constraint(
            RuleId::MinLength,
            at,
            Target::Value,
            || {
                let len = value.chars().count();
                let s = if len == 1 { "" } else { "s" };
                let (mut a, mut b) = (itoa::Buffer::new(), itoa::Buffer::new());
                [
                    "`",
                    key,
                    "` is ",
                    a.format(len),
                    " character",
                    s,
                    ", shorter than the minimum of ",
                    b.format(min),
                ]
                .concat()
            },
            Some(Constraint::MinLength(min)),
        );
    }
}
