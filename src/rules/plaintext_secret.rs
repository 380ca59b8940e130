//! MFA081 plaintext-secret (decided in `masked_secret`).

use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::PlaintextSecret,
    code: "MFA081",
    name: "plaintext-secret",
    severity: Severity::Warning,
    enabled: Enabled::InFiles,
    configurable: true,
    summary: "A plaintext secret in a payload file (on in the CLI, off in the library)",
    why: "A committed payload file with a real token, secret key or access key leaks it to everyone with \
          the repository. Inject secrets at deploy time. The command line and its pre-commit hook turn \
          this rule on; the library and the npm package leave it off, since a form being filled in \
          holds plaintext by design.",
    source: "mfalint policy for payload files",
    ruling: Some("plaintext-secrets"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::SailpointOktaConfig),
        fails: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"accessKey\": \"00aBcDeFgHiJkLmN\"\n}\n",
        fixed: "{\n  \"mfaMethod\": \"okta-verify\",\n  \"accessKey\": null\n}\n",
    },
    options: "Off by default in the library and the npm package; select it there with `MFA081`.",
};

pub(crate) fn report(ctx: &mut Ctx, at: &Ptr, key: &str) {
    // Off by default in the library: no message is built then.
    if ctx.is_on(RuleId::PlaintextSecret) {
        ctx.report(
            RuleId::PlaintextSecret,
            at,
            Target::Value,
            || {
                [
                    "secret `",
                    key,
                    "` is in plaintext in this file; inject it at deploy time",
                ]
                .concat()
            },
            Some(Constraint::Secret("not in files")),
        );
    }
}
