//! WebAssembly bindings of mfalint for the npm package in `pkg/`.
//!
//! Every export takes JSON text (the payload, and the options as a JSON
//! object) and returns JSON text: `{"ok": <value>}` or
//! `{"error": {"category", "message", ...}}`. The hand-written JavaScript
//! wrapper in `pkg/lib/api.js` parses the result, returns the value or
//! throws an `MfalintError`, and carries the TypeScript types. Text keeps
//! the boundary small: no `JsValue` conversion code in the `.wasm`, and the
//! core's span-keeping parser sees exactly the text a client would send.
//! Validation itself goes through a [`Validator`] (options parsed once),
//! whose payload JavaScript writes into an input buffer in WASM memory, and
//! whose common answers (a verdict, a report without findings) are numbers.
//!
//! The functions are plain Rust too (`*_json`), so the option handling is
//! unit-tested natively.

use mfalint::json::Limits;
use mfalint::{
    envelope, params, Constraint, Error, Kind, Mode, Options, RuleSet, Severity, UnknownSelector,
};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Value};
use std::cell::RefCell;

use wasm_bindgen::prelude::wasm_bindgen;

/// The options object of the JavaScript API (`ValidateOptions` in
/// `pkg/index.d.ts`). Unknown keys are an error, so a typo is not ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsOptions {
    pub kind: Option<String>,
    pub mode: Option<String>,
    /// Turns rules on (codes, code prefixes, names or `ALL`).
    pub select: Option<Vec<String>>,
    /// Runs only these rules.
    pub only: Option<Vec<String>>,
    /// Turns rules off.
    pub ignore: Option<Vec<String>>,
    /// Selector → `"error"`, `"warning"` or `"off"`, applied in order.
    #[serde(default, deserialize_with = "ordered_pairs")]
    pub severity: Option<Vec<(String, Value)>>,
    /// Largest input accepted, in bytes (`json::Limits::max_bytes`).
    #[serde(rename = "maxBytes")]
    pub max_bytes: Option<usize>,
    /// Deepest nesting accepted (`json::Limits::max_depth`, capped at 256).
    #[serde(rename = "maxDepth")]
    pub max_depth: Option<usize>,
}

/// A JSON object's members in document order (stock `serde_json::Map`
/// sorts them, and the order of severity overrides matters).
fn ordered_pairs<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<(String, Value)>>, D::Error> {
    struct Pairs;
    impl<'de> Visitor<'de> for Pairs {
        type Value = Option<Vec<(String, Value)>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of selector: severity")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut pairs = Vec::new();
            while let Some(pair) = map.next_entry()? {
                pairs.push(pair);
            }
            Ok(Some(pairs))
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(Pairs)
}

/// Why a call failed, as the JavaScript wrapper throws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// `parse`, `detect` or `options`.
    pub category: &'static str,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Failure {
    fn options(message: String) -> Self {
        Failure {
            category: "options",
            message,
            line: None,
            column: None,
        }
    }

    fn to_json(&self) -> Value {
        let mut error = json!({"category": self.category, "message": self.message});
        if let (Some(line), Some(column)) = (self.line, self.column) {
            error["line"] = line.into();
            error["column"] = column.into();
        }
        json!({ "error": error })
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let (category, line, column) = match &e {
            Error::Parse { line, column, .. } => ("parse", Some(*line), Some(*column)),
            Error::Detect(_) => ("detect", None, None),
        };
        Failure {
            category,
            message: e.to_string(),
            line,
            column,
        }
    }
}

impl From<UnknownSelector> for Failure {
    fn from(e: UnknownSelector) -> Self {
        Failure::options(e.to_string())
    }
}

