//! Files as people keep them: a JSON document, or a YAML stream of one or
//! more documents; each checked on its own, with findings located in the
//! file's text and fixes computed. The command line and the language
//! server check files through here, so their verdicts are the same.

use crate::fix::Doc;
use crate::json::{self, Node, Span};
use crate::{rules, Checked, Error, Kind, Options, Severity};

/// How a file's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Syntax {
    #[default]
    Json,
    /// YAML 1.2, one or more documents (`yaml` feature; without it a YAML
    /// file is reported as not readable).
    Yaml,
}

impl Syntax {
    /// The syntax of a file name: `.yaml` and `.yml` are YAML, anything
    /// else JSON.
    pub fn of_path(path: &std::path::Path) -> Syntax {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml") => {
                Syntax::Yaml
            }
            _ => Syntax::Json,
        }
    }
}

/// A secret-bearing value of a document: never shown (excerpts mask it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Secret {
    pub span: Span,
    /// A string (shown as a masked string), or any other value.
    pub string: bool,
}

/// One document of a file, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedDocument {
    /// Its place in the file: 0 for a JSON file; the document's number in
    /// a YAML stream.
    pub index: usize,
    /// How many documents the file holds.
    pub of: usize,
    pub checked: Checked,
    /// The secret-bearing values, in document order (empty when the
    /// document did not parse: then everything is masked).
    pub secrets: Vec<Secret>,
    /// Whether the document parsed.
    pub parsed: bool,
}

/// Checks every document of a file's bytes. A file that is not UTF-8 or
/// does not parse is one document with one `MFA000` finding.
pub fn check_file(
    bytes: &[u8],
    syntax: Syntax,
    kind: Option<Kind>,
    opts: &Options,
) -> Vec<CheckedDocument> {
    let text = match crate::decode(bytes, opts) {
        Ok(text) => text,
        Err(_) => {
            let mut checked = crate::check_bytes(bytes, kind, opts);
            if syntax == Syntax::Yaml {
                for f in &mut checked.findings {
                    f.message = f.message.replace("encoded JSON text", "encoded YAML text");
                }
            }
            return vec![failed(checked)];
        }
    };
    match syntax {
        Syntax::Json => vec![check_json(text, kind, opts)],
        Syntax::Yaml => check_yaml(text, kind, opts),
    }
}

fn failed(checked: Checked) -> CheckedDocument {
    CheckedDocument {
        index: 0,
        of: 1,
        checked,
        secrets: Vec::new(),
        parsed: false,
    }
}

fn check_json(text: &str, kind: Option<Kind>, opts: &Options) -> CheckedDocument {
    let doc = match json::parse_document(text, &opts.limits) {
        Ok(doc) => doc,
        Err(e) => {
            let finding = rules::parse_error::finding(text, &Error::parse(text, e))
                .expect("a parse error is a parse error");
            return failed(Checked::failed(finding));
        }
    };
    let errors = |text: &str| match json::parse_document(text, &opts.limits) {
        Ok(doc) => error_count(&crate::check_parsed(
            &doc.root,
            kind,
            opts,
            doc.duplicate_keys,
        )),
        Err(_) => usize::MAX,
    };
    document(
        text,
        Syntax::Json,
        &doc.root,
        doc.duplicate_keys,
        kind,
        opts,
        &errors,
        0,
        1,
    )
}

#[cfg(feature = "yaml")]
fn check_yaml(text: &str, kind: Option<Kind>, opts: &Options) -> Vec<CheckedDocument> {
    crate::yaml::check(text, kind, opts)
}

#[cfg(not(feature = "yaml"))]
fn check_yaml(_text: &str, _kind: Option<Kind>, _opts: &Options) -> Vec<CheckedDocument> {
    vec![failed(Checked::failed(rules::parse_error::not_built(
        "YAML",
    )))]
}

/// Checks one parsed document and gives its findings their fixes.
#[allow(clippy::too_many_arguments)]
pub(crate) fn document(
    text: &str,
    syntax: Syntax,
    root: &Node,
    duplicate_keys: bool,
    kind: Option<Kind>,
    opts: &Options,
    errors: &dyn Fn(&str) -> usize,
    index: usize,
    of: usize,
) -> CheckedDocument {
    let mut checked = crate::check_parsed(root, kind, opts, duplicate_keys);
    crate::attach_fixes(&Doc { text, syntax, root }, &mut checked, errors);
    let secrets = crate::secret_values(root)
        .into_iter()
        .map(|n| Secret {
            span: n.span,
            string: matches!(n.value, json::Value::String(_)),
        })
        .collect();
    CheckedDocument {
        index,
        of,
        checked,
        secrets,
        parsed: true,
    }
}

/// The errors among a check's findings.
pub(crate) fn error_count(checked: &Checked) -> usize {
    checked
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_extension_names_the_syntax() {
        assert_eq!(Syntax::of_path(Path::new("a/b.yaml")), Syntax::Yaml);
        assert_eq!(Syntax::of_path(Path::new("b.YML")), Syntax::Yaml);
        assert_eq!(Syntax::of_path(Path::new("b.json")), Syntax::Json);
        assert_eq!(Syntax::of_path(Path::new("-")), Syntax::Json);
    }

    #[test]
    fn a_json_file_is_one_document_with_fixes() {
        let text = br#"{"name": "rsa", "mfa_cert_profile": "c", "folder": "Shared",
            "mfa_vendor_type": {"rsa_securid_access_v1": {"rsa_timeout": "30"}}}"#;
        let docs = check_file(text, Syntax::Json, None, &Options::default());
        assert_eq!(docs.len(), 1);
        let f = &docs[0].checked.findings[0];
        assert_eq!(f.code(), "MFA051");
        assert!(f.fix.is_some());
        let broken = check_file(b"{", Syntax::Json, None, &Options::default());
        assert!(!broken[0].parsed);
        assert_eq!(broken[0].checked.findings[0].code(), "MFA000");
    }
}
