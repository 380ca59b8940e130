//! The npm package's options object, read into the core's options through
//! the core's one front-end (`Selection`, `FromStr` of kinds, modes and
//! severities); and how a failed call is reported to JavaScript.

use mfalint::json::Limits;
use mfalint::{Error, Kind, OptionError, Options, RuleSet, Selection};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{json, Value};

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
    pub fn options(message: String) -> Self {
        Failure {
            category: "options",
            message,
            line: None,
            column: None,
        }
    }

    pub fn to_json(&self) -> Value {
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

impl From<OptionError> for Failure {
    fn from(e: OptionError) -> Self {
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
    let kind = js
        .kind
        .as_deref()
        .map(str::parse::<Kind>)
        .transpose()
        .map_err(Failure::options)?;
    let mode = js
        .mode
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(Failure::options)?
        .unwrap_or_default();
    let mut severity = Vec::new();
    for (selector, level) in js.severity.into_iter().flatten() {
        // A level that is not a string is named as its JSON text.
        let level = level
            .as_str()
            .map_or_else(|| level.to_string(), str::to_string);
        severity.push((selector, level));
    }
    let mut rules = RuleSet::default();
    rules.apply(&Selection {
        only: js.only,
        also: js.select.unwrap_or_default(),
        ignore: js.ignore.unwrap_or_default(),
        severity,
    })?;
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
