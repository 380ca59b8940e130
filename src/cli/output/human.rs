//! `--format human`: `path:line:col: severity[CODE] message (name)`, a
//! masked source excerpt, related notes, and a summary line.

use std::io::Write;

use crate::Applicability;

use super::super::commands::{counts, file_counts, FileResult, Run};
use super::super::locate::Region;
use super::super::parallel;
use super::super::printable;
use super::plural;

fn location(file: &FileResult, r: &Region) -> String {
    format!(
        "{}:{}:{}",
        printable(&file.path),
        r.start.line,
        r.start.column
    )
}

/// Pieces of output per block rendered by one thread, and blocks per wave
/// (excerpts make human output the costliest to render): rendering on
/// every core and writing in order measured 125 -> 107 ms on 10,000 files
/// (BENCHMARKS.md).
const BLOCK: usize = 32;
const WAVE: usize = 16;
/// A file's findings are rendered this many at a time, so that a file with
/// a million of them is not held as one block of text.
const FINDINGS_PER_PIECE: usize = 256;

/// A piece of the output: some findings of one file.
struct Piece<'a> {
    file: &'a FileResult,
    from: usize,
    /// How many related places the findings before `from` have.
    related_from: usize,
}

pub fn write(run: &Run, out: &mut impl Write) -> std::io::Result<()> {
    let mut pieces = Vec::new();
    for file in &run.files {
        let mut related_from = 0;
        for (from, chunk) in file
            .findings
            .findings
            .chunks(FINDINGS_PER_PIECE)
            .enumerate()
        {
            pieces.push(Piece {
                file,
                from: from * FINDINGS_PER_PIECE,
                related_from,
            });
            related_from += chunk.iter().map(|f| f.related.len()).sum::<usize>();
        }
    }
    let render = |pieces: &[Piece], text: &mut Vec<u8>| {
        for p in pieces {
            findings_text(p, text);
        }
    };
    parallel::render_in_order(&pieces, BLOCK, WAVE, render, |text| out.write_all(text))?;
    out.write_all(summary(run).as_bytes())
}

/// The findings of a piece.
fn findings_text(piece: &Piece, out: &mut Vec<u8>) {
    let file = piece.file;
    let findings = file
        .findings
        .iter_from(piece.from, piece.related_from)
        .take(FINDINGS_PER_PIECE);
    for (f, region, related) in findings {
        let document = file
            .document
            .map_or_else(String::new, |n| format!(", document {n}"));
        let _ = writeln!(
            out,
            "{}: {}[{}] {} ({}{document}){}",
            location(file, &region),
            f.severity.as_str(),
            f.code(),
            printable(&f.message),
            f.name(),
            fix_marker(f)
        );
        if !file.text.is_empty() && f.span.is_some() {
            let r = &region;
            let excerpt = file.excerpts.excerpt(
                &file.text,
                r.start.line as usize,
                r.bytes.start,
                r.bytes.end,
            );
            out.extend_from_slice(excerpt.as_bytes());
            out.push(b'\n');
        }
        for (rel, region) in f.related.iter().zip(related) {
            let _ = writeln!(
                out,
                "  = note: {}: {}",
                location(file, region),
                printable(&rel.message)
            );
        }
        out.push(b'\n');
    }
}

/// ` [*]` after a finding `--fix` resolves, ` [*unsafe]` after one that
/// `--unsafe-fixes` does.
fn fix_marker(f: &crate::Finding) -> &'static str {
    match f.fix.as_ref().map(|x| x.applicability) {
        Some(Applicability::Safe) => " [*]",
        Some(Applicability::Unsafe) => " [*unsafe]",
        None => "",
    }
}

/// How many findings `--fix` would resolve, and how many more
/// `--unsafe-fixes` would.
fn fixable(run: &Run) -> (usize, usize) {
    let all = run.files.iter().flat_map(|f| &f.findings.findings);
    let count = |a: Applicability| {
        all.clone()
            .filter(|f| f.fix.as_ref().is_some_and(|x| x.applicability == a))
            .count()
    };
    (count(Applicability::Safe), count(Applicability::Unsafe))
}

/// The last lines of human output: the tally, and what fixes could do.
fn summary(run: &Run) -> String {
    let mut out = tally(run);
    let (safe, unsafe_) = fixable(run);
    match (safe, unsafe_) {
        (0, 0) => {}
        (0, u) => out.push_str(&format!(
            "[*unsafe] {u} fixable with `--fix --unsafe-fixes` (review them: they change what the payload says).\n"
        )),
        (s, 0) => out.push_str(&format!("[*] {s} fixable with `--fix`.\n")),
        (s, u) => out.push_str(&format!(
            "[*] {s} fixable with `--fix` ({u} more with `--unsafe-fixes`).\n"
        )),
    }
    out
}

/// The tally line.
fn tally(run: &Run) -> String {
    let (errors, warnings) = counts(run);
    let (files, documents) = file_counts(run);
    let mut checked = plural(files, "file");
    if documents > 0 {
        checked = format!(
            "{checked} ({} in YAML streams)",
            plural(documents, "document")
        );
    }
    let result = if errors + warnings == 0 && !run.problems.is_empty() {
        // Not "no problems found": some paths were not checked at all.
        match files {
            0 => String::new(),
            1 => ": no problems in it".to_string(),
            _ => ": no problems in them".to_string(),
        }
    } else if errors + warnings == 0 {
        ": no problems found".to_string()
    } else {
        let mut with: Vec<(&str, bool)> = run
            .files
            .iter()
            .filter(|f| !f.findings.is_empty())
            .map(|f| (f.path.as_str(), f.document.is_some()))
            .collect();
        with.dedup_by(|a, b| a.1 && b.1 && a.0 == b.0);
        let with = with.len();
        format!(
            ": {} and {} in {}",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(with, "file")
        )
    };
    let unchecked = if run.problems.is_empty() {
        String::new()
    } else {
        format!(
            "; {} could not be checked (see the errors above)",
            plural(run.problems.len(), "path")
        )
    };
    format!("Checked {checked}{result}{unchecked}.\n")
}
