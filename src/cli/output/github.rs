//! `--format github`: GitHub Actions workflow commands (`::error file=...`).

use std::fmt::Write as _;

use crate::Severity;

use super::super::commands::Run;
use super::super::printable;

/// GitHub workflow-command escaping of a message.
fn gh_data(s: &str) -> String {
    printable(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub workflow-command escaping of a property value.
fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(run: &Run, out: &mut impl std::io::Write) -> std::io::Result<()> {
    out.write_all(text(run).as_bytes())
}

fn text(run: &Run) -> String {
    let mut out = String::new();
    for file in &run.files {
        for (d, r, _) in file.findings.iter() {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut props = format!(
                "file={},line={},col={}",
                gh_prop(&file.path),
                r.start.line,
                r.start.column
            );
            if r.end.line == r.start.line && r.end.column > r.start.column {
                let _ = write!(props, ",endColumn={}", r.end.column);
            }
            let document = file
                .document
                .map_or_else(String::new, |n| format!(" (document {n})"));
            let _ = writeln!(
                out,
                "::{level} {props},title={}::{}",
                gh_prop(&format!("{} {}{document}", d.code(), d.name())),
                gh_data(&d.message)
            );
        }
    }
    for p in &run.problems {
        let _ = writeln!(out, "::error title=mfalint::{}", gh_data(&p.message));
    }
    out
}
