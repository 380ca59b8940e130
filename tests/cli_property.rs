//! The command line on any input: arbitrary bytes, and damaged copies of
//! the bundled examples (`examples/valid`, `examples/invalid`), run through
//! `mfalint::cli::run` (what the binary runs, in-process) with every
//! subcommand and format:
//!
//! - `check FILE --format human|json|sarif|github`, without `--kind` and
//!   with each kind, and `check -` (stdin) in every format;
//! - `normalize` and `redact` of the file and of stdin, without `--kind`
//!   and with one, and `--write` on a copy of the file.
//!
//! Every run passes when nothing panicked (each run is under
//! `catch_unwind`, and stderr never says "internal error", which is how a
//! contained per-file panic is reported), its status is 0 or 1 (2 is for
//! usage, configuration and I/O errors: every input here is readable), its
//! outputs are UTF-8, JSON and SARIF output parses as JSON and agrees with
//! the status, `redact` and `normalize` print JSON or report the finding
//! that stops them, `--write` writes exactly what printing prints, and no
//! output holds a secret planted in the input: a marker (`ZQXJ` and 12
//! random characters) under a secret key or a near miss of one, checked as
//! any 6 characters of it. `normalize`'s stdout and `--write`'s file are
//! the payload, secrets included, by design; they are not checked for it.
//!
//! Damage never touches a key the marker is planted under (a damaged key
//! can stop being a near miss, and its value may then be shown); a damaged
//! file that still parses with the marker moved elsewhere is skipped.
//!
//! And a directory of several files where one cannot be read still has
//! every other file checked and reported, and exits 2.

mod cli_util;

use std::path::Path;
use std::sync::OnceLock;

use cli_util::{cli, Captured, TempDir};
use mfalint::Kind;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

const FORMATS: [&str; 4] = ["human", "json", "sarif", "github"];

/// Keys the marker is planted under when it is inserted: secret keys and
/// near misses of them.
const PLANT_KEYS: &[&str] = &[
    "okta_token",
    "okta_tokne",
    "OKTA_TOKEN",
    "oktaToken",
    "okta-token",
    "okta_token ",
    "accesskey",
    "accessKey",
    "sKey",
    "skey",
    "duo_secret_kye",
    "ping_use_base64_key",
    "rsa_accesskey",
    "a\\okta_token",
    "client_secret",
];

fn kinds() -> Vec<Option<&'static str>> {
    std::iter::once(None)
        .chain(Kind::ALL.iter().map(|k| Some(k.id())))
        .collect()
}

/// The examples' JSON files (name, text).
fn examples() -> &'static [(String, String)] {
    static EXAMPLES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let mut out = Vec::new();
        for dir in ["valid", "invalid"] {
            let dir = cli_util::root().join("examples").join(dir);
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|e| e == "json") {
                    let name = p.strip_prefix(cli_util::root()).unwrap();
                    out.push((
                        name.display().to_string(),
                        std::fs::read_to_string(&p).unwrap(),
                    ));
                }
            }
        }
        out.sort();
        assert!(out.len() >= 20, "{} examples", out.len());
        out
    })
}

/// A marker secret: `ZQXJ` and 12 random characters.
fn marker() -> BoxedStrategy<String> {
    proptest::string::string_regex("ZQXJ[A-Z0-9]{12}")
        .unwrap()
        .boxed()
}

/// Where the marker shows in `out`: 6 characters of it or more.
fn shows_marker(marker: &str, out: &str) -> Option<String> {
    let chars: Vec<char> = marker.chars().collect();
    chars
        .windows(6)
        .map(|w| w.iter().collect::<String>())
        .find(|w| out.contains(w.as_str()))
}

