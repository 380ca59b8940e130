//! `compile()` in the package: options parsed once, for many payloads.

use mfalint::{Kind, Options};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::buffers::{INPUT, OUTPUT};
use crate::exports::{respond, Json};
use crate::options::{options_from_json, Failure};
use crate::wire::{compact, kind_index};

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
    /// `options` as for [`crate::exports::validate_json`]; bad options throw the `{"error": ...}`
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
    /// [`compact`] form being the `n` bytes of UTF-8 at [`output_ptr`](crate::buffers::output_ptr)
    /// (JavaScript decodes them in place: no copy or free through
    /// wasm-bindgen); an error is `-1`, with [`take_output`](crate::buffers::take_output) holding the
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::buffers::{input_buffer, output_ptr, take_output};
    use crate::exports::validate_json;
    use crate::wire::{constraint, CONSTRAINT_KEYS};
    use mfalint::{Constraint, Severity};

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
            rule: mfalint::RuleId::PlaintextSecret,
            severity: Severity::Error,
            pointer: String::new(),
            message: String::new(),
            constraint: Some(c),
            target: mfalint::Target::Value,
            span: None,
            related: Vec::new(),
            fix: None,
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
        // 24: PlaintextSecret's place in `RuleId::ALL`.
        let each = format!("{};e0;0;", mfalint::RuleId::PlaintextSecret.index());
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
            Constraint::Unique("u"),
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
