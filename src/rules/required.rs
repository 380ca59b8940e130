//! Required fields.

use crate::ctx::Ctx;
use crate::finding::{Constraint, Severity};
use crate::pointer::Ptr;
use crate::rule::Rule;

pub static MISSING_REQUIRED: Rule = Rule {
    code: "MFA010",
    name: "missing-required",
    severity: Severity::Error,
    default_enabled: true,
    summary: "A required field or query parameter is missing",
    doc: "SCM requires name and mfa_cert_profile, and per vendor: Okta host, baseuri, token, org, \
          timeout; Ping baseuri, api_host, use_base64_key, token, timeout; Duo api_host, \
          integration_key, secret_key, timeout, baseuri. A documented default does not make a \
          required field optional. Legacy SASE requires name, mfa_cert_profile and the folder and \
          position query parameters; vendor fields there are reported as warnings.",
    source: "SCM mfa-servers required lists; legacy SASE spec; RULINGS.md",
};

/// `key` is missing from the object at `parent`; `what` names the object.
pub(crate) fn missing(ctx: &mut Ctx, parent: &Ptr, key: &str, what: &str, borrowed: bool) {
    let message = || ["missing required field `", key, "` in ", what].concat();
    let at = parent.child(key);
    let c = Some(Constraint::Required(true));
    if borrowed {
        ctx.emit_borrowed(&MISSING_REQUIRED, &at, message, c);
    } else {
        ctx.emit(&MISSING_REQUIRED, &at, message, c);
    }
}
