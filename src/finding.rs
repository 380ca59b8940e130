use serde::Serialize;

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

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
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
    Range { minimum: i64, maximum: i64 },
    Type(&'static str),
    Enum(&'static [&'static str]),
    ExactlyOneOf(&'static [&'static str]),
    Required(bool),
    Const(&'static str),
    ReadOnly(bool),
    UniqueKeys(bool),
    Secret(&'static str),
}

/// One problem found in a payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule code, e.g. `MFA040`.
    pub code: &'static str,
    /// Stable rule name, e.g. `min-length`.
    pub rule: &'static str,
    pub severity: Severity,
    /// JSON Pointer (RFC 6901) to the value; for a missing key, where it
    /// would be.
    pub pointer: String,
    /// Names the field and the constraint; never contains a secret's value.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub constraint: Option<Constraint>,
}
