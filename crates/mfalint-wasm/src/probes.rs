//! Probe builds only, never in the shipped package: the exports that
//! `scripts/build-wasm.sh --compare` measures against the real ones.

use wasm_bindgen::prelude::wasm_bindgen;

/// Probe builds only (`--features serde-wasm-bindgen`): validates a
/// JavaScript object converted by serde-wasm-bindgen, to compare with
/// `JSON.stringify` + [`crate::exports::validate_json`]. Not in the shipped package.
#[cfg(feature = "serde-wasm-bindgen")]
#[wasm_bindgen(js_name = validateObject)]
pub fn validate_object(value: wasm_bindgen::JsValue, options: &str) -> String {
    let value: serde_json::Value = match serde_wasm_bindgen::from_value(value) {
        Ok(v) => v,
        Err(e) => {
            return crate::options::Failure::options(format!("cannot convert the object: {e}"))
                .to_json()
                .to_string()
        }
    };
    crate::exports::respond(
        crate::options::options_from_json(options).and_then(|(kind, opts)| {
            Ok(crate::exports::Json::of(&mfalint::validate_value(
                &value, kind, &opts,
            )?))
        }),
    )
}

/// Probe builds only: the scope check as a regular expression, to measure
/// what `regex` / `regex-lite` would add to the `.wasm`.
#[cfg(any(feature = "regex-probe", feature = "regex-lite-probe"))]
#[wasm_bindgen(js_name = scopeMatchesRegex)]
pub fn scope_matches_regex(value: &str) -> bool {
    #[cfg(feature = "regex-probe")]
    let re = regex::Regex::new(mfalint::spec::SCOPE_PATTERN);
    #[cfg(all(feature = "regex-lite-probe", not(feature = "regex-probe")))]
    let re = regex_lite::Regex::new(mfalint::spec::SCOPE_PATTERN);
    re.map(|re| re.is_match(value)).unwrap_or(false)
}
