//! `mfa_vendor_type`: present, and exactly one vendor.

use crate::ctx::Ctx;
use crate::finding::{Constraint, Severity};
use crate::json::Node;
use crate::pointer::Ptr;
use crate::rule::Rule;
use crate::rules::structure::not_one_of;
use crate::spec::VENDOR_KEYS;

pub static VENDOR_COUNT: Rule = Rule {
    code: "MFA030",
    name: "vendor-count",
    severity: Severity::Error,
    default_enabled: true,
    summary: "`mfa_vendor_type` does not hold exactly one vendor object",
    doc: "mfa_vendor_type takes exactly one of okta_adaptive_v1, ping_identity_v1, \
          rsa_securid_access_v1, duo_security_v2. The upstream oneOf cannot be satisfied as \
          written (its branches lack `required`); mfalint enforces its intent.",
    source: "SCM and legacy SASE mfa_vendor_type oneOf; Terraform ConflictsWith; RULINGS.md",
};

pub static VENDOR_MISSING: Rule = Rule {
    code: "MFA031",
    name: "vendor-missing",
    severity: Severity::Warning,
    default_enabled: true,
    summary: "No `mfa_vendor_type`: the profile names no MFA vendor",
    doc: "The spec makes mfa_vendor_type optional, but a server profile without a vendor cannot \
          authenticate anyone.",
    source: "RULINGS.md",
};

pub(crate) fn vendor_missing(ctx: &mut Ctx, at: &Ptr) {
    ctx.emit(
        &VENDOR_MISSING,
        &at.child("mfa_vendor_type"),
        || "no `mfa_vendor_type`: the profile names no MFA vendor".to_string(),
        None,
    );
}

/// Counts the vendor keys in `mfa_vendor_type` and reports unless one.
/// `vendors`: the values of `VENDOR_KEYS` in it, in order.
pub(crate) fn check_vendor_count(ctx: &mut Ctx, vendors: &[Option<&Node>], at: &Ptr) {
    if let Some(found) = not_one_of(VENDOR_KEYS, vendors) {
        ctx.emit(
            &VENDOR_COUNT,
            at,
            || format!(
                "`mfa_vendor_type` must hold exactly one of `okta_adaptive_v1`, `ping_identity_v1`, `rsa_securid_access_v1`, `duo_security_v2`, found {found}"
            ),
            Some(Constraint::ExactlyOneOf(VENDOR_KEYS)),
        );
    }
}
