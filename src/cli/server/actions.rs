//! Code actions: the core's fixes as quick fixes, and "fix all safe".

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Url, WorkspaceEdit,
};

use crate::{Applicability, Finding};

use super::check::diagnostic;
use super::position::LineIndex;
use super::Document;

/// The kind of the "fix all safe" action, under `source.fixAll`.
pub const FIX_ALL: &str = "source.fixAll.mfalint";

/// Whether an action of kind `kind` is among those asked for (`only`):
/// `source.fixAll` asks for `source.fixAll.mfalint` too.
fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| {
            let o = o.as_str();
            kind == o || kind.strip_prefix(o).is_some_and(|r| r.starts_with('.'))
        })
    })
}

/// Whether two ranges meet (touching counts: a cursor at a finding's end
/// is on it).
fn meets(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The code actions of `doc` for `range`: one quick fix per finding with a
/// fix that meets the range, then "fix all safe" when a safe fix exists.
pub fn actions(
    uri: &Url,
    doc: &Document,
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let ix = LineIndex::new(&doc.text);
    let mut out = Vec::new();
    if wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        for f in &doc.findings {
            let (Some(fix), Some(span)) = (&f.fix, f.span) else {
                continue;
            };
            if !meets(ix.range(span), range) {
                continue;
            }
            out.push(quick_fix(uri, &ix, f, fix));
        }
    }
    let any_safe = doc.findings.iter().any(|f| {
        f.fix
            .as_ref()
            .is_some_and(|x| x.applicability == Applicability::Safe)
    });
    if any_safe && wanted(only, FIX_ALL) {
        if let Some(action) = fix_all(uri, doc, &ix) {
            out.push(action);
        }
    }
    out
}

fn quick_fix(uri: &Url, ix: &LineIndex, f: &Finding, fix: &crate::Fix) -> CodeActionOrCommand {
    let safe = fix.applicability == Applicability::Safe;
    let title = if safe {
        fix.title.clone()
    } else {
        format!("{} (unsafe)", fix.title)
    };
    let edits = fix
        .edits
        .iter()
        .map(|e| TextEdit {
            range: ix.range(e.span),
            new_text: e.text.clone(),
        })
        .collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(f, ix, uri)]),
        edit: Some(workspace_edit(uri, edits)),
        is_preferred: Some(safe),
        ..CodeAction::default()
    })
}

/// "Fix all safe mfalint problems": the core's rounds of safe fixes
/// (what `check --fix` writes), as one edit of the changed stretch.
fn fix_all(uri: &Url, doc: &Document, ix: &LineIndex) -> Option<CodeActionOrCommand> {
    let eff = doc.settings.as_ref()?;
    let (fixed, _) = crate::fix::fix_all(
        &doc.text,
        doc.syntax?,
        eff.kind,
        &eff.options,
        Applicability::Safe,
    )?;
    let edit = changed_stretch(&doc.text, &fixed, ix);
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: "Fix all safe mfalint problems".to_string(),
        kind: Some(CodeActionKind::new(FIX_ALL)),
        edit: Some(workspace_edit(uri, vec![edit])),
        ..CodeAction::default()
    }))
}

/// One edit turning `old` into `new`: the stretch between their common
/// prefix and suffix (on character boundaries).
pub fn changed_stretch(old: &str, new: &str, ix: &LineIndex) -> TextEdit {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    TextEdit {
        range: ix.range(crate::json::Span {
            start: prefix,
            end: old.len() - suffix,
        }),
        new_text: new[prefix..new.len() - suffix].to_string(),
    }
}

fn workspace_edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_match_by_prefix() {
        let fix_all = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(wanted(Some(&fix_all), FIX_ALL));
        assert!(!wanted(Some(&fix_all), "quickfix"));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), FIX_ALL));
        assert!(!wanted(Some(&[CodeActionKind::new("source.fix")]), FIX_ALL));
        assert!(wanted(None, "quickfix"));
    }

    #[test]
    fn the_changed_stretch_is_minimal_and_on_boundaries() {
        let old = "{\"é\": \"30\", \"b\": 1}";
        let new = "{\"é\": 30, \"b\": 1}";
        let ix = LineIndex::new(old);
        let e = changed_stretch(old, new, &ix);
        let start = ix.offset(e.range.start);
        let end = ix.offset(e.range.end);
        let rebuilt = format!("{}{}{}", &old[..start], e.new_text, &old[end..]);
        assert_eq!(rebuilt, new);
        assert!(e.new_text.len() <= 3);
        // Characters sharing leading bytes are not split.
        let (old, new) = ("aé", "aè");
        let e = changed_stretch(old, new, &LineIndex::new(old));
        assert_eq!(e.new_text, "è");
    }
}
