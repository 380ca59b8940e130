//! MFA001 duplicate-key.

use std::collections::hash_map::{Entry, HashMap};

use crate::json::{has_duplicate_keys, key_eq, Node, Span, Value};
use crate::report::{Constraint, Related, Severity, Target};
use crate::secrets::is_secret_bearing;
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::DuplicateKey,
    code: "MFA001",
    name: "duplicate-key",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "An object has the same key twice",
    why: "JSON parsers disagree on duplicate keys: most keep the last, some the first, some reject the \
          document. The API may read a different value than the one you reviewed. Keep one. A repeated \
          key beneath a secret is reported at the secret, naming nothing beneath it.",
    source: "RFC 8259 section 4 (names SHOULD be unique)",
    ruling: Some("duplicate-keys"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::SailpointTestResult),
        fails: "{\n  \"state\": \"FAILED\",\n  \"state\": \"SUCCESS\"\n}\n",
        fixed: "{\n  \"state\": \"SUCCESS\"\n}\n",
    },
    options: "",
};

/// Objects up to this many members are checked for duplicates pairwise.
const SMALL_OBJECT: usize = 16;

/// Reports every repeated key in the tree, with the first occurrence as a
/// related place.
pub(crate) fn check(ctx: &mut Ctx, node: &Node, at: &Ptr) {
    match &node.value {
        Value::Object(members) => {
            // A linear scan for small objects; a map above that, so a
            // hostile object with 100,000 keys is not quadratic.
            let mut seen: Option<HashMap<&str, Span>> =
                (members.len() > SMALL_OBJECT).then(HashMap::new);
            for (i, m) in members.iter().enumerate() {
                let first = match &mut seen {
                    Some(seen) => match seen.entry(m.key.as_ref()) {
                        Entry::Occupied(e) => Some(*e.get()),
                        Entry::Vacant(e) => {
                            e.insert(m.key_span);
                            None
                        }
                    },
                    None => members[..i]
                        .iter()
                        .find(|earlier| key_eq(&earlier.key, &m.key))
                        .map(|earlier| earlier.key_span),
                };
                if let Some(first) = first {
                    let here = at.member(m);
                    ctx.report_with(
                        RuleId::DuplicateKey,
                        &here,
                        Target::Key,
                        || format!("duplicate key `{}`: the object has it more than once, and parsers disagree on which value wins", m.key),
                        Some(Constraint::UniqueKeys(true)),
                        || {
                            let first = Related {
                                span: first,
                                message: format!("first `{}` here", m.key),
                            };
                            here.is_located().then_some(first).into_iter().collect()
                        },
                    );
                }
            }
            // Scalars hold no keys: no call (or index string) for them.
            for m in members.iter().filter(|m| is_container(&m.value)) {
                let here = at.member(m);
                if !is_secret_bearing(&m.key) {
                    check(ctx, &m.value, &here);
                } else if has_duplicate_below(&m.value) {
                    // Nothing beneath a secret is shown, not even a key:
                    // one finding at the secret itself.
                    ctx.report(
                        RuleId::DuplicateKey,
                        &here,
                        Target::Key,
                        || format!("`{}` holds an object with a repeated key (not shown: nothing beneath a secret is printed)", m.key),
                        Some(Constraint::UniqueKeys(true)),
                    );
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if is_container(item) {
                    let index = i.to_string();
                    check(ctx, item, &at.item(&index, item));
                }
            }
        }
        _ => {}
    }
}

/// Whether an object at or below `node` has a key twice.
fn has_duplicate_below(node: &Node) -> bool {
    match &node.value {
        Value::Object(members) => {
            has_duplicate_keys(members) || members.iter().any(|m| has_duplicate_below(&m.value))
        }
        Value::Array(items) => items.iter().any(has_duplicate_below),
        _ => false,
    }
}

fn is_container(node: &Node) -> bool {
    matches!(node.value, Value::Object(_) | Value::Array(_))
}
