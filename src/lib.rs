//! mfalint: validates MFA server profiles before the server does.
//!
//! Payload kinds: Palo Alto Strata Cloud Manager and legacy Prisma SASE
//! `mfa-servers` (Okta, Ping Identity, RSA SecurID, Duo) and SailPoint
//! Identity Security Cloud `okta-verify` / `duo-web` configuration and test
//! results, each described once in [`spec`]. Every finding has a rule
//! ([`RuleId`], a stable code), a severity, a JSON Pointer and a message
//! that names the field and the constraint, never a secret.
//!
//! ```
//! use mfalint::{validate_str, Kind, Options, RuleId};
//!
//! let body = r#"{"name": "okta", "mfa_cert_profile": "cp", "folder": "Shared",
//!   "mfa_vendor_type": {"okta_adaptive_v1": {"okta_api_host": "acme.okta.com",
//!   "okta_baseuri": "/api/v1", "okta_token": "short", "okta_org": "acme", "okta_timeout": 30}}}"#;
//! let report = validate_str(body, Some(Kind::ScmMfaServer), &Options::default()).unwrap();
//! assert!(!report.is_valid());
//! assert_eq!(report.findings[0].rule, RuleId::MinLength);
//! assert_eq!(report.findings[0].code(), "MFA040");
//! assert_eq!(report.findings[0].pointer, "/mfa_vendor_type/okta_adaptive_v1/okta_token");
//! ```
//!
//! The core does no I/O. The command line (feature `cli`, on by default)
//! lives in [`cli`]; library users who do not want its dependencies
//! build with `default-features = false`.

mod file;
pub mod fix;
pub mod generate;
pub mod json;
mod kind;
mod options;
pub mod params;
pub mod placeholder;
mod report;
pub mod rules;
mod schema;
mod secrets;
pub mod spec;
mod suggest;
mod transform;
pub mod typed;
mod validate;
#[cfg(feature = "yaml")]
mod yaml;

#[cfg(feature = "cli")]
pub mod cli;

pub use file::{check_file, CheckedDocument, Secret, Syntax};
pub use fix::{Applicability, Edit, Fix};
pub use kind::{detect, DetectError, Kind};
pub use options::{Mode, OptionError, Options, RuleSet, Selection, SelectorError};
pub use placeholder::Placeholders;
pub use report::envelope;
pub use report::{Constraint, Finding, Placeholder, Related, Report, Severity, Target};
pub use rules::{rule, Rule, RuleId};
pub use schema::{schema, schema_id};
pub use secrets::{is_secret_bearing, is_secret_key, secret_keys, secret_spans, secret_values};
pub use transform::normalize::{normalize, normalize_node, Filled, Normalized};
pub use transform::redact::{mask, redact, redact_node};
pub use validate::segments as pointer_segments;

use json::{Node, ParseError};
use validate::Ctx;

/// Why a document could not be validated at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("line {line}, column {column}: {error}")]
    Parse {
        line: usize,
        column: usize,
        error: ParseError,
    },
    #[error(transparent)]
    Detect(#[from] DetectError),
}

impl Error {
    pub(crate) fn parse(text: &str, error: ParseError) -> Self {
        let at = json::line_col(text, error.offset);
        Error::Parse {
            line: at.line,
            column: at.column,
            error,
        }
    }
}

/// Parses `text` under `opts.limits`.
pub fn parse<'a>(text: &'a str, opts: &Options) -> Result<Node<'a>, Error> {
    json::parse(text, &opts.limits).map_err(|e| Error::parse(text, e))
}

/// Checks UTF-8 (and the size limit, before decoding) and returns the text.
pub fn decode<'a>(bytes: &'a [u8], opts: &Options) -> Result<&'a str, Error> {
    if bytes.len() > opts.limits.max_bytes {
        let too_large = json::ParseErrorKind::TooLarge {
            size: bytes.len(),
            limit: opts.limits.max_bytes,
        };
        return Err(Error::parse(
            "",
            ParseError {
                offset: 0,
                kind: too_large,
            },
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let text = std::str::from_utf8(valid).unwrap_or_default();
        let error = ParseError {
            offset: valid.len(),
            kind: json::ParseErrorKind::InvalidUtf8(valid.len()),
        };
        Error::parse(text, error)
    })
}