/// `text` with the string value of every secret key replaced by `marker`,
/// and (`near`) a member `"near": "marker"` first in the root object. Also
/// the byte ranges of the keys the marker is under (kept from damage).
fn plant(text: &str, marker: &str, near: Option<&str>) -> (String, Vec<(usize, usize)>) {
    let mut out = String::new();
    let mut keys = Vec::new();
    let mut rest = text;
    if let Some(near) = near {
        let trimmed = rest.trim_start();
        if let Some(body) = trimmed.strip_prefix('{') {
            out.push_str(&rest[..rest.len() - trimmed.len()]);
            out.push('{');
            let literal = serde_json::to_string(near).unwrap();
            keys.push((out.len(), out.len() + literal.len()));
            out.push_str(&literal);
            out.push_str(&format!(": \"{marker}\", "));
            rest = body;
        }
    }
    // Each `"KEY"` of a secret key followed by `: "...."`.
    'scan: while let Some(q) = rest.find('"') {
        for key in mfalint::secret_keys() {
            let literal = format!("\"{key}\"");
            if !rest[q..].starts_with(&literal) {
                continue;
            }
            let after = &rest[q + literal.len()..];
            let colon = after.trim_start();
            let Some(value) = colon.strip_prefix(':') else {
                continue;
            };
            let value = value.trim_start();
            if !value.starts_with('"') {
                continue;
            }
            let bytes = value.as_bytes();
            let mut end = 1;
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            if end >= bytes.len() {
                continue;
            }
            out.push_str(&rest[..q]);
            keys.push((out.len(), out.len() + literal.len()));
            let start_of_value = rest.len() - value.len();
            out.push_str(&rest[q..start_of_value]);
            out.push('"');
            out.push_str(marker);
            out.push('"');
            rest = &value[end + 1..];
            continue 'scan;
        }
        out.push_str(&rest[..=q]);
        rest = &rest[q + 1..];
    }
    out.push_str(rest);
    (out, keys)
}

/// What damage inserts.
const PIECES: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\\",
    b",",
    b":",
    b"\\u",
    b"\\u005f",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\0",
    b"\r",
    b"\n",
    b"\x1b]8;;",
    b"\xe2\x80\xae",
    b"1e400",
    b"-0",
    b"null",
    b"{\"okta_token\": 1}",
];

#[derive(Debug, Clone)]
enum Damage {
    Truncate(usize),
    Insert(usize, &'static [u8]),
    Delete(usize),
    /// A slice copied elsewhere (`from`, `len`, `to`).
    Copy(usize, usize, usize),
}

fn damage() -> BoxedStrategy<Damage> {
    prop_oneof![
        1 => any::<usize>().prop_map(Damage::Truncate),
        4 => (any::<usize>(), select(PIECES.to_vec())).prop_map(|(at, p)| Damage::Insert(at, p)),
        2 => any::<usize>().prop_map(Damage::Delete),
        1 => (any::<usize>(), 1usize..40, any::<usize>()).prop_map(|(f, l, t)| Damage::Copy(f, l, t)),
    ]
    .boxed()
}

/// `text` damaged, never inside the `keep` ranges (a place inside one moves
/// to its end). Places are taken modulo the length as it is then.
fn damaged(text: &str, keep: &[(usize, usize)], damage: &[Damage]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    let mut keep = keep.to_vec();
    // Ranges move with what is inserted or deleted before them.
    let shift = |keep: &mut Vec<(usize, usize)>, at: usize, delta: isize| {
        for (s, e) in keep.iter_mut() {
            if *s >= at {
                *s = s.saturating_add_signed(delta);
                *e = e.saturating_add_signed(delta);
            }
        }
    };
    let place = |keep: &[(usize, usize)], p: usize| {
        keep.iter()
            .find(|(s, e)| *s <= p && p < *e)
            .map_or(p, |&(_, e)| e)
    };
    for d in damage {
        let len = bytes.len();
        match *d {
            Damage::Truncate(at) => {
                let p = at % (len + 1);
                bytes.truncate(p);
                keep.retain(|(_, e)| *e <= p);
            }
            Damage::Insert(at, piece) => {
                let p = place(&keep, at % (len + 1));
                bytes.splice(p..p, piece.iter().copied());
                shift(&mut keep, p, piece.len() as isize);
            }
            Damage::Delete(at) if len > 0 => {
                let p = place(&keep, at % len);
                if p < bytes.len() {
                    bytes.remove(p);
                    shift(&mut keep, p + 1, -1);
                }
            }
            Damage::Copy(from, n, to) if len > 0 => {
                let from = from % len;
                let slice = bytes[from..(from + n).min(len)].to_vec();
                let p = place(&keep, to % (len + 1));
                bytes.splice(p..p, slice.iter().copied());
                shift(&mut keep, p, slice.len() as isize);
            }
            Damage::Delete(_) | Damage::Copy(..) => {}
        }
    }
    bytes
}

/// Skips a damaged file that still parses with the marker somewhere other
/// than beneath a key it was planted under.
fn assume_marker_placed(
    bytes: &[u8],
    marker: &str,
    near: Option<&str>,
) -> Result<(), TestCaseError> {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return Ok(());
    };
    fn stray(v: &serde_json::Value, keys: &[&str], marker: &str) -> bool {
        let holds = |s: &str| shows_marker(marker, s).is_some();
        match v {
            serde_json::Value::Object(m) => m
                .iter()
                .any(|(k, v)| !keys.contains(&k.as_str()) && (holds(k) || stray(v, keys, marker))),
            serde_json::Value::Array(a) => a.iter().any(|v| stray(v, keys, marker)),
            serde_json::Value::String(s) => holds(s),
            _ => false,
        }
    }
    let mut keys: Vec<&str> = mfalint::secret_keys().to_vec();
    keys.extend(near);
    if stray(&value, &keys, marker) {
        return Err(TestCaseError::reject("damage moved the marker"));
    }
    Ok(())
}

