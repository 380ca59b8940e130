//! MFA031 vendor-missing.

use crate::report::{Severity, Target};
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::VendorMissing,
    code: "MFA031",
    name: "vendor-missing",
    severity: Severity::Warning,
    enabled: Enabled::Always,
    configurable: true,
    summary: "No `mfa_vendor_type`: the profile names no MFA vendor",
    why: "The spec makes mfa_vendor_type optional, but a server profile without a vendor cannot \
          authenticate anyone.",
    source: "SCM mfa-servers (mfa_vendor_type not required)",
    ruling: Some("vendor-missing"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\"\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}\n}\n",
    },
    options: "",
};

/// The expected field `key` is missing from the object at `parent`.
pub(crate) fn report(ctx: &mut Ctx, parent: &Ptr, key: &str) {
    ctx.report(
        RuleId::VendorMissing,
        &parent.missing(key),
        Target::Missing,
        || ["no `", key, "`: the profile names no MFA vendor"].concat(),
        None,
    );
}