/// Validates a parsed document; `kind` `None` detects it from the shape.
pub fn validate_node(root: &Node, kind: Option<Kind>, opts: &Options) -> Result<Report, Error> {
    report(root, kind, opts, true)
}

/// Validates JSON text.
pub fn validate_str(text: &str, kind: Option<Kind>, opts: &Options) -> Result<Report, Error> {
    let doc = parse_document(text, opts)?;
    report(&doc.root, kind, opts, doc.duplicate_keys)
}

/// Validates raw bytes: UTF-8 is checked, a BOM is rejected.
pub fn validate_bytes(bytes: &[u8], kind: Option<Kind>, opts: &Options) -> Result<Report, Error> {
    validate_str(decode(bytes, opts)?, kind, opts)
}

/// The verdict alone, [`Report::is_valid`] of [`validate_node`]'s report,
/// without building the findings (no message, pointer or suggestion is
/// rendered): for a yes/no gate, like `jsonschema`'s `is_valid`.
pub fn is_valid_node(root: &Node, kind: Option<Kind>, opts: &Options) -> Result<bool, Error> {
    verdict(root, kind, opts, true)
}

/// [`is_valid_node`] of JSON text.
pub fn is_valid_str(text: &str, kind: Option<Kind>, opts: &Options) -> Result<bool, Error> {
    let doc = parse_document(text, opts)?;
    verdict(&doc.root, kind, opts, doc.duplicate_keys)
}

/// [`is_valid_node`] of raw bytes, checked as [`validate_bytes`] does.
pub fn is_valid_bytes(bytes: &[u8], kind: Option<Kind>, opts: &Options) -> Result<bool, Error> {
    is_valid_str(decode(bytes, opts)?, kind, opts)
}

fn parse_document<'a>(text: &'a str, opts: &Options) -> Result<json::Document<'a>, Error> {
    json::parse_document(text, &opts.limits).map_err(|e| Error::parse(text, e))
}

fn report(root: &Node, kind: Option<Kind>, opts: &Options, dups: bool) -> Result<Report, Error> {
    let (kind, ctx) = validate::run(root, kind, Ctx::new(opts), dups)?;
    Ok(Report {
        kind,
        findings: ctx.findings,
    })
}

fn verdict(root: &Node, kind: Option<Kind>, opts: &Options, dups: bool) -> Result<bool, Error> {
    let (_, ctx) = validate::run(root, kind, Ctx::new(opts).verdict_only(), dups)?;
    Ok(!ctx.has_error)
}

/// Validates an already-parsed `serde_json::Value` (no duplicate keys or
/// locations are available there).
pub fn validate_value(
    value: &serde_json::Value,
    kind: Option<Kind>,
    opts: &Options,
) -> Result<Report, Error> {
    validate_node(&Node::from_serde(value), kind, opts)
}

/// Everything found in one document, for the faces that show documents
/// (the command line, the language server): a document that does not parse
/// is one `MFA000` finding, one whose kind is unknown one `MFA009`, and
/// `kind` says which kind the rest were checked as.
///
/// A document that is a list of payloads (a JSON array, or a GET response
/// `{"data": [...]}`) is checked item by item: `collection` says so, and
/// `kind` is the items' kind when they all have one and the same.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checked {
    pub kind: Option<Kind>,
    pub findings: Vec<Finding>,
    /// The template placeholders met where values go, whose values were
    /// not judged.
    pub placeholders: Vec<Placeholder>,
    pub collection: Option<Collection>,
}

/// How a document that is a list of payloads was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// Read as a GET list response (`{"data": [...], ...}`, or an array
    /// whose every item has an `id`): its items were checked in export
    /// mode.
    pub response: bool,
    /// Each item's kind, `None` where it could not be told.
    pub kinds: Vec<Option<Kind>>,
}

