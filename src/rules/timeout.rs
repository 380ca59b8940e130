//! Vendor timeouts: integer seconds in 5..600.

use crate::ctx::Ctx;
use crate::finding::{Constraint, Severity};
use crate::json::{Node, Value};
use crate::pointer::Ptr;
use crate::rule::Rule;
use crate::rules::structure::{wrong_type, Code};
use crate::spec::{TIMEOUT_MAX, TIMEOUT_MIN};

pub static TIMEOUT_RANGE: Rule = Rule {
    code: "MFA050",
    name: "timeout-range",
    severity: Severity::Error,
    default_enabled: true,
    summary: "A timeout is outside 5..600 seconds",
    doc: "okta_timeout, ping_timeout, rsa_timeout and duo_timeout are seconds between 5 and 600 \
          (default 30). Legacy SASE types them as strings and reports the range as a warning.",
    source: "SCM vendor schemas (minimum 5, maximum 600); Terraform Int64 5..600",
};

pub static TIMEOUT_STRING: Rule = Rule {
    code: "MFA051",
    name: "timeout-numeric-string",
    severity: Severity::Warning,
    default_enabled: true,
    summary: "An SCM timeout is a numeric string such as \"30\" instead of an integer",
    doc:
        "SCM documents integer timeouts, but servers and the Terraform provider have sent strings, \
          so a canonical numeric string is tolerated with a warning. Send 30, not \"30\".",
    source: "RULINGS.md (integer/numeric-string ruling)",
};

pub static TIMEOUT_NOT_INTEGER: Rule = Rule {
    code: "MFA052",
    name: "timeout-not-integer",
    severity: Severity::Error,
    default_enabled: true,
    summary: "A timeout is a fraction, an exponent or a non-numeric string",
    doc: "Timeouts are whole seconds written as plain integers: 30.0, 3e1, \"30s\" and \"030\" are \
          rejected. JSON Schema cannot tell 30.0 from 30, so schemas/ accepts 30.0; mfalint does not.",
    source: "SCM vendor schemas type: integer; RULINGS.md",
};

/// A canonical decimal integer: `-?(0|[1-9][0-9]*)`.
pub fn is_numeric_string(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    match digits.as_bytes() {
        [] => false,
        [b'0'] => true,
        [b'0', ..] => false,
        d => d.iter().all(u8::is_ascii_digit),
    }
}

fn short(raw: &str) -> String {
    if raw.len() <= 24 {
        raw.to_string()
    } else {
        format!("a {}-character number", raw.len())
    }
}

fn check_range(ctx: &mut Ctx, at: &Ptr, key: &str, raw: &str) {
    let in_range = raw
        .parse::<i64>()
        .is_ok_and(|n| (TIMEOUT_MIN..=TIMEOUT_MAX).contains(&n));
    if !in_range {
        ctx.emit_borrowed(
            &TIMEOUT_RANGE,
            at,
            || {
                format!(
                    "`{key}` must be between {TIMEOUT_MIN} and {TIMEOUT_MAX} seconds, found {}",
                    short(raw)
                )
            },
            Some(Constraint::Range {
                minimum: TIMEOUT_MIN,
                maximum: TIMEOUT_MAX,
            }),
        );
    }
}

fn not_integer(ctx: &mut Ctx, at: &Ptr, key: &str, what: &str) {
    ctx.emit_borrowed(
        &TIMEOUT_NOT_INTEGER,
        at,
        || format!("`{key}` must be a whole number of seconds, found {what}"),
        Some(Constraint::Type("integer")),
    );
}

/// SCM: an integer; a numeric string is a warning; anything else an error.
pub(crate) fn check_scm_timeout(ctx: &mut Ctx, node: &Node, at: &Ptr, key: &str) {
    match &node.value {
        Value::Number(raw) if is_numeric_string(raw) => check_range(ctx, at, key, raw),
        Value::Number(_) => not_integer(ctx, at, key, "a number with a fraction or exponent"),
        Value::String(s) if is_numeric_string(s) => {
            ctx.emit(
                &TIMEOUT_STRING,
                at,
                || {
                    format!(
                        "`{key}` is the string \"{}\"; send it as an integer",
                        short(s)
                    )
                },
                Some(Constraint::Type("integer")),
            );
            check_range(ctx, at, key, s);
        }
        Value::String(_) => not_integer(ctx, at, key, "a string that is not an integer"),
        _ => wrong_type(ctx, node, at, Code(key), "integer"),
    }
}

/// Legacy SASE: a string (the type is documented); its value is checked
/// against the SCM constraint as a warning.
pub(crate) fn check_sase_timeout(ctx: &mut Ctx, node: &Node, at: &Ptr, key: &str) {
    match &node.value {
        Value::String(s) if is_numeric_string(s) => check_range(ctx, at, key, s),
        Value::String(_) => not_integer(ctx, at, key, "a string that is not an integer"),
        _ => wrong_type(ctx, node, at, Code(key), "string"),
    }
}
