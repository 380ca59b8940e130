use serde::Serialize;

use crate::json::Node;
use crate::spec::{palo_alto, sailpoint, Format, KindSpec, Object};

/// The payload kinds mfalint validates (`docs/rulings.md#kinds`). Each is
/// described once, by its [`KindSpec`] in [`crate::spec`].
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

    /// Its description.
    pub fn spec(self) -> &'static KindSpec {
        match self {
            Kind::ScmMfaServer => &palo_alto::SCM_KIND,
            Kind::SaseMfaServer => &palo_alto::SASE_KIND,
            Kind::SailpointOktaConfig => &sailpoint::OKTA_KIND,
            Kind::SailpointDuoConfig => &sailpoint::DUO_KIND,
            Kind::SailpointTestResult => &sailpoint::TEST_RESULT_KIND,
        }
    }

    /// Its place in [`Kind::ALL`] (the npm package numbers kinds so).
    pub fn index(self) -> usize {
        match self {
            Kind::ScmMfaServer => 0,
            Kind::SaseMfaServer => 1,
            Kind::SailpointOktaConfig => 2,
            Kind::SailpointDuoConfig => 3,
            Kind::SailpointTestResult => 4,
        }
    }

    /// The stable id: `scm-mfa-server`.
    pub fn id(self) -> &'static str {
        self.spec().id
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// A kind id: `scm-mfa-server`, ...
impl std::str::FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::from_id(s).ok_or_else(|| {
            let ids: Vec<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
            format!("unknown kind `{s}` (expected one of: {})", ids.join(", "))
        })
    }
}

/// Why the kind of a payload could not be told from its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetectError {
    NotAnObject(&'static str),
    Ambiguous {
        candidates: [Kind; 2],
        hint: &'static str,
    },
    Unknown,
}

impl DetectError {
    /// The message, naming what was looked at ("the document", "the
    /// item").
    pub fn message(&self, what: &str) -> String {
        match self {
            DetectError::NotAnObject(t) => format!(
                "cannot tell the payload kind: {what} is {} {t}, not an object",
                article(t)
            ),
            DetectError::Ambiguous { candidates, hint } => format!(
                "cannot tell the payload kind: it could be {} or {}; {hint}",
                candidates[0], candidates[1]
            ),
            DetectError::Unknown => "cannot tell the payload kind: no key of any known payload \
                 (name/mfa_vendor_type, mfaMethod/host/accessKey, state); pass the kind explicitly"
                .to_string(),
        }
    }
}

impl std::fmt::Display for DetectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message("the document"))
    }
}

impl std::error::Error for DetectError {}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The keys of `object`'s fields (not `$schema`), in `flavor`.
fn keys(object: &'static Object, scm: bool) -> impl Iterator<Item = &'static str> {
    object
        .fields
        .iter()
        .filter(move |f| f.name != "$schema" && (scm || !f.scm_only))
        .map(|f| f.name)
}

/// Tells the kind from the payload's shape (`docs/rulings.md#kind-detection`):
/// a `$schema` naming a kind id, then the keys only one kind has.
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
    for kind in Kind::ALL {
        if let Some(wrapped) = kind.spec().wrapped {
            if keys(wrapped, true).all(has) {
                return Ok(kind);
            }
        }
    }
    // Strata Cloud Manager's own keys: where the object lives.
    if keys(&palo_alto::PROFILE, true)
        .filter(|k| !keys(&palo_alto::PROFILE, false).any(|l| l == *k))
        .any(has)
    {
        return Ok(Kind::ScmMfaServer);
    }
    let method = root.get("mfaMethod").and_then(Node::as_str);
    for kind in [Kind::SailpointOktaConfig, Kind::SailpointDuoConfig] {
        let endpoint = kind.spec().root.fields.iter().find_map(|f| match f.format {
            Format::Endpoint(m) => Some(m),
            _ => None,
        });
        if method.is_some() && method == endpoint {
            return Ok(kind);
        }
    }
    // Duo's own keys.
    if keys(&sailpoint::DUO_CONFIG, true)
        .filter(|k| !keys(&sailpoint::OKTA_CONFIG, true).any(|l| l == *k))
        .any(has)
    {
        return Ok(Kind::SailpointDuoConfig);
    }
    if keys(&sailpoint::OKTA_CONFIG, true).any(has) {
        return Err(DetectError::Ambiguous {
            candidates: [Kind::SailpointOktaConfig, Kind::SailpointDuoConfig],
            hint:
                "set \"mfaMethod\" to \"okta-verify\" or \"duo-web\", or pass the kind explicitly",
        });
    }
    if keys(&palo_alto::PROFILE, false).any(has) {
        return Err(DetectError::Ambiguous {
            candidates: [Kind::ScmMfaServer, Kind::SaseMfaServer],
            hint: "an SCM body names its folder, snippet or device; a legacy SASE file can be written as {\"query\": {...}, \"body\": {...}}; or pass the kind explicitly",
        });
    }
    if keys(&sailpoint::TEST_RESULT, true).any(has) {
        return Ok(Kind::SailpointTestResult);
    }
    Err(DetectError::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A variant missing from `ALL` fails here (`index`, an exhaustive
    /// match, gives it a place that `ALL` must fill).
    #[test]
    fn all_lists_every_kind_once_in_index_order() {
        for (i, k) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(k.index(), i, "{k}");
        }
        let mut ids: Vec<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Kind::ALL.len(), "kind ids are unique");
    }
}
