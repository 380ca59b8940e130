//! No secret leaks through the CLI: for random alphanumeric secrets (8..64
//! characters) in every secret field of every kind, nothing `mfalint check`
//! prints in any format (human, json, sarif, github), nothing `normalize`
//! reports (stderr: what it filled, or why it failed) and nothing `redact`
//! prints contains the secret or any 4-character piece of it. `normalize`'s
//! stdout is the payload itself (it rewrites the user's file, secrets
//! included, by design), so it is not checked.
//!
//! The files: every example under `examples/` with each secret value
//! replaced, payloads built here with every secret field of every vendor
//! next to errors (wrong types, short and bad values, duplicate secret keys,
//! secret-named unknown keys, secrets of the wrong type), and files that stop
//! parsing right after a secret (unterminated, bad escape, control
//! character, trailing garbage).
//!
//! The files of `common::secret_cases` too: secrets under near misses of
//! the secret keys (`okta_tokne`, `OKTA_TOKEN`, `oktaToken`, `okta-token`,
//! `"okta_token "`, `accesskey`, `configProperties.sKey`,
//! `duo_secret_kye`, keys written with escapes or after a stray
//! backslash), secrets of every JSON type (numbers, booleans, arrays,
//! objects keyed by the secret, written twice), and damaged copies of those
//! files (truncated, unbalanced brackets, stray backslashes and quotes,
//! invalid UTF-8). Each is checked in every format (from a file and from
//! stdin), redacted (file and stdin) and normalized (stderr).
//!
//! A 4-character piece can also occur by chance ("must", "okta"); each
//! suspect output is therefore rendered again with a stand-in secret of the
//! same length made of one character the secret lacks, and a piece counts
//! as leaked only when it appears with the real secret and not with the
//! stand-in (as in tests/secrets_property.rs).
//!
//! The properties drive the command line in-process (`mfalint::cli::run`,
//! what the binary runs); the fixed cases also go through the binary, which
//! `MFALINT_BIN` can point at another build (an older one, to see which
//! cases it leaks):
//!
//! ```text
//! MFALINT_BIN=/path/to/old/mfalint cargo test --test cli_secrets through_the_binary
//! ```

mod cli_util;
mod common;

use cli_util::{Out, TempDir};
use common::secret_cases::{self, assume_placement, leaked_piece, show, stand_in, Case};
use common::strategies::alnum_secret;
use common::vendors::{self as spec_tables, FieldType, Vendor};
use mfalint::Kind;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// How the command line is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Via {
    /// `mfalint::cli::run`, in this process.
    InProcess,
    /// The binary ([`cli_util::bin`]), in the directory.
    Binary,
}

/// Runs `mfalint ARGS` (paths absolute) with `stdin`.
fn run(via: Via, dir: &TempDir, args: &[&str], stdin: Option<&[u8]>) -> Out {
    match via {
        Via::InProcess => cli_util::cli(args, stdin.unwrap_or_default()).out(),
        Via::Binary => cli_util::run_in(dir.path(), args, stdin, &[]),
    }
}

fn path_arg(dir: &TempDir, rel: &str) -> String {
    dir.path().join(rel).to_str().unwrap().to_string()
}

/// Where the secret goes in a template (JSON-safe, no secret key holds it
/// in the examples).
const S: &str = "@@SECRET@@";
/// Replaced by a second member holding the secret (a duplicate key).
const DUP: &str = "__dup__";

struct Template {
    name: String,
    text: String,
    /// Passed to normalize/redact as `--kind` (None: detected).
    kind: Option<&'static str>,
    /// The file does not parse (MFA000 expected).
    broken: bool,
}

