//! MFA070 enum-value.

use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Label, Rule, RuleDocs, RuleId};

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
    label: Label,
    value: &str,
    allowed: &'static [&'static str],
) {
    if !allowed.contains(&value) {
        let message = || {
            let [a, b, c] = label.pieces();
            let mut out = [a, b, c, " must be one of "].concat();
            for (i, value) in allowed.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push('"');
                out.push_str(value);
                out.push('"');
            }
            out
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
