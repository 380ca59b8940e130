//! MFA002 wrong-type.

use crate::json::{Node, Value};
use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Label, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::WrongType,
    code: "MFA002",
    name: "wrong-type",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "A field has the wrong JSON type (string, integer, boolean, object)",
    why: "Every documented field has a JSON type; the API rejects others (SCM answers E003 Invalid \
          Object). Legacy SASE vendor fields, timeouts included, are strings; SailPoint strings may \
          be null.",
    source: "upstream OpenAPI schemas (SCM, legacy SASE, SailPoint)",
    ruling: Some("legacy-sase"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::SailpointOktaConfig),
        fails: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"enabled\": \"true\"\n}\n",
        fixed: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"enabled\": true\n}\n",
    },
    options: "",
};

/// What a field may be.
#[derive(Clone, Copy)]
pub(crate) enum Expect {
    Object,
    String,
    NullableString,
    NullableObject,
    Boolean,
}

impl Expect {
    fn accepts(self, node: &Node) -> bool {
        matches!(
            (self, &node.value),
            (Expect::Object | Expect::NullableObject, Value::Object(_))
                | (Expect::String | Expect::NullableString, Value::String(_))
                | (Expect::Boolean, Value::Bool(_))
                | (Expect::NullableString | Expect::NullableObject, Value::Null)
        )
    }

    fn name(self) -> &'static str {
        match self {
            Expect::Object => "object",
            Expect::String => "string",
            Expect::NullableString => "string or null",
            Expect::NullableObject => "object or null",
            Expect::Boolean => "boolean",
        }
    }
}

/// Checks `node`'s type; reports and returns false when it is wrong. The
/// label is only rendered for a finding.
#[inline]
pub(crate) fn expect(ctx: &mut Ctx, node: &Node, at: &Ptr, label: Label, want: Expect) -> bool {
    if want.accepts(node) {
        return true;
    }
    report(ctx, node, at, label, want.name());
    false
}

/// Reports that `node` is not a `want`.
#[cold]
pub(crate) fn report(ctx: &mut Ctx, node: &Node, at: &Ptr, label: Label, want: &'static str) {
    let article = if want.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    ctx.report(
        RuleId::WrongType,
        at,
        Target::Value,
        || {
            let [a, b, c] = label.pieces();
            [
                a,
                b,
                c,
                " must be ",
                article,
                " ",
                want,
                ", found ",
                node.type_name(),
            ]
            .concat()
        },
        Some(Constraint::Type(want)),
    );
}
