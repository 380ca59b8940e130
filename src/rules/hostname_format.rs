//! MFA041 hostname-format.

use crate::fix::{Applicability, Doc, Fix};
use crate::report::{Constraint, Finding, Severity, Target};
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

/// The host name in a URL-ish value (`https://user@acme.okta.com:443/x`
/// holds `acme.okta.com`), when that is a valid host name and not the value
/// itself.
pub(crate) fn host_in(value: &str) -> Option<&str> {
    let v = value.trim();
    let rest = match v.find("://") {
        Some(i)
            if v[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) =>
        {
            &v[i + 3..]
        }
        _ => v,
    };
    let rest = rest.split(['/', '?', '#']).next()?;
    let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    let host = match rest.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => h,
        Some(_) => return None,
        None => rest,
    };
    (host != value && is_hostname(host)).then_some(host)
}

/// Keeps only the host name of a URL-ish value (unsafe: the scheme, port
/// or path may have meant something).
pub(crate) fn fix(doc: &Doc, f: &Finding) -> Option<Fix> {
    let found = doc.resolve(&f.pointer)?;
    let node = found.node?;
    let host = host_in(node.as_str()?)?;
    let key = found.last?;
    Some(Fix {
        title: format!("Keep only the host name in `{key}`: {host}"),
        applicability: Applicability::Unsafe,
        edits: vec![doc.replace_string(node, host)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_found_in_urls() {
        for (value, host) in [
            ("https://acme.okta.com", Some("acme.okta.com")),
            (
                "https://acme.okta.com:443/api/v1?x#y",
                Some("acme.okta.com"),
            ),
            ("acme.okta.com:8443", Some("acme.okta.com")),
            ("acme.okta.com/api", Some("acme.okta.com")),
            ("https://user@acme.okta.com/", Some("acme.okta.com")),
            (" acme.okta.com ", Some("acme.okta.com")),
            ("acme.okta.com", None),
            ("https://", None),
            ("acme okta", None),
            ("https://acme.okta.com:port", None),
        ] {
            assert_eq!(host_in(value), host, "{value}");
        }
    }
}
