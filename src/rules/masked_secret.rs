//! MFA080 masked-secret, and the checks every secret gets (MFA081 is
//! decided here too: a secret is a mask, an echo, or plaintext).

use crate::options::Mode;
use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{plaintext_secret, Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::MaskedSecret,
    code: "MFA080",
    name: "masked-secret",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "A secret holds a mask (`d******Y`) or an SCM ciphertext echo (`-AQ==...`)",
    why: "GET responses mask secrets (SailPoint: first character, six `*`, last character; SCM: `-AQ==` \
          ciphertext). Sent back in a request, the mask is stored as the new secret and authentication \
          breaks. Put the real secret in, or validate exported files in export mode, where this rule \
          is off.",
    source: "SailPoint masked examples; SCM ciphertext echo",
    ruling: Some("masked-secrets"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::SailpointOktaConfig),
        fails: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"accessKey\": \"d******Y\"\n}\n",
        fixed: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"accessKey\": \"${OKTA_ACCESS_KEY}\"\n}\n",
    },
    options: "Off in export mode (`--mode export`, `Mode::Export`, `{mode: 'export'}`).",
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
pub(crate) fn check(ctx: &mut Ctx, at: &Ptr, key: &str, value: &str) {
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
        Some(what) if ctx.mode() == Mode::Request => ctx.report(
            RuleId::MaskedSecret,
            at,
            Target::Value,
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
        None => plaintext_secret::report(ctx, at, key),
    }
}
