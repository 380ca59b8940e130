//! Fixes: text edits that resolve a finding, computed in the core from the
//! spans it already has, so the command line (`check --fix`), the language
//! server (code actions) and the library share them.
//!
//! A fix never writes, moves or prints a secret's value: the edits only
//! touch keys, the `id`, timeouts, host names and documented defaults.

mod edit;

pub(crate) use edit::Doc;

use std::borrow::Cow;

use crate::json::{Node, Span};
use crate::kind::Kind;
use crate::report::Finding;
use crate::rules::{
    hostname_format, missing_default, read_only_field, timeout_numeric_string, unknown_key, RuleId,
};
use crate::spec::{Object, Type};
use crate::validate::borrowed_segments;

pub(crate) use crate::file::Syntax;

/// Whether a fix can be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps what the payload means (`"30"` becomes `30`): `--fix` applies it.
    Safe,
    /// Changes what the payload says (a key renamed, a URL cut down to its
    /// host): applied with `--unsafe-fixes` only.
    Unsafe,
}

/// One replacement: the bytes of `span` become `text` (an insertion when
/// the span is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

/// What resolves a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What it does, for people and code actions: "Write `okta_timeout` as
    /// an integer".
    pub title: String,
    pub applicability: Applicability,
    /// Non-overlapping edits of the document's text.
    pub edits: Vec<Edit>,
}

/// `text` with `edits` applied. Edits must not overlap (those of one fix
/// never do; [`select`] picks a set of fixes whose edits do not).
pub fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.text);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The fixes to apply together, in order: each at most as risky as
/// `allowed`, and none whose edits overlap an earlier one's (the rest are
/// left for the next round).
pub fn select<'f>(
    fixes: impl IntoIterator<Item = &'f Fix>,
    allowed: Applicability,
) -> Vec<&'f Fix> {
    let mut taken: Vec<&Fix> = Vec::new();
    let overlaps = |a: &Edit, b: &Edit| {
        a.span.start < b.span.end && b.span.start < a.span.end
            // Two insertions at one place would interleave.
            || a.span == b.span
    };
    for f in fixes {
        if f.applicability > allowed {
            continue;
        }
        let clash = taken
            .iter()
            .flat_map(|t| &t.edits)
            .any(|t| f.edits.iter().any(|e| overlaps(e, t)));
        if !clash {
            taken.push(f);
        }
    }
    taken
}

/// Most rounds of fixes on one text: a fix can make another possible (a
/// key renamed, then its value fixed); each round re-checks.
const FIX_ROUNDS: usize = 8;

/// `text` (a whole file) with its fixes up to `allowed` applied, round
/// after round of [`check_file`](crate::check_file) and [`select`], and how
/// many findings they resolved; `None` when there is nothing to fix. What
/// `check --fix` writes and the language server's "fix all" edit.
pub fn fix_all(
    text: &str,
    syntax: Syntax,
    kind: Option<Kind>,
    opts: &crate::Options,
    allowed: Applicability,
) -> Option<(String, usize)> {
    let mut text = text.to_string();
    let mut count = 0;
    for _ in 0..FIX_ROUNDS {
        let docs = crate::check_file(text.as_bytes(), syntax, kind, opts);
        let fixes = select(
            docs.iter()
                .flat_map(|d| &d.checked.findings)
                .filter_map(|f| f.fix.as_ref()),
            allowed,
        );
        if fixes.is_empty() {
            break;
        }
        count += fixes.len();
        let edits: Vec<&Edit> = fixes.iter().flat_map(|f| &f.edits).collect();
        text = apply(&text, &edits);
    }
    (count > 0).then_some((text, count))
}

/// The payload a finding is in: its kind, its root, and the pointer to
/// that root (empty, or `/data/3` for an item of a list).
pub(crate) struct Payload<'n, 'a> {
    pub kind: Kind,
    pub root: &'n Node<'a>,
    pub prefix: String,
}

impl Payload<'_, '_> {
    /// The description of the object at `pointer` (relative to the
    /// document), a pointer into this payload.
    pub fn object_at(&self, pointer: &str) -> Option<&'static Object> {
        let rel = pointer.strip_prefix(self.prefix.as_str())?;
        let spec = self.kind.spec();
        let mut obj = match spec.wrapped {
            Some(w) if crate::validate::is_wrapped(self.root, w) => w,
            _ => spec.root,
        };
        for seg in borrowed_segments(rel) {
            obj = match obj.field(&seg)?.ty {
                Type::Object(o) | Type::NullableObject(o) => o,
                _ => return None,
            };
        }
        Some(obj)
    }
}

/// The pointer to the object holding what `pointer` names.
pub(crate) fn parent_pointer(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(p, _)| p)
}

/// The last segment of `pointer`, unescaped.
pub(crate) fn last_segment(pointer: &str) -> Option<Cow<'_, str>> {
    borrowed_segments(pointer).last()
}

/// Gives each finding that has one its fix. `payload`: the payload a
/// pointer is in. `errors`: how many errors a check of a text finds (no
/// fixes computed); an unsafe fix that would add one is dropped (a key
/// renamed into place may bring a value of the wrong type with it).
pub(crate) fn attach<'n, 'a>(
    doc: &Doc<'a, 'n>,
    findings: &mut [Finding],
    payload: &dyn Fn(&str) -> Option<Payload<'n, 'a>>,
    errors: &dyn Fn(&str) -> usize,
) {
    for i in 0..findings.len() {
        let f = &findings[i];
        let Some(at) = payload(&f.pointer) else {
            continue;
        };
        let fix = match f.rule {
            RuleId::TimeoutNumericString => timeout_numeric_string::fix(doc, f),
            RuleId::ReadOnlyField => read_only_field::fix(doc, f),
            RuleId::HostnameFormat => hostname_format::fix(doc, f),
            RuleId::UnknownKey => unknown_key::fix(doc, f, &at, findings),
            RuleId::MissingDefault => missing_default::fix(doc, f, &at, findings),
            _ => None,
        };
        findings[i].fix = fix;
    }
    let before = findings
        .iter()
        .filter(|f| f.severity == crate::Severity::Error)
        .count();
    for f in findings.iter_mut() {
        let adds_an_error = f.fix.as_ref().is_some_and(|fix| {
            fix.applicability == Applicability::Unsafe
                && errors(&apply(doc.text, &fix.edits.iter().collect::<Vec<_>>())) > before
        });
        if adds_an_error {
            f.fix = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, text: &str) -> Edit {
        Edit {
            span: Span { start, end },
            text: text.into(),
        }
    }

    #[test]
    fn edits_apply_in_place_of_their_spans() {
        let text = r#"{"a": "30", "b": 1}"#;
        let a = edit(6, 10, "30");
        let b = edit(18, 18, ", \"c\": 2");
        assert_eq!(apply(text, &[&b, &a]), r#"{"a": 30, "b": 1, "c": 2}"#);
    }

    #[test]
    fn selection_keeps_the_allowed_and_skips_overlaps() {
        let fix = |a: Applicability, start, end| Fix {
            title: String::new(),
            applicability: a,
            edits: vec![edit(start, end, "x")],
        };
        let fixes = [
            fix(Applicability::Safe, 0, 4),
            fix(Applicability::Unsafe, 10, 12),
            fix(Applicability::Safe, 2, 6),
            fix(Applicability::Safe, 6, 8),
        ];
        let safe = select(&fixes, Applicability::Safe);
        assert_eq!(safe.len(), 2);
        assert_eq!(select(&fixes, Applicability::Unsafe).len(), 3);
    }
}
