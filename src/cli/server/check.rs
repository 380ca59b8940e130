//! One document checked for the editor: which files are linted, with what
//! settings, and the findings as LSP diagnostics.

use std::path::Path;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range, Url,
};

use crate::cli::args::{CheckArgs, Format, LimitArgs};
use crate::cli::config::{self, ConfigError, Effective, Resolver};
use crate::generate::rule_url;
use crate::{Checked, CheckedDocument, Finding, Severity, Syntax};

use super::position::LineIndex;

/// The syntax a document is linted as, or `None` when it is not linted:
/// the client's language id decides (`json`, `yaml`); a client that sends
/// none is judged by the file's extension (`.json`, `.yaml`, `.yml`).
/// Anything else (`jsonc`, `plaintext`, ...) gets no diagnostics.
pub fn linted_syntax(language_id: &str, uri: &Url) -> Option<Syntax> {
    match language_id {
        "json" => Some(Syntax::Json),
        "yaml" => Some(Syntax::Yaml),
        "" => {
            let path = Path::new(uri.path());
            let ext = path.extension()?.to_str()?.to_ascii_lowercase();
            match ext.as_str() {
                "json" => Some(Syntax::Json),
                "yaml" | "yml" => Some(Syntax::Yaml),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The command line's defaults: what the server starts from before a
/// configuration file is applied.
fn default_args() -> CheckArgs {
    CheckArgs {
        paths: Vec::new(),
        no_ignore: false,
        kind: None,
        mode: None,
        // No excerpts: nothing needs the secrets located for masking.
        format: Format::Json,
        fail_on: None,
        select: None,
        extend_select: Vec::new(),
        ignore: Vec::new(),
        severity: Vec::new(),
        config: None,
        no_config: false,
        stdin_filename: None,
        placeholders: None,
        fix: false,
        unsafe_fixes: false,
        diff: false,
        break_hard_links: false,
        limits: LimitArgs {
            max_bytes: None,
            max_depth: None,
        },
    }
}

/// The settings of a document: for a `file:` URI the configuration the
/// command line would find for that file (`mfalint.toml` or
/// `pyproject.toml` upward from its directory), discovered afresh at each
/// check so that an edited configuration applies at once; defaults for
/// any other URI (`untitled:`, ...).
pub fn settings(uri: &Url) -> Result<Effective, ConfigError> {
    let args = default_args();
    match file_dir(uri) {
        Some(dir) => Resolver::new(&args).for_dir(&dir).map(|e| (*e).clone()),
        None => config::effective(&args, None),
    }
}

/// The directory of a `file:` URI's file.
fn file_dir(uri: &Url) -> Option<std::path::PathBuf> {
    if uri.scheme() != "file" {
        return None;
    }
    let path = uri.to_file_path().ok()?;
    Some(path.parent()?.to_path_buf())
}

/// Whether a checked document is a payload ([`Checked::is_payload`]).
pub fn is_payload(checked: &Checked) -> bool {
    checked.is_payload()
}

/// What a check of a document's text shows.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The findings shown, with their fixes (for code actions).
    pub findings: Vec<Finding>,
    /// Whether the text holds a payload: `None` when no document of it
    /// parsed (then the previous answer is kept).
    pub payload: Option<bool>,
}

/// Chooses the findings to show from a file's checked documents. A
/// document that is not a payload shows nothing, so the server is safe to
/// enable on a whole repository. A document that does not parse shows its
/// one parse error, unless the file was last seen holding no payload (a
/// half-typed `package.json` stays quiet) and no kind is configured.
pub fn outcome(docs: Vec<CheckedDocument>, kind_configured: bool, was: Option<bool>) -> Outcome {
    let parsed: Vec<bool> = docs
        .iter()
        .filter(|d| d.parsed)
        .map(|d| is_payload(&d.checked))
        .collect();
    let payload = if parsed.is_empty() {
        None
    } else {
        Some(parsed.iter().any(|p| *p))
    };
    let quiet_parse_errors = !kind_configured && payload.or(was) == Some(false);
    let findings = docs
        .into_iter()
        .filter(|d| {
            if d.parsed {
                is_payload(&d.checked)
            } else {
                !quiet_parse_errors
            }
        })
        .flat_map(|d| d.checked.findings)
        .collect();
    Outcome { findings, payload }
}

/// A finding as an LSP diagnostic, located in `ix`'s text.
pub fn diagnostic(f: &Finding, ix: &LineIndex, uri: &Url) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: ix.range(r.span),
            },
            message: r.message.clone(),
        })
        .collect();
    Diagnostic {
        range: f.span.map_or_else(Range::default, |s| ix.range(s)),
        severity: Some(match f.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(f.code().to_string())),
        code_description: Url::parse(&rule_url(f.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("mfalint".to_string()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The diagnostic of a configuration that cannot be read: at the start of
/// the document, naming the configuration file and the problem.
pub fn config_diagnostic(e: &ConfigError) -> Diagnostic {
    Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("mfalint".to_string()),
        message: format!("mfalint configuration: {e}; this file was not checked"),
        ..Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check_file, Options};

    fn shown(text: &str, kind_configured: bool, was: Option<bool>) -> Outcome {
        let kind = kind_configured.then_some(crate::Kind::SailpointTestResult);
        let docs = check_file(text.as_bytes(), Syntax::Json, kind, &Options::default());
        outcome(docs, kind_configured, was)
    }

    #[test]
    fn a_file_that_is_not_a_payload_shows_nothing() {
        let o = shown(r#"{"name": "my-package", "version": "1.0.0"}"#, false, None);
        assert!(o.findings.is_empty());
        assert_eq!(o.payload, Some(false));
        // Half-typed after that: still nothing.
        let o = shown(r#"{"name": "my-package", "#, false, Some(false));
        assert!(o.findings.is_empty());
        assert_eq!(o.payload, None);
        // Lists of things that are not payloads.
        for text in [r#"[1, 2]"#, r#"[{"a": 1}]"#, r#"{"data": [{"a": 1}]}"#] {
            let o = shown(text, false, None);
            assert!(o.findings.is_empty(), "{text}");
            assert_eq!(o.payload, Some(false));
        }
        // A list with one payload in it is a payload: all its findings.
        let o = shown(r#"[{"state": "SUCCEEDED"}, {"a": 1}]"#, false, None);
        let codes: Vec<&str> = o.findings.iter().map(|f| f.code()).collect();
        assert_eq!(codes, ["MFA070", "MFA009"]);
    }

    #[test]
    fn a_configured_kind_makes_every_file_a_payload() {
        let o = shown(r#"{"name": "my-package"}"#, true, None);
        assert!(!o.findings.is_empty());
        assert_eq!(o.payload, Some(true));
        let o = shown(r#"{"state": "#, true, Some(false));
        assert_eq!(o.findings.len(), 1);
        assert_eq!(o.findings[0].code(), "MFA000");
    }

    #[test]
    fn a_broken_payload_shows_one_parse_error() {
        let o = shown(r#"{"state": "SUCCESS", "#, false, Some(true));
        assert_eq!(o.findings.len(), 1);
        assert_eq!(o.findings[0].code(), "MFA000");
        // Not seen before: shown too.
        assert_eq!(shown("{", false, None).findings.len(), 1);
        let o = shown(r#"{"state": "SUCCEEDED"}"#, false, None);
        assert_eq!(o.payload, Some(true));
        assert_eq!(o.findings[0].code(), "MFA070");
    }

    #[test]
    fn only_json_and_yaml_are_linted() {
        let file = |p: &str| Url::parse(&format!("file:///w/{p}")).unwrap();
        assert_eq!(linted_syntax("json", &file("a.json")), Some(Syntax::Json));
        assert_eq!(linted_syntax("yaml", &file("a.yml")), Some(Syntax::Yaml));
        assert_eq!(linted_syntax("jsonc", &file("a.json")), None);
        assert_eq!(linted_syntax("toml", &file("a.toml")), None);
        assert_eq!(linted_syntax("", &file("a.YAML")), Some(Syntax::Yaml));
        assert_eq!(linted_syntax("", &file("a.txt")), None);
    }

    #[test]
    fn diagnostics_carry_code_link_and_utf16_range() {
        let text = "{\"é😀\": 1, \"state\": \"SUCCEEDED\"}";
        let docs = check_file(text.as_bytes(), Syntax::Json, None, &Options::default());
        let o = outcome(docs, false, None);
        let uri = Url::parse("untitled:Untitled-1").unwrap();
        let ix = LineIndex::new(text);
        let d: Vec<Diagnostic> = o
            .findings
            .iter()
            .map(|f| diagnostic(f, &ix, &uri))
            .collect();
        let state = d
            .iter()
            .find(|d| d.code == Some(NumberOrString::String("MFA070".into())))
            .unwrap();
        let col = text.find("\"SUCCEEDED").unwrap();
        let units = text[..col].encode_utf16().count() as u32;
        assert_eq!(state.range.start.character, units);
        assert!(state
            .code_description
            .as_ref()
            .unwrap()
            .href
            .as_str()
            .ends_with("#mfa070"));
        assert_eq!(state.source.as_deref(), Some("mfalint"));
    }

    #[test]
    fn a_duplicate_key_points_at_its_first_occurrence() {
        let text = "{\"state\": \"SUCCESS\", \"state\": \"SUCCESS\"}";
        let docs = check_file(text.as_bytes(), Syntax::Json, None, &Options::default());
        let o = outcome(docs, false, None);
        let uri = Url::parse("file:///w/a.json").unwrap();
        let ix = LineIndex::new(text);
        let dup = o
            .findings
            .iter()
            .map(|f| diagnostic(f, &ix, &uri))
            .find(|d| d.related_information.is_some())
            .expect("a related location");
        let first = &dup.related_information.unwrap()[0];
        assert_eq!(first.location.range.start.character, 1);
        assert_eq!(
            dup.range.start.character as usize,
            text.rfind("\"state\"").unwrap()
        );
    }
}
