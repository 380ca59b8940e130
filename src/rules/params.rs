//! Enumerated values and path/query parameters.

use std::fmt::Write;

use crate::ctx::Ctx;
use crate::finding::{Constraint, Severity};
use crate::pointer::Ptr;
use crate::rule::Rule;

pub static ENUM_VALUE: Rule = Rule {
    code: "MFA070",
    name: "enum-value",
    severity: Severity::Error,
    default_enabled: true,
    summary:
        "A value outside its documented set (test `state`, SASE `folder`/`position`, `method`)",
    doc:
        "Test results have state SUCCESS or FAILED; the legacy SASE folder query parameter is one \
          of Shared, Mobile Users, Remote Networks, Service Connections, Mobile Users Container, \
          Mobile Users Explicit Proxy; position is pre or post; the SailPoint method path \
          parameter is okta-verify or duo-web.",
    source: "SailPoint MfaConfigTestResponse and method parameter; legacy SASE query parameters",
};

pub static UUID_FORMAT: Rule = Rule {
    code: "MFA071",
    name: "uuid-format",
    severity: Severity::Error,
    default_enabled: true,
    summary: "The `id` path parameter is not a UUID",
    doc: "PUT/GET/DELETE /mfa-servers/:id take the UUID of the object \
          (8-4-4-4-12 hexadecimal digits).",
    source: "SCM path parameter id format: uuid",
};

pub(crate) fn check_enum(
    ctx: &mut Ctx,
    at: &Ptr,
    label: impl std::fmt::Display,
    value: &str,
    allowed: &'static [&'static str],
) {
    if !allowed.contains(&value) {
        // One String, no Vec of quoted names to join.
        let message = || {
            let mut message = String::with_capacity(128);
            write!(message, "{label} must be one of ").expect("a String accepts any text");
            for (i, a) in allowed.iter().enumerate() {
                if i > 0 {
                    message.push_str(", ");
                }
                message.push('"');
                message.push_str(a);
                message.push('"');
            }
            message
        };
        ctx.emit(&ENUM_VALUE, at, message, Some(Constraint::Enum(allowed)));
    }
}

/// 8-4-4-4-12 hexadecimal digits, either case.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

pub(crate) fn check_uuid(ctx: &mut Ctx, at: &Ptr, label: &str, value: &str) {
    if !is_uuid(value) {
        ctx.emit(
            &UUID_FORMAT,
            at,
            || format!("{label} must be a UUID (8-4-4-4-12 hexadecimal digits)"),
            Some(Constraint::Format("uuid")),
        );
    }
}
