//! Fixes (issue 16): the fixtures in `tests/fixtures/fixes/` with their
//! findings, fixes and fixed texts as snapshots, and the properties every
//! fix keeps, over generated and damaged payloads:
//!
//! - after the fixes, a re-check reports none of the fixed findings;
//! - fixing twice is fixing once;
//! - fixes never make a file with no error have one;
//! - fixes never change, add or drop a secret's value.

mod common;

use common::strategies as st;
use mfalint::fix::{apply, select};
use mfalint::{check_text, Applicability, Kind, Options, RuleId, Severity};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;

/// Every rule on, MFA012 (missing defaults, which has fixes) included.
fn all_rules() -> Options {
    let mut opts = Options::default();
    opts.rules.select("ALL").unwrap();
    opts
}

/// One round: the fixes at most `allowed` that do not overlap, applied.
fn fix_once(text: &str, opts: &Options, allowed: Applicability) -> Option<String> {
    let checked = check_text(text, None, opts);
    let fixes = select(
        checked.findings.iter().filter_map(|f| f.fix.as_ref()),
        allowed,
    );
    if fixes.is_empty() {
        return None;
    }
    let edits: Vec<_> = fixes.iter().flat_map(|f| &f.edits).collect();
    Some(apply(text, &edits))
}

/// Rounds until nothing is left to fix (as `check --fix` does).
fn fix_all(text: &str, opts: &Options, allowed: Applicability) -> String {
    let mut text = text.to_string();
    for _ in 0..16 {
        match fix_once(&text, opts, allowed) {
            Some(next) if next != text => text = next,
            _ => return text,
        }
    }
    panic!("fixes did not settle in 16 rounds:\n{text}");
}

#[test]
fn fixtures_fix_as_their_snapshots_say() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fixes");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let opts = all_rules();
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        let checked = check_text(&text, None, &opts);
        let mut body = String::new();
        for f in &checked.findings {
            body.push_str(&format!("{} {}", f.code(), f.pointer));
            if let Some(fix) = &f.fix {
                body.push_str(&format!(" -> {:?}: {}", fix.applicability, fix.title));
            }
            body.push('\n');
        }
        let safe = fix_all(&text, &opts, Applicability::Safe);
        let unsafe_ = fix_all(&text, &opts, Applicability::Unsafe);
        body.push_str(&format!(
            "--- safe fixes\n{safe}--- unsafe fixes too\n{unsafe_}"
        ));
        insta::assert_snapshot!(format!("fixes/{name}"), body);
    }
}

#[test]
fn a_fix_never_shows_a_secret() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fixes/scm-every-fix.json"
    ))
    .unwrap();
    let checked = check_text(&text, None, &all_rules());
    for fix in checked.findings.iter().filter_map(|f| f.fix.as_ref()) {
        assert!(!fix.title.contains("abcdefghijkl"), "{}", fix.title);
        for e in &fix.edits {
            assert!(!e.text.contains("abcdefghijkl"), "{}", e.text);
        }
    }
}

// ------------------------------------------------------------ properties

/// A near miss of `key` (a letter dropped, or two swapped).
fn near_miss(key: &str, n: usize) -> String {
    let chars: Vec<char> = key.chars().collect();
    let i = 1 + n % (chars.len() - 2);
    let mut out = chars.clone();
    if n.is_multiple_of(2) {
        out.remove(i);
    } else {
        out.swap(i, i + 1);
    }
    out.into_iter().collect()
}

/// Every object of `v`, depth first, by JSON Pointer.
fn objects(v: &Value, at: String, out: &mut Vec<String>) {
    if let Value::Object(m) = v {
        out.push(at.clone());
        for (k, child) in m {
            objects(child, format!("{at}/{k}"), out);
        }
    }
}

/// Damage that fixes exist for, applied to a valid payload: a key renamed
/// to a near miss, a timeout written as a string, an `id` added, a host
/// written as a URL, an optional field with a default removed.
fn fixable(kind: Kind) -> BoxedStrategy<(Value, Vec<u8>, bool)> {
    (
        st::valid(kind),
        proptest::collection::vec(any::<u8>(), 1..6),
        any::<bool>(),
    )
        .prop_map(move |(mut v, picks, pretty)| {
            let mut pointers = Vec::new();
            objects(&v, String::new(), &mut pointers);
            for p in &picks {
                let at = &pointers[*p as usize % pointers.len()];
                let Some(Value::Object(obj)) = v.pointer_mut(at) else {
                    continue;
                };
                let keys: Vec<String> = obj.keys().cloned().collect();
                if keys.is_empty() {
                    continue;
                }
                let key = keys[*p as usize / 7 % keys.len()].clone();
                match p % 5 {
                    0 if key.len() > 4 => {
                        let value = obj.remove(&key).unwrap();
                        obj.insert(near_miss(&key, *p as usize), value);
                    }
                    1 if key.ends_with("_timeout") => {
                        if let Some(n) = obj[&key].as_i64() {
                            obj[&key] = Value::String(n.to_string());
                        }
                    }
                    2 if at.is_empty() && kind != Kind::SailpointTestResult => {
                        obj.insert(
                            "id".into(),
                            Value::String("0f8fad5b-d9cb-469f-a165-70867728950e".into()),
                        );
                    }
                    3 if key.ends_with("_api_host") => {
                        if let Some(h) = obj[&key].as_str() {
                            obj[&key] = Value::String(format!("https://{h}:443/api"));
                        }
                    }
                    4 if key.ends_with("_baseuri") || key.ends_with("_timeout") => {
                        obj.remove(&key);
                    }
                    _ => {}
                }
            }
            (v, picks, pretty)
        })
        .prop_map(|(v, _, pretty)| {
            let text = if pretty {
                serde_json::to_string_pretty(&v).unwrap()
            } else {
                serde_json::to_string(&v).unwrap()
            };
            (v, text.into_bytes(), pretty)
        })
        .boxed()
}

