//! The package's functions: JSON text in, `{"ok": value}` or
//! `{"error": {...}}` text out. Plain Rust too (`*_json`), so they are
//! unit-tested natively.

use mfalint::{envelope, params, Error, Options};
use serde::Serialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::options::{options_from_json, Failure};

/// A value serialized straight to JSON text, so fields keep the order the
/// Rust types declare (a `serde_json::Value` would sort them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Json(pub String);

impl Json {
    pub(crate) fn of<T: Serialize + ?Sized>(v: &T) -> Json {
        Json(serde_json::to_string(v).expect("mfalint's types serialize to JSON"))
    }

    /// Parsed back, for tests.
    pub fn value(&self) -> Value {
        serde_json::from_str(&self.0).expect("valid JSON")
    }
}

pub(crate) fn respond(result: Result<Json, Failure>) -> String {
    match result {
        Ok(Json(text)) => format!("{{\"ok\":{text}}}"),
        Err(f) => f.to_json().to_string(),
    }
}

/// `validate_str` with JSON options; the report as JSON.
pub fn validate_json(text: &str, options: &str) -> Result<Json, Failure> {
    let (kind, opts) = options_from_json(options)?;
    let report = mfalint::validate_str(text, kind, &opts)?;
    Ok(Json::of(&report))
}

/// Checks bytes the way `validate_bytes` does (size limit, UTF-8) and
/// returns them as text, so `Uint8Array` input gets the core's messages.
pub fn decode_json(bytes: &[u8]) -> Result<Json, Failure> {
    Ok(Json::of(mfalint::decode(bytes, &Options::default())?))
}

#[wasm_bindgen(js_name = decode)]
pub fn decode(bytes: &[u8]) -> String {
    respond(decode_json(bytes))
}

/// The kind named in the options, else the detected one.
pub fn detect_json(text: &str, options: &str) -> Result<Json, Failure> {
    let (kind, opts) = options_from_json(options)?;
    let root = mfalint::parse(text, &opts)?;
    let kind = match kind {
        Some(k) => k,
        None => mfalint::detect(&root).map_err(Error::from)?,
    };
    Ok(Json::of(kind.id()))
}

#[wasm_bindgen(js_name = detectKind)]
pub fn detect_kind(text: &str, options: &str) -> String {
    respond(detect_json(text, options))
}

pub fn normalize_json(text: &str, options: &str) -> Result<Json, Failure> {
    let (kind, opts) = options_from_json(options)?;
    Ok(Json::of(&mfalint::normalize(text, kind, &opts)?))
}

#[wasm_bindgen(js_name = normalize)]
pub fn normalize(text: &str, options: &str) -> String {
    respond(normalize_json(text, options))
}

pub fn redact_json(text: &str, options: &str) -> Result<Json, Failure> {
    let (_, opts) = options_from_json(options)?;
    Ok(Json::of(&mfalint::redact(text, &opts)?))
}

#[wasm_bindgen(js_name = redact)]
pub fn redact(text: &str, options: &str) -> String {
    respond(redact_json(text, options))
}

/// The API's 400 body for the payload's error findings (`null` when it has
/// none). `request_id` is the caller's; otherwise `random_uuid` (generated
/// in JavaScript: wasm32-unknown-unknown has no OS randomness) is used as
/// is for SCM and without dashes (32 hex digits) for SailPoint.
pub fn api_error_json(
    text: &str,
    options: &str,
    request_id: Option<&str>,
    random_uuid: &str,
) -> Result<Json, Failure> {
    let (kind, opts) = options_from_json(options)?;
    let report = mfalint::validate_str(text, kind, &opts)?;
    let generated;
    let id = match request_id {
        Some(id) => id,
        None => {
            generated = if report.kind.spec().api == mfalint::spec::Api::SailPoint {
                random_uuid.replace('-', "")
            } else {
                random_uuid.to_string()
            };
            &generated
        }
    };
    Ok(Json::of(&envelope::api_error(&report, Some(id))))
}

#[wasm_bindgen(js_name = apiError)]
pub fn api_error(
    text: &str,
    options: &str,
    request_id: Option<String>,
    random_uuid: &str,
) -> String {
    respond(api_error_json(
        text,
        options,
        request_id.as_deref(),
        random_uuid,
    ))
}

