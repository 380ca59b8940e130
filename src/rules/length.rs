//! Minimum string lengths.

use crate::ctx::Ctx;
use crate::finding::{Constraint, Severity};
use crate::pointer::Ptr;
use crate::rule::Rule;

pub static MIN_LENGTH: Rule = Rule {
    code: "MFA040",
    name: "min-length",
    severity: Severity::Error,
    default_enabled: true,
    summary: "A string is shorter than its documented minimum length",
    doc: "SCM documents minimum lengths, counted in code points: okta_api_host 10, okta_token 8, \
          *_baseuri 2, ping_api_host 16, ping_use_base64_key/ping_token/ping_org_alias 8, \
          rsa_api_host 10, rsa_accesskey/rsa_accessid 8, rsa_assurancepolicyid 3, duo_api_host \
          16, duo_integration_key/duo_secret_key 16; name and mfa_cert_profile must not be empty. \
          Legacy SASE reports these as warnings.",
    source: "SCM mfa-servers vendor schemas (minLength); RULINGS.md",
};

/// Reports `value` shorter than `min`; never prints the value (it may be a secret).
pub(crate) fn check_min_length(ctx: &mut Ctx, at: &Ptr, key: &str, value: &str, min: u64) {
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
        ctx.emit_borrowed(
            &MIN_LENGTH,
            at,
            || {
                let len = value.chars().count();
                format!(
                    "`{key}` is {len} character{}, shorter than the minimum of {min}",
                    if len == 1 { "" } else { "s" }
                )
            },
            Some(Constraint::MinLength(min)),
        );
    }
}
