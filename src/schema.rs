//! The JSON Schemas in `schemas/`, one per kind (draft 2020-12), built into
//! the library so that the CLI (`mfalint schema KIND`) and the WASM package
//! ship the same text. `tests/schemas.rs` proves them equal to the Rust
//! validators; each schema's `description` lists what it cannot express.

use crate::kind::Kind;

/// The JSON Schema of `kind`, as the text of `schemas/<kind-id>.schema.json`.
pub fn schema(kind: Kind) -> &'static str {
    match kind {
        Kind::ScmMfaServer => include_str!("../schemas/scm-mfa-server.schema.json"),
        Kind::SaseMfaServer => include_str!("../schemas/sase-mfa-server.schema.json"),
        Kind::SailpointOktaConfig => include_str!("../schemas/sailpoint-okta-config.schema.json"),
        Kind::SailpointDuoConfig => include_str!("../schemas/sailpoint-duo-config.schema.json"),
        Kind::SailpointTestResult => include_str!("../schemas/sailpoint-test-result.schema.json"),
    }
}

/// The `$id` of `kind`'s schema.
pub fn schema_id(kind: Kind) -> String {
    format!("https://mfalint.dev/schemas/{}.schema.json", kind.id())
}
