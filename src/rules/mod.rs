//! The rules: a typed registry ([`RuleId`]) and one file per rule, each
//! holding the rule's metadata ([`Rule`]), its documentation
//! ([`RuleDocs`]: why, an example that fails and its fix, options) and
//! the check that reports it. `docs/rules.md` is generated from here.

pub(crate) mod duplicate_key;
pub(crate) mod duplicate_name;
pub(crate) mod enabled_without_credentials;
pub(crate) mod enum_value;
pub(crate) mod hostname_format;
pub(crate) mod masked_secret;
pub(crate) mod method_mismatch;
pub(crate) mod min_length;
pub(crate) mod missing_default;
pub(crate) mod missing_required;
pub(crate) mod parse_error;
pub(crate) mod plaintext_secret;
pub(crate) mod read_only_field;
pub(crate) mod scope_count;
pub(crate) mod scope_length;
pub(crate) mod scope_pattern;
pub(crate) mod timeout_not_integer;
pub(crate) mod timeout_numeric_string;
pub(crate) mod timeout_range;
pub(crate) mod unknown_key;
pub(crate) mod unknown_kind;
pub(crate) mod unresolved_placeholder;
pub(crate) mod uuid_format;
pub(crate) mod vendor_count;
pub(crate) mod vendor_missing;
pub(crate) mod wrong_type;

/// How messages name a value: its key in backticks, or the object's own
/// words ("the MFA server profile"). Rendered only for a finding.
///
/// The messages of the frequent findings are joined from their pieces
/// (`[..].concat()`, numbers through `itoa`), not built with `format!`: on
/// the invalid half of the benchmark corpus, `format!`'s machinery took 14%
/// of `validate_str`'s instructions, the joins 3%
/// (`scripts/bench-instructions.sh invalid`). Rare findings (duplicate
/// keys, bad enum values, scope patterns) keep `format!`.
#[derive(Clone, Copy)]
pub(crate) enum Label<'a> {
    Key(&'a str),
    Text(&'a str),
}

impl<'a> Label<'a> {
    /// The label's text in pieces, to join into a message.
    pub fn pieces(self) -> [&'a str; 3] {
        match self {
            Label::Key(k) => ["`", k, "`"],
            Label::Text(t) => ["", t, ""],
        }
    }
}

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.pieces().iter().try_for_each(|p| f.write_str(p))
    }
}

/// `keys` in backticks, joined with commas: "`folder`, `snippet`".
pub(crate) fn backticked(keys: &[&str]) -> String {
    let mut out = String::new();
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(k);
        out.push('`');
    }
    out
}

pub use hostname_format::is_hostname;
pub use masked_secret::{is_ciphertext, is_masked};
pub use timeout_numeric_string::is_numeric_string;
pub use uuid_format::is_uuid;

use serde::{Serialize, Serializer};

use crate::kind::Kind;
use crate::report::Severity;

/// Every rule, by its stable identity. Findings carry it; faces render it
/// and never compare code strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    ParseError,
    DuplicateKey,
    WrongType,
    UnknownKey,
    ReadOnlyField,
    UnresolvedPlaceholder,
    UnknownKind,
    MissingRequired,
    DuplicateName,
    MissingDefault,
    ScopeCount,
    ScopeLength,
    ScopePattern,
    VendorCount,
    VendorMissing,
    MinLength,
    HostnameFormat,
    TimeoutRange,
    TimeoutNumericString,
    TimeoutNotInteger,
    MethodMismatch,
    EnabledWithoutCredentials,
    EnumValue,
    UuidFormat,
    MaskedSecret,
    PlaintextSecret,
}

impl RuleId {
    /// Every rule, in code order.
    pub const ALL: [RuleId; 26] = [
        RuleId::ParseError,
        RuleId::DuplicateKey,
        RuleId::WrongType,
        RuleId::UnknownKey,
        RuleId::ReadOnlyField,
        RuleId::UnresolvedPlaceholder,
        RuleId::UnknownKind,
        RuleId::MissingRequired,
        RuleId::DuplicateName,
        RuleId::MissingDefault,
        RuleId::ScopeCount,
        RuleId::ScopeLength,
        RuleId::ScopePattern,
        RuleId::VendorCount,
        RuleId::VendorMissing,
        RuleId::MinLength,
        RuleId::HostnameFormat,
        RuleId::TimeoutRange,
        RuleId::TimeoutNumericString,
        RuleId::TimeoutNotInteger,
        RuleId::MethodMismatch,
        RuleId::EnabledWithoutCredentials,
        RuleId::EnumValue,
        RuleId::UuidFormat,
        RuleId::MaskedSecret,
        RuleId::PlaintextSecret,
    ];

