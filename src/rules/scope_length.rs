//! MFA021 scope-length.

use crate::report::{Constraint, Severity, Target};
use crate::spec::SCOPE_MAX_CHARS;
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::ScopeLength,
    code: "MFA021",
    name: "scope-length",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "`folder`/`snippet`/`device` empty or longer than 64 characters",
    why:
        "Scope names are 1 to 64 characters, counted as Unicode code points (JSON Schema maxLength \
          semantics).",
    source: "SCM mfa-servers folder/snippet/device maxLength 64",
    ruling: Some("scope"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
    },
    options: "",
};

pub(crate) fn check(ctx: &mut Ctx, at: &Ptr, key: &str, value: &str) {
    let chars = value.chars().count() as u64;
    if chars == 0 {
        ctx.report(
            RuleId::ScopeLength,
            at,
            Target::Value,
            || ["`", key, "` must not be empty"].concat(),
            Some(Constraint::MinLength(1)),
        );
    } else if chars > SCOPE_MAX_CHARS {
        ctx.report(
            RuleId::ScopeLength,
            at,
            Target::Value,
            || {
                let (mut a, mut b) = (itoa::Buffer::new(), itoa::Buffer::new());
                [
                    "`",
                    key,
                    "` is ",
                    a.format(chars),
                    " characters, more than the maximum of ",
                    b.format(SCOPE_MAX_CHARS),
                ]
                .concat()
            },
            Some(Constraint::MaxLength(SCOPE_MAX_CHARS)),
        );
    }
}
