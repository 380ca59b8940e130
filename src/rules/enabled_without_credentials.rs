//! MFA061 enabled-without-credentials.

use crate::json::{Node, Value};
use crate::report::{Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::EnabledWithoutCredentials,
    code: "MFA061",
    name: "enabled-without-credentials",
    severity: Severity::Warning,
    enabled: Enabled::Always,
    configurable: true,
    summary: "`enabled: true` without a credential the method needs (empty, null or missing)",
    why: "A PUT replaces the whole configuration: an enabled MFA method without its credentials cannot \
          authenticate anyone, and users are locked out at the MFA step. okta-verify needs `host` and \
          `accessKey`; duo-web also needs `configProperties` with its `skey` and `ikey`.",
    source: "SailPoint MfaOktaConfig/MfaDuoConfig",
    ruling: Some("sailpoint-enabled"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::SailpointOktaConfig),
        fails: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"enabled\": true,\n  \"host\": \"\"\n}\n",
        fixed: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"enabled\": true,\n  \"host\": \"acme.okta.com\",\n  \"accessKey\": \"${OKTA_ACCESS_KEY}\"\n}\n",
    },
    options: "",
};

/// The credential at `at` (its value, if the configuration has it), of a
/// configuration whose method is enabled.
pub(crate) fn check(ctx: &mut Ctx, at: &Ptr, key: &str, value: Option<&Node>) {
    // A value of the wrong type is the wrong-type rule's.
    let empty = value.is_none_or(|n| match &n.value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Object(members) => members.is_empty(),
        _ => false,
    });
    if empty {
        let target = if value.is_some() {
            Target::Value
        } else {
            Target::Missing
        };
        ctx.report(
            RuleId::EnabledWithoutCredentials,
            at,
            target,
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
