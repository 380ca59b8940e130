//! Document structure: duplicate keys, JSON types, unknown keys, read-only fields.

use std::collections::HashSet;
use std::fmt::Write;

use crate::ctx::Ctx;
use crate::finding::{Constraint, Severity};
use crate::json::{key_eq, Node, Value};
use crate::pointer::Ptr;
use crate::rule::Rule;
use crate::suggest::did_you_mean;

pub static DUPLICATE_KEY: Rule = Rule {
    code: "MFA001",
    name: "duplicate-key",
    severity: Severity::Error,
    default_enabled: true,
    summary: "An object has the same key twice",
    doc:
        "JSON parsers disagree on duplicate keys: most keep the last, some the first, some reject \
          the document. The API may read a different value than the one you reviewed. Keep one.",
    source: "RFC 8259 section 4 (names SHOULD be unique)",
};

pub static WRONG_TYPE: Rule = Rule {
    code: "MFA002",
    name: "wrong-type",
    severity: Severity::Error,
    default_enabled: true,
    summary: "A field has the wrong JSON type (string, integer, boolean, object)",
    doc:
        "Every documented field has a JSON type; the API rejects others with E003 Invalid Object. \
          Legacy SASE vendor fields, timeouts included, are strings.",
    source: "upstream OpenAPI schemas (SCM, legacy SASE, SailPoint)",
};

pub static UNKNOWN_KEY: Rule = Rule {
    code: "MFA003",
    name: "unknown-key",
    severity: Severity::Warning,
    default_enabled: true,
    summary: "A key the API does not define (with a did-you-mean for near misses)",
    doc:
        "The APIs accept and ignore unknown keys, so a misspelt optional field (okta_api_hostname) \
          is silently dropped. Rename it to the documented key.",
    source: "RULINGS.md (unknown keys)",
};

pub static READ_ONLY: Rule = Rule {
    code: "MFA004",
    name: "read-only-field",
    severity: Severity::Warning,
    default_enabled: true,
    summary: "A read-only field (`id`) in a request body",
    doc: "`id` is assigned by the server (readOnly: true). In a POST it is ignored or rejected; in a \
          PUT the id belongs in the path. Remove it from the body. Off in export mode, where GET \
          responses carry it.",
    source: "SCM mfa-servers.id readOnly; RULINGS.md",
};

/// Objects up to this many members are checked for duplicates pairwise.
const SMALL_OBJECT: usize = 16;

/// Reports every duplicate key in the tree, naming the key.
pub(crate) fn check_duplicates(ctx: &mut Ctx, node: &Node, at: &Ptr) {
    match &node.value {
        Value::Object(members) => {
            // A linear scan for small objects; a set above that, so a
            // hostile object with 100,000 keys is not quadratic.
            // The set is only built for big objects (`HashSet::new` seeds
            // a hasher from a thread-local).
            let mut seen = (members.len() > SMALL_OBJECT).then(HashSet::new);
            for (i, m) in members.iter().enumerate() {
                let duplicate = match &mut seen {
                    Some(seen) => !seen.insert(m.key.as_ref()),
                    None => members[..i]
                        .iter()
                        .any(|earlier| key_eq(&earlier.key, &m.key)),
                };
                if duplicate {
                    ctx.emit(
                        &DUPLICATE_KEY,
                        &at.child(&m.key),
                        || {
                            [
                                "duplicate key `",
                                &m.key,
                                "`: the object has it more than once",
                            ]
                            .concat()
                        },
                        Some(Constraint::UniqueKeys(true)),
                    );
                }
            }
            // Scalars hold no keys: no call (or index string) for them.
            for m in members.iter().filter(|m| is_container(&m.value)) {
                let here = at.child(&m.key);
                if !crate::secrets::is_secret_bearing(&m.key) {
                    check_duplicates(ctx, &m.value, &here);
                } else if has_duplicate_below(&m.value) {
                    // Nothing beneath a secret is shown, not even a key:
                    // one finding at the secret itself.
                    ctx.emit(
                        &DUPLICATE_KEY,
                        &here,
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
                    check_duplicates(ctx, item, &at.child(&index));
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
            crate::json::has_duplicate_keys(members)
                || members.iter().any(|m| has_duplicate_below(&m.value))
        }
        Value::Array(items) => items.iter().any(has_duplicate_below),
        _ => false,
    }
}

fn is_container(node: &Node) -> bool {
    matches!(node.value, Value::Object(_) | Value::Array(_))
}

/// What a field may be.
#[derive(Clone, Copy)]
pub(crate) enum Expect {
    Object,
    String,
    NullableString,
    NullableObject,
    Boolean,
}

impl Expect {
    fn accepts(self, node: &Node) -> bool {
        matches!(
            (self, &node.value),
            (Expect::Object | Expect::NullableObject, Value::Object(_))
                | (Expect::String | Expect::NullableString, Value::String(_))
                | (Expect::Boolean, Value::Bool(_))
                | (Expect::NullableString | Expect::NullableObject, Value::Null)
        )
    }

    fn name(self) -> &'static str {
        match self {
            Expect::Object => "object",
            Expect::String => "string",
            Expect::NullableString => "string or null",
            Expect::NullableObject => "object or null",
            Expect::Boolean => "boolean",
        }
    }
}

/// A field name in backticks, as labels show it, rendered only when a
/// finding is (`&format!("`{key}`")` would allocate for every field of
/// every payload).
#[derive(Clone, Copy)]
pub(crate) struct Code<'a>(pub &'a str);

impl std::fmt::Display for Code<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // write_str, not `{}`: no padding logic for a plain name.
        f.write_str("`")?;
        f.write_str(self.0)?;
        f.write_str("`")
    }
}