/// The core's `Options` and the kind (if one was named) for a JSON options
/// object; an empty string means no options.
pub fn options_from_json(text: &str) -> Result<(Option<Kind>, Options), Failure> {
    let js: JsOptions = if text.trim().is_empty() {
        JsOptions::default()
    } else {
        serde_json::from_str(text).map_err(|e| Failure::options(format!("invalid options: {e}")))?
    };
    let kind = match js.kind.as_deref() {
        None => None,
        Some(id) => Some(Kind::from_id(id).ok_or_else(|| {
            let ids: Vec<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
            Failure::options(format!(
                "unknown kind `{id}` (expected one of {})",
                ids.join(", ")
            ))
        })?),
    };
    let mode = match js.mode.as_deref() {
        None => Mode::default(),
        Some(m) => Mode::parse(m).ok_or_else(|| {
            Failure::options(format!(
                "unknown mode `{m}` (expected `request` or `export`)"
            ))
        })?,
    };
    let mut rules = RuleSet::default();
    if let Some(only) = &js.only {
        let only: Vec<&str> = only.iter().map(String::as_str).collect();
        rules.only(&only)?;
    }
    for s in js.select.iter().flatten() {
        rules.select(s)?;
    }
    for s in js.ignore.iter().flatten() {
        rules.ignore(s)?;
    }
    for (selector, level) in js.severity.iter().flatten() {
        let selector = selector.as_str();
        match level.as_str() {
            Some("off") => {
                rules.ignore(selector)?;
            }
            Some(l) if Severity::parse(l).is_some() => {
                rules.set_severity(selector, Severity::parse(l).expect("checked"))?;
            }
            _ => {
                return Err(Failure::options(format!(
                    "invalid severity {level} for `{selector}` (expected \"error\", \"warning\" or \"off\")"
                )))
            }
        }
    }
    let mut limits = Limits::default();
    if let Some(b) = js.max_bytes {
        limits.max_bytes = b;
    }
    if let Some(d) = js.max_depth {
        limits.max_depth = d.min(Limits::MAX_DEPTH_CAP);
    }
    Ok((
        kind,
        Options {
            mode,
            rules,
            limits,
        },
    ))
}

/// A value serialized straight to JSON text, so fields keep the order the
/// Rust types declare (a `serde_json::Value` would sort them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Json(pub String);

impl Json {
    fn of<T: Serialize + ?Sized>(v: &T) -> Json {
        Json(serde_json::to_string(v).expect("mfalint's types serialize to JSON"))
    }

    /// Parsed back, for tests.
    pub fn value(&self) -> Value {
        serde_json::from_str(&self.0).expect("valid JSON")
    }
}

