//! MFA041 hostname-format.

use crate::report::{Constraint, Severity, Target};
use crate::spec::HOSTNAME_MAX_CHARS;
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::HostnameFormat,
    code: "MFA041",
    name: "hostname-format",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "An API host is not a bare hostname (no scheme, port, path or bad label)",
    why: "The vendors' API hosts are `format: hostname`: dot-separated labels of letters, digits and \
          inner hyphens, each 1 to 63 characters, at most 253 in all. `https://`, `:443` or a path \
          make the server build a bad URL. Legacy SASE inherits this as a warning.",
    source: "SCM vendor schemas format: hostname (RFC 1123)",
    ruling: Some("hostnames"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_api_host\": \"https://rsa.example.com\"}}\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_api_host\": \"rsa.example.com\"}}\n}\n",
    },
    options: "",
};

/// RFC 1123 hostname (`spec::HOSTNAME_PATTERN` with maxLength 253): labels
/// `[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?` of 1..=63, total <= 253. One
/// pass over the bytes, no splitting: every profile has a host.
pub fn is_hostname(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || b.len() as u64 > HOSTNAME_MAX_CHARS {
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

pub(crate) fn check(ctx: &mut Ctx, at: &Ptr, key: &str, value: &str) {
    if !is_hostname(value) {
        ctx.report_scm_constraint(
            RuleId::HostnameFormat,
            at,
            Target::Value,
            || ["`", key, "` must be a hostname: ", why(value)].concat(),
            Some(Constraint::Format("hostname")),
        );
    }
}
