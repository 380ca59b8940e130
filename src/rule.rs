use serde::Serialize;

use crate::finding::Severity;

/// A lint rule's public, stable metadata.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable code, never reused: `MFA040`.
    pub code: &'static str,
    /// Stable kebab-case name: `min-length`.
    pub name: &'static str,
    pub severity: Severity,
    /// Off unless selected (library default); the CLI turns some on.
    pub default_enabled: bool,
    /// One line: what it checks.
    pub summary: &'static str,
    /// Why it matters and how to fix it (`mfalint explain`).
    pub doc: &'static str,
    /// Where the constraint comes from.
    pub source: &'static str,
}
