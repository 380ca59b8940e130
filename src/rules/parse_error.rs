//! MFA000 parse-error: the document is not JSON (or YAML) text mfalint can read.

use crate::json::{ParseErrorKind, Span};
use crate::report::{Finding, Severity, Target};
use crate::{Error, Kind};

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::ParseError,
    code: "MFA000",
    name: "parse-error",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: false,
    summary: "The document is not valid JSON or YAML (syntax, UTF-8, byte order mark, empty, size or depth limit)",
    why: "mfalint reads payloads as strict JSON (RFC 8259): UTF-8 without a byte order mark, one value, \
          no comments or trailing commas, within the size and nesting limits; `.yaml` and `.yml` files \
          as YAML 1.2 streams, within the same limits and a bound on alias expansion (docs/yaml.md). \
          The finding is located \
          where parsing stopped. It cannot be ignored or downgraded: a document that does not parse \
          was not checked at all, so ignoring it would let anything through. Its excerpt masks every \
          string, number and word, since mfalint cannot tell which of them are secrets.",
    source: "RFC 8259; mfalint's parser limits",
    ruling: Some("parse-errors"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::SailpointTestResult),
        fails: "{\n  \"state\": \"SUCCESS\",\n}\n",
        fixed: "{\n  \"state\": \"SUCCESS\"\n}\n",
    },
    options:
        "Limits: `--max-bytes` (default 64 MiB) and `--max-depth` (default 128, at most 256); \
              `Options::limits` in Rust, `maxBytes`/`maxDepth` in the npm package.",
};

/// The MFA000 finding of a document that could not be read, at the place
/// the parser stopped in `text` (the document's text, or the valid prefix
/// of bytes that are not UTF-8).
pub(crate) fn finding(text: &str, error: &Error) -> Option<Finding> {
    let Error::Parse { error, .. } = error else {
        return None;
    };
    let mut start = error.offset.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let span = match error.kind {
        ParseErrorKind::ByteOrderMark => Some(Span { start: 0, end: 3 }),
        ParseErrorKind::TooLarge { .. } => None,
        _ => {
            let len = text[start..].chars().next().map_or(0, char::len_utf8);
            Some(Span {
                start,
                end: start + len,
            })
        }
    };
    let message = match &error.kind {
        ParseErrorKind::InvalidUtf8(_) => {
            "invalid UTF-8: the document must be UTF-8 encoded JSON text".to_string()
        }
        ParseErrorKind::TooLarge { size, limit } => {
            format!(
                "the input is {size} bytes, over the limit of {limit} bytes; it was not checked"
            )
        }
        k => format!("invalid JSON: {k}"),
    };
    Some(Finding {
        rule: RuleId::ParseError,
        severity: RULE.severity,
        pointer: String::new(),
        message,
        constraint: None,
        target: Target::Document,
        span,
        related: Vec::new(),
        fix: None,
    })
}

/// The MFA000 finding of an input over the size limit that was not read
/// whole: `size` is its size when known (a regular file), else it has more
/// than `limit` bytes.
pub fn too_large(size: Option<u64>, limit: usize) -> Finding {
    let what = match size {
        Some(n) => format!("the input is {n} bytes, over the limit of {limit} bytes"),
        None => format!("the input is more than {limit} bytes, the limit (reading stopped there)"),
    };
    Finding {
        rule: RuleId::ParseError,
        severity: RULE.severity,
        pointer: String::new(),
        message: format!("{what}; it was not checked"),
        constraint: None,
        target: Target::Document,
        span: None,
        related: Vec::new(),
        fix: None,
    }
}

/// The MFA000 finding of a YAML stream that stops being readable at byte
/// `offset` of `text` (`None`: nowhere in particular). `message` never
/// quotes the text.
#[cfg(feature = "yaml")]
pub(crate) fn yaml(text: &str, offset: Option<usize>, message: &str) -> Finding {
    let span = offset.map(|at| {
        let mut start = at.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let len = text[start..].chars().next().map_or(0, char::len_utf8);
        Span {
            start,
            end: start + len,
        }
    });
    Finding {
        rule: RuleId::ParseError,
        severity: RULE.severity,
        pointer: String::new(),
        message: format!("invalid YAML: {message}"),
        constraint: None,
        target: Target::Document,
        span,
        related: Vec::new(),
        fix: None,
    }
}

/// The MFA000 finding of a file in a syntax this build does not read.
#[cfg_attr(feature = "yaml", allow(dead_code))]
pub(crate) fn not_built(syntax: &str) -> Finding {
    Finding {
        rule: RuleId::ParseError,
        severity: RULE.severity,
        pointer: String::new(),
        message: format!("{syntax} is not read by this build of mfalint; it was not checked"),
        constraint: None,
        target: Target::Document,
        span: None,
        related: Vec::new(),
        fix: None,
    }
}
