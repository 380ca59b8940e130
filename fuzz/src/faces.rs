//! Invariants of the command line's faces (target `cli`): the bytes of a
//! payload file go through `mfalint::cli::run`, the binary's own entry
//! point, in every output format (with and without a kind), through
//! `normalize` and `redact` (printing and from stdin; `--write` in the
//! regression replay).
//!
//! - The run ends with status 0, 1 or 2, never a panic (libFuzzer aborts on
//!   any panic, contained ones included) and never a contained per-file
//!   panic ("internal error").
//! - JSON and SARIF reports are JSON.
//! - No secret is shown. When the input parses: no value beneath a
//!   secret-bearing key (of 8 characters or more) appears in any output
//!   unless the same run on a copy whose secrets are all replaced by a
//!   marker character shows that text too (then it is a key or a message
//!   template, not the secret); the marked run never shows the marker.
//!   `normalize`'s stdout is the payload itself and is not checked; its
//!   messages are. When the input does not parse: every excerpt line shows
//!   only punctuation, whitespace, masks and `true`/`false`/`null`.

use std::path::{Path, PathBuf};

use mfalint::cli::{run, Io, Status};
use mfalint::json::to_pretty_string;
use mfalint::Kind;

use super::invariants::{allowed_corpus, marker_for, secrets, with_marked_secrets, MAX_INPUT};

