//! The CLI's view of the rules: the library's, plus two file-level codes
//! the CLI reports when a file cannot be checked at all.

use crate::{Rule, Severity, RULES};

/// The file is not JSON text the linter can read. Cannot be ignored or
/// downgraded: a file that does not parse was not checked.
pub static PARSE_ERROR: Rule = Rule {
    code: "MFA000",
    name: "parse-error",
    severity: Severity::Error,
    default_enabled: true,
    summary:
        "The file is not valid JSON (syntax, UTF-8, byte order mark, empty, size or depth limit)",
    doc: "mfalint reads the file as strict JSON (RFC 8259): UTF-8 without a byte order mark, one \
          value, no comments or trailing commas, at most 64 MiB and 128 levels deep. The finding \
          is located where parsing stopped. It cannot be ignored or downgraded with --ignore, \
          --severity or a config file: a file that does not parse was not checked at all, so \
          ignoring it would let anything through.",
    source: "RFC 8259; mfalint parser limits",
};

/// The payload kind cannot be told from the file's shape.
pub static UNKNOWN_KIND: Rule = Rule {
    code: "MFA009",
    name: "unknown-kind",
    severity: Severity::Error,
    default_enabled: true,
    summary: "The payload kind cannot be told from the file's shape; pass --kind or set `kind` in mfalint.toml",
    doc: "Without --kind (or `kind` in mfalint.toml), mfalint detects the kind from a `$schema` \
          naming a kind id, then from keys only one kind has: an SCM body names its folder, \
          snippet or device; a legacy SASE file is {\"query\": {...}, \"body\": {...}}; SailPoint \
          config names its mfaMethod; a test result has `state`. A bare legacy SASE body or a \
          SailPoint config without mfaMethod is ambiguous. Like MFA000 it cannot be ignored: \
          the file was not checked.",
    source: "mfalint kind detection",
};

/// Every rule, the CLI's two first, sorted by code.
pub fn all() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = vec![&PARSE_ERROR, &UNKNOWN_KIND];
    all.extend(RULES.iter().copied());
    all.sort_by_key(|r| r.code);
    all
}

/// Rules the CLI turns on although the library leaves them off.
pub const CLI_DEFAULT_ON: &[&str] = &["MFA081"];

/// Whether the CLI runs `rule` when nothing is configured.
pub fn cli_default_enabled(rule: &Rule) -> bool {
    rule.default_enabled || CLI_DEFAULT_ON.contains(&rule.code)
}

/// Looks a rule up by code or name, the CLI's two included.
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    let wanted = code_or_name.trim();
    all()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(wanted) || r.name == wanted)
}

/// Whether a selector names one of the CLI's file-level codes, which
/// cannot be configured.
pub fn is_file_level(selector: &str) -> bool {
    [&PARSE_ERROR, &UNKNOWN_KIND]
        .iter()
        .any(|r| r.code == selector || r.name == selector)
}

/// Where a rule is documented (SARIF `helpUri`).
pub fn help_uri(rule: &Rule) -> String {
    let base = option_env!("CARGO_PKG_REPOSITORY")
        .filter(|s| !s.is_empty())
        .map(|repo| format!("{}/blob/main/docs/rules.md", repo.trim_end_matches('/')))
        .unwrap_or_else(|| "https://docs.rs/mfalint/latest/mfalint/".to_string());
    format!("{base}#{}", rule.code.to_ascii_lowercase())
}