/// Every rule's metadata, in code order (the compact report numbers them
/// in this order).
pub fn rules_json() -> Json {
    Json::of(&mfalint::rules::all().collect::<Vec<_>>())
}

#[wasm_bindgen(js_name = rules)]
pub fn rules() -> String {
    respond(Ok(rules_json()))
}

fn findings(options: &str, check: impl FnOnce(&Options) -> Vec<mfalint::Finding>) -> String {
    respond(options_from_json(options).map(|(_, opts)| Json::of(&check(&opts))))
}

/// The `id` path parameter (a UUID); findings point at `/id`.
#[wasm_bindgen(js_name = checkId)]
pub fn check_id(id: &str, options: &str) -> String {
    findings(options, |o| params::check_id(id, o))
}

/// The SailPoint `method` path parameter; findings point at `/method`.
#[wasm_bindgen(js_name = checkMethod)]
pub fn check_method(method: &str, options: &str) -> String {
    findings(options, |o| params::check_method(method, o))
}

/// The legacy SASE query (`folder`, `position`).
#[wasm_bindgen(js_name = checkSaseQuery)]
pub fn check_sase_query(folder: Option<String>, position: Option<String>, options: &str) -> String {
    findings(options, |o| {
        params::check_sase_query(folder.as_deref(), position.as_deref(), o)
    })
}

/// The JSON Schema (draft 2020-12) of a kind, as text.
pub fn schema_json(kind: &str) -> Result<Json, Failure> {
    let (kind, _) = options_from_json(&json!({ "kind": kind }).to_string())?;
    Ok(Json(
        mfalint::schema(kind.expect("kind given"))
            .trim()
            .to_string(),
    ))
}

#[wasm_bindgen(js_name = schema)]
pub fn schema(kind: &str) -> String {
    respond(schema_json(kind))
}