fn respond(result: Result<Json, Failure>) -> String {
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
            generated = if report.kind.is_sailpoint() {
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

/// Every rule's metadata, in code order.
pub fn rules_json() -> Json {
    Json::of(mfalint::RULES)
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

// Payload bytes that JavaScript writes straight into WASM memory with
// `TextEncoder.encodeInto` (`pkg/lib/api.js`): wasm-bindgen's own `&str`
// hand-off copies ASCII with a JavaScript loop, which measured a third of a
// small payload's validation time. Kept at its full length (zero-filled on
// growth), so any prefix is safe to read.
thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    // `reportInput`'s answer when it is text (see there); reused, so a
    // report costs no allocation to hand over.
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Grows the input buffer to at least `capacity` bytes; where it starts in
/// WASM memory (it moves when it grows).
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(capacity: usize) -> *mut u8 {
    INPUT.with(|b| {
        let mut b = b.borrow_mut();
        if b.len() < capacity {
            b.resize(capacity, 0);
        }
        b.as_mut_ptr()
    })
}

/// The module's `WebAssembly.Memory`, for writing into the input buffer.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn memory() -> wasm_bindgen::JsValue {
    wasm_bindgen::memory()
}

/// Options parsed once, for many payloads: `compile()` in the package, like
/// a compiled ajv validator. wasm-bindgen frees it when its JavaScript
/// object is collected.
#[wasm_bindgen]
pub struct Validator {
    kind: Option<Kind>,
    opts: Options,
}

impl Validator {
    /// Checks `bytes` like `validate_bytes` (size limit, UTF-8, BOM).
    pub fn report(&self, bytes: &[u8]) -> Result<mfalint::Report, Failure> {
        Ok(mfalint::validate_bytes(bytes, self.kind, &self.opts)?)
    }

    fn with_input<R>(len: usize, f: impl FnOnce(&[u8]) -> R) -> R {
        INPUT.with(|b| {
            let b = b.borrow();
            // JavaScript passes what it wrote; never more than the buffer.
            f(&b[..len.min(b.len())])
        })
    }
}

#[wasm_bindgen]
impl Validator {
    /// `options` as for [`validate_json`]; bad options throw the `{"error": ...}`
    /// text, which the wrapper turns into an `MfalintError`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str) -> Result<Validator, String> {
        let (kind, opts) = options_from_json(options).map_err(|f| f.to_json().to_string())?;
        Ok(Validator { kind, opts })
    }

    /// The first `len` bytes of the input buffer: `{"ok": Report}` or
    /// `{"error": ...}`.
    #[wasm_bindgen(js_name = validateInput)]
    pub fn validate_input(&self, len: usize) -> String {
        Self::with_input(len, |bytes| {
            respond(self.report(bytes).map(|r| Json::of(&r)))
        })
    }

    /// Like [`Validator::validate_input`], in the form cheapest to hand to
    /// JavaScript: a report without findings (the common case) is its
    /// kind's index in `Kind::ALL`; a report with findings is `-2 - n`, its
    /// [`compact`] form being the `n` bytes of UTF-8 at [`output_ptr`]
    /// (JavaScript decodes them in place: no copy or free through
    /// wasm-bindgen); an error is `-1`, with [`take_output`] holding the
    /// `{"error": ...}` text. Serializing findings to JSON and `JSON.parse`
    /// measured 2.4x the validation.
    #[wasm_bindgen(js_name = reportInput)]
    pub fn report_input(&self, len: usize) -> i32 {
        let report = match Self::with_input(len, |bytes| self.report(bytes)) {
            Ok(report) if report.findings.is_empty() => return kind_index(report.kind),
            Ok(report) => report,
            Err(e) => {
                OUTPUT.with(|o| *o.borrow_mut() = respond(Err(e)).into_bytes());
                return -1;
            }
        };
        OUTPUT.with(|o| {
            let mut o = o.borrow_mut();
            // A huge report's buffer is not kept for the small ones after it.
            if o.capacity() > 1 << 20 {
                *o = Vec::new();
            }
            o.clear();
            compact(&report, &mut o);
            match i32::try_from(o.len())
                .ok()
                .and_then(|n| (-2i32).checked_sub(n))
            {
                Some(answer) => answer,
                None => {
                    *o = br#"{"error":{"category":"input","message":"the report is over 2 GiB"}}"#
                        .to_vec();
                    -1
                }
            }
        })
    }

    /// The verdict alone (`mfalint::is_valid_bytes`: no finding is built,
    /// no report serialized and parsed back): `true`
    /// without an error finding, `false` with one, `undefined` when the
    /// input cannot be validated (then `validateInput` says why).
    #[wasm_bindgen(js_name = isValidInput)]
    pub fn is_valid_input(&self, len: usize) -> Option<bool> {
        Self::with_input(len, |bytes| {
            mfalint::is_valid_bytes(bytes, self.kind, &self.opts).ok()
        })
    }
}

fn kind_index(kind: Kind) -> i32 {
    Kind::ALL
        .iter()
        .position(|k| *k == kind)
        .map_or(-1, |i| i as i32)
}

/// A report as `pkg/lib/api.js` (`decodeReport`) reads it: fields end with
/// `;`, and free text is preceded by its length in UTF-16 code units,
/// JavaScript's string length (`length;text`):
///
/// `kind;count;` then per finding the number of its rule's code (`40;` for
/// `MFA040`: the package looks the code and name up in its rule list), its
/// severity's initial (`e` or `w`), the pointer and the message as
/// `length;text`, and the constraint (see `constraint` below).
pub fn compact(report: &mfalint::Report, out: &mut Vec<u8>) {
    number(out, kind_index(report.kind).max(0) as u64);
    number(out, report.findings.len() as u64);
    for f in &report.findings {
        // Every code is `MFA` and 3 digits (a test in tests/rules.rs).
        number(
            out,
            f.code.get(3..).and_then(|d| d.parse().ok()).unwrap_or(0),
        );
        out.push(match f.severity {
            Severity::Error => b'e',
            Severity::Warning => b'w',
        });
        text(out, &f.pointer);
        text(out, &f.message);
        constraint(out, f.constraint.as_ref());
    }
}

/// serde's names for the constraints written with a key, in the order the
/// compact form numbers them; [`constraint_keys`] hands the list to
/// JavaScript, which looks a key up by its number (no text to slice and
/// hash per finding).
const CONSTRAINT_KEYS: [&str; 12] = [
    "min_length",
    "max_length",
    "pattern",
    "format",
    "type",
    "const",
    "secret",
    "enum",
    "exactly_one_of",
    "required",
    "read_only",
    "unique_keys",
];

/// The JSON keys of constraints in the order the compact report numbers
/// them, `;`-separated.
#[wasm_bindgen(js_name = constraintKeys)]
pub fn constraint_keys() -> String {
    CONSTRAINT_KEYS.join(";")
}

/// A constraint in a form JavaScript rebuilds without `JSON.parse` (which
/// took half of decoding a report): a tag, then for most tags the number of
/// its JSON key in [`CONSTRAINT_KEYS`] and the value. `-`: none; `n`: a
/// number; `s`: a text (`length;text`); `b`: a boolean (`0;` or `1;`); `a`:
/// texts (`count;`, then each as `length;text`); `r`: a range,
/// `minimum;maximum;` (the key is `range`). A unit test checks each number
/// against serde's name for the [`Constraint`]; the node tests compare
/// every decoded constraint with the JSON report.
fn constraint(out: &mut Vec<u8>, c: Option<&Constraint>) {
    let (key, value) = match c {
        None => return out.push(b'-'),
        Some(Constraint::Range { minimum, maximum }) => {
            out.push(b'r');
            signed(out, *minimum);
            signed(out, *maximum);
            return;
        }
        Some(Constraint::MinLength(n)) => (0, Tagged::Number(*n)),
        Some(Constraint::MaxLength(n)) => (1, Tagged::Number(*n)),
        Some(Constraint::Pattern(s)) => (2, Tagged::Text(s)),
        Some(Constraint::Format(s)) => (3, Tagged::Text(s)),
        Some(Constraint::Type(s)) => (4, Tagged::Text(s)),
        Some(Constraint::Const(s)) => (5, Tagged::Text(s)),
        Some(Constraint::Secret(s)) => (6, Tagged::Text(s)),
        Some(Constraint::Enum(list)) => (7, Tagged::Texts(list)),
        Some(Constraint::ExactlyOneOf(list)) => (8, Tagged::Texts(list)),
        Some(Constraint::Required(b)) => (9, Tagged::Bool(*b)),
        Some(Constraint::ReadOnly(b)) => (10, Tagged::Bool(*b)),
        Some(Constraint::UniqueKeys(b)) => (11, Tagged::Bool(*b)),
    };
    let tag = match value {
        Tagged::Number(_) => b'n',
        Tagged::Text(_) => b's',
        Tagged::Texts(_) => b'a',
        Tagged::Bool(_) => b'b',
    };
    out.push(tag);
    number(out, key);
    match value {
        Tagged::Number(n) => number(out, n),
        Tagged::Text(s) => text(out, s),
        Tagged::Texts(list) => {
            number(out, list.len() as u64);
            for s in list {
                text(out, s);
            }
        }
        Tagged::Bool(b) => field(out, if b { "1" } else { "0" }),
    }
}

/// A constraint's value, by how [`constraint`] writes it.
enum Tagged {
    Number(u64),
    Text(&'static str),
    Texts(&'static [&'static str]),
    Bool(bool),
}

// Bytes, not a String: no UTF-8 bookkeeping per push (the text pieces are
// UTF-8 already). Inlined: this crate is built for size, and these calls
// measured 10% of a report's time.
#[inline(always)]
fn number(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
    out.push(b';');
}

fn signed(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    number(out, n.unsigned_abs());
}

#[inline(always)]
fn field(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(s.as_bytes());
    out.push(b';');
}

#[inline(always)]
fn text(out: &mut Vec<u8>, s: &str) {
    let units = if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    };
    number(out, units as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Where the compact report of the last [`Validator::report_input`] call
/// starts in WASM memory (it moves when the buffer grows).
#[wasm_bindgen(js_name = outputPtr)]
pub fn output_ptr() -> *const u8 {
    OUTPUT.with(|o| o.borrow().as_ptr())
}

/// The error text of the last [`Validator::report_input`] call.
#[wasm_bindgen(js_name = takeOutput)]
pub fn take_output() -> String {
    // Only ever error JSON (a String's bytes) here.
    OUTPUT.with(|o| String::from_utf8(std::mem::take(&mut *o.borrow_mut())).unwrap_or_default())
}

#[cfg(test)]
mod validator_tests {
    use super::*;

    fn to_compact(report: &mfalint::Report) -> String {
        let mut out = Vec::new();
        compact(report, &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    fn write(text: &str) -> usize {
        let ptr = input_buffer(text.len());
        INPUT.with(|b| {
            let mut b = b.borrow_mut();
            assert_eq!(b.as_mut_ptr(), ptr);
            b[..text.len()].copy_from_slice(text.as_bytes());
        });
        text.len()
    }

    #[test]
    fn reports_like_validate_from_the_input_buffer() {
        let bad = r#"{"mfaMethod": "duo-web", "host": 5}"#;
        let good = r#"{"mfaMethod": "duo-web", "host": "api-1.duosecurity.com"}"#;
        let duo = Validator::new(r#"{"kind": "sailpoint-duo-config"}"#).unwrap();
        let detect = Validator::new("").unwrap();
        let okta = Validator::new(r#"{"kind": "sailpoint-okta-config"}"#).unwrap();
        for text in [bad, good] {
            let len = write(text);
            let expected = respond(validate_json(text, r#"{"kind": "sailpoint-duo-config"}"#));
            assert_eq!(duo.validate_input(len), expected);
            assert_eq!(duo.is_valid_input(len), Some(text == good));
        }
        // reportInput: a clean report is its kind's index, findings the
        // compact form, an error the same text as validateInput.
        for text in [bad, good, "{", "[]"] {
            let len = write(text);
            match duo.report_input(len) {
                -1 => assert_eq!(take_output(), duo.validate_input(len)),
                i if i < -1 => {
                    // `-2 - n`: n bytes at outputPtr, the compact report.
                    let n = (-2 - i) as usize;
                    let expected = to_compact(&duo.report(text.as_bytes()).unwrap());
                    assert_eq!(n, expected.len());
                    OUTPUT.with(|o| {
                        assert_eq!(output_ptr(), o.borrow().as_ptr());
                        assert_eq!(*o.borrow(), expected.as_bytes());
                    });
                }
                i => {
                    assert_eq!(Kind::ALL[i as usize], Kind::SailpointDuoConfig);
                    assert!(duo.validate_input(len).contains(r#""findings":[]"#));
                }
            }
        }
        let len = write(good);
        assert_eq!(detect.is_valid_input(len), Some(true));
        assert_eq!(okta.is_valid_input(len), Some(false));
        // A longer payload earlier leaves bytes behind: only `len` counts.
        let len = write("{");
        assert_eq!(duo.is_valid_input(len), None);
        assert!(duo.validate_input(len).contains(r#""category":"parse""#));
        let len = write("[]");
        assert_eq!(detect.is_valid_input(len), None);
        assert!(detect
            .validate_input(len)
            .contains(r#""category":"detect""#));
        // A length past the buffer is cut to it, never a panic.
        assert_eq!(duo.is_valid_input(usize::MAX), None);
    }

    #[test]
    fn bytes_are_checked_like_validate_bytes() {
        let v = Validator::new(r#"{"kind": "sailpoint-duo-config", "maxBytes": 10}"#).unwrap();
        let len = write("\u{feff}{}");
        assert!(v.validate_input(len).contains("byte order mark"));
        let len = write(r#"{"mfaMethod": "duo-web"}"#);
        assert!(v.validate_input(len).contains("over the limit of 10 bytes"));
        INPUT.with(|b| b.borrow_mut()[0] = 0xff);
        assert!(v.validate_input(1).contains("invalid UTF-8"));
    }

    #[test]
    fn compact_reports_count_utf16_units() {
        let v = Validator::new(r#"{"kind": "sailpoint-duo-config"}"#).unwrap();
        let report = v
            .report(r#"{"mfaMethod": "duo-web", "host": "x", "ünï😀": 1}"#.as_bytes())
            .unwrap();
        // `ünï😀` is 4 chars, 10 bytes, 5 UTF-16 units: the pointer is 6
        // units long, the message 13 + 5 + 26.
        assert_eq!(
            to_compact(&report),
            "3;1;3;w6;/ünï😀44;unknown key `ünï😀` in the MFA configuration-"
        );
        let report = v.report(br#"{"mfaMethod": "duo-web", "host": 5}"#).unwrap();
        assert_eq!(
            to_compact(&report),
            "3;1;2;e5;/host46;`host` must be a string or null, found integers\
             4;14;string or null"
        );
    }

    #[test]
    fn constraints_are_tagged_by_the_shape_of_their_value() {
        let finding = |c: Constraint| mfalint::Finding {
            code: "MFA081",
            rule: "r",
            severity: Severity::Error,
            pointer: String::new(),
            message: String::new(),
            constraint: Some(c),
        };
        let report = mfalint::Report {
            kind: Kind::ScmMfaServer,
            findings: vec![
                finding(Constraint::Range {
                    minimum: -5,
                    maximum: 600,
                }),
                finding(Constraint::MaxLength(64)),
                finding(Constraint::Enum(&["a", "é😀"])),
                finding(Constraint::ReadOnly(false)),
                finding(Constraint::UniqueKeys(true)),
            ],
        };
        let each = "81;e0;0;";
        assert_eq!(
            to_compact(&report),
            format!(
                "0;5;{each}r-5;600;{each}n1;64;{each}a7;2;1;a3;é😀\
                 {each}b10;0;{each}b11;1;"
            )
        );
    }

    /// Each constraint's number names, in `CONSTRAINT_KEYS`, the key serde
    /// gives it in JSON reports.
    #[test]
    fn constraint_numbers_name_serdes_keys() {
        let all = [
            Constraint::MinLength(1),
            Constraint::MaxLength(1),
            Constraint::Pattern("p"),
            Constraint::Format("f"),
            Constraint::Type("t"),
            Constraint::Const("c"),
            Constraint::Secret("s"),
            Constraint::Enum(&["e"]),
            Constraint::ExactlyOneOf(&["x"]),
            Constraint::Required(true),
            Constraint::ReadOnly(true),
            Constraint::UniqueKeys(true),
        ];
        assert_eq!(all.len(), CONSTRAINT_KEYS.len());
        for c in all {
            let mut out = Vec::new();
            constraint(&mut out, Some(&c));
            let out = String::from_utf8(out).unwrap();
            let number: usize = out[1..out.find(';').unwrap()].parse().unwrap();
            let json = serde_json::to_value(&c).unwrap();
            let key = json.as_object().unwrap().keys().next().unwrap().clone();
            assert_eq!(CONSTRAINT_KEYS[number], key, "{c:?}: {out}");
        }
    }

    #[test]
    fn bad_options_are_thrown_as_error_json() {
        let e = Validator::new(r#"{"kind": "okta"}"#).err().unwrap();
        assert!(e.starts_with(r#"{"error":{"category":"options""#), "{e}");
        assert!(Validator::new(r#"{"knid": 1}"#).is_err());
    }
}

/// Probe builds only (`--features serde-wasm-bindgen`): validates a
/// JavaScript object converted by serde-wasm-bindgen, to compare with
/// `JSON.stringify` + [`validate_json`]. Not in the shipped package.
#[cfg(feature = "serde-wasm-bindgen")]
#[wasm_bindgen(js_name = validateObject)]
pub fn validate_object(value: wasm_bindgen::JsValue, options: &str) -> String {
    let value: Value = match serde_wasm_bindgen::from_value(value) {
        Ok(v) => v,
        Err(e) => {
            return Failure::options(format!("cannot convert the object: {e}"))
                .to_json()
                .to_string()
        }
    };
    respond(
        options_from_json(options)
            .and_then(|(kind, opts)| Ok(Json::of(&mfalint::validate_value(&value, kind, &opts)?))),
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
            (r#"{"severity": {"MFA040": "fatal"}}"#, "invalid severity"),
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