fn utf8<'a>(what: &str, bytes: &'a [u8], ctx: &str) -> Result<&'a str, TestCaseError> {
    std::str::from_utf8(bytes)
        .map_err(|e| TestCaseError::fail(format!("{ctx}: {what} is not UTF-8 ({e})")))
}

/// The checks every run passes; returns its stdout and stderr.
fn common<'c>(
    c: &'c Captured,
    ctx: &str,
    marker: Option<&str>,
    stdout_may_hold_it: bool,
) -> Result<(&'c str, &'c str, i32), TestCaseError> {
    let code = match &c.status {
        Ok(code) => *code,
        Err(panic) => return Err(TestCaseError::fail(format!("{ctx}: panicked: {panic}"))),
    };
    let stdout = utf8("stdout", &c.stdout, ctx)?;
    let stderr = utf8("stderr", &c.stderr, ctx)?;
    prop_assert!(
        !stderr.contains("internal error"),
        "{}: a contained panic: {}",
        ctx,
        stderr
    );
    prop_assert!(
        code == 0 || code == 1,
        "{}: exit {} (2 is for usage, configuration and I/O errors)\nstdout: {}\nstderr: {}",
        ctx,
        code,
        stdout,
        stderr
    );
    if let Some(marker) = marker {
        for (name, text) in [("stdout", stdout), ("stderr", stderr)] {
            if name == "stdout" && stdout_may_hold_it {
                continue;
            }
            if let Some(piece) = shows_marker(marker, text) {
                prop_assert!(
                    false,
                    "{}: {} shows {:?} of the secret {:?}:\n{}",
                    ctx,
                    name,
                    piece,
                    marker,
                    text
                );
            }
        }
    }
    Ok((stdout, stderr, code))
}