    /// The rule's metadata.
    pub fn meta(self) -> &'static Rule {
        match self {
            RuleId::ParseError => &parse_error::RULE,
            RuleId::UnknownKind => &unknown_kind::RULE,
            RuleId::DuplicateKey => &duplicate_key::RULE,
            RuleId::WrongType => &wrong_type::RULE,
            RuleId::UnknownKey => &unknown_key::RULE,
            RuleId::ReadOnlyField => &read_only_field::RULE,
            RuleId::UnresolvedPlaceholder => &unresolved_placeholder::RULE,
            RuleId::DuplicateName => &duplicate_name::RULE,
            RuleId::MissingDefault => &missing_default::RULE,
            RuleId::MissingRequired => &missing_required::RULE,
            RuleId::ScopeCount => &scope_count::RULE,
            RuleId::ScopeLength => &scope_length::RULE,
            RuleId::ScopePattern => &scope_pattern::RULE,
            RuleId::VendorCount => &vendor_count::RULE,
            RuleId::VendorMissing => &vendor_missing::RULE,
            RuleId::MinLength => &min_length::RULE,
            RuleId::HostnameFormat => &hostname_format::RULE,
            RuleId::TimeoutRange => &timeout_range::RULE,
            RuleId::TimeoutNumericString => &timeout_numeric_string::RULE,
            RuleId::TimeoutNotInteger => &timeout_not_integer::RULE,
            RuleId::MethodMismatch => &method_mismatch::RULE,
            RuleId::EnabledWithoutCredentials => &enabled_without_credentials::RULE,
            RuleId::EnumValue => &enum_value::RULE,
            RuleId::UuidFormat => &uuid_format::RULE,
            RuleId::MaskedSecret => &masked_secret::RULE,
            RuleId::PlaintextSecret => &plaintext_secret::RULE,
        }
    }

    /// The rule's documentation (what `docs/rules.md` and `mfalint
    /// explain` show).
    pub fn docs(self) -> &'static RuleDocs {
        match self {
            RuleId::ParseError => &parse_error::DOCS,
            RuleId::UnknownKind => &unknown_kind::DOCS,
            RuleId::DuplicateKey => &duplicate_key::DOCS,
            RuleId::WrongType => &wrong_type::DOCS,
            RuleId::UnknownKey => &unknown_key::DOCS,
            RuleId::ReadOnlyField => &read_only_field::DOCS,
            RuleId::UnresolvedPlaceholder => &unresolved_placeholder::DOCS,
            RuleId::DuplicateName => &duplicate_name::DOCS,
            RuleId::MissingDefault => &missing_default::DOCS,
            RuleId::MissingRequired => &missing_required::DOCS,
            RuleId::ScopeCount => &scope_count::DOCS,
            RuleId::ScopeLength => &scope_length::DOCS,
            RuleId::ScopePattern => &scope_pattern::DOCS,
            RuleId::VendorCount => &vendor_count::DOCS,
            RuleId::VendorMissing => &vendor_missing::DOCS,
            RuleId::MinLength => &min_length::DOCS,
            RuleId::HostnameFormat => &hostname_format::DOCS,
            RuleId::TimeoutRange => &timeout_range::DOCS,
            RuleId::TimeoutNumericString => &timeout_numeric_string::DOCS,
            RuleId::TimeoutNotInteger => &timeout_not_integer::DOCS,
            RuleId::MethodMismatch => &method_mismatch::DOCS,
            RuleId::EnabledWithoutCredentials => &enabled_without_credentials::DOCS,
            RuleId::EnumValue => &enum_value::DOCS,
            RuleId::UuidFormat => &uuid_format::DOCS,
            RuleId::MaskedSecret => &masked_secret::DOCS,
            RuleId::PlaintextSecret => &plaintext_secret::DOCS,
        }
    }

    /// Stable code, never reused: `MFA040`.
    pub fn code(self) -> &'static str {
        self.meta().code
    }

    /// Stable kebab-case name: `min-length`.
    pub fn name(self) -> &'static str {
        self.meta().name
    }

    /// The rule with this code (`MFA040`, any case) or name (`min-length`).
    pub fn find(code_or_name: &str) -> Option<RuleId> {
        let wanted = code_or_name.trim();
        RuleId::ALL.into_iter().find(|r| {
            let m = r.meta();
            m.code.eq_ignore_ascii_case(wanted) || m.name == wanted
        })
    }

    /// Its place in [`RuleId::ALL`] (a dense index for per-rule tables).
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Serialized as its code, `"MFA040"`.
impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// When a rule runs unless configured otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enabled {
    /// Everywhere.
    Always,
    /// In the command line and its pre-commit hook, not in the library or
    /// the npm package (where a form being filled in holds plaintext by
    /// design).
    InFiles,
    /// Only when selected.
    Never,
}

