//! Typed payloads (serde), for code that builds or reads profiles.
//!
//! [`from_str`] validates first, so a value of these types has passed every
//! error-level rule. Secrets are [`Secret`]s, whose `Debug` prints the mask.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::kind::Kind;
use crate::options::Options;
use crate::report::Report;
use crate::transform::redact::mask;

/// A secret string: serialized as is, printed by `Debug` only as its mask.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The plaintext; the only way to read it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secret({:?})", mask(&self.0))
    }
}

/// A timeout in seconds: an integer (SCM) or a string (legacy SASE, and
/// tolerated in SCM with a warning).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Timeout {
    Seconds(i64),
    Text(String),
}

impl Timeout {
    pub fn seconds(&self) -> Option<i64> {
        match self {
            Timeout::Seconds(n) => Some(*n),
            Timeout::Text(s) => s.parse().ok(),
        }
    }
}

/// Exactly one container of an SCM object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Folder(String),
    Snippet(String),
    Device(String),
}

/// Exactly one vendor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MfaVendorType {
    OktaAdaptiveV1(Okta),
    PingIdentityV1(Ping),
    RsaSecuridAccessV1(Rsa),
    DuoSecurityV2(Duo),
}

macro_rules! optional_fields {
    ($(#[$m:meta])* $name:ident { $($field:ident: $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct $name {
            $(
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }
    };
}

optional_fields!(
    /// `okta_adaptive_v1`
    Okta { okta_api_host: String, okta_baseuri: String, okta_token: Secret, okta_org: String, okta_timeout: Timeout }
);
optional_fields!(
    /// `ping_identity_v1` (SCM and legacy SASE fields)
    Ping {
        ping_api_host: String, ping_baseuri: String, ping_use_base64_key: Secret, ping_token: Secret,
        ping_org: String, ping_org_alias: String, ping_timeout: Timeout,
    }
);
optional_fields!(
    /// `rsa_securid_access_v1`
    Rsa {
        rsa_api_host: String, rsa_baseuri: String, rsa_accesskey: Secret, rsa_accessid: String,
        rsa_assurancepolicyid: String, rsa_timeout: Timeout,
    }
);
optional_fields!(
    /// `duo_security_v2`
    Duo {
        duo_api_host: String, duo_baseuri: String, duo_timeout: Timeout, duo_integration_key: String,
        duo_secret_key: Secret,
    }
);

/// Strata Cloud Manager `mfa-servers` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScmMfaServer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    pub mfa_cert_profile: String,
    #[serde(flatten)]
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_vendor_type: Option<MfaVendorType>,
}

/// Legacy Prisma SASE `mfa-servers` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaseMfaServer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    pub mfa_cert_profile: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_vendor_type: Option<MfaVendorType>,
}

/// SailPoint `okta-verify` configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OktaConfig {
    pub mfa_method: Option<String>,
    #[serde(default)]
    pub enabled: bool,
    pub host: Option<String>,
    pub access_key: Option<Secret>,
    pub identity_attribute: Option<String>,
}

/// SailPoint `duo-web` configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DuoConfig {
    pub mfa_method: Option<String>,
    #[serde(default)]
    pub enabled: bool,
    pub host: Option<String>,
    pub access_key: Option<Secret>,
    pub identity_attribute: Option<String>,
    pub config_properties: Option<ConfigProperties>,
}

/// Duo `configProperties`: `skey` is a secret, `ikey` is not, others pass through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigProperties {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skey: Option<Secret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ikey: Option<String>,
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TestState {
    Success,
    Failed,
}

/// SailPoint GET /mfa/:method/test response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestResult {
    pub state: Option<TestState>,
    pub error: Option<String>,
}

/// A typed payload and the kind it validates as.
pub trait Payload: DeserializeOwned {
    const KIND: Kind;
}

impl Payload for ScmMfaServer {
    const KIND: Kind = Kind::ScmMfaServer;
}
impl Payload for SaseMfaServer {
    const KIND: Kind = Kind::SaseMfaServer;
}
impl Payload for OktaConfig {
    const KIND: Kind = Kind::SailpointOktaConfig;
}
impl Payload for DuoConfig {
    const KIND: Kind = Kind::SailpointDuoConfig;
}
impl Payload for TestResult {
    const KIND: Kind = Kind::SailpointTestResult;
}

#[derive(Debug, thiserror::Error)]
pub enum TypedError {
    #[error(transparent)]
    Unreadable(#[from] crate::Error),
    #[error("the payload has errors:\n{0}")]
    Invalid(Report),
    #[error("the payload does not fit the typed model: {0}")]
    Shape(#[from] serde_json::Error),
}

/// Validates `text` as `T::KIND` and, when it has no error, deserializes it.
pub fn from_str<T: Payload>(text: &str, opts: &Options) -> Result<T, TypedError> {
    let report = crate::validate_str(text, Some(T::KIND), opts)?;
    if !report.is_valid() {
        return Err(TypedError::Invalid(report));
    }
    Ok(serde_json::from_str(text)?)
}
