//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning.

use std::fmt::Write as _;

use serde::Serialize;

use crate::Severity;

use super::super::commands::Run;
use super::super::locate::Region;
use crate::generate::rule_url;
use crate::{RuleId, Target};

fn pretty(out: &mut impl std::io::Write, v: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    out.write_all(b"\n")
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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

fn sarif_region(r: &Region) -> SarifRegion {
    let min_end = if r.end.line == r.start.line {
        r.start.column + 1
    } else {
        1
    };
    SarifRegion {
        start_line: r.start.line,
        start_column: r.start.column,
        end_line: r.end.line,
        end_column: r.end.column.max(min_end),
    }
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: SarifRegion,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    fully_qualified_name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation<'a> {
    id: usize,
    message: Text<'a>,
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
    /// The document of a YAML stream of several (from 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties>,
}

#[derive(Serialize)]
struct ResultProperties {
    document: usize,
}

#[derive(Serialize)]
struct RuleConfig {
    level: &'static str,
    enabled: bool,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: [&'static str; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text<'static>,
    full_description: Text<'static>,
    help_uri: String,
    help: OwnedText,
    default_configuration: RuleConfig,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: Tool,
    column_kind: &'static str,
    invocations: Vec<Invocation<'a>>,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun<'a>>,
}

/// `--format sarif`: SARIF 2.1.0, paths relative to `%SRCROOT%` (the
/// directory mfalint ran in), 1-based columns in code points.
pub fn write(run: &Run, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let rules_json = RuleId::ALL
        .into_iter()
        .map(|id| (id, id.meta()))
        .map(|(id, r)| ReportingDescriptor {
            id: r.code,
            name: r.name,
            short_description: Text { text: r.summary },
            full_description: Text { text: r.why },
            help_uri: rule_url(id),
            help: OwnedText {
                text: format!("{}\n\nSource: {}", r.why, r.source),
            },
            default_configuration: RuleConfig {
                level: sarif_level(r.severity),
                enabled: r.cli_default_enabled(),
            },
            properties: RuleProperties {
                tags: ["mfa", "config"],
            },
        })
        .collect();
    let mut results = Vec::new();
    for file in &run.files {
        let (uri, absolute) = uri_of(&file.path);
        let artifact = ArtifactLocation {
            uri,
            uri_base_id: (!absolute).then_some("%SRCROOT%"),
        };
        for (f, region, related) in file.findings.iter() {
            results.push(SarifResult {
                rule_id: f.code(),
                rule_index: f.rule.index(),
                level: sarif_level(f.severity),
                message: Text { text: &f.message },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: artifact.clone(),
                        region: sarif_region(&region),
                    },
                    logical_locations: (f.target != Target::Document)
                        .then(|| LogicalLocation {
                            fully_qualified_name: &f.pointer,
                            kind: "member",
                        })
                        .into_iter()
                        .collect(),
                }],
                related_locations: f
                    .related
                    .iter()
                    .zip(related)
                    .enumerate()
                    .map(|(i, (r, region))| RelatedLocation {
                        id: i,
                        message: Text { text: &r.message },
                        physical_location: PhysicalLocation {
                            artifact_location: artifact.clone(),
                            region: sarif_region(region),
                        },
                    })
                    .collect(),
                properties: file.document.map(|document| ResultProperties { document }),
            });
        }
    }
    let notifications = run
        .problems
        .iter()
        .map(|p| Notification {
            level: "error",
            message: Text { text: &p.message },
        })
        .collect();
    pretty(
        out,
        &SarifLog {
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            version: "2.1.0",
            runs: vec![SarifRun {
                tool: Tool {
                    driver: Driver {
                        name: "mfalint",
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        information_uri: "https://crates.io/crates/mfalint",
                        rules: rules_json,
                    },
                },
                column_kind: "unicodeCodePoints",
                invocations: vec![Invocation {
                    execution_successful: run.problems.is_empty(),
                    tool_execution_notifications: notifications,
                }],
                results,
            }],
        },
    )
}
