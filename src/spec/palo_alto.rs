//! Palo Alto Networks `mfa-servers`: the Strata Cloud Manager body
//! (config/identity/v1) and the legacy Prisma SASE body
//! (sse/config/v1), which share their field names. The tables are Strata
//! Cloud Manager's; legacy SASE is [`LEGACY_SASE`] plus the fields marked
//! `scm_only`.

use super::{
    Api, Default, ExactlyOne, Field, Flavor, Format, KindSpec, Object, Type, AS_WRITTEN,
    SCHEMA_FIELD,
};

/// Legacy Prisma SASE reads the same tables differently
/// (`docs/rulings.md#legacy-sase`): every vendor field is an unconstrained
/// string upstream, timeouts included; the same backend stands behind
/// both, so the Strata Cloud Manager constraints are reported as warnings;
/// it documents no defaults, no scope fields and no `ping_use_base64_key`.
pub const LEGACY_SASE: Flavor = Flavor {
    timeouts_as_strings: true,
    inherited_constraints_are_warnings: true,
    has_scm_only_fields: false,
    has_defaults: false,
};

const fn timeout(name: &'static str) -> Field {
    Field::new(name, Type::Timeout)
        .default(Default::Int(30))
        .doc("Seconds, 5 to 600.")
}

pub static OKTA: Object = Object::new(
    "`okta_adaptive_v1`",
    &[
        Field::string("okta_api_host")
            .min(10)
            .hostname()
            .required()
            .doc("The Okta API host."),
        Field::string("okta_baseuri")
            .min(2)
            .required()
            .default(Default::Str("/api/v1"))
            .doc("The Okta API base URI."),
        Field::string("okta_token")
            .min(8)
            .secret()
            .required()
            .doc("The Okta API token."),
        Field::string("okta_org")
            .required()
            .doc("The Okta organization."),
        timeout("okta_timeout").required(),
    ],
)
.scm_constraints()
.doc("Okta Adaptive.");

pub static PING: Object = Object::new(
    "`ping_identity_v1`",
    &[
        Field::string("ping_baseuri")
            .min(2)
            .required()
            .default(Default::Str("/pingid/rest/4"))
            .doc("The Ping Identity API base URI."),
        Field::string("ping_api_host")
            .min(16)
            .hostname()
            .required()
            .default(Default::Str("idpxny3lm.pingidentity.com"))
            .doc("The Ping Identity API host."),
        Field::string("ping_use_base64_key")
            .min(8)
            .secret()
            .required()
            .scm_only()
            .doc("The Ping Identity base64 key."),
        Field::string("ping_token").min(8).secret().required().doc("The Ping Identity token."),
        Field::string("ping_org_alias").min(8).doc("The Ping Identity organization alias."),
        // Required upstream but never defined: accepted, not required
        // (docs/rulings.md#ping-org).
        Field::string("ping_org").doc(
            "The Ping Identity organization: listed as required upstream but never defined there, so accepted and not required.",
        ),
        timeout("ping_timeout").required(),
    ],
)
.scm_constraints()
.doc("Ping Identity.");

pub static RSA: Object = Object::new(
    "`rsa_securid_access_v1`",
    &[
        Field::string("rsa_api_host")
            .min(10)
            .hostname()
            .doc("The RSA SecurID API host."),
        Field::string("rsa_baseuri")
            .min(2)
            .default(Default::Str("/mfa/v1_1"))
            .doc("The RSA SecurID API base URI."),
        Field::string("rsa_accesskey")
            .min(8)
            .secret()
            .doc("The RSA SecurID access key."),
        Field::string("rsa_accessid")
            .min(8)
            .doc("The RSA SecurID access ID."),
        Field::string("rsa_assurancepolicyid")
            .min(3)
            .doc("The RSA SecurID assurance policy ID."),
        timeout("rsa_timeout"),
    ],
)
.scm_constraints()
.doc("RSA SecurID Access (every field optional).");

pub static DUO: Object = Object::new(
    "`duo_security_v2`",
    &[
        Field::string("duo_api_host")
            .min(16)
            .hostname()
            .required()
            .doc("The Duo API host."),
        Field::string("duo_baseuri")
            .min(2)
            .required()
            .default(Default::Str("/auth/v2"))
            .doc("The Duo API base URI."),
        timeout("duo_timeout").required(),
        Field::string("duo_integration_key")
            .min(16)
            .required()
            .doc("The Duo integration key."),
        Field::string("duo_secret_key")
            .min(16)
            .secret()
            .required()
            .doc("The Duo secret key."),
    ],
)
.scm_constraints()
.doc("Duo Security.");

/// The vendor keys of `mfa_vendor_type`, in table order.
pub const VENDOR_KEYS: &[&str] = &[
    "okta_adaptive_v1",
    "ping_identity_v1",
    "rsa_securid_access_v1",
    "duo_security_v2",
];