/// `text` with every string value of a secret-named key replaced by `S`.
fn placeholders(text: &str) -> String {
    let mut ranges = Vec::new();
    for key in mfalint::secret_keys() {
        let pat = format!("\"{key}\"");
        let mut from = 0;
        while let Some(i) = text[from..].find(&pat) {
            let mut j = from + i + pat.len();
            from = j;
            let rest = &text[j..];
            let trimmed = rest.trim_start();
            if !trimmed.starts_with(':') {
                continue;
            }
            j += rest.len() - trimmed.len() + 1;
            let rest = &text[j..];
            let trimmed = rest.trim_start();
            if !trimmed.starts_with('"') {
                continue;
            }
            let start = j + rest.len() - trimmed.len() + 1;
            let mut end = start;
            let bytes = text.as_bytes();
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            ranges.push((start, end.min(bytes.len())));
        }
    }
    ranges.sort();
    let mut out = String::new();
    let mut at = 0;
    for (start, end) in ranges {
        out.push_str(&text[at..start]);
        out.push_str(S);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

fn example_templates() -> Vec<Template> {
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_some_and(|e| e == "json") {
                out.push(p);
            }
        }
    }
    let root = cli_util::root().join("examples");
    let mut paths = Vec::new();
    files(&root, &mut paths);
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let rel = p.strip_prefix(&root).unwrap().to_string_lossy();
            Template {
                name: format!("example-{}", rel.replace('/', "-")),
                broken: mfalint::parse(&text, &mfalint::Options::default()).is_err(),
                text: placeholders(&text),
                kind: None,
            }
        })
        .collect()
}

/// A secret-holding value: mostly the secret itself, sometimes the secret
/// inside a value of the wrong type.
fn secret_value(bits: u32, i: usize) -> Value {
    match (bits >> (i % 24)) & 7 {
        6 => json!([S]),
        7 => json!({ "value": S }),
        _ => json!(S),
    }
}

/// A vendor object with the secret in every secret field, errors around it.
fn vendor_object(sase: bool, vendor: &Vendor, bits: u32) -> Value {
    let mut obj = Map::new();
    obj.insert(DUP.into(), json!(0));
    for (i, f) in vendor.fields.iter().enumerate() {
        let bad = bits & (1 << (i % 32)) != 0;
        let value = if f.secret {
            secret_value(bits, i)
        } else if f.hostname {
            json!(if bad { "https://bad_host:443/x" } else { "a" })
        } else if f.ty == FieldType::Timeout {
            match (sase, bad) {
                (false, false) => json!("30s"),
                (false, true) => json!(30.5),
                (true, false) => json!(30),
                (true, true) => json!("9000"),
            }
        } else if bad {
            json!(["wrong", "type"])
        } else {
            json!("ab")
        };
        obj.insert(f.name.into(), value);
    }
    // Secret-named keys the vendor does not define (unknown keys).
    obj.insert("accessKey".into(), json!(S));
    obj.insert("skey".into(), json!(S));
    Value::Object(obj)
}

/// `value` as text, with the `DUP` member replaced by `"key": S`.
fn with_duplicate(value: &Value, key: &str) -> String {
    serde_json::to_string_pretty(value)
        .unwrap()
        .replace(&format!("\"{DUP}\": 0"), &format!("\"{key}\": \"{S}\""))
}

