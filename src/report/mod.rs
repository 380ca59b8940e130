//! What validation finds: [`Finding`]s and the [`Report`] of a payload,
//! and the API error bodies a report renders as ([`envelope`]).

pub mod envelope;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::json::Span;
use crate::kind::Kind;
use crate::rules::RuleId;

/// How bad a finding is. `Error` means the API would reject the payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// `error`, `warning` (or `warn`).
impl std::str::FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected `error` or `warning`)"
            )),
        }
    }
}

/// The documented constraint a finding is about, serialized as a one-key
/// object such as `{"min_length": 16}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Constraint {
    MinLength(u64),
    MaxLength(u64),
    Pattern(&'static str),
    Format(&'static str),
    Range {
        minimum: i64,
        maximum: i64,
    },
    Type(&'static str),
    Enum(&'static [&'static str]),
    ExactlyOneOf(&'static [&'static str]),
    Required(bool),
    Const(&'static str),
    ReadOnly(bool),
    UniqueKeys(bool),
    /// The field's value is unique among the list's items.
    Unique(&'static str),
    Secret(&'static str),
}

/// What in the document a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// The value at the pointer.
    Value,
    /// The key of the member at the pointer (a duplicate, unknown or
    /// read-only key).
    Key,
    /// Nothing: the pointer names a key that is missing, where it would
    /// be.
    Missing,
    /// The document as a whole (it does not parse, or its kind is unknown).
    Document,
}

/// Another place a finding concerns, such as the first occurrence of a
/// duplicate key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Byte range in the text.
    pub span: Span,
    pub message: String,
}

/// A template placeholder where a value goes (`${OKTA_TOKEN}`): its value
/// was not judged (`crate::placeholder`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placeholder {
    /// JSON Pointer to the value.
    pub pointer: String,
    /// Byte range of the value in the text.
    #[serde(skip)]
    pub span: Option<Span>,
    pub syntax: crate::placeholder::Syntax,
}

/// One problem found in a payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// JSON Pointer (RFC 6901) to what the finding is about; for a missing
    /// key, where it would be. It stops at a secret-bearing key: nothing
    /// beneath one is named.
    pub pointer: String,
    /// Names the field and the constraint; never contains a secret's value.
    pub message: String,
    pub constraint: Option<Constraint>,
    pub target: Target,
    /// Byte range in the text the finding marks (the key or the value; for
    /// a missing key, the enclosing member's key or object's `{`), when the
    /// document was parsed from text.
    pub span: Option<Span>,
    pub related: Vec<Related>,
    /// What resolves it, when the core knows (only for documents checked
    /// from their text: `check_*`).
    pub fix: Option<crate::fix::Fix>,
}

impl Finding {
    /// Stable code, e.g. `MFA040`.
    pub fn code(&self) -> &'static str {
        self.rule.code()
    }

    /// Stable rule name, e.g. `min-length`.
    pub fn name(&self) -> &'static str {
        self.rule.name()
    }
}

/// `{"code", "rule", "severity", "pointer", "message", "constraint"?}`:
/// the wire shape of every face (spans are byte offsets of one text, and
/// stay in Rust).
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = 5 + usize::from(self.constraint.is_some());
        let mut st = s.serialize_struct("Finding", n)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("rule", self.name())?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("pointer", &self.pointer)?;
        st.serialize_field("message", &self.message)?;
        if let Some(c) = &self.constraint {
            st.serialize_field("constraint", c)?;
        }
        st.end()
    }
}

/// Every finding for one payload, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub kind: Kind,
    pub findings: Vec<Finding>,
}

impl Report {
    /// True when no finding is an error: the API would accept the payload.
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

impl std::fmt::Display for Report {
    /// `pointer: severity[CODE] message` lines, like a flat garde report.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for finding in &self.findings {
            let at = if finding.pointer.is_empty() {
                "(root)"
            } else {
                &finding.pointer
            };
            writeln!(
                f,
                "{at}: {}[{}] {}",
                finding.severity.as_str(),
                finding.code(),
                finding.message
            )?;
        }
        Ok(())
    }
}