impl Checked {
    /// Whether the document is a payload: its kind was told (named or
    /// detected), or it is a list with at least one item whose kind was. A
    /// document whose kind could not be told, or a list none of whose items
    /// could (`[1, 2]`, `{"data": [{"a": 1}]}`), is not one: editors and
    /// tools that see every JSON file leave such files alone.
    pub fn is_payload(&self) -> bool {
        match &self.collection {
            Some(c) => c.kinds.is_empty() || c.kinds.iter().any(Option::is_some),
            None => {
                self.kind.is_some()
                    || !self
                        .findings
                        .iter()
                        .any(|f| f.rule == rules::RuleId::UnknownKind)
            }
        }
    }

    /// An input over the size limit that was not read whole: `size` is its
    /// size when known (a regular file), else it holds more than `limit`
    /// bytes.
    pub fn too_large(size: Option<u64>, limit: usize) -> Checked {
        Checked::failed(rules::parse_error::too_large(size, limit))
    }

    pub(crate) fn failed(finding: Finding) -> Checked {
        Checked {
            findings: vec![finding],
            ..Checked::default()
        }
    }
}

/// [`Checked`] of a parsed document.
pub fn check_node(root: &Node, kind: Option<Kind>, opts: &Options) -> Checked {
    check_parsed(root, kind, opts, true)
}

pub(crate) fn check_parsed(root: &Node, kind: Option<Kind>, opts: &Options, dups: bool) -> Checked {
    if let Some(list) = validate::collection(root) {
        let c = validate::check_collection(root, list, kind, opts, dups);
        let first = c.kinds.first().copied().flatten();
        return Checked {
            kind: first.filter(|k| c.kinds.iter().all(|i| *i == Some(*k))),
            findings: c.findings,
            placeholders: c.placeholders,
            collection: Some(Collection {
                response: c.response,
                kinds: c.kinds,
            }),
        };
    }
    match validate::run(root, kind, Ctx::new(opts), dups) {
        Ok((kind, ctx)) => Checked {
            kind: Some(kind),
            findings: ctx.findings,
            placeholders: ctx.placeholders,
            collection: None,
        },
        Err(e) => Checked::failed(rules::unknown_kind::finding(root, &e)),
    }
}

/// [`Checked`] of JSON text. Findings the core can resolve carry their
/// [`Fix`] (see [`check_file`] for YAML and files of several documents).
pub fn check_text(text: &str, kind: Option<Kind>, opts: &Options) -> Checked {
    file::check_file(text.as_bytes(), Syntax::Json, kind, opts)
        .swap_remove(0)
        .checked
}

/// [`Checked`] of raw bytes: UTF-8 and the size limit are checked first.
pub fn check_bytes(bytes: &[u8], kind: Option<Kind>, opts: &Options) -> Checked {
    match decode(bytes, opts) {
        Ok(text) => check_text(text, kind, opts),
        Err(e) => {
            let valid = match &e {
                Error::Parse { error, .. } => &bytes[..error.offset.min(bytes.len())],
                Error::Detect(_) => &[],
            };
            let text = std::str::from_utf8(valid).unwrap_or_default();
            Checked::failed(
                rules::parse_error::finding(text, &e).expect("a decoding error is a parse error"),
            )
        }
    }
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Gives the findings of `checked`, a check of `doc`, their fixes.
pub(crate) fn attach_fixes(doc: &fix::Doc, checked: &mut Checked, errors: &dyn Fn(&str) -> usize) {
    if checked.findings.is_empty() {
        return;
    }
    let root = doc.root;
    match (&checked.collection, checked.kind) {
        (Some(c), _) => {
            let Some(list) = validate::collection(root) else {
                return;
            };
            let base = list.base();
            let kinds = c.kinds.clone();
            let payload = |pointer: &str| {
                let rest = pointer.strip_prefix(base)?.strip_prefix('/')?;
                let index: usize = rest.split('/').next()?.parse().ok()?;
                Some(fix::Payload {
                    kind: (*kinds.get(index)?)?,
                    root: list.items.get(index)?,
                    prefix: format!("{base}/{index}"),
                })
            };
            fix::attach(doc, &mut checked.findings, &payload, errors);
        }
        (None, Some(kind)) => {
            let payload = |_: &str| {
                Some(fix::Payload {
                    kind,
                    root,
                    prefix: String::new(),
                })
            };
            fix::attach(doc, &mut checked.findings, &payload, errors);
        }
        (None, None) => {}
    }
}
