//! Hostname format.

use crate::ctx::Ctx;
use crate::finding::{Constraint, Severity};
use crate::pointer::Ptr;
use crate::rule::Rule;

pub static HOSTNAME: Rule = Rule {
    code: "MFA041",
    name: "hostname-format",
    severity: Severity::Error,
    default_enabled: true,
    summary: "An `*_api_host` is not a bare hostname (no scheme, port, path or bad label)",
    doc: "okta_api_host, ping_api_host, rsa_api_host and duo_api_host are `format: hostname`: \
          dot-separated labels of letters, digits and inner hyphens, each 1 to 63 characters, at \
          most 253 in all. `https://`, `:443` or a path make the server build a bad URL.",
    source: "SCM vendor schemas format: hostname (RFC 1123)",
};

/// RFC 1123 hostname (`spec::HOSTNAME_PATTERN` with maxLength 253): labels `[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?` of 1..=63, total <= 253.
/// One pass over the bytes, no splitting: every profile has a host.
pub fn is_hostname(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 253 {
        return false;
    }
    let mut label = 0;
    let mut prev = b'.';
    for &c in b {
        if c == b'.' {
            if label == 0 || prev == b'-' {
                return false;
            }
            label = 0;
        } else {
            let starts_with_hyphen = label == 0 && c == b'-';
            if !(c.is_ascii_alphanumeric() || c == b'-') || starts_with_hyphen {
                return false;
            }
            label += 1;
            if label > 63 {
                return false;
            }
        }
        prev = c;
    }
    label > 0 && prev != b'-'
}

fn why(s: &str) -> &'static str {
    if s.contains("://") {
        "it has a URL scheme"
    } else if s.contains(':') {
        "it has a port or colon"
    } else if s.contains('/') {
        "it has a path"
    } else if s.is_empty() {
        "it is empty"
    } else if s.len() > 253 {
        "it is longer than 253 characters"
    } else {
        "a label is empty, longer than 63, starts or ends with `-`, or has a character other than letters, digits and `-`"
    }
}

pub(crate) fn check_hostname(ctx: &mut Ctx, at: &Ptr, key: &str, value: &str) {
    if !is_hostname(value) {
        ctx.emit_borrowed(
            &HOSTNAME,
            at,
            || ["`", key, "` must be a hostname: ", why(value)].concat(),
            Some(Constraint::Format("hostname")),
        );
    }
}