pub static VENDOR_TYPE: Object = Object::new(
    "`mfa_vendor_type`",
    &[
        Field::new("okta_adaptive_v1", Type::Object(&OKTA)).doc("Okta Adaptive."),
        Field::new("ping_identity_v1", Type::Object(&PING)).doc("Ping Identity."),
        Field::new("rsa_securid_access_v1", Type::Object(&RSA)).doc("RSA SecurID Access."),
        Field::new("duo_security_v2", Type::Object(&DUO)).doc("Duo Security."),
    ],
)
.exactly_one(ExactlyOne::Vendor(VENDOR_KEYS))
.doc("The MFA vendor: exactly one of the four vendor objects.");

/// The vendor objects, in table order.
pub fn vendors() -> impl Iterator<Item = (&'static str, &'static Object)> {
    VENDOR_TYPE.fields.iter().map(|f| match f.ty {
        Type::Object(o) => (f.name, o),
        _ => unreachable!("mfa_vendor_type holds vendor objects"),
    })
}

/// `folder`, `snippet`, `device`: where an SCM object lives.
pub const SCOPE_KEYS: &[&str] = &["folder", "snippet", "device"];

const fn scope(name: &'static str) -> Field {
    Field::string(name)
        .format(Format::ScopeName)
        .scm_only()
        .doc("Where the object lives: exactly one of folder, snippet, device.")
}

/// The `mfa-servers` request body.
pub static PROFILE: Object = Object::new(
    "the MFA server profile",
    &[
        SCHEMA_FIELD,
        Field::new("id", Type::Any)
            .read_only()
            .doc("The UUID of the MFA server, assigned by the server; a PUT takes it in the path."),
        Field::string("name")
            .min(1)
            .required()
            .doc("The name of the MFA server profile."),
        Field::string("mfa_cert_profile")
            .min(1)
            .required()
            .doc("The MFA server certificate profile."),
        scope("folder"),
        scope("snippet"),
        scope("device"),
        Field::new("mfa_vendor_type", Type::Object(&VENDOR_TYPE))
            .expected()
            .doc("The MFA vendor: exactly one of the four vendor objects."),
    ],
)
.exactly_one(ExactlyOne::Scope(SCOPE_KEYS))
.doc("An MFA server profile.");

/// Legacy SASE `folder` query parameter values.
pub const SASE_FOLDERS: &[&str] = &[
    "Shared",
    "Mobile Users",
    "Remote Networks",
    "Service Connections",
    "Mobile Users Container",
    "Mobile Users Explicit Proxy",
];
pub const POSITIONS: &[&str] = &["pre", "post"];

/// The legacy SASE POST's query parameters (`docs/rulings.md#sase-query`).
pub static SASE_QUERY: Object = Object::new(
    "the query parameters",
    &[
        Field::string("folder")
            .format(Format::Enum(SASE_FOLDERS))
            .required()
            .doc("The folder the MFA server profile goes to."),
        Field::string("position")
            .format(Format::Enum(POSITIONS))
            .required()
            .doc("Before or after the folder's other rules."),
    ],
)
.doc("The POST's query parameters.");

/// A legacy SASE file that also holds its query parameters:
/// `{"query": {...}, "body": {...}}` (a document with both keys).
pub static SASE_REQUEST: Object = Object::new(
    "the request",
    &[
        SCHEMA_FIELD,
        Field::new("query", Type::Object(&SASE_QUERY))
            .required()
            .doc("The POST's query parameters."),
        Field::new("body", Type::Object(&PROFILE))
            .required()
            .doc("The POST's body."),
    ],
)
.doc("A legacy SASE POST: its query parameters and its body.");

pub static SCM_KIND: KindSpec = KindSpec {
    id: "scm-mfa-server",
    title: "Strata Cloud Manager MFA server profile",
    what: "Request body of POST /mfa-servers and PUT /mfa-servers/{id} (Strata Cloud Manager, config/identity/v1)",
    root: &PROFILE,
    wrapped: None,
    flavor: AS_WRITTEN,
    request: true,
    api: Api::PaloAlto,
};

pub static SASE_KIND: KindSpec = KindSpec {
    id: "sase-mfa-server",
    title: "Legacy Prisma SASE MFA server profile",
    what: "Request of POST /sse/config/v1/mfa-servers (legacy Prisma SASE): the bare body, or {\"query\": {\"folder\", \"position\"}, \"body\": {...}} when the document has both `query` and `body`",
    root: &PROFILE,
    wrapped: Some(&SASE_REQUEST),
    flavor: LEGACY_SASE,
    request: true,
    api: Api::PaloAlto,
};
