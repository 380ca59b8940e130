//! mfalint: validates MFA server profiles before the server does.
//!
//! Payload kinds: Palo Alto Strata Cloud Manager and legacy Prisma SASE
//! `mfa-servers` (Okta, Ping Identity, RSA SecurID, Duo) and SailPoint
//! Identity Security Cloud `okta-verify` / `duo-web` configuration and test
//! results. Every finding has a stable rule code, a severity, a JSON Pointer
//! and a message that names the field and the constraint, never a secret.
//!
//! ```
//! use mfalint::{validate_str, Kind, Options};
//!
//! let body = r#"{"name": "okta", "mfa_cert_profile": "cp", "folder": "Shared",
//!   "mfa_vendor_type": {"okta_adaptive_v1": {"okta_api_host": "acme.okta.com",
//!   "okta_baseuri": "/api/v1", "okta_token": "short", "okta_org": "acme", "okta_timeout": 30}}}"#;
//! let report = validate_str(body, Some(Kind::ScmMfaServer), &Options::default()).unwrap();
//! assert!(!report.is_valid());
//! assert_eq!(report.findings[0].code, "MFA040");
//! assert_eq!(report.findings[0].pointer, "/mfa_vendor_type/okta_adaptive_v1/okta_token");
//! ```
//!
//! The core does no I/O.

mod ctx;
pub mod envelope;
mod finding;
pub mod json;
mod kind;
mod kinds;
mod normalize;
mod options;
pub mod params;
mod pointer;
mod redact;
mod report;
mod rule;
pub mod rules;
mod schema;
mod secrets;
pub mod spec;
mod suggest;
pub mod typed;

#[cfg(feature = "cli")]
pub mod cli;

pub use finding::{Constraint, Finding, Severity};
pub use kind::{detect, DetectError, Kind};
pub use normalize::{normalize, normalize_node, Filled, Normalized};
pub use options::{Mode, Options, RuleSet, UnknownSelector};
pub use pointer::segments as pointer_segments;
pub use redact::{mask, redact, redact_node};
pub use report::Report;
pub use rule::Rule;
pub use rules::{rule, RULES};
pub use schema::{schema, schema_id};
pub use secrets::{is_secret_bearing, is_secret_key, secret_spans, secret_values, SECRET_KEYS};

use ctx::Ctx;
use json::{Node, ParseError};
use pointer::Ptr;

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
    fn parse(text: &str, error: ParseError) -> Self {
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
    let too_large = json::ParseErrorKind::TooLarge {
        size: bytes.len(),
        limit: opts.limits.max_bytes,
    };
    if bytes.len() > opts.limits.max_bytes {
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
    let (kind, ctx) = check(root, kind, Ctx::new(opts), dups)?;
    Ok(Report {
        kind,
        findings: ctx.findings,
    })
}

fn verdict(root: &Node, kind: Option<Kind>, opts: &Options, dups: bool) -> Result<bool, Error> {
    let (_, ctx) = check(root, kind, Ctx::new(opts).verdict_only(), dups)?;
    Ok(!ctx.has_error)
}

/// Runs every rule of the payload's kind (detected when `None`) into `ctx`.
/// `duplicate_keys`: whether the tree may have an object with a key twice
/// (the parser knows; a caller's tree may).
fn check<'o>(
    root: &Node,
    kind: Option<Kind>,
    mut ctx: Ctx<'o>,
    duplicate_keys: bool,
) -> Result<(Kind, Ctx<'o>), Error> {
    let kind = match kind {
        Some(k) => k,
        None => detect(root)?,
    };
    if kind == Kind::SaseMfaServer {
        ctx = ctx.soften_borrowed();
    }
    if duplicate_keys {
        rules::structure::check_duplicates(&mut ctx, root, &Ptr::ROOT);
    }
    kinds::check(kind, &mut ctx, root);
    Ok((kind, ctx))
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
