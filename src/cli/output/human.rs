//! `--format human`: `path:line:col: severity[CODE] message (name)`, a
//! masked source excerpt, related notes, and a summary line.

use std::io::Write;

use super::super::commands::{counts, FileResult, Run};
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

/// Files per block rendered by one thread, and blocks per wave (excerpts
/// make human output the costliest to render).
const BLOCK: usize = 32;
const WAVE: usize = 16;

pub fn write(run: &Run, out: &mut impl Write) -> std::io::Result<()> {
    let render = |files: &[FileResult], text: &mut Vec<u8>| {
        for file in files {
            file_text(file, text);
        }
    };
    parallel::render_in_order(&run.files, BLOCK, WAVE, render, |text| out.write_all(text))?;
    out.write_all(summary(run).as_bytes())
}

fn file_text(file: &FileResult, out: &mut Vec<u8>) {
    for d in &file.diagnostics {
        let _ = writeln!(
            out,
            "{}: {}[{}] {} ({})",
            location(file, &d.region),
            d.severity.as_str(),
            d.code,
            printable(&d.message),
            d.rule
        );
        if !file.text.is_empty() {
            let r = &d.region;
            let excerpt =
                file.excerpts
                    .excerpt(&file.text, r.start.line, r.bytes.start, r.bytes.end);
            out.extend_from_slice(excerpt.as_bytes());
            out.push(b'\n');
        }
        for rel in &d.related {
            let _ = writeln!(
                out,
                "  = note: {}: {}",
                location(file, &rel.region),
                printable(&rel.message)
            );
        }
        out.push(b'\n');
    }
}

/// The last line of human output.
fn summary(run: &Run) -> String {
    let (errors, warnings) = counts(run);
    let checked = plural(run.files.len(), "file");
    let result = if errors + warnings == 0 {
        "no problems found".to_string()
    } else {
        let with = run
            .files
            .iter()
            .filter(|f| !f.diagnostics.is_empty())
            .count();
        format!(
            "{} and {} in {}",
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
    format!("Checked {checked}: {result}{unchecked}.\n")
}
