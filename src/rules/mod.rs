//! Lint rules, one family per file. Each file holds its rules' metadata
//! (code, name, severity, docs) and the checks that report them.

pub(crate) mod hostname;
pub(crate) mod length;
pub(crate) mod params;
pub(crate) mod required;
pub(crate) mod sailpoint;
pub(crate) mod scope;
pub(crate) mod secrets;
pub(crate) mod structure;
pub(crate) mod timeout;
pub(crate) mod vendor;

use crate::rule::Rule;

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &structure::DUPLICATE_KEY,
    &structure::WRONG_TYPE,
    &structure::UNKNOWN_KEY,
    &structure::READ_ONLY,
    &required::MISSING_REQUIRED,
    &scope::SCOPE_COUNT,
    &scope::SCOPE_LENGTH,
    &scope::SCOPE_PATTERN_RULE,
    &vendor::VENDOR_COUNT,
    &vendor::VENDOR_MISSING,
    &length::MIN_LENGTH,
    &hostname::HOSTNAME,
    &timeout::TIMEOUT_RANGE,
    &timeout::TIMEOUT_STRING,
    &timeout::TIMEOUT_NOT_INTEGER,
    &sailpoint::METHOD_MISMATCH,
    &sailpoint::ENABLED_WITHOUT_CREDENTIALS,
    &params::ENUM_VALUE,
    &params::UUID_FORMAT,
    &secrets::MASKED_SECRET,
    &secrets::PLAINTEXT_SECRET,
];

/// Looks a rule up by code (`MFA040`) or name (`min-length`).
pub fn rule(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code == code_or_name || r.name == code_or_name)
}
