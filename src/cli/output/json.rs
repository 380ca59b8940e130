//! `--format json`: one document with every file, finding and problem,
//! serialized by serde straight from the run (no copy of the findings).

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::{Finding, Target};

use super::super::commands::{counts, file_counts, FileProblem, FileResult, Run};
use super::super::locate::Region;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    files: Files<'a>,
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
    /// Documents of YAML streams of several, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    documents: Option<usize>,
    errors: usize,
    warnings: usize,
    failed: bool,
}

/// The checked files, then the paths that could not be checked.
struct Files<'a>(&'a Run);

impl Serialize for Files<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let run = self.0;
        let mut seq = s.serialize_seq(Some(run.files.len() + run.problems.len()))?;
        for f in &run.files {
            seq.serialize_element(&Checked(f))?;
        }
        for p in &run.problems {
            seq.serialize_element(&Failed(p))?;
        }
        seq.end()
    }
}

/// `{"path", "document"?, "kind", "items"?, "placeholders", "fixed"?,
/// "findings"}`: `document` numbers the documents of a YAML stream that
/// holds several; `items` gives each item's kind when the file is a list
/// of payloads; `fixed` counts what `--fix` resolved.
struct Checked<'a>(&'a FileResult);

impl Serialize for Checked<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("path", &f.path)?;
        // Only in a file of several documents (a YAML stream), from 1.
        if let Some(d) = f.document {
            map.serialize_entry("document", &d)?;
        }
        map.serialize_entry("kind", &f.kind.map(|k| k.id()))?;
        if let Some(c) = &f.collection {
            map.serialize_entry(
                "collection",
                &Collection {
                    response: c.response,
                    items: c.kinds.iter().map(|k| k.map(|k| k.id())).collect(),
                },
            )?;
        }
        let placeholders: Vec<PlaceholderAt> = f
            .placeholders
            .iter()
            .map(|(p, r)| PlaceholderAt {
                pointer: &p.pointer,
                syntax: p.syntax,
                line: r.start.line,
                column: r.start.column,
            })
            .collect();
        map.serialize_entry("placeholders", &placeholders)?;
        if f.fixed > 0 {
            map.serialize_entry("fixed", &f.fixed)?;
        }
        map.serialize_entry("findings", &Findings(f))?;
        map.end()
    }
}

/// A list of payloads: read as a GET response (export mode) or not, and
/// each item's kind (`null` where none could be told).
#[derive(Serialize)]
struct Collection {
    response: bool,
    items: Vec<Option<&'static str>>,
}

/// A template placeholder where a value goes: its value was not judged.
#[derive(Serialize)]
struct PlaceholderAt<'a> {
    pointer: &'a str,
    syntax: crate::placeholder::Syntax,
    line: u32,
    column: u32,
}

struct Findings<'a>(&'a FileResult);

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let placed = &self.0.findings;
        let mut seq = s.serialize_seq(Some(placed.findings.len()))?;
        for (f, region, related) in placed.iter() {
            seq.serialize_element(&Located { f, region, related })?;
        }
        seq.end()
    }
}

/// A finding with its place: `{"code", "rule", "severity", "message",
/// "pointer", "line", "column", "end_line", "end_column", "constraint"?,
/// "fix"?, "related"?}`.
struct Located<'a> {
    f: &'a Finding,
    region: Region,
    related: &'a [Region],
}

impl Serialize for Located<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (f, r) = (self.f, &self.region);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("code", f.code())?;
        map.serialize_entry("rule", f.name())?;
        map.serialize_entry("severity", &f.severity)?;
        map.serialize_entry("message", &f.message)?;
        let pointer = (f.target != Target::Document).then_some(f.pointer.as_str());
        map.serialize_entry("pointer", &pointer)?;
        map.serialize_entry("line", &r.start.line)?;
        map.serialize_entry("column", &r.start.column)?;
        map.serialize_entry("end_line", &r.end.line)?;
        map.serialize_entry("end_column", &r.end.column)?;
        if let Some(c) = &f.constraint {
            map.serialize_entry("constraint", c)?;
        }
        if let Some(fix) = &f.fix {
            map.serialize_entry(
                "fix",
                &FixInfo {
                    applicability: fix.applicability,
                    title: &fix.title,
                },
            )?;
        }
        if !f.related.is_empty() {
            let related: Vec<Related> = f
                .related
                .iter()
                .zip(self.related)
                .map(|(rel, region)| Related {
                    line: region.start.line,
                    column: region.start.column,
                    message: &rel.message,
                })
                .collect();
            map.serialize_entry("related", &related)?;
        }
        map.end()
    }
}

/// What `--fix` (safe) or `--unsafe-fixes` would do about a finding.
#[derive(Serialize)]
struct FixInfo<'a> {
    applicability: crate::Applicability,
    title: &'a str,
}

#[derive(Serialize)]
struct Related<'a> {
    line: u32,
    column: u32,
    message: &'a str,
}

/// `{"path", "error"}`: a path that could not be checked.
struct Failed<'a>(&'a FileProblem);

impl Serialize for Failed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("path", &(!p.path.is_empty()).then_some(p.path.as_str()))?;
        map.serialize_entry("error", &p.message)?;
        map.end()
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
        files: Files(run),
        summary: Summary {
            files: file_counts(run).0,
            documents: Some(file_counts(run).1).filter(|&d| d > 0),
            errors,
            warnings,
            failed: run.files.iter().any(|f| f.fails) || !run.problems.is_empty(),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}
