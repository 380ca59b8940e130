//! MFA006 unresolved-placeholder: a template placeholder in a file that
//! must be final (`--placeholders=forbid`).

use crate::placeholder::Syntax;
use crate::report::{Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::UnresolvedPlaceholder,
    code: "MFA006",
    name: "unresolved-placeholder",
    severity: Severity::Error,
    enabled: Enabled::Never,
    configurable: true,
    summary: "A value is a template placeholder (`${OKTA_TOKEN}`, `{{ .Values.duo.skey }}`) in a file that must be final",
    why: "By default a placeholder is accepted where a value goes and its value is not judged: the \
          deployment fills it in. A file sent to the API as it is (an export, a rendered template) must \
          hold no placeholder: `--placeholders=forbid` (or `placeholders = \"forbid\"` in \
          mfalint.toml) turns this rule on. The recognised syntaxes are in docs/placeholders.md.",
    source: "mfalint placeholder policy",
    ruling: Some("placeholders"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::SailpointOktaConfig),
        fails: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"host\": \"acme.okta.com\",\n  \"accessKey\": \"${OKTA_ACCESS_KEY}\"\n}\n",
        fixed: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"host\": \"acme.okta.com\",\n  \"accessKey\": \"the key itself, rendered by the deployment\"\n}\n",
    },
    options: "Off unless `--placeholders=forbid`, `placeholders = \"forbid\"` in mfalint.toml, or \
              selected (`--select MFA006`).",
};

/// `at` holds a placeholder written in `syntax`. Its text is not quoted:
/// it may be a template holding more than a name.
pub(crate) fn report(ctx: &mut Ctx, at: &Ptr, key: &str, syntax: Syntax) {
    ctx.report(
        RuleId::UnresolvedPlaceholder,
        at,
        Target::Value,
        || {
            [
                "`",
                key,
                "` holds a template placeholder (`",
                syntax.shape(),
                "`): this file must be final",
            ]
            .concat()
        },
        None,
    );
}