/// What one command line printed.
pub struct Ran {
    pub status: Status,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `mfalint ARGS` in-process with `stdin`.
pub fn mfalint(args: &[&str], stdin: &[u8]) -> Ran {
    let mut input = stdin;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = run(
        std::iter::once("mfalint").chain(args.iter().copied()),
        Io {
            stdin: &mut input,
            stdout: &mut out,
            stderr: &mut err,
        },
    );
    Ran {
        status,
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
    }
}

/// A directory of this thread's own, for the files a run reads (the test
/// suite replays inputs on several threads at once).
fn scratch_dir() -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    thread_local! {
        static ID: usize = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    let dir = std::env::temp_dir().join(format!(
        "mfalint-faces-{}-{}",
        std::process::id(),
        ID.with(|id| *id)
    ));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// `text` without SailPoint-style masks (`a******z`): `redact` shows a
/// long secret's first and last characters by design.
fn without_masks(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if i + 8 <= chars.len() && chars[i + 1..i + 7].iter().all(|c| *c == '*') {
            out.push_str("********");
            i += 8;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Every command line run on the file at `path` (holding `data`), and what
/// each printed, labelled.
pub fn every_face(path: &Path, data: &[u8]) -> Vec<(String, Ran)> {
    let file = path.to_str().expect("a UTF-8 scratch path");
    let mut runs = Vec::new();
    let mut go = |label: String, args: Vec<&str>, stdin: &[u8]| {
        let ran = mfalint(&args, stdin);
        runs.push((label, ran));
    };
    for format in ["human", "json", "sarif", "github"] {
        go(
            format!("check {format}"),
            vec!["check", "--format", format, file],
            b"",
        );
        go(
            format!("check {format} stdin"),
            vec!["check", "--no-config", "--format", format, "-"],
            data,
        );
    }
    for kind in Kind::ALL {
        go(
            format!("check human --kind {kind}"),
            vec!["check", "--no-config", "--kind", kind.id(), file],
            b"",
        );
    }
    go(
        "check export".into(),
        vec!["check", "--mode", "export", "--format", "json", file],
        b"",
    );
    for sub in ["normalize", "redact"] {
        go(sub.into(), vec![sub, file], b"");
        go(format!("{sub} stdin"), vec![sub, "-"], data);
    }
    runs
}

/// Target `cli`.
pub fn check_cli(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let dir = scratch_dir();
    let path = dir.join("payload.json");
    std::fs::write(&path, data).expect("the scratch file is written");
    let runs = every_face(&path, data);
    for (label, ran) in &runs {
        assert_sane(label, ran);
    }
    let opts = mfalint::Options::default();
    let parsed =
        mfalint::decode(data, &opts).and_then(|t| mfalint::parse(t, &opts).map(|r| (t, r)));
    match parsed {
        Ok((text, root)) => {
            let secrets: Vec<String> = secrets(&root)
                .into_iter()
                .filter(|s| s.chars().count() >= 8)
                .collect();
            if secrets.is_empty() {
                return;
            }
            let marker = marker_for(text);
            let marked = to_pretty_string(&with_marked_secrets(&root, marker));
            let marked_path = dir.join("marked.json");
            std::fs::write(&marked_path, &marked).expect("the marked file is written");
            let marked_runs = every_face(&marked_path, marked.as_bytes());
            let mut templates = allowed_corpus(&root, &secrets);
            for (label, ran) in &marked_runs {
                for (stream, out) in shown(label, ran) {
                    assert!(
                        !out.contains(marker),
                        "{label} {stream} shows a secret of the marked copy"
                    );
                    templates.push_str(&out);
                }
            }
            for (label, ran) in &runs {
                for (stream, out) in shown(label, ran) {
                    for s in &secrets {
                        if out.contains(s.as_str()) {
                            assert!(
                                templates.contains(s.as_str()),
                                "{label} {stream} shows a secret ({} chars)",
                                s.chars().count()
                            );
                        }
                    }
                }
            }
        }
        Err(_) => {
            for (label, ran) in &runs {
                assert_broken_excerpts_masked(label, &ran.stdout);
            }
        }
    }
}

/// The streams of a run that must not show a secret (`normalize` prints the
/// payload itself on stdout; `redact`'s masks keep a first and last
/// character).
fn shown(label: &str, ran: &Ran) -> Vec<(&'static str, String)> {
    let mut out = vec![("stderr", ran.stderr.clone())];
    if label.starts_with("redact") {
        out.push(("stdout", without_masks(&ran.stdout)));
    } else if !label.starts_with("normalize") {
        out.push(("stdout", ran.stdout.clone()));
    }
    out
}

fn assert_sane(label: &str, ran: &Ran) {
    assert!(
        matches!(ran.status, Status::Ok | Status::Findings | Status::Failure),
        "{label}: status {:?}",
        ran.status
    );
    assert!(
        !ran.stderr.contains("internal error"),
        "{label}: a contained panic"
    );
    if label.contains("json") || label.contains("sarif") {
        serde_json::from_str::<serde_json::Value>(&ran.stdout)
            .unwrap_or_else(|e| panic!("{label}: the report is not JSON: {e}"));
    }
}

/// Lines of an excerpt (`  12 | text`) of a file that does not parse show
/// nothing of its strings, numbers or words.
pub fn assert_broken_excerpts_masked(label: &str, human: &str) {
    for line in human.lines() {
        let Some((gutter, body)) = line.split_once(" | ") else {
            continue;
        };
        if gutter.trim().is_empty() || !gutter.trim().bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        // A long line shows a window, marked `...` at a cut end; the cut
        // may split a mask or a `true`, `false` or `null`.
        let body = body.strip_prefix("...").unwrap_or(body);
        let body = body.strip_suffix("...").unwrap_or(body);
        let literal_piece = |w: &str| ["true", "false", "null"].iter().any(|l| l.contains(w));
        let head = body.len()
            - body
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .len();
        let tail = body.len()
            - body
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .len();
        assert!(
            literal_piece(&body[..head]) && literal_piece(&body[body.len() - tail..]),
            "{label}: an excerpt of a file that does not parse shows {body:?}"
        );
        let body = &body[head..body.len() - tail.min(body.len() - head)];
        let mut rest = body.replace("\"***\"", " ").replace("\"***", " ");
        for word in ["***", "true", "false", "null", "\u{feff}"] {
            rest = rest.replace(word, " ");
        }
        assert!(
            rest.chars().all(|c| matches!(
                c,
                '{' | '}' | '[' | ']' | ',' | ':' | ' ' | '\t' | '*' | '"'
            )),
            "{label}: an excerpt of a file that does not parse shows {rest:?}"
        );
    }
}

/// `normalize --write` and `redact --write` on a copy: the status is sane;
/// a rewritten `redact` file holds no secret-bearing value. (Not part of
/// the fuzz target: two fsyncs per input would slow it tenfold; the
/// regression replay and the property tests run it.)
pub fn check_writes(dir: &Path, data: &[u8]) {
    for sub in ["normalize", "redact"] {
        let copy = dir.join(format!("{sub}.json"));
        std::fs::write(&copy, data).expect("the copy is written");
        let file = copy.to_str().expect("a UTF-8 scratch path");
        let ran = mfalint(&[sub, "--write", file], b"");
        assert_sane(&format!("{sub} --write"), &ran);
        let after = std::fs::read(&copy).expect("the copy is still there");
        if ran.status != Status::Ok {
            assert_eq!(after, data, "{sub} --write failed but changed the file");
            continue;
        }
        let opts = mfalint::Options::default();
        let text = std::str::from_utf8(&after).expect("a rewritten file is UTF-8");
        let root = mfalint::parse(text, &opts).expect("a rewritten file parses");
        if sub == "redact" {
            for value in mfalint::secret_values(&root) {
                assert!(
                    value.as_str().is_some_and(|s| s.contains('*')),
                    "redact --write left a secret unmasked"
                );
            }
        }
    }
}
