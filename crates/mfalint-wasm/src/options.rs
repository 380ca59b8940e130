//! The npm package's options object, read into the core's options through
//! the core's one front-end (`Selection`, `FromStr` of kinds, modes and
//! severities); and how a failed call is reported to JavaScript.

use mfalint::json::{Limits, Node, Value as JsonValue};
use mfalint::{Error, Kind, OptionError, Options, RuleSet, Selection};
use serde_json::{json, Value};

/// The keys of the options object of the JavaScript API
/// (`ValidateOptions` in `pkg/index.d.ts`). Unknown keys are an error, so a
/// typo is not ignored.
const KEYS: [&str; 8] = [
    "kind", "mode", "select", "only", "ignore", "severity", "maxBytes", "maxDepth",
];

/// The options object, read with the core's JSON parser: serde's
/// deserializer and its error messages (which format floats) cost the
/// package 3 KB gzipped for eight keys.
#[derive(Debug, Default)]
struct JsOptions {
    kind: Option<String>,
    mode: Option<String>,
    /// Turns rules on (codes, code prefixes, names or `ALL`).
    select: Option<Vec<String>>,
    /// Runs only these rules.
    only: Option<Vec<String>>,
    /// Turns rules off.
    ignore: Option<Vec<String>>,
    /// Selector → `"error"`, `"warning"` or `"off"`, applied in document
    /// order (a level that is not a string is named as its JSON text).
    severity: Vec<(String, String)>,
    /// Largest input accepted, in bytes (`json::Limits::max_bytes`).
    max_bytes: Option<usize>,
    /// Deepest nesting accepted (`json::Limits::max_depth`, capped at 256).
    max_depth: Option<usize>,
}

fn invalid(message: String) -> Failure {
    Failure::options(format!("invalid options: {message}"))
}

/// A string, or null for none.
fn text(key: &str, node: &Node) -> Result<Option<String>, Failure> {
    match &node.value {
        JsonValue::Null => Ok(None),
        JsonValue::String(s) => Ok(Some(s.to_string())),
        _ => Err(invalid(format!("`{key}` must be a string"))),
    }
}

/// An array of strings, or null for none.
fn texts(key: &str, node: &Node) -> Result<Option<Vec<String>>, Failure> {
    let bad = || invalid(format!("`{key}` must be an array of strings"));
    match &node.value {
        JsonValue::Null => Ok(None),
        JsonValue::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string).ok_or_else(bad))
            .collect::<Result<_, _>>()
            .map(Some),
        _ => Err(bad()),
    }
}

/// A non-negative integer, or null for none.
fn count(key: &str, node: &Node) -> Result<Option<usize>, Failure> {
    match &node.value {
        JsonValue::Null => Ok(None),
        JsonValue::Number(raw) => raw
            .parse::<usize>()
            .map(Some)
            .map_err(|_| invalid(format!("`{key}` must be a non-negative integer"))),
        _ => Err(invalid(format!("`{key}` must be a non-negative integer"))),
    }
}

impl JsOptions {
    fn parse(text_: &str) -> Result<JsOptions, Failure> {
        let root =
            mfalint::json::parse(text_, &Limits::default()).map_err(|e| invalid(e.to_string()))?;
        let Some(members) = root.members() else {
            return Err(invalid("expected an object".to_string()));
        };
        let mut js = JsOptions::default();
        for m in members {
            let v = &m.value;
            match m.key.as_ref() {
                "kind" => js.kind = text("kind", v)?,
                "mode" => js.mode = text("mode", v)?,
                "select" => js.select = texts("select", v)?,
                "only" => js.only = texts("only", v)?,
                "ignore" => js.ignore = texts("ignore", v)?,
                "maxBytes" => js.max_bytes = count("maxBytes", v)?,
                "maxDepth" => js.max_depth = count("maxDepth", v)?,
                "severity" => match &v.value {
                    JsonValue::Null => js.severity.clear(),
                    JsonValue::Object(levels) => {
                        js.severity = levels
                            .iter()
                            .map(|l| {
                                let level = match &l.value.value {
                                    JsonValue::String(s) => s.to_string(),
                                    _ => mfalint::json::to_pretty_string(&l.value)
                                        .trim_end()
                                        .to_string(),
                                };
                                (l.key.to_string(), level)
                            })
                            .collect();
                    }
                    _ => return Err(invalid("`severity` must be an object".to_string())),
                },
                other => {
                    let expected: Vec<String> = KEYS.iter().map(|k| format!("`{k}`")).collect();
                    return Err(invalid(format!(
                        "unknown field `{other}`, expected one of {}",
                        expected.join(", ")
                    )));
                }
            }
        }
        Ok(js)
    }
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
    let js = if text.trim().is_empty() {
        JsOptions::default()
    } else {
        JsOptions::parse(text)?
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
    let severity = js.severity;
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
