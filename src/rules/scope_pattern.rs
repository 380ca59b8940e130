//! MFA022 scope-pattern.

use crate::report::{Constraint, Severity, Target};
use crate::spec::SCOPE_PATTERN;
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::ScopePattern,
    code: "MFA022",
    name: "scope-pattern",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "`folder`/`snippet`/`device` has a character outside A-Z a-z 0-9 _ . - and space",
    why: "The documented pattern ^[a-zA-Z\\d-_\\. ]+$ does not compile in Rust or in ECMA-262 `u` mode; \
          mfalint enforces its intent, ^[A-Za-z0-9_. -]+$, where digits are ASCII only.",
    source: "SCM mfa-servers folder/snippet/device pattern",
    ruling: Some("scope-pattern"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Mobile/Users\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Mobile Users\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
    },
    options: "",
};

fn scope_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | ' ')
}

pub(crate) fn check(ctx: &mut Ctx, at: &Ptr, key: &str, value: &str) {
    if let Some((i, bad)) = value.chars().enumerate().find(|(_, c)| !scope_char(*c)) {
        ctx.report(
            RuleId::ScopePattern,
            at,
            Target::Value,
            || {
                let bad: String = bad.escape_debug().collect();
                let mut at = itoa::Buffer::new();
                [
                    "`",
                    key,
                    "` has '",
                    &bad,
                    "' at character ",
                    at.format(i + 1),
                    "; allowed are ASCII letters, digits, `_`, `.`, `-` and space",
                ]
                .concat()
            },
            Some(Constraint::Pattern(SCOPE_PATTERN)),
        );
    }
}
