//! `--format json`: one document with every file and finding, laid out
//! exactly as serde_json's pretty printer lays out the model in the tests
//! below. The files' entries are written by hand (fixed keys as literals,
//! strings escaped after one scan): 10,000 files make megabytes of report,
//! and printing it through serde, every key escaped, took a third of a
//! run's user time.

use serde::Serialize;

use crate::check::{counts, FileProblem, FileResult, Run};
use crate::diag::Diagnostic;
use crate::nested_pretty;
use crate::parallel;

#[derive(Serialize)]
struct JsonTool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    failed: bool,
}

/// The document around the files' entries (`files` is empty when it is
/// printed as the skeleton the entries are spliced into).
#[derive(Serialize)]
struct JsonReport<F> {
    version: u32,
    tool: JsonTool,
    files: F,
    summary: JsonSummary,
}

/// Files per block of the report rendered by one thread.
const BLOCK: usize = 64;
/// Blocks rendered at once, then written.
const WAVE: usize = 16;

pub fn json_report(run: &Run, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let (errors, warnings) = counts(run);
    let skeleton = serde_json::to_string_pretty(&JsonReport {
        version: 1,
        tool: JsonTool {
            name: "mfalint",
            version: env!("CARGO_PKG_VERSION"),
        },
        files: [(); 0],
        summary: JsonSummary {
            files: run.files.len(),
            errors,
            warnings,
            failed: run.files.iter().any(|f| f.fails) || !run.problems.is_empty(),
        },
    })
    .expect("JSON values serialize");
    // Nothing else in the skeleton can read `"files": []`: the rest is the
    // tool's name and version and numbers.
    let (head, tail) = skeleton
        .split_once(r#""files": []"#)
        .expect("the skeleton has the files array");
    out.write_all(head.as_bytes())?;
    out.write_all(br#""files": ["#)?;
    let mut empty = true;
    let mut write = |text: &[u8]| {
        out.write_all(if empty { b"\n" } else { b",\n" })?;
        empty = false;
        out.write_all(text)
    };
    let render = |files: &[FileResult], text: &mut Vec<u8>| {
        for f in files {
            separate(text);
            checked(text, f);
        }
    };
    parallel::render_in_order(&run.files, BLOCK, WAVE, render, &mut write)?;
    let mut failures = Vec::new();
    for p in &run.problems {
        separate(&mut failures);
        failed(&mut failures, p);
    }
    if !failures.is_empty() {
        write(&failures)?;
    }
    out.write_all(if empty { b"]" } else { b"\n  ]" })?;
    out.write_all(tail.as_bytes())?;
    out.write_all(b"\n")
}

/// Starts an entry of the `files` array (two levels deep) in a block.
fn separate(out: &mut Vec<u8>) {
    out.extend_from_slice(if out.is_empty() { b"    " } else { b",\n    " });
}

fn checked(out: &mut Vec<u8>, f: &FileResult) {
    out.extend_from_slice(b"{\n      \"path\": ");
    string(out, &f.path);
    out.extend_from_slice(b",\n      \"kind\": ");
    match f.kind {
        Some(k) => string(out, k.id()),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\n      \"findings\": [");
    for (i, d) in f.diagnostics.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        finding(out, d);
    }
    if !f.diagnostics.is_empty() {
        out.extend_from_slice(b"\n      ");
    }
    out.extend_from_slice(b"]\n    }");
}

/// One finding, four levels deep.
fn finding(out: &mut Vec<u8>, d: &Diagnostic) {
    out.extend_from_slice(b"        {\n          \"code\": ");
    string(out, d.code);
    out.extend_from_slice(b",\n          \"rule\": ");
    string(out, d.rule);
    out.extend_from_slice(b",\n          \"severity\": ");
    string(out, d.severity.as_str());
    out.extend_from_slice(b",\n          \"message\": ");
    string(out, &d.message);
    out.extend_from_slice(b",\n          \"pointer\": ");
    match &d.pointer {
        Some(p) => string(out, p),
        None => out.extend_from_slice(b"null"),
    }
    let r = &d.region;
    number(out, b",\n          \"line\": ", r.start.line);
    number(out, b",\n          \"column\": ", r.start.column);
    number(out, b",\n          \"end_line\": ", r.end.line);
    number(out, b",\n          \"end_column\": ", r.end.column);
    if let Some(c) = &d.constraint {
        // Many shapes, one per finding at most: serde's own layout.
        out.extend_from_slice(b",\n          \"constraint\": ");
        nested_pretty::write(out, c, 5);
    }
    if !d.related.is_empty() {
        out.extend_from_slice(b",\n          \"related\": [");
        for (i, rel) in d.related.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            number(
                out,
                b"            {\n              \"line\": ",
                rel.region.start.line,
            );
            number(
                out,
                b",\n              \"column\": ",
                rel.region.start.column,
            );
            out.extend_from_slice(b",\n              \"message\": ");
            string(out, &rel.message);
            out.extend_from_slice(b"\n            }");
        }
        out.extend_from_slice(b"\n          ]");
    }
    out.extend_from_slice(b"\n        }");
}

fn failed(out: &mut Vec<u8>, p: &FileProblem) {
    out.extend_from_slice(b"{\n      \"path\": ");
    if p.path.is_empty() {
        out.extend_from_slice(b"null");
    } else {
        string(out, &p.path);
    }
    out.extend_from_slice(b",\n      \"error\": ");
    string(out, &p.message);
    out.extend_from_slice(b"\n    }");
}

