//! MFA003 unknown-key.

use crate::fix::{last_segment, parent_pointer, Applicability, Doc, Fix, Payload};
use crate::json::{key_eq, Node};
use crate::report::{Finding, Severity, Target};
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

/// Renames a near-miss key to the key it nearly is, when that key is not
/// there yet and no other unknown key of the object is a near miss of it
/// (unsafe: the key may have meant something else).
pub(crate) fn fix(doc: &Doc, f: &Finding, at: &Payload, all: &[Finding]) -> Option<Fix> {
    let found = doc.resolve(&f.pointer)?;
    let (object, Some(index)) = found.parent? else {
        return None;
    };
    let members = object.members()?;
    let m = &members[index];
    let parent = parent_pointer(&f.pointer);
    let names: Vec<&str> = at
        .object_at(parent)?
        .fields
        .iter()
        .filter(|field| field.exists_in(&at.kind.spec().flavor))
        .map(|field| field.name)
        .collect();
    let target = did_you_mean(&m.key, &names)?;
    let taken = members.iter().any(|o| o.key == target);
    let rivals = all
        .iter()
        .filter(|o| o.rule == RuleId::UnknownKey && parent_pointer(&o.pointer) == parent)
        .filter_map(|o| last_segment(&o.pointer))
        .filter(|k| did_you_mean(k, &names) == Some(target))
        .count();
    if taken || rivals != 1 {
        return None;
    }
    Some(Fix {
        title: format!("Rename `{}` to `{target}`", m.key),
        applicability: Applicability::Unsafe,
        edits: vec![doc.rename_key(m, target)],
    })
}
