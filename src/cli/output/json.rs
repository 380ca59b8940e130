//! `--format json`: one document with every file, finding and problem.

use serde::Serialize;

use crate::{Constraint, Severity};

use super::super::commands::{counts, FileProblem, FileResult, Run};
use super::super::locate::Diagnostic;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    files: Vec<File<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    failed: bool,
}

#[derive(Serialize)]
#[serde(untagged)]
enum File<'a> {
    Checked {
        path: &'a str,
        kind: Option<&'static str>,
        findings: Vec<Finding<'a>>,
    },
    Failed {
        path: Option<&'a str>,
        error: &'a str,
    },
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'static str,
    rule: &'static str,
    severity: Severity,
    message: &'a str,
    pointer: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraint: Option<&'a Constraint>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    line: usize,
    column: usize,
    message: &'a str,
}

fn finding(d: &Diagnostic) -> Finding<'_> {
    Finding {
        code: d.code,
        rule: d.rule,
        severity: d.severity,
        message: &d.message,
        pointer: d.pointer.as_deref(),
        line: d.region.start.line,
        column: d.region.start.column,
        end_line: d.region.end.line,
        end_column: d.region.end.column,
        constraint: d.constraint.as_ref(),
        related: d
            .related
            .iter()
            .map(|r| Related {
                line: r.region.start.line,
                column: r.region.start.column,
                message: &r.message,
            })
            .collect(),
    }
}

fn checked(f: &FileResult) -> File<'_> {
    File::Checked {
        path: &f.path,
        kind: f.kind.map(|k| k.id()),
        findings: f.diagnostics.iter().map(finding).collect(),
    }
}

fn failed(p: &FileProblem) -> File<'_> {
    File::Failed {
        path: (!p.path.is_empty()).then_some(p.path.as_str()),
        error: &p.message,
    }
}

pub fn write(run: &Run, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let (errors, warnings) = counts(run);
    let report = Report {
        version: 1,
        tool: Tool {
            name: "mfalint",
            version: env!("CARGO_PKG_VERSION"),
        },
        files: run
            .files
            .iter()
            .map(checked)
            .chain(run.problems.iter().map(failed))
            .collect(),
        summary: Summary {
            files: run.files.len(),
            errors,
            warnings,
            failed: run.files.iter().any(|f| f.fails) || !run.problems.is_empty(),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}
