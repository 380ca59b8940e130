//! MFA010 missing-required.

use crate::report::{Constraint, Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::MissingRequired,
    code: "MFA010",
    name: "missing-required",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "A required field or query parameter is missing",
    why: "The API rejects a body without its required fields. A documented default does not make a \
          required field optional: the server does not fill it. Legacy SASE inherits the SCM vendor \
          fields' requirements as warnings; its own (name, mfa_cert_profile, the folder and position \
          query parameters) are errors.",
    source: "SCM mfa-servers required lists; legacy SASE spec",
    ruling: Some("required-and-defaults"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"duo\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
        fixed: "{\n  \"name\": \"duo\",\n  \"mfa_cert_profile\": \"duo-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
    },
    options: "",
};

/// `key` is missing from the object at `parent`; `label` names the object.
/// `inherited`: a Strata Cloud Manager requirement (a warning where the
/// kind inherits it).
pub(crate) fn report(ctx: &mut Ctx, parent: &Ptr, key: &str, label: &str, inherited: bool) {
    let at = parent.missing(key);
    let message = || ["missing required field `", key, "` in ", label].concat();
    let c = Some(Constraint::Required(true));
    if inherited {
        ctx.report_scm_constraint(RuleId::MissingRequired, &at, Target::Missing, message, c);
    } else {
        ctx.report(RuleId::MissingRequired, &at, Target::Missing, message, c);
    }
}