/// Checks `node`'s type; reports and returns false when it is wrong. The
/// label is only rendered for a finding.
pub(crate) fn expect(
    ctx: &mut Ctx,
    node: &Node,
    at: &Ptr,
    label: impl std::fmt::Display,
    want: Expect,
) -> bool {
    if want.accepts(node) {
        return true;
    }
    wrong_type(ctx, node, at, label, want.name());
    false
}

pub(crate) fn wrong_type(
    ctx: &mut Ctx,
    node: &Node,
    at: &Ptr,
    label: impl std::fmt::Display,
    want: &'static str,
) {
    let message = || {
        // Only the label goes through the fmt machinery; the rest is copied.
        let mut message = String::with_capacity(64);
        write!(message, "{label}").expect("a String accepts any text");
        for piece in [" must be ", article(want), " ", want, ", found "] {
            message.push_str(piece);
        }
        message.push_str(node.type_name());
        message
    };
    ctx.emit(&WRONG_TYPE, at, message, Some(Constraint::Type(want)));
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Reports keys of `obj` not in `known`, suggesting the nearest known key.
pub(crate) fn check_unknown_keys(
    ctx: &mut Ctx,
    obj: &Node,
    at: &Ptr,
    where_: &str,
    known: &[&str],
) {
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
                where_,
                "; did you mean `",
                s,
                "`?",
            ]
            .concat(),
            None => ["unknown key `", &m.key, "` in ", where_].concat(),
        };
        ctx.emit(&UNKNOWN_KEY, &at.child(&m.key), message, None);
    }
}

/// Only requests: an exported GET response carries the server's `id`.
/// `value`: the field's value in the object at `at`, if it has one.
pub(crate) fn check_read_only(ctx: &mut Ctx, value: Option<&Node>, at: &Ptr, key: &str) {
    if ctx.mode() == crate::options::Mode::Request && value.is_some() {
        ctx.emit(
            &READ_ONLY,
            &at.child(key),
            || format!("`{key}` is read-only: the server assigns it; remove it from the request body (a PUT takes the id in the path)"),
            Some(Constraint::ReadOnly(true)),
        );
    }
}

/// Finds each of `keys` in `obj` in one pass over its members, into
/// `values` (in `keys` order; the last of a repeated key wins, as in
/// `Node::get`), so rules that read several fields of an object need not
/// scan it once per field. Returns whether `obj` has a key outside `keys`.
pub(crate) fn pick<'n>(
    obj: &'n Node<'n>,
    keys: &[&str],
    values: &mut [Option<&'n Node<'n>>],
) -> bool {
    let mut unknown = false;
    for m in obj.members().unwrap_or_default() {
        match keys.iter().position(|k| key_eq(k, &m.key)) {
            Some(i) => values[i] = Some(&m.value),
            None => unknown = true,
        }
    }
    unknown
}

/// The keys among `keys` that have a value in `values` (as [`pick`] fills
/// them), in `keys` order, with their values.
pub(crate) fn present<'n, 'k>(
    keys: &'k [&'k str],
    values: &'k [Option<&'n Node<'n>>],
) -> impl Iterator<Item = (&'k str, &'n Node<'n>)> {
    keys.iter()
        .zip(values)
        .filter_map(|(k, v)| v.map(|n| (*k, n)))
}

/// Unless exactly one of `keys` has a value in `values`, how to say what was
/// found ("none" or "a, b"). Counts first: the names are only joined for a
/// finding.
pub(crate) fn not_one_of(keys: &[&str], values: &[Option<&Node>]) -> Option<String> {
    match present(keys, values).count() {
        0 => Some("none".to_string()),
        1 => None,
        _ => Some(
            present(keys, values)
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}
