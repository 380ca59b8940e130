//! MFA070 enum-value.

use std::fmt::Display;

use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::EnumValue,
    code: "MFA070",
    name: "enum-value",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary:
        "A value outside its documented set (test `state`, SASE `folder`/`position`, `method`)",
    why: "These fields take one of a fixed set of values; the API rejects any other.",
    source: "SailPoint MfaConfigTestResponse and method parameter; legacy SASE query parameters",
    ruling: Some("sase-query"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::SailpointTestResult),
        fails: "{\n  \"state\": \"DONE\"\n}\n",
        fixed: "{\n  \"state\": \"SUCCESS\"\n}\n",
    },
    options: "",
};

pub(crate) fn check(
    ctx: &mut Ctx,
    at: &Ptr,
    label: impl Display,
    value: &str,
    allowed: &'static [&'static str],
) {
    if !allowed.contains(&value) {
        let message = || {
            let quoted: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
            format!("{label} must be one of {}", quoted.join(", "))
        };
        ctx.report(
            RuleId::EnumValue,
            at,
            Target::Value,
            message,
            Some(Constraint::Enum(allowed)),
        );
    }
}
