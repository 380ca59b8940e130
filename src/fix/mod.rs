//! Fixes: text edits that resolve a finding, computed in the core from the
//! spans it already has, so the command line (`check --fix`), the language
//! server (code actions) and the library share them.
//!
//! A fix never writes, moves or prints a secret's value: the edits only
//! touch keys, the `id`, timeouts, host names and documented defaults.

use crate::json::Span;

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