fn built_templates(bits: u32) -> Vec<Template> {
    let mut out = Vec::new();
    for (sase, table) in [(false, spec_tables::scm()), (true, spec_tables::sase())] {
        for vendor in table {
            let mut vt = Map::new();
            vt.insert(vendor.key.into(), vendor_object(sase, vendor, bits));
            let body = json!({
                "name": 12,
                "mfa_cert_profile": "",
                "mfa_vendor_type": vt,
            });
            let (value, kind) = if sase {
                (
                    json!({"query": {"folder": "Nowhere", "position": "pre"}, "body": body}),
                    "sase-mfa-server",
                )
            } else {
                let mut body = body;
                body["folder"] = json!("bad/\u{663}");
                body["device"] = json!("fw-1");
                body["id"] = json!("not-a-uuid");
                (body, "scm-mfa-server")
            };
            let dup_key = vendor.fields.iter().find(|f| f.secret).unwrap().name;
            out.push(Template {
                name: format!("built-{kind}-{}", vendor.key),
                text: with_duplicate(&value, dup_key),
                kind: Some(kind),
                broken: false,
            });
        }
    }
    for (kind, method) in [
        ("sailpoint-okta-config", "duo-web"),
        ("sailpoint-duo-config", "okta-verify"),
    ] {
        let value = json!({
            "mfaMethod": method,
            "enabled": "yes",
            "host": 443,
            "accessKey": secret_value(bits, 3),
            "identityAttribute": [],
            DUP: 0,
            "configProperties": {
                "skey": secret_value(bits, 5),
                "ikey": 7,
                "nested": {"skey": S, "accessKey": S},
            },
        });
        out.push(Template {
            name: format!("built-{kind}"),
            text: with_duplicate(&value, "accessKey"),
            kind: Some(kind),
            broken: false,
        });
    }
    let value = json!({"state": "BROKEN", "error": 5, "accessKey": S, DUP: 0});
    out.push(Template {
        name: "built-sailpoint-test-result".into(),
        text: with_duplicate(&value, "accessKey"),
        kind: Some("sailpoint-test-result"),
        broken: false,
    });
    // Files that stop parsing right after a secret.
    let heads = [
        (
            "scm",
            "{\n  \"name\": \"p\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"okta_adaptive_v1\": {\"okta_token\": \"",
        ),
        (
            "duo",
            "{\"mfaMethod\": \"duo-web\", \"accessKey\": \"x\", \"configProperties\": {\"skey\": \"",
        ),
        ("ping", "{\"ping_use_base64_key\": \""),
    ];
    let tails = [
        ("unterminated", ""),
        ("eof", "\""),
        ("garbage", "\" x"),
        ("bad-escape", "\\q\"}"),
        ("control", "\u{1}\"}"),
        ("newline", "\n\"}"),
        ("no-comma", "\" \"rsa_accesskey\": 1}"),
    ];
    for (i, (hname, head)) in heads.iter().enumerate() {
        for (j, (tname, tail)) in tails.iter().enumerate() {
            if (i + j) % 2 == 1 && j > 1 {
                continue; // keep the file count down; every tail still runs
            }
            out.push(Template {
                name: format!("broken-{hname}-{tname}"),
                text: format!("{head}{S}{tail}"),
                kind: None,
                broken: true,
            });
        }
    }
    out
}

fn templates(bits: u32) -> Vec<Template> {
    let mut all = example_templates();
    all.extend(built_templates(bits));
    all
}

/// Every output for the files in `dir` (named `NN-name.json`), labelled.
fn outputs(via: Via, dir: &TempDir, templates: &[Template]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let all = path_arg(dir, ".");
    let checks: [&[&str]; 5] = [
        &["check", &all, "--format", "human"],
        &["check", &all, "--format", "json"],
        &["check", &all, "--format", "sarif"],
        &["check", &all, "--format", "github"],
        &[
            "check",
            &all,
            "--format",
            "human",
            "--mode",
            "export",
            "--extend-select",
            "ALL",
        ],
    ];
    for args in checks {
        let o = run(via, dir, args, None);
        assert!(o.code == 1, "{args:?} exits {}: {}", o.code, o.stderr);
        out.push((args.join(" "), o.all()));
    }
    for (i, t) in templates.iter().enumerate() {
        let file = path_arg(dir, &format!("{i:02}-{}.json", t.name));
        let mut args = vec!["normalize", file.as_str()];
        if let Some(kind) = t.kind {
            args.extend(["--kind", kind]);
        }
        let o = run(via, dir, &args, None);
        // stdout is the payload itself, secrets included, by design.
        out.push((format!("normalize {file} (stderr)"), o.stderr));
        args[0] = "redact";
        let o = run(via, dir, &args, None);
        assert_eq!(o.code != 0, t.broken, "redact {file}: {}", o.stderr);
        out.push((format!("redact {file}"), o.all()));
    }
    out
}

/// Writes every template with `secret` in place of `S`.
fn write(templates: &[Template], secret: &str) -> TempDir {
    let dir = TempDir::new();
    for (i, t) in templates.iter().enumerate() {
        dir.write(
            &format!("{i:02}-{}.json", t.name),
            t.text.replace(S, secret),
        );
    }
    dir
}

