//! MFA071 uuid-format.

use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::UuidFormat,
    code: "MFA071",
    name: "uuid-format",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "The `id` path parameter is not a UUID",
    why: "PUT/GET/DELETE /mfa-servers/:id take the UUID of the object (8-4-4-4-12 hexadecimal digits). \
          Checked by `params::check_id`, not in a body.",
    source: "SCM path parameter id format: uuid",
    ruling: Some("read-only-id"),
};

/// A path parameter has no payload: the example is the parameter's value.
pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::IdParameter,
        fails: "42",
        fixed: "0f8fad5b-d9cb-469f-a165-70867728950e",
    },
    options: "",
};

/// 8-4-4-4-12 hexadecimal digits, either case.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

pub(crate) fn check(ctx: &mut Ctx, at: &Ptr, label: &str, value: &str) {
    if !is_uuid(value) {
        ctx.report(
            RuleId::UuidFormat,
            at,
            Target::Value,
            || format!("{label} must be a UUID (8-4-4-4-12 hexadecimal digits)"),
            Some(Constraint::Format("uuid")),
        );
    }
}
