//! MFA050 timeout-range, and how a timeout is read (MFA051 and MFA052 are
//! decided here too: one look at the value tells which applies).

use crate::json::{Node, Value};
use crate::report::{Constraint, Severity, Target};
use crate::spec::{TIMEOUT_MAX, TIMEOUT_MIN};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::timeout_numeric_string::{self, is_numeric_string};
use super::{
    timeout_not_integer, wrong_type, Enabled, Example, Input, Label, Rule, RuleDocs, RuleId,
};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::TimeoutRange,
    code: "MFA050",
    name: "timeout-range",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "A timeout is outside 5..600 seconds",
    why: "Vendor timeouts are seconds between 5 and 600 (default 30). Legacy SASE types them as strings \
          and inherits the range as a warning.",
    source: "SCM vendor schemas (minimum 5, maximum 600); Terraform Int64 5..600",
    ruling: Some("timeouts"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_timeout\": 3600}}\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_timeout\": 600}}\n}\n",
    },
    options: "",
};

/// A number as it may be echoed: short ones as written, long ones by length.
pub(crate) fn short(raw: &str) -> String {
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
        ctx.report_scm_constraint(
            RuleId::TimeoutRange,
            at,
            Target::Value,
            || {
                let (mut a, mut b) = (itoa::Buffer::new(), itoa::Buffer::new());
                [
                    "`",
                    key,
                    "` must be between ",
                    a.format(TIMEOUT_MIN),
                    " and ",
                    b.format(TIMEOUT_MAX),
                    " seconds, found ",
                    &short(raw),
                ]
                .concat()
            },
            Some(Constraint::Range {
                minimum: TIMEOUT_MIN,
                maximum: TIMEOUT_MAX,
            }),
        );
    }
}

/// An integer timeout (SCM): a numeric string is a warning, anything else
/// that is not a plain integer an error.
pub(crate) fn check_integer(ctx: &mut Ctx, node: &Node, at: &Ptr, key: &str) {
    match &node.value {
        Value::Number(raw) if is_numeric_string(raw) => check_range(ctx, at, key, raw),
        Value::Number(_) => {
            timeout_not_integer::report(ctx, at, key, "a number with a fraction or exponent")
        }
        Value::String(s) if is_numeric_string(s) => {
            timeout_numeric_string::report(ctx, at, key, s);
            check_range(ctx, at, key, s);
        }
        Value::String(_) => {
            timeout_not_integer::report(ctx, at, key, "a string that is not an integer")
        }
        _ => wrong_type::report(ctx, node, at, Label::Key(key), "integer"),
    }
}

/// A timeout typed as a string (legacy SASE): its value is checked against
/// the SCM constraint, which it inherits as a warning.
pub(crate) fn check_string(ctx: &mut Ctx, node: &Node, at: &Ptr, key: &str) {
    match &node.value {
        Value::String(s) if is_numeric_string(s) => check_range(ctx, at, key, s),
        Value::String(_) => {
            timeout_not_integer::report(ctx, at, key, "a string that is not an integer")
        }
        _ => wrong_type::report(ctx, node, at, Label::Key(key), "string"),
    }
}