fn number(out: &mut Vec<u8>, key: &[u8], n: usize) {
    out.extend_from_slice(key);
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A JSON string escaped as serde_json escapes it: `"` and `\`, the short
/// forms `\b \f \n \r \t`, other control characters as `\u00xx`.
fn string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]),
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use mfalint::json::Span;
    use mfalint::{Constraint, Severity};
    use proptest::prelude::*;

    use super::*;
    use crate::diag::{Pos, Region, Related};
    use crate::excerpt::Secrets;

    // The layout's definition: serde's pretty printing of this model.
    #[derive(Serialize)]
    struct JsonRelated<'a> {
        line: usize,
        column: usize,
        message: &'a str,
    }

    #[derive(Serialize)]
    struct JsonFinding<'a> {
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
        related: Vec<JsonRelated<'a>>,
    }

    #[derive(Serialize)]
    #[serde(untagged)]
    enum JsonFile<'a> {
        Checked {
            path: &'a str,
            kind: Option<&'static str>,
            findings: Vec<JsonFinding<'a>>,
        },
        Failed {
            path: Option<&'a str>,
            error: &'a str,
        },
    }

    fn json_finding(d: &Diagnostic) -> JsonFinding<'_> {
        JsonFinding {
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
                .map(|r| JsonRelated {
                    line: r.region.start.line,
                    column: r.region.start.column,
                    message: &r.message,
                })
                .collect(),
        }
    }

    fn json_file(f: &FileResult) -> JsonFile<'_> {
        JsonFile::Checked {
            path: &f.path,
            kind: f.kind.map(|k| k.id()),
            findings: f.diagnostics.iter().map(json_finding).collect(),
        }
    }

    fn diagnostic(i: usize) -> Diagnostic {
        let region = Region {
            start: Pos { line: i, column: 2 },
            end: Pos { line: i, column: 9 },
            bytes: Span::default(),
        };
        Diagnostic {
            code: "MFA040",
            rule: "min-length",
            severity: if i % 2 == 0 {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: format!("message {i} with \"quotes\", a \\, a \n newline, \u{1} and é"),
            pointer: (i % 3 != 0).then(|| format!("/a/{i}")),
            constraint: match i % 5 {
                0 => None,
                1 => Some(Constraint::MinLength(8)),
                2 => Some(Constraint::Range {
                    minimum: 5,
                    maximum: 600,
                }),
                3 => Some(Constraint::Enum(&["okta", "duo"])),
                _ => Some(Constraint::Required(true)),
            },
            region,
            related: (0..i % 3)
                .map(|j| Related {
                    region,
                    message: format!("related {j}"),
                })
                .collect(),
        }
    }

    fn run(files: usize, problems: usize) -> Run {
        Run {
            files: (0..files)
                .map(|i| FileResult {
                    path: format!("dir/{i}.json"),
                    kind: (i % 4 != 0).then_some(mfalint::Kind::ScmMfaServer),
                    text: String::new(),
                    secrets: Secrets::default(),
                    diagnostics: (0..i % 6).map(diagnostic).collect(),
                    fails: i % 5 == 0,
                })
                .collect(),
            problems: (0..problems)
                .map(|i| FileProblem {
                    path: if i == 0 {
                        String::new()
                    } else {
                        format!("gone/{i}.json")
                    },
                    message: format!("problem {i}"),
                })
                .collect(),
        }
    }

    /// The report assembled from entries rendered on several threads, in
    /// waves (2,100 files make three), is byte for byte what serde_json
    /// prints for the whole document.
    #[test]
    fn json_report_is_serde_jsons_pretty_layout() {
        for (files, problems) in [
            (0, 0),
            (1, 0),
            (0, 2),
            (3, 1),
            (300, 0),
            (257, 3),
            (2100, 2),
        ] {
            let run = run(files, problems);
            let mut ours = Vec::new();
            json_report(&run, &mut ours).unwrap();
            let (errors, warnings) = counts(&run);
            let mut all: Vec<JsonFile> = run.files.iter().map(json_file).collect();
            all.extend(run.problems.iter().map(|p| JsonFile::Failed {
                path: (!p.path.is_empty()).then_some(p.path.as_str()),
                error: &p.message,
            }));
            let mut whole = Vec::new();
            serde_json::to_writer_pretty(
                &mut whole,
                &JsonReport {
                    version: 1,
                    tool: JsonTool {
                        name: "mfalint",
                        version: env!("CARGO_PKG_VERSION"),
                    },
                    files: all,
                    summary: JsonSummary {
                        files: run.files.len(),
                        errors,
                        warnings,
                        failed: run.files.iter().any(|f| f.fails) || !run.problems.is_empty(),
                    },
                },
            )
            .unwrap();
            whole.push(b'\n');
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{files} files, {problems} problems"
            );
        }
    }

    proptest! {
        /// Strings are escaped byte for byte as serde_json escapes them.
        #[test]
        fn strings_escape_as_serde_json_does(s in "(?s).{0,40}", controls in proptest::collection::vec(0u8..0x20, 0..4)) {
            let s = s + &String::from_utf8(controls).unwrap();
            let mut ours = Vec::new();
            string(&mut ours, &s);
            prop_assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }
}