fn any_kind() -> BoxedStrategy<Kind> {
    proptest::sample::select(Kind::ALL.to_vec()).boxed()
}

/// The text of every secret-bearing value.
fn secrets(text: &str) -> Vec<String> {
    let Ok(root) = mfalint::parse(text, &Options::default()) else {
        return Vec::new();
    };
    mfalint::secret_values(&root)
        .into_iter()
        .map(mfalint::json::to_pretty_string)
        .collect()
}

/// The text of every value of every member, nested ones too.
fn values(node: &mfalint::json::Node, out: &mut Vec<String>) {
    if let Some(members) = node.members() {
        for m in members {
            out.push(mfalint::json::to_pretty_string(&m.value));
            values(&m.value, out);
        }
    }
    if let mfalint::json::Value::Array(items) = &node.value {
        for i in items {
            values(i, out);
        }
    }
}

/// Each secret of `before` is still a value, as it was, in `after` (a fix
/// may rename the key a secret is under, never touch the value), and no
/// edit writes one.
fn secrets_kept(before: &str, after: &str, opts: &Options) -> Result<(), TestCaseError> {
    let Ok(root) = mfalint::parse(after, &Options::default()) else {
        return Ok(());
    };
    let mut left = Vec::new();
    values(&root, &mut left);
    for s in secrets(before) {
        let Some(i) = left.iter().position(|v| *v == s) else {
            return Err(TestCaseError::fail(format!(
                "a fix changed or dropped a secret:\n{after}"
            )));
        };
        left.swap_remove(i);
    }
    let checked = check_text(before, None, opts);
    for fix in checked.findings.iter().filter_map(|f| f.fix.as_ref()) {
        // String secrets: `false` under a secret key is not a secret an
        // edit writing a default `false` would show.
        let strings = secrets(before)
            .into_iter()
            .filter(|s| s.starts_with('"'))
            .map(|s| s.trim().trim_matches('"').to_string())
            .collect::<Vec<_>>();
        for s in &strings {
            prop_assert!(
                s.chars().count() < 4 || fix.edits.iter().all(|e| !e.text.contains(s)),
                "an edit writes a secret: {}",
                fix.title
            );
        }
    }
    Ok(())
}

fn errors(text: &str, opts: &Options) -> usize {
    check_text(text, None, opts)
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

fn properties(text: &str) -> Result<(), TestCaseError> {
    let opts = all_rules();
    for allowed in [Applicability::Safe, Applicability::Unsafe] {
        let before = check_text(text, None, &opts);
        let fixed_once: Vec<(RuleId, String)> = select(
            before.findings.iter().filter_map(|f| f.fix.as_ref()),
            allowed,
        )
        .iter()
        .filter_map(|fix| {
            before
                .findings
                .iter()
                .find(|f| f.fix.as_ref() == Some(*fix))
                .map(|f| (f.rule, f.pointer.clone()))
        })
        .collect();
        let fixed = fix_all(text, &opts, allowed);
        let after = check_text(&fixed, None, &opts);
        for (rule, pointer) in &fixed_once {
            prop_assert!(
                !after
                    .findings
                    .iter()
                    .any(|f| f.rule == *rule && &f.pointer == pointer),
                "{rule} at {pointer} is still reported after its fix:\n{fixed}"
            );
        }
        prop_assert_eq!(
            fix_all(&fixed, &opts, allowed),
            fixed.clone(),
            "fixing twice differs from fixing once"
        );
        if errors(text, &opts) == 0 {
            prop_assert_eq!(
                errors(&fixed, &opts),
                0,
                "a fix made a valid file invalid:\n{}",
                fixed
            );
        }
        secrets_kept(text, &fixed, &opts)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config { cases: 400, ..Config::default() })]

    #[test]
    fn fixes_keep_their_promises_on_fixable_payloads(
        (_, text, _) in any_kind().prop_flat_map(fixable)
    ) {
        properties(std::str::from_utf8(&text).unwrap())?;
    }

    #[test]
    fn fixes_keep_their_promises_on_damaged_payloads(
        v in any_kind().prop_flat_map(st::havoc)
    ) {
        properties(&serde_json::to_string_pretty(&v).unwrap())?;
    }

    #[test]
    fn fixes_keep_their_promises_on_mutated_payloads(
        m in any_kind().prop_flat_map(st::mutated)
    ) {
        properties(&serde_json::to_string_pretty(&m.value).unwrap())?;
    }
}