/// `check` in `format`: its output is well formed and agrees with the
/// status.
fn check_run(
    format: &str,
    c: &Captured,
    ctx: &str,
    marker: Option<&str>,
) -> Result<(), TestCaseError> {
    let (stdout, stderr, code) = common(c, ctx, marker, false)?;
    match format {
        "json" => {
            let v: serde_json::Value = serde_json::from_str(stdout)
                .map_err(|e| TestCaseError::fail(format!("{ctx}: not JSON ({e}):\n{stdout}")))?;
            let summary = &v["summary"];
            prop_assert_eq!(&summary["files"], &serde_json::json!(1), "{}", ctx);
            let errors = summary["errors"].as_u64().unwrap_or(0);
            prop_assert_eq!(
                code == 1,
                errors > 0,
                "{}: exit {} with {} errors",
                ctx,
                code,
                errors
            );
            prop_assert_eq!(&summary["failed"], &serde_json::json!(code == 1), "{}", ctx);
        }
        "sarif" => {
            let v: serde_json::Value = serde_json::from_str(stdout)
                .map_err(|e| TestCaseError::fail(format!("{ctx}: not JSON ({e}):\n{stdout}")))?;
            prop_assert!(v["runs"].is_array(), "{}: no runs:\n{}", ctx, stdout);
        }
        "github" => {
            for line in stdout.lines() {
                prop_assert!(
                    line.starts_with("::"),
                    "{}: not a workflow command: {:?}",
                    ctx,
                    line
                );
            }
            prop_assert_eq!(code == 1, stdout.contains("::error "), "{}", ctx);
        }
        _ => {
            prop_assert!(
                stdout.contains("Checked 1 file"),
                "{}: no summary:\n{}",
                ctx,
                stdout
            );
        }
    }
    prop_assert!(stderr.is_empty(), "{}: stderr: {}", ctx, stderr);
    Ok(())
}

/// `normalize` or `redact` printing: JSON on success, the finding that
/// stopped it otherwise.
fn rewrite_run(
    sub: &str,
    c: &Captured,
    ctx: &str,
    marker: Option<&str>,
) -> Result<(), TestCaseError> {
    let (stdout, stderr, code) = common(c, ctx, marker, sub == "normalize")?;
    if code == 0 {
        prop_assert!(
            mfalint::parse(stdout, &mfalint::Options::default()).is_ok(),
            "{}: the output is not JSON:\n{}",
            ctx,
            stdout
        );
    } else {
        prop_assert!(
            stdout.is_empty(),
            "{}: failed, yet printed:\n{}",
            ctx,
            stdout
        );
        prop_assert!(
            stderr.contains("error[MFA000]") || stderr.contains("error[MFA009]"),
            "{}: failed without a finding: {}",
            ctx,
            stderr
        );
    }
    Ok(())
}

/// Runs every subcommand and format on `bytes`.
fn check_everything(
    bytes: &[u8],
    marker: Option<&str>,
    rewrite_kind: Option<&str>,
) -> Result<(), TestCaseError> {
    let dir = TempDir::new();
    let file = dir.write("input.json", bytes);
    let f = file.to_str().unwrap();
    let input = || format!("input {:?}", String::from_utf8_lossy(bytes));
    for format in FORMATS {
        for kind in kinds() {
            let mut args = vec!["check", f, "--format", format];
            args.extend(kind.iter().flat_map(|k| ["--kind", k]));
            let ctx = format!("{} ({})", args.join(" "), input());
            check_run(format, &cli(&args, b""), &ctx, marker)?;
        }
        let mut args = vec!["check", "-", "--format", format];
        args.extend(rewrite_kind.iter().flat_map(|k| ["--kind", k]));
        let ctx = format!("{} ({})", args.join(" "), input());
        check_run(format, &cli(&args, bytes), &ctx, marker)?;
    }
    for sub in ["normalize", "redact"] {
        for kind in [None, rewrite_kind] {
            let kind_args: Vec<&str> = kind.iter().flat_map(|k| ["--kind", k]).collect();
            let mut args = vec![sub, f];
            args.extend(&kind_args);
            let ctx = format!("{} ({})", args.join(" "), input());
            let printed = cli(&args, b"");
            rewrite_run(sub, &printed, &ctx, marker)?;

            let mut args = vec![sub, "-"];
            args.extend(&kind_args);
            let ctx = format!("{} ({})", args.join(" "), input());
            let from_stdin = cli(&args, bytes);
            rewrite_run(sub, &from_stdin, &ctx, marker)?;
            prop_assert_eq!(
                (&from_stdin.status, &from_stdin.stdout),
                (&printed.status, &printed.stdout),
                "{}: stdin and file differ",
                ctx
            );

            let copy = dir.write("copy.json", bytes);
            let c = copy.to_str().unwrap();
            let mut args = vec![sub, c, "--write"];
            args.extend(&kind_args);
            let ctx = format!("{} ({})", args.join(" "), input());
            let written = cli(&args, b"");
            let (stdout, _, code) = common(&written, &ctx, marker, false)?;
            prop_assert!(stdout.is_empty(), "{}: printed {}", ctx, stdout);
            prop_assert_eq!(Ok(code), printed.status.clone(), "{}", ctx);
            let now = std::fs::read(&copy).unwrap();
            if code == 0 {
                prop_assert!(now == printed.stdout, "{}: wrote other than it prints", ctx);
            } else {
                prop_assert!(now == bytes, "{}: failed, yet changed the file", ctx);
            }
        }
    }
    Ok(())
}

