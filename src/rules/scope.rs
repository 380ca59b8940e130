//! SCM scope: exactly one of folder/snippet/device, length and pattern.

use crate::ctx::Ctx;
use crate::finding::{Constraint, Severity};
use crate::json::Node;
use crate::pointer::Ptr;
use crate::rule::Rule;
use crate::rules::structure::{expect, not_one_of, present, Code, Expect};
use crate::spec::{SCOPE_KEYS, SCOPE_MAX_CHARS, SCOPE_PATTERN};

pub static SCOPE_COUNT: Rule = Rule {
    code: "MFA020",
    name: "scope-count",
    severity: Severity::Error,
    default_enabled: true,
    summary: "Not exactly one of `folder`, `snippet`, `device`",
    doc: "An SCM object lives in exactly one container: a folder, a snippet or a device. Zero or \
          several of these keys is rejected.",
    source: "SCM mfa-servers oneOf [folder, snippet, device]",
};

pub static SCOPE_LENGTH: Rule = Rule {
    code: "MFA021",
    name: "scope-length",
    severity: Severity::Error,
    default_enabled: true,
    summary: "`folder`/`snippet`/`device` empty or longer than 64 characters",
    doc: "Scope names are 1 to 64 characters, counted as Unicode code points (JSON Schema \
          maxLength semantics).",
    source: "SCM mfa-servers folder/snippet/device maxLength 64; RULINGS.md",
};

pub static SCOPE_PATTERN_RULE: Rule = Rule {
    code: "MFA022",
    name: "scope-pattern",
    severity: Severity::Error,
    default_enabled: true,
    summary: "`folder`/`snippet`/`device` has a character outside A-Z a-z 0-9 _ . - and space",
    doc: "The documented pattern ^[a-zA-Z\\d-_\\. ]+$ does not compile in Rust or in ECMA-262 `u` \
          mode; mfalint enforces its intent, ^[A-Za-z0-9_. -]+$, where digits are ASCII only.",
    source: "SCM pattern (seeds 000/001), RULINGS.md portable equivalent",
};

fn scope_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | ' ')
}

/// `scope`: the values of `SCOPE_KEYS` in the profile at `at`, in order.
pub(crate) fn check_scope(ctx: &mut Ctx, scope: &[Option<&Node>], at: &Ptr) {
    if let Some(found) = not_one_of(SCOPE_KEYS, scope) {
        ctx.emit(
            &SCOPE_COUNT,
            at,
            || format!("exactly one of `folder`, `snippet`, `device` is required, found {found}"),
            Some(Constraint::ExactlyOneOf(SCOPE_KEYS)),
        );
    }
    for (key, node) in present(SCOPE_KEYS, scope) {
        let here = at.child(key);
        if !expect(ctx, node, &here, Code(key), Expect::String) {
            continue;
        }
        let value = node.as_str().unwrap_or_default();
        let chars = value.chars().count() as u64;
        if chars == 0 || chars > SCOPE_MAX_CHARS {
            let (what, c) = if chars == 0 {
                ("must not be empty".to_string(), Constraint::MinLength(1))
            } else {
                (
                    format!("is {chars} characters, more than the maximum of {SCOPE_MAX_CHARS}"),
                    Constraint::MaxLength(SCOPE_MAX_CHARS),
                )
            };
            ctx.emit(&SCOPE_LENGTH, &here, || format!("`{key}` {what}"), Some(c));
        }
        if let Some((i, bad)) = value.chars().enumerate().find(|(_, c)| !scope_char(*c)) {
            ctx.emit(
                &SCOPE_PATTERN_RULE,
                &here,
                || format!(
                    "`{key}` has {bad:?} at character {}; allowed are ASCII letters, digits, `_`, `.`, `-` and space",
                    i + 1
                ),
                Some(Constraint::Pattern(SCOPE_PATTERN)),
            );
        }
    }
}
