//! SailPoint method consistency and enabled-but-unusable configs.

use crate::ctx::Ctx;
use crate::finding::{Constraint, Severity};
use crate::json::Node;
use crate::pointer::Ptr;
use crate::rule::Rule;

pub static METHOD_MISMATCH: Rule = Rule {
    code: "MFA060",
    name: "method-mismatch",
    severity: Severity::Error,
    default_enabled: true,
    summary: "`mfaMethod` does not match the endpoint (okta-verify / duo-web)",
    doc:
        "PUT /mfa/okta-verify/config takes mfaMethod okta-verify and PUT /mfa/duo-web/config takes \
          duo-web. Upstream does not tie them together, so a copy-pasted duo-web body sent to the \
          Okta endpoint is accepted and misconfigures Okta.",
    source: "SailPoint MfaOktaConfig/MfaDuoConfig; RULINGS.md",
};

pub static ENABLED_WITHOUT_CREDENTIALS: Rule = Rule {
    code: "MFA061",
    name: "enabled-without-credentials",
    severity: Severity::Warning,
    default_enabled: true,
    summary: "`enabled: true` with an empty or null `host` or `accessKey`",
    doc: "An enabled MFA method with no host or access key cannot authenticate anyone: users are \
          locked out at the MFA step.",
    source: "RULINGS.md (SailPoint)",
};

pub(crate) fn check_method(ctx: &mut Ctx, node: &Node, at: &Ptr, expected: &'static str) {
    if let Some(method) = node.as_str() {
        if method != expected {
            ctx.emit(
                &METHOD_MISMATCH,
                at,
                || ["`mfaMethod` must be \"", expected, "\" for this endpoint"].concat(),
                Some(Constraint::Const(expected)),
            );
        }
    }
}

/// With `enabled: true`, `host` and `accessKey` must be non-empty strings.
/// `enabled` and the credentials (`host`, `accessKey`): their values in the
/// configuration at `at`, if it has them.
pub(crate) fn check_enabled_complete(
    ctx: &mut Ctx,
    enabled: Option<&Node>,
    credentials: [(&str, Option<&Node>); 2],
    at: &Ptr,
) {
    if !matches!(
        enabled.map(|n| &n.value),
        Some(crate::json::Value::Bool(true))
    ) {
        return;
    }
    for (key, value) in credentials {
        let empty = value.is_none_or(|n| n.as_str().is_none_or(str::is_empty));
        if empty {
            ctx.emit(
                &ENABLED_WITHOUT_CREDENTIALS,
                &at.child(key),
                || {
                    [
                        "`enabled` is true but `",
                        key,
                        "` is empty or missing: the method cannot authenticate",
                    ]
                    .concat()
                },
                None,
            );
        }
    }
}
