//! SailPoint Identity Security Cloud MFA configuration
//! (`docs/rulings.md#sailpoint-config`): PUT /mfa/okta-verify/config and
//! PUT /mfa/duo-web/config bodies, and the GET /mfa/:method/test response.
//! No field is required upstream; strings are nullable.

use super::{Api, Default, Field, Format, KindSpec, Object, Type, AS_WRITTEN, SCHEMA_FIELD};

/// The `method` path parameter's values.
pub const METHODS: &[&str] = &["okta-verify", "duo-web"];
pub const TEST_STATES: &[&str] = &["SUCCESS", "FAILED"];

const fn method(name: &'static str) -> Field {
    Field::new("mfaMethod", Type::NullableString)
        .format(Format::Endpoint(name))
        .doc("The MFA method: must match the endpoint.")
}

const ENABLED: Field = Field::new("enabled", Type::Boolean)
    .default(Default::Bool(false))
    .activates()
    .doc("Whether the MFA method is enabled (not nullable).");
const HOST: Field = Field::new("host", Type::NullableString)
    .credential()
    .doc("The server host name or IP address of the MFA provider.");
const ACCESS_KEY: Field = Field::new("accessKey", Type::NullableString)
    .secret()
    .credential()
    .doc("The secret key for authenticating requests to the MFA provider.");
const IDENTITY_ATTRIBUTE: Field = Field::new("identityAttribute", Type::NullableString)
    .doc("The name of the attribute for mapping an identity to the MFA provider.");

pub static OKTA_CONFIG: Object = Object::new(
    "the MFA configuration",
    &[
        SCHEMA_FIELD,
        method("okta-verify"),
        ENABLED,
        HOST,
        ACCESS_KEY,
        IDENTITY_ATTRIBUTE,
    ],
)
.doc("The okta-verify MFA configuration.");

/// Duo's `configProperties`: any keys; `skey` is a secret (checked when it
/// is a string), `ikey` is not.
pub static CONFIG_PROPERTIES: Object = Object::new(
    "`configProperties`",
    &[
        Field::new("skey", Type::Any)
            .secret()
            .credential()
            .doc("The Duo secret key."),
        Field::new("ikey", Type::Any)
            .credential()
            .doc("The Duo integration key."),
    ],
)
.open()
.doc("Additional config properties (any keys). `skey` is a secret; `ikey` is not.");

pub static DUO_CONFIG: Object = Object::new(
    "the MFA configuration",
    &[
        SCHEMA_FIELD,
        method("duo-web"),
        ENABLED,
        HOST,
        ACCESS_KEY,
        IDENTITY_ATTRIBUTE,
        Field::new("configProperties", Type::NullableObject(&CONFIG_PROPERTIES))
            .credential()
            .doc("Additional config properties (any keys). `skey` is a secret; `ikey` is not."),
    ],
)
.doc("The duo-web MFA configuration.");

pub static TEST_RESULT: Object = Object::new(
    "the test result",
    &[
        SCHEMA_FIELD,
        Field::string("state")
            .format(Format::Enum(TEST_STATES))
            .read_only()
            .doc("The configuration test result."),
        // The schema omits `nullable`, but the API's own example is
        // `"error": null` (docs/rulings.md#test-result).
        Field::new("error", Type::NullableString)
            .read_only()
            .doc("The error message when the test failed."),
    ],
)
.doc("The MFA configuration test result.");

pub static OKTA_KIND: KindSpec = KindSpec {
    id: "sailpoint-okta-config",
    title: "SailPoint ISC okta-verify configuration",
    what: "Request body of PUT /mfa/okta-verify/config (SailPoint Identity Security Cloud)",
    root: &OKTA_CONFIG,
    wrapped: None,
    flavor: AS_WRITTEN,
    request: true,
    api: Api::SailPoint,
};

pub static DUO_KIND: KindSpec = KindSpec {
    id: "sailpoint-duo-config",
    title: "SailPoint ISC duo-web configuration",
    what: "Request body of PUT /mfa/duo-web/config (SailPoint Identity Security Cloud)",
    root: &DUO_CONFIG,
    wrapped: None,
    flavor: AS_WRITTEN,
    request: true,
    api: Api::SailPoint,
};

pub static TEST_RESULT_KIND: KindSpec = KindSpec {
    id: "sailpoint-test-result",
    title: "SailPoint ISC MFA configuration test result",
    what: "Response of GET /mfa/{method}/test (SailPoint Identity Security Cloud)",
    root: &TEST_RESULT,
    wrapped: None,
    flavor: AS_WRITTEN,
    request: false,
    api: Api::SailPoint,
};