/// Arbitrary bytes, maybe inside braces, with a member holding the marker
/// spliced in somewhere (or not).
fn arbitrary_input() -> BoxedStrategy<(Vec<u8>, Option<String>)> {
    (
        proptest::collection::vec(any::<u8>(), 0..200),
        any::<usize>(),
        prop::option::weighted(0.7, (select(PLANT_KEYS.to_vec()), marker())),
        any::<bool>(),
    )
        .prop_map(|(mut bytes, at, plant, braces)| {
            let marker = plant.map(|(key, marker)| {
                let member = format!("{}: \"{marker}\"", serde_json::to_string(key).unwrap());
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, member.bytes());
                marker
            });
            if braces {
                bytes.insert(0, b'{');
                bytes.push(b'}');
            }
            (bytes, marker)
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_through_every_subcommand_and_format(
        (bytes, marker) in arbitrary_input(),
        kind in select(Kind::ALL.to_vec()),
    ) {
        check_everything(&bytes, marker.as_deref(), Some(kind.id()))?;
    }

    #[test]
    fn damaged_examples_through_every_subcommand_and_format(
        example in 0usize..1000,
        marker in marker(),
        near in prop::option::of(select(PLANT_KEYS.to_vec())),
        damage in proptest::collection::vec(damage(), 0..4),
        kind in prop::option::of(select(Kind::ALL.to_vec())),
    ) {
        let examples = examples();
        let (name, text) = &examples[example % examples.len()];
        let (planted, keep) = plant(text, &marker, near);
        let bytes = damaged(&planted, &keep, &damage);
        assume_marker_placed(&bytes, &marker, near)?;
        let kind = kind.map(Kind::id);
        check_everything(&bytes, Some(&marker), kind)
            .map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
    }
}

/// The planting reaches every secret of the examples, and the damage keeps
/// the planted keys.
#[test]
fn planting_replaces_every_example_secret() {
    let marker = "ZQXJ0123456789AB";
    let secrets = cli_util::example_secrets();
    let mut planted_somewhere = 0;
    for (name, text) in examples() {
        let (planted, keep) = plant(text, marker, Some("okta_tokne"));
        for s in &secrets {
            assert!(!planted.contains(s.as_str()), "{name}: {s} left");
        }
        for &(s, e) in &keep {
            let key: String = serde_json::from_str(&planted[s..e]).unwrap();
            assert!(mfalint::is_secret_bearing(&key), "{name}: {key}");
        }
        planted_somewhere += usize::from(planted.contains(marker));
        // Damage at any place of a key moves past it.
        assert_eq!(damaged(&planted, &keep, &[]), planted.as_bytes());
        for &(s, e) in &keep {
            for at in s..e {
                for d in [Damage::Insert(at, b"\""), Damage::Delete(at)] {
                    let bytes = damaged(&planted, &keep, &[d]);
                    assert_eq!(&bytes[s..e], &planted.as_bytes()[s..e], "{name}");
                }
            }
        }
    }
    assert!(planted_somewhere >= 15, "{planted_somewhere}");
    // And the marker check sees it.
    assert!(shows_marker(marker, &format!("is {marker}")).is_some());
    assert!(shows_marker(marker, "ZQXJ0 12345 9AB").is_none());
    assert!(shows_marker(marker, "x 456789 x").is_some());
}

// ---------------------------------------------------- a directory, one file unreadable

/// A directory of four example files and one that `unreadable` makes in
/// it (returning its name, or `None` to skip): `check DIR` in every format
/// reports each of the four as checked and the other as an error, and
/// exits 2.
fn directory_with(unreadable: impl FnOnce(&Path) -> Option<&'static str>) {
    let dir = TempDir::new();
    let mut readable = Vec::new();
    for (i, name) in [
        "examples/valid/scm-okta.json",
        "examples/invalid/scm-okta-constraints.json",
        "examples/valid/sailpoint-duo-web.json",
        "examples/invalid/not-json.json",
    ]
    .iter()
    .enumerate()
    {
        let text = std::fs::read(cli_util::root().join(name)).unwrap();
        // Before and after the unreadable one in path order.
        let file = format!("{}-{i}.json", if i % 2 == 0 { "a" } else { "z" });
        readable.push(dir.write(&file, text));
    }
    let Some(bad_name) = unreadable(dir.path()) else {
        return;
    };
    let d = dir.path().to_str().unwrap();
    let json = cli(["check", d, "--format", "json", "--no-config"], b"");
    let out = json.out();
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(!out.stderr.contains("internal error"), "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    for p in &readable {
        let p = p.to_str().unwrap();
        let entry = files
            .iter()
            .find(|f| f["path"] == p)
            .unwrap_or_else(|| panic!("{p} not reported:\n{}", out.stdout));
        assert!(entry["findings"].is_array(), "{p} not checked: {entry}");
    }
    let bad = dir.path().join(bad_name);
    let bad = bad.to_str().unwrap();
    assert!(
        files
            .iter()
            .any(|f| f["path"] == bad && f["error"].is_string()),
        "{bad} not reported as an error:\n{}",
        out.stdout
    );
    assert!(out.stderr.contains(bad), "{}", out.stderr);
    assert_eq!(report["summary"]["files"], readable.len(), "{}", out.stdout);
    // And in the other formats.
    for format in ["human", "sarif", "github"] {
        let c = cli(["check", d, "--format", format, "--no-config"], b"");
        let o = c.out();
        assert_eq!(o.code, 2, "{format}: {}{}", o.stdout, o.stderr);
        assert!(o.stderr.contains(bad), "{format}: {}", o.stderr);
        assert!(!o.stderr.contains("internal error"), "{}", o.stderr);
        if format == "human" {
            assert!(
                o.stdout
                    .contains(&format!("Checked {} files", readable.len())),
                "{}",
                o.stdout
            );
        }
    }
}

/// A file without read permission (skipped where the tests can read it
/// anyway: as root, or with CAP_DAC_OVERRIDE).
#[cfg(unix)]
#[test]
fn a_directory_with_an_unreadable_file_reports_every_other_file() {
    use std::os::unix::fs::PermissionsExt;
    directory_with(|dir| {
        let p = dir.join("m-unreadable.json");
        std::fs::write(&p, "{}").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&p).is_ok() {
            eprintln!("skipped: this user can read a file with mode 000 (root?)");
            return None;
        }
        Some("m-unreadable.json")
    });
}

/// A regular file whose read fails for anyone, root included: a link to
/// `/proc/self/mem` (reading it from offset 0 is an I/O error).
#[cfg(target_os = "linux")]
#[test]
fn a_directory_with_a_file_that_fails_to_read_reports_every_other_file() {
    directory_with(|dir| {
        let mem = Path::new("/proc/self/mem");
        if !mem.is_file() {
            eprintln!("skipped: no /proc/self/mem");
            return None;
        }
        std::os::unix::fs::symlink(mem, dir.join("m-mem.json")).unwrap();
        Some("m-mem.json")
    });
}

/// A dangling symlink named `*.json` is a missing file (docs/cli.md: "a
/// missing or unreadable file are errors of the run").
#[cfg(unix)]
#[test]
fn a_directory_with_a_dangling_symlink_reports_it_and_every_other_file() {
    directory_with(|dir| {
        std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("m-dangling.json")).unwrap();
        Some("m-dangling.json")
    });
}
