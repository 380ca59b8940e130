//! Output formats of `mfalint check`. None of them prints a secret: the
//! messages never hold one, and excerpts are masked.

use std::fmt::Write as _;
use std::io::Write as _;

use mfalint::Severity;
use serde_json::{json, Value};

use crate::check::{counts, FileResult, Run};
use crate::cli::Format;
use crate::diag::{Diagnostic, Region};
use crate::rules;

pub fn print(format: Format, run: &Run) {
    let out = match format {
        Format::Human => human(run),
        Format::Json => pretty(&json_report(run)),
        Format::Sarif => pretty(&sarif(run)),
        Format::Github => github(run),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON values serialize");
    s.push('\n');
    s
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn location(file: &FileResult, r: &Region) -> String {
    format!("{}:{}:{}", file.path, r.start.line, r.start.column)
}

pub fn human(run: &Run) -> String {
    let mut out = String::new();
    for file in &run.files {
        for d in &file.diagnostics {
            let _ = writeln!(
                out,
                "{}: {}[{}] {} ({})",
                location(file, &d.region),
                d.severity.as_str(),
                d.code,
                d.message,
                d.rule
            );
            if !file.text.is_empty() {
                let r = &d.region;
                out.push_str(&file.secrets.excerpt(
                    &file.text,
                    r.start.line,
                    r.bytes.start,
                    r.bytes.end,
                ));
                out.push('\n');
            }
            for rel in &d.related {
                let _ = writeln!(
                    out,
                    "  = note: {}: {}",
                    location(file, &rel.region),
                    rel.message
                );
            }
            out.push('\n');
        }
    }
    let (errors, warnings) = counts(run);
    let checked = plural(run.files.len(), "file");
    if errors + warnings == 0 {
        let _ = writeln!(out, "Checked {checked}: no problems found.");
    } else {
        let with = run
            .files
            .iter()
            .filter(|f| !f.diagnostics.is_empty())
            .count();
        let _ = writeln!(
            out,
            "Checked {checked}: {} and {} in {}.",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(with, "file")
        );
    }
    out
}

fn diagnostic_json(d: &Diagnostic) -> Value {
    let mut v = json!({
        "code": d.code,
        "rule": d.rule,
        "severity": d.severity,
        "message": d.message,
        "pointer": d.pointer,
        "line": d.region.start.line,
        "column": d.region.start.column,
        "end_line": d.region.end.line,
        "end_column": d.region.end.column,
    });
    if let Some(c) = &d.constraint {
        v["constraint"] = serde_json::to_value(c).expect("constraints serialize");
    }
    if !d.related.is_empty() {
        v["related"] = d
            .related
            .iter()
            .map(|r| {
                json!({
                    "line": r.region.start.line,
                    "column": r.region.start.column,
                    "message": r.message,
                })
            })
            .collect();
    }
    v
}

pub fn json_report(run: &Run) -> Value {
    let (errors, warnings) = counts(run);
    let mut files: Vec<Value> = run
        .files
        .iter()
        .map(|f| {
            json!({
                "path": f.path,
                "kind": f.kind.map(|k| k.id()),
                "findings": f.diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    files.extend(run.problems.iter().map(|p| {
        json!({
            "path": if p.path.is_empty() { Value::Null } else { json!(p.path) },
            "error": p.message,
        })
    }));
    json!({
        "version": 1,
        "tool": {"name": "mfalint", "version": env!("CARGO_PKG_VERSION")},
        "files": files,
        "summary": {
            "files": run.files.len(),
            "errors": errors,
            "warnings": warnings,
            "failed": run.files.iter().any(|f| f.fails) || !run.problems.is_empty(),
        },
    })
}

/// GitHub workflow-command escaping of a message.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub workflow-command escaping of a property value.
fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn github(run: &Run) -> String {
    let mut out = String::new();
    for file in &run.files {
        for d in &file.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let r = &d.region;
            let mut props = format!(
                "file={},line={},col={}",
                gh_prop(&file.path),
                r.start.line,
                r.start.column
            );
            if r.end.line == r.start.line && r.end.column > r.start.column {
                let _ = write!(props, ",endColumn={}", r.end.column);
            }
            let _ = writeln!(
                out,
                "::{level} {props},title={}::{}",
                gh_prop(&format!("{} {}", d.code, d.rule)),
                gh_data(&d.message)
            );
        }
    }
    for p in &run.problems {
        let _ = writeln!(out, "::error title=mfalint::{}", gh_data(&p.message));
    }
    out
}

/// A relative path as a URI reference (percent-encoding what needs it).
fn uri_of(path: &str) -> (String, bool) {
    let mut out = String::new();
    let absolute = path.starts_with('/');
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    if absolute {
        (format!("file://{out}"), true)
    } else {
        let trimmed = out.trim_start_matches("./").to_string();
        (trimmed, false)
    }
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn sarif_region(r: &Region) -> Value {
    json!({
        "startLine": r.start.line,
        "startColumn": r.start.column,
        "endLine": r.end.line,
        "endColumn": r.end.column.max(if r.end.line == r.start.line { r.start.column + 1 } else { 1 }),
    })
}

pub fn sarif(run: &Run) -> Value {
    let all = rules::all();
    let rules_json: Vec<Value> = all
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.doc},
                "helpUri": rules::help_uri(r),
                "help": {"text": format!("{}\n\nSource: {}", r.doc, r.source)},
                "defaultConfiguration": {
                    "level": sarif_level(r.severity),
                    "enabled": rules::cli_default_enabled(r),
                },
                "properties": {"tags": ["mfa", "config"]},
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in &run.files {
        let (uri, absolute) = uri_of(&file.path);
        let mut artifact = json!({"uri": uri});
        if !absolute {
            artifact["uriBaseId"] = json!("%SRCROOT%");
        }
        for d in &file.diagnostics {
            let rule_index = all.iter().position(|r| r.code == d.code);
            let mut result = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": sarif_region(&d.region),
                    },
                }],
            });
            if let Some(i) = rule_index {
                result["ruleIndex"] = json!(i);
            }
            if let Some(p) = &d.pointer {
                result["locations"][0]["logicalLocations"] = json!([{
                    "fullyQualifiedName": p,
                    "kind": "member",
                }]);
            }
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        json!({
                            "id": i,
                            "message": {"text": r.message},
                            "physicalLocation": {
                                "artifactLocation": artifact,
                                "region": sarif_region(&r.region),
                            },
                        })
                    })
                    .collect();
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = run
        .problems
        .iter()
        .map(|p| json!({"level": "error", "message": {"text": p.message}}))
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mfalint",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/mfalint",
                "rules": rules_json,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": run.problems.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    })
}
