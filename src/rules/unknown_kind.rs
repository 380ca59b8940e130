//! MFA009 unknown-kind: the payload's kind cannot be told from its shape.

use crate::json::{Node, Span};
use crate::kind::DetectError;
use crate::report::{Finding, Severity, Target};
use crate::validate::Ptr;
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::UnknownKind,
    code: "MFA009",
    name: "unknown-kind",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: false,
    summary: "The payload kind cannot be told from its shape; name the kind (--kind, `kind` in mfalint.toml)",
    why: "Unless the kind is named, mfalint detects it from a `$schema` naming a kind id, then from keys \
          only one kind has: an SCM body names its folder, snippet or device; a legacy SASE file is \
          {\"query\": {...}, \"body\": {...}}; a SailPoint configuration names its mfaMethod; a test \
          result has `state`. A bare legacy SASE body, or a SailPoint configuration without mfaMethod, \
          is ambiguous and not guessed. Like MFA000 it cannot be ignored: the document was not checked.",
    source: "mfalint kind detection",
    ruling: Some("kind-detection"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::SailpointOktaConfig),
        fails: "{\n  \"enabled\": true,\n  \"host\": \"acme.okta.com\"\n}\n",
        fixed: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"enabled\": true,\n  \"host\": \"acme.okta.com\"\n}\n",
    },
    options: "Name the kind: `--kind`, `kind = \"...\"` in `mfalint.toml`, `Some(Kind::...)` in Rust, \
              `{kind}` in the npm package.",
};

/// The MFA009 finding of a document whose kind is unknown, at its first
/// character.
pub(crate) fn finding(root: &Node, error: &DetectError) -> Finding {
    Finding {
        rule: RuleId::UnknownKind,
        severity: RULE.severity,
        pointer: String::new(),
        message: error.to_string(),
        constraint: None,
        target: Target::Document,
        span: Some(Span {
            start: root.span.start,
            end: root.span.start + 1,
        }),
        related: Vec::new(),
        fix: None,
    }
}

/// The MFA009 finding of an item of a list, at `at`, whose kind is unknown.
pub(crate) fn finding_at(at: &Ptr, item: &Node, error: &DetectError) -> Finding {
    Finding {
        pointer: at.render(),
        message: error.message("the list item"),
        target: Target::Value,
        span: at.value_span().map(|s| Span {
            start: s.start,
            end: s.start + 1,
        }),
        ..finding(item, error)
    }
}
