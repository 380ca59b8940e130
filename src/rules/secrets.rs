//! Secrets: masked values sent back, and plaintext secrets in files.

use crate::ctx::Ctx;
use crate::finding::{Constraint, Severity};
use crate::options::Mode;
use crate::pointer::Ptr;
use crate::rule::Rule;

pub static MASKED_SECRET: Rule = Rule {
    code: "MFA080",
    name: "masked-secret",
    severity: Severity::Error,
    default_enabled: true,
    summary: "A secret holds a mask (`d******Y`) or an SCM ciphertext echo (`-AQ==...`)",
    doc: "GET responses mask secrets (SailPoint: first character, six `*`, last character; SCM: \
          `-AQ==` ciphertext). Sent back in a request, the mask is stored as the new secret and \
          authentication breaks. Put the real secret in, or validate exported files with \
          `--mode export`, where this rule is off.",
    source: "SailPoint masked examples; SCM ciphertext echo; RULINGS.md (secrets)",
};

pub static PLAINTEXT_SECRET: Rule = Rule {
    code: "MFA081",
    name: "plaintext-secret",
    severity: Severity::Warning,
    default_enabled: false,
    summary: "A plaintext secret in a payload file (on in the CLI, off in the library)",
    doc:
        "A committed payload file with a real okta_token, *_secret_key, accessKey or skey leaks it \
          to everyone with the repository. Inject secrets at deploy time. The CLI and pre-commit \
          hook turn this rule on; the library and the npm package leave it off, since a form \
          being filled in holds plaintext by design.",
    source: "RULINGS.md (secrets)",
};

/// A SailPoint mask (first char, six `*`, last char) or a run of `*` only.
pub fn is_masked(s: &str) -> bool {
    // No allocation: this runs on every secret of every payload.
    let mut chars = s.chars();
    let eight = chars.next().is_some()
        && (0..6).all(|_| chars.next() == Some('*'))
        && chars.next().is_some()
        && chars.next().is_none();
    eight || (s.len() >= 3 && s.bytes().all(|b| b == b'*'))
}

/// The SCM config API's encrypted-secret echo.
pub fn is_ciphertext(s: &str) -> bool {
    s.starts_with("-AQ==")
}

/// Checks a secret string; the message names the field, never the value.
pub(crate) fn check_secret(ctx: &mut Ctx, at: &Ptr, key: &str, value: &str) {
    if value.is_empty() {
        return;
    }
    let echo = if is_masked(value) {
        Some("a masked value")
    } else if is_ciphertext(value) {
        Some("an SCM ciphertext echo")
    } else {
        None
    };
    match echo {
        Some(what) if ctx.mode() == Mode::Request => ctx.emit(
            &MASKED_SECRET,
            at,
            || {
                [
                    "secret `",
                    key,
                    "` holds ",
                    what,
                    "; sending it back stores the mask as the secret",
                ]
                .concat()
            },
            Some(Constraint::Secret("not masked")),
        ),
        Some(_) => {}
        // Off by default in the library: do not build the message then.
        None if ctx.is_on(&PLAINTEXT_SECRET) => ctx.emit(
            &PLAINTEXT_SECRET,
            at,
            || {
                [
                    "secret `",
                    key,
                    "` is in plaintext in this file; inject it at deploy time",
                ]
                .concat()
            },
            Some(Constraint::Secret("not in files")),
        ),
        None => {}
    }
}
