//! MFA003 unknown-key.

use crate::json::{key_eq, Node};
use crate::report::{Severity, Target};
use crate::suggest::did_you_mean;
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::UnknownKey,
    code: "MFA003",
    name: "unknown-key",
    severity: Severity::Warning,
    enabled: Enabled::Always,
    configurable: true,
    summary: "A key the API does not define (with a did-you-mean for near misses)",
    why: "The APIs accept and ignore unknown keys, so a misspelt optional field (okta_api_hostname) is \
          silently dropped. Rename it to the documented key. A near miss of a secret key \
          (okta_tokne) holds a secret all the same: its value is masked everywhere.",
    source: "upstream schemas (no additionalProperties)",
    ruling: Some("unknown-keys"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::SailpointTestResult),
        fails: "{\n  \"state\": \"FAILED\",\n  \"errror\": \"timed out\"\n}\n",
        fixed: "{\n  \"state\": \"FAILED\",\n  \"error\": \"timed out\"\n}\n",
    },
    options: "",
};

/// Reports the keys of `obj` not in `known`, suggesting the nearest known
/// key.
pub(crate) fn check(ctx: &mut Ctx, obj: &Node, at: &Ptr, label: &str, known: &[&str]) {
    let Some(members) = obj.members() else { return };
    for m in members {
        if known.iter().any(|k| key_eq(k, &m.key)) {
            continue;
        }
        // A warning: a verdict never computes the suggestion.
        let message = || match did_you_mean(&m.key, known) {
            Some(s) => [
                "unknown key `",
                &m.key,
                "` in ",
                label,
                "; did you mean `",
                s,
                "`?",
            ]
            .concat(),
            None => ["unknown key `", &m.key, "` in ", label].concat(),
        };
        ctx.report(
            RuleId::UnknownKey,
            &at.member(m),
            Target::Key,
            message,
            None,
        );
    }
}
