//! The compact report: findings in the form cheapest to hand to
//! JavaScript (`pkg/lib/api.js` decodes it in place).

use mfalint::{Constraint, Kind, Severity};
use wasm_bindgen::prelude::wasm_bindgen;

/// A kind's number: its place in `Kind::ALL` (the package's `KINDS`,
/// generated from it).
pub(crate) fn kind_index(kind: Kind) -> i32 {
    kind.index() as i32
}

/// A report as `pkg/lib/api.js` (`decodeReport`) reads it: fields end with
/// `;`, and free text is preceded by its length in UTF-16 code units,
/// JavaScript's string length (`length;text`):
///
/// `kind;count;` then per finding its rule's number (its place in
/// `RuleId::ALL`, the order of `rules()`: the package looks the code and
/// name up there), its severity's initial (`e` or `w`), the pointer and
/// the message as `length;text`, and the constraint (see `constraint`
/// below).
pub fn compact(report: &mfalint::Report, out: &mut Vec<u8>) {
    number(out, kind_index(report.kind).max(0) as u64);
    number(out, report.findings.len() as u64);
    for f in &report.findings {
        number(out, f.rule.index() as u64);
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
pub(crate) const CONSTRAINT_KEYS: [&str; 13] = [
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
    "unique",
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
pub(crate) fn constraint(out: &mut Vec<u8>, c: Option<&Constraint>) {
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
        Some(Constraint::Unique(s)) => (12, Tagged::Text(s)),
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

// Bytes, not a String: the text pieces are UTF-8 already.
fn number(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    out.push(b';');
}

fn signed(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    number(out, n.unsigned_abs());
}

fn field(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(s.as_bytes());
    out.push(b';');
}

fn text(out: &mut Vec<u8>, s: &str) {
    let units = if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    };
    number(out, units as u64);
    out.extend_from_slice(s.as_bytes());
}
