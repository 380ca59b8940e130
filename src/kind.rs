use serde::Serialize;

use crate::json::Node;

/// The payload kinds mfalint validates (RULINGS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Body of POST /mfa-servers and PUT /mfa-servers/:id (Strata Cloud Manager).
    ScmMfaServer,
    /// Body of POST /sse/config/v1/mfa-servers (legacy Prisma SASE), bare or
    /// as `{"query": {"folder", "position"}, "body": {...}}`.
    SaseMfaServer,
    /// Body of PUT /mfa/okta-verify/config (SailPoint ISC).
    SailpointOktaConfig,
    /// Body of PUT /mfa/duo-web/config (SailPoint ISC).
    SailpointDuoConfig,
    /// Response of GET /mfa/:method/test (SailPoint ISC).
    SailpointTestResult,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::ScmMfaServer,
        Kind::SaseMfaServer,
        Kind::SailpointOktaConfig,
        Kind::SailpointDuoConfig,
        Kind::SailpointTestResult,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Kind::ScmMfaServer => "scm-mfa-server",
            Kind::SaseMfaServer => "sase-mfa-server",
            Kind::SailpointOktaConfig => "sailpoint-okta-config",
            Kind::SailpointDuoConfig => "sailpoint-duo-config",
            Kind::SailpointTestResult => "sailpoint-test-result",
        }
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// Which API's error envelope a report of this kind renders as.
    pub fn is_sailpoint(self) -> bool {
        matches!(
            self,
            Kind::SailpointOktaConfig | Kind::SailpointDuoConfig | Kind::SailpointTestResult
        )
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// Why the kind of a payload could not be told from its shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DetectError {
    #[error("cannot tell the payload kind: the document is {0}, not an object")]
    NotAnObject(&'static str),
    #[error("cannot tell the payload kind: it could be {} or {}; {hint}", .candidates[0], .candidates[1])]
    Ambiguous {
        candidates: [Kind; 2],
        hint: &'static str,
    },
    #[error("cannot tell the payload kind: no key of any known payload (name/mfa_vendor_type, mfaMethod/host/accessKey, state); pass the kind explicitly")]
    Unknown,
}

const PAN_KEYS: &[&str] = &["name", "mfa_cert_profile", "mfa_vendor_type", "id"];
const SAILPOINT_CONFIG_KEYS: &[&str] = &["enabled", "host", "accessKey", "identityAttribute"];

/// Tells the kind from the payload's shape: a `$schema` naming a kind id,
/// then the keys only one kind has.
pub fn detect(root: &Node) -> Result<Kind, DetectError> {
    if root.members().is_none() {
        return Err(DetectError::NotAnObject(root.type_name()));
    }
    let has = |k: &str| root.get(k).is_some();
    if let Some(kind) = root
        .get("$schema")
        .and_then(Node::as_str)
        .and_then(|s| Kind::ALL.into_iter().find(|k| s.contains(k.id())))
    {
        return Ok(kind);
    }
    if has("query") && has("body") {
        return Ok(Kind::SaseMfaServer);
    }
    if ["folder", "snippet", "device"].iter().any(|k| has(k)) {
        return Ok(Kind::ScmMfaServer);
    }
    match root.get("mfaMethod").and_then(Node::as_str) {
        Some("okta-verify") => return Ok(Kind::SailpointOktaConfig),
        Some("duo-web") => return Ok(Kind::SailpointDuoConfig),
        _ => {}
    }
    if has("configProperties") {
        return Ok(Kind::SailpointDuoConfig);
    }
    if has("mfaMethod") || SAILPOINT_CONFIG_KEYS.iter().any(|k| has(k)) {
        return Err(DetectError::Ambiguous {
            candidates: [Kind::SailpointOktaConfig, Kind::SailpointDuoConfig],
            hint:
                "set \"mfaMethod\" to \"okta-verify\" or \"duo-web\", or pass the kind explicitly",
        });
    }
    if PAN_KEYS.iter().any(|k| has(k)) {
        return Err(DetectError::Ambiguous {
            candidates: [Kind::ScmMfaServer, Kind::SaseMfaServer],
            hint: "an SCM body names its folder, snippet or device; a legacy SASE file can be written as {\"query\": {...}, \"body\": {...}}; or pass the kind explicitly",
        });
    }
    if has("state") || has("error") {
        return Ok(Kind::SailpointTestResult);
    }
    Err(DetectError::Unknown)
}