/// The package version, to check the glue and the `.wasm` match.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCM: &str = r#"{"name": "okta", "mfa_cert_profile": "cp", "folder": "Shared",
      "mfa_vendor_type": {"okta_adaptive_v1": {"okta_api_host": "acme.okta.com",
      "okta_baseuri": "/api/v1", "okta_token": "short", "okta_org": "acme", "okta_timeout": 30}}}"#;

    fn codes(v: &Json) -> Vec<String> {
        let v = v.value();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn validates_like_the_core() {
        let ours = validate_json(SCM, "").unwrap();
        let core = mfalint::validate_str(SCM, None, &Options::default()).unwrap();
        assert_eq!(ours.0, serde_json::to_string(&core).unwrap());
        assert_eq!(codes(&ours), ["MFA040"]);
    }

    #[test]
    fn limits_are_options() {
        let e =
            validate_json("[[[1]]]", r#"{"maxDepth": 2, "kind": "scm-mfa-server"}"#).unwrap_err();
        assert!(
            e.message.contains("nesting deeper than the limit of 2"),
            "{}",
            e.message
        );
        let e = validate_json(SCM, r#"{"maxBytes": 10}"#).unwrap_err();
        assert!(
            e.message.contains("over the limit of 10 bytes"),
            "{}",
            e.message
        );
        assert!(validate_json(SCM, r#"{"maxBytes": 100000, "maxDepth": 8}"#).is_ok());
    }

    #[test]
    fn options_apply_in_order() {
        let v = validate_json(SCM, r#"{"select": ["MFA081"]}"#).unwrap();
        assert_eq!(codes(&v), ["MFA040", "MFA081"]);
        let v = validate_json(SCM, r#"{"select": ["ALL"], "ignore": ["min-length"]}"#).unwrap();
        assert_eq!(codes(&v), ["MFA081"]);
        let v = validate_json(SCM, r#"{"severity": {"MFA040": "warning"}}"#).unwrap();
        assert_eq!(v.value()["findings"][0]["severity"], "warning");
        let v = validate_json(SCM, r#"{"severity": {"MFA04": "off"}}"#).unwrap();
        assert_eq!(codes(&v), Vec::<String>::new());
        let v = validate_json(SCM, r#"{"only": ["MFA081"], "kind": "scm-mfa-server"}"#).unwrap();
        assert_eq!(codes(&v), ["MFA081"]);
    }

    #[test]
    fn bad_options_are_errors() {
        for (options, needle) in [
            (r#"{"kind": "okta"}"#, "unknown kind `okta`"),
            (r#"{"mode": "get"}"#, "unknown mode `get`"),
            (r#"{"select": ["MFA9"]}"#, "unknown rule selector `MFA9`"),
            (
                r#"{"severity": {"MFA040": "fatal"}}"#,
                "must be error, warning or off",
            ),
            (r#"{"kinds": "x"}"#, "unknown field `kinds`"),
        ] {
            let f = validate_json(SCM, options).unwrap_err();
            assert_eq!(f.category, "options");
            assert!(f.message.contains(needle), "{}", f.message);
        }
    }

    #[test]
    fn parse_and_detect_errors_keep_the_core_message() {
        let f = validate_json("{\"a\": }", "").unwrap_err();
        assert_eq!((f.category, f.line, f.column), ("parse", Some(1), Some(7)));
        let core = mfalint::validate_str("{\"a\": }", None, &Options::default()).unwrap_err();
        assert_eq!(f.message, core.to_string());
        let f = validate_json("[]", "").unwrap_err();
        assert_eq!(f.category, "detect");
        assert!(f.message.starts_with("cannot tell the payload kind"));
    }

    #[test]
    fn api_error_uses_the_given_or_generated_id() {
        let uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        let v = api_error_json(SCM, "", None, uuid).unwrap().value();
        assert_eq!(v["_request_id"], uuid);
        assert_eq!(v["_errors"][0]["details"]["errors"][0]["code"], "MFA040");
        let v = api_error_json(SCM, "", Some("req-1"), uuid)
            .unwrap()
            .value();
        assert_eq!(v["_request_id"], "req-1");
        let duo = r#"{"mfaMethod": "duo-web", "host": 5}"#;
        let v = api_error_json(duo, "", None, uuid).unwrap().value();
        assert_eq!(v["trackingId"], "0f8fad5bd9cb469fa16570867728950e");
        let ok = r#"{"mfaMethod": "duo-web"}"#;
        assert_eq!(api_error_json(ok, "", None, uuid).unwrap().0, "null");
    }

    #[test]
    fn redact_and_normalize_never_leak() {
        let red = redact_json(SCM, "").unwrap();
        assert!(!red.0.contains("short"));
        assert!(red
            .value()
            .as_str()
            .unwrap()
            .contains("\"okta_token\": \"********\""));
        let n = normalize_json(SCM, "").unwrap().value();
        assert_eq!(n["kind"], "scm-mfa-server");
    }

    #[test]
    fn bytes_are_decoded_like_validate_bytes() {
        assert_eq!(decode_json(b"{}").unwrap().0, r#""{}""#);
        let f = decode_json(b"{\"a\": \"\xff\"}").unwrap_err();
        let core = mfalint::validate_bytes(b"{\"a\": \"\xff\"}", None, &Options::default());
        assert_eq!(f.message, core.unwrap_err().to_string());
        assert_eq!((f.category, f.line, f.column), ("parse", Some(1), Some(8)));
    }

    #[test]
    fn severity_overrides_keep_their_order() {
        // MFA040 last: error wins; MFA04 last: warning wins.
        let v = validate_json(
            SCM,
            r#"{"severity": {"MFA04": "warning", "MFA040": "error"}}"#,
        );
        assert_eq!(v.unwrap().value()["findings"][0]["severity"], "error");
        let v = validate_json(
            SCM,
            r#"{"severity": {"MFA040": "error", "MFA04": "warning"}}"#,
        );
        assert_eq!(v.unwrap().value()["findings"][0]["severity"], "warning");
    }

    #[test]
    fn fields_keep_the_declared_order() {
        let v = validate_json(SCM, "").unwrap();
        assert!(v
            .0
            .starts_with(r#"{"kind":"scm-mfa-server","findings":[{"code":"MFA040","rule":"#));
        let s = schema_json("scm-mfa-server").unwrap().value();
        assert!(s["$id"]
            .as_str()
            .unwrap()
            .ends_with("scm-mfa-server.schema.json"));
        assert_eq!(schema_json("x").unwrap_err().category, "options");
    }
}