fn check_secret(secret: &str, bits: u32) -> Result<(), TestCaseError> {
    let templates = templates(bits);
    let dir = write(&templates, secret);
    let real = outputs(Via::InProcess, &dir, &templates);
    let suspect = real
        .iter()
        .any(|(_, out)| leaked_piece(secret, out, "").is_some());
    if !suspect {
        return Ok(());
    }
    // Only now: the same files with a stand-in, to rule out chance pieces.
    let stand_in = stand_in(secret);
    let base_dir = write(&templates, &stand_in);
    let baseline = outputs(Via::InProcess, &base_dir, &templates);
    prop_assert_eq!(real.len(), baseline.len());
    for ((label, out), (base_label, base)) in real.iter().zip(&baseline) {
        // The same label in the other directory.
        let base_label = base_label.replace(
            base_dir.path().to_str().unwrap(),
            dir.path().to_str().unwrap(),
        );
        prop_assert_eq!(label, &base_label);
        prop_assert!(!out.contains(secret), "{} contains the secret", label);
        if let Some(piece) = leaked_piece(secret, out, base) {
            return Err(TestCaseError::fail(format!(
                "{label} contains {piece:?}, a piece of the secret"
            )));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_cli_output_contains_a_secret_or_a_piece_of_it(secret in alnum_secret(), bits in any::<u32>()) {
        check_secret(&secret, bits)?;
    }
}

/// The files hold every secret field, with findings next to them, and the
/// check can fail.
#[test]
fn the_files_have_every_secret_field_and_the_check_catches_a_leak() {
    let secret = "Zq7Wv3Xy9Kp2Lm4N";
    let templates = templates(0);
    let all: String = templates
        .iter()
        .map(|t| t.text.replace(S, secret))
        .collect();
    let fields = spec_tables::scm()
        .iter()
        .chain(spec_tables::sase())
        .flat_map(|v| &v.fields)
        .filter(|f| f.secret)
        .map(|f| f.name)
        .chain(["accessKey", "skey"]);
    for name in fields {
        assert!(
            all.contains(&format!("\"{name}\": \"{secret}\"")),
            "no file has {name}"
        );
    }
    assert!(mfalint::secret_keys()
        .iter()
        .all(|k| all.contains(&format!("\"{k}\": \"{secret}\""))));
    // Every example secret was replaced.
    for s in cli_util::example_secrets() {
        assert!(!all.contains(&s), "an example secret was not replaced");
    }

    let dir = write(&templates, secret);
    let json = dir.run(&["check", ".", "--format", "json"]).json();
    let text = json.to_string();
    for code in ["MFA000", "MFA001", "MFA002", "MFA040", "MFA081"] {
        assert!(text.contains(code), "no {code} finding");
    }
    let outs = outputs(Via::Binary, &dir, &templates);
    assert!(outs
        .iter()
        .all(|(_, o)| leaked_piece(secret, o, "").is_none()));

    // A rendering that echoed the secret, or 4 characters of it, is caught.
    assert!(leaked_piece(secret, &format!("`okta_token` is {secret}"), "").is_some());
    assert!(leaked_piece(secret, "starts with Zq7W", "").is_some());
    assert!(leaked_piece(secret, "starts with Zq7", "").is_none());
    assert!(leaked_piece(secret, "Zq7W", "xx Zq7W").is_none());
}

// ------------------------------------------------- near misses, types, damage

/// Every output of the command line for one file (`case.json` in `dir`,
/// written here) holding a secret of `kind`, labelled: `check` in every
/// format from the file, `check` from stdin, `redact` of the file and of
/// stdin, `normalize`'s stderr (its stdout is the payload, by design).
fn case_outputs(via: Via, dir: &TempDir, kind: Kind, bytes: &[u8]) -> Vec<(String, String)> {
    let file = dir.write("case.json", bytes);
    let file = file.to_str().unwrap();
    let k = kind.id();
    let runs: [(&[&str], bool, bool); 12] = [
        (&["check", file, "--format", "human"], false, false),
        (&["check", file, "--format", "json"], false, false),
        (&["check", file, "--format", "sarif"], false, false),
        (&["check", file, "--format", "github"], false, false),
        (
            &[
                "check",
                file,
                "--kind",
                k,
                "--mode",
                "export",
                "--extend-select",
                "ALL",
            ],
            false,
            false,
        ),
        (
            &["check", "-", "--format", "json", "--kind", k],
            true,
            false,
        ),
        (&["check", "-", "--format", "human"], true, false),
        (&["redact", file], false, false),
        (&["redact", "-", "--kind", k], true, false),
        (&["normalize", file], false, true),
        (&["normalize", file, "--kind", k], false, true),
        (&["normalize", "-", "--kind", k], true, true),
    ];
    let mut out = Vec::new();
    for (args, stdin, stderr_only) in runs {
        let o = run(via, dir, args, stdin.then_some(bytes));
        let label = args.join(" ").replace(file, "FILE");
        if stderr_only {
            out.push((format!("{label} (stderr)"), o.stderr));
        } else {
            out.push((label, o.all()));
        }
    }
    out
}

/// The leaks in `real` (outputs for `secret`): the secret, a piece of it
/// the stand-in's output of the same label lacks, or a boolean next to its
/// key.
fn leaks(
    case: &Case,
    written: &secret_cases::Written,
    secret: &str,
    real: &[(String, String)],
    baseline: &[(String, String)],
) -> Vec<String> {
    let mut found = Vec::new();
    for (label, out) in real {
        let base = baseline
            .iter()
            .find(|(l, _)| l == label)
            .map_or("", |(_, b)| b.as_str());
        if out.contains(secret) {
            found.push(format!("{label}: shows the secret {secret:?}\n{out}"));
        } else if let Some(piece) = leaked_piece(secret, out, base) {
            found.push(format!(
                "{label}: shows {piece:?}, a piece of the secret {secret:?}\n{out}"
            ));
        }
        if let Some(shown) = case.bool_leak(written, out) {
            found.push(format!("{label}: shows the boolean: {shown:?}\n{out}"));
        }
    }
    found
}

/// Checks one case through `via`: the outputs for the stand-in are only
/// made when an output looks suspect.
fn case_leaks(via: Via, dir: &TempDir, case: &Case, secret: &str) -> Vec<String> {
    let written = case.write(secret);
    let real = case_outputs(via, dir, case.kind(), &written.bytes);
    let suspect = real.iter().any(|(_, out)| {
        leaked_piece(secret, out, "").is_some() || case.bool_leak(&written, out).is_some()
    });
    if !suspect {
        return Vec::new();
    }
    let base = case.write(&stand_in(secret));
    let baseline = case_outputs(via, dir, case.kind(), &base.bytes);
    leaks(case, &written, secret, &real, &baseline)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// Near-miss keys, secrets of every type, escapes and damage: nothing
    /// the command line prints shows the secret.
    #[test]
    fn no_cli_output_shows_a_near_miss_any_type_or_a_damaged_secret((case, secret) in secret_cases::case()) {
        let written = case.write(&secret);
        assume_placement(&case, &written, &secret)?;
        let dir = TempDir::new();
        let found = case_leaks(Via::InProcess, &dir, &case, &secret);
        prop_assert!(
            found.is_empty(),
            "{} ({}) file {}:\n{}",
            case.template_name(),
            case.kind(),
            show(&written.bytes),
            found.join("\n")
        );
    }
}

/// The fixed cases (every named near miss, every value type, every key
/// writing, every sort of damage) through the binary, one file at a time.
/// Every case that leaks is listed, so a run against another build
/// (`MFALINT_BIN`) names all it gets wrong.
#[test]
fn fixed_cases_show_no_secret_through_the_binary() {
    fixed_cases(Via::Binary);
}

/// The same in-process.
#[test]
fn fixed_cases_show_no_secret_in_process() {
    fixed_cases(Via::InProcess);
}

fn fixed_cases(via: Via) {
    let dir = TempDir::new();
    let mut failures = Vec::new();
    let mut example = None;
    let cases = secret_cases::fixed_cases();
    for (name, case) in &cases {
        let secret = if case.shape.digits() {
            "8172635401827364"
        } else {
            "Zq7Wv3Xy9Kp2Lm4N"
        };
        let found = case_leaks(via, &dir, case, secret);
        if !found.is_empty() {
            let labels: Vec<&str> = found
                .iter()
                .map(|f| f.split_once(": ").map_or(f.as_str(), |(l, _)| l))
                .collect();
            failures.push(format!(
                "{name} ({}): {}",
                case.template_name(),
                labels.join("; ")
            ));
            example.get_or_insert_with(|| {
                format!(
                    "{name}: file {}\n{}",
                    show(&case.write(secret).bytes),
                    found[0]
                )
            });
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixed cases leak ({}):\n{}\n\nThe first in full: {}",
        failures.len(),
        cases.len(),
        match via {
            Via::Binary => cli_util::bin().display().to_string(),
            Via::InProcess => "in-process".into(),
        },
        failures.join("\n"),
        example.unwrap_or_default()
    );
}