/// A rule's public, stable metadata: what `mfalint rules`, SARIF and the
/// npm package's `rules()` show.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: RuleId,
    /// Stable code, never reused: `MFA040`.
    pub code: &'static str,
    /// Stable kebab-case name: `min-length`.
    pub name: &'static str,
    pub severity: Severity,
    pub enabled: Enabled,
    /// Whether it can be selected, ignored or re-levelled. The two rules
    /// about documents that cannot be checked at all cannot: ignoring them
    /// would let anything through.
    pub configurable: bool,
    /// One line: what it checks.
    pub summary: &'static str,
    /// Why it matters and how to fix it.
    pub why: &'static str,
    /// Where the constraint comes from upstream.
    pub source: &'static str,
    /// The section of `docs/rulings.md` that explains the decision, when
    /// the upstream sources are silent, broken or disagree.
    pub ruling: Option<&'static str>,
}

impl Rule {
    /// On by default in the library and the npm package.
    pub fn default_enabled(&self) -> bool {
        self.enabled == Enabled::Always
    }

    /// On by default in the command line.
    pub fn cli_default_enabled(&self) -> bool {
        self.enabled != Enabled::Never
    }
}

/// The wire shape of rule metadata, kept from before the registry:
/// `{"code", "name", "severity", "default_enabled", "summary", "doc",
/// "source"}`.
impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Rule", 7)?;
        st.serialize_field("code", self.code)?;
        st.serialize_field("name", self.name)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("default_enabled", &self.default_enabled())?;
        st.serialize_field("summary", self.summary)?;
        st.serialize_field("doc", self.why)?;
        st.serialize_field("source", self.source)?;
        st.end()
    }
}

/// A rule's documentation beyond its metadata, in the fixed shape of
/// `docs/rules.md`. Kept apart from [`Rule`] so that builds that never
/// show it (the WebAssembly package) do not carry its text.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleDocs {
    /// A payload that the rule reports, and the same payload fixed.
    pub example: Example,
    /// How the rule can be configured beyond on, off and its severity.
    pub options: &'static str,
}

/// A failing input and its fix, both checked by the test suite.
#[derive(Debug, PartialEq, Eq)]
pub struct Example {
    pub input: Input,
    pub fails: &'static str,
    pub fixed: &'static str,
}

/// What an example is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A payload of this kind.
    Body(Kind),
    /// A list of payloads of this kind (a JSON array).
    Collection(Kind),
    /// The value of the `id` path parameter (`params::check_id`).
    IdParameter,
}

/// Every rule's metadata, in code order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    RuleId::ALL.into_iter().map(RuleId::meta)
}

/// Looks a rule up by code (`MFA040`) or name (`min-length`).
pub fn rule(code_or_name: &str) -> Option<&'static Rule> {
    RuleId::find(code_or_name).map(RuleId::meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_consistent() {
        let mut codes = Vec::new();
        for (i, id) in RuleId::ALL.into_iter().enumerate() {
            let m = id.meta();
            assert_eq!(m.id, id, "{} is registered under another id", m.code);
            assert_eq!(id.index(), i, "{} is out of place in ALL", m.code);
            assert!(m.code.starts_with("MFA") && m.code.len() == 6, "{}", m.code);
            codes.push(m.code);
            assert_eq!(RuleId::find(m.code), Some(id));
            assert_eq!(RuleId::find(m.name), Some(id));
            assert_eq!(
                m.configurable,
                !matches!(id, RuleId::ParseError | RuleId::UnknownKind)
            );
        }
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted, "codes are unique and in order");
    }
}
