//! Output that cannot be written, closed pipes, and names that a terminal
//! would act on.
#![cfg(unix)]

mod cli_util;

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use cli_util::{bin, command, root, Out, TempDir, Timed};

const VALID: &str = "examples/valid/scm-rsa.json";
const LIMIT: Duration = Duration::from_secs(10);

fn dev_full() -> Stdio {
    Stdio::from(File::options().write(true).open("/dev/full").unwrap())
}

/// Runs `mfalint ARGS` from the repository root with stdout or stderr
/// (or both) on /dev/full.
fn run_full(args: &[&str], stdout_full: bool, stderr_full: bool) -> Out {
    let mut cmd = command(&root(), args);
    cmd.stdin(Stdio::null())
        .stdout(if stdout_full {
            dev_full()
        } else {
            Stdio::piped()
        })
        .stderr(if stderr_full {
            dev_full()
        } else {
            Stdio::piped()
        });
    let out = cmd.output().expect("mfalint runs");
    Out {
        code: out.status.code().expect("exit code, not a signal"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Guarantee: stdout that cannot be written (a full disk) fails the run
/// with exit 2 and says so on stderr, for every subcommand that prints.
#[test]
fn stdout_that_cannot_be_written_is_exit_2_with_a_message() {
    let runs: [&[&str]; 9] = [
        &["redact", VALID],
        &["normalize", VALID],
        &["schema", "scm-mfa-server"],
        &["check", "--format", "json", VALID],
        &["check", VALID],
        &["check", "--format", "sarif", "examples"],
        &["rules"],
        &["explain", "MFA040"],
        &["--help"],
    ];
    for args in runs {
        let out = run_full(args, true, false);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("mfalint: error: cannot write the output: No space left on device"),
            "{args:?}: {}",
            out.stderr
        );
    }
}

/// Guarantee: stderr that cannot be written fails the run (exit 2), without
/// a panic (which would be exit 101), whatever stdout does.
#[test]
fn stderr_that_cannot_be_written_is_exit_2_without_a_panic() {
    let runs: [&[&str]; 6] = [
        // Notes on stderr ("nothing to fill").
        &["normalize", VALID],
        // An error message.
        &["check", "examples/valid/missing.json"],
        &["redact", "examples/invalid/not-json.json"],
        // A usage error (clap's message).
        &["check", "--no-such-option"],
        &["schema", "no-such-kind"],
        &["explain", "MFA999"],
    ];
    for args in runs {
        let out = run_full(args, false, true);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stdout);
        let out = run_full(args, true, true);
        assert_eq!(out.code, 2, "{args:?}, stdout full too");
    }
}

/// Runs `SCRIPT` with `$M` set to the binary in `dir`, and returns what
/// it printed and the contents of the files `err` and `code` it leaves.
fn sh(dir: &Path, script: &str) -> (String, String, String) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("M", bin())
        .current_dir(dir)
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    let read = |name| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        read("err"),
        read("code"),
    )
}

/// Guarantee: a reader that goes away (`| head`) stops the output quietly:
/// no error text, no panic, the run's own exit status.
#[test]
fn a_closed_pipe_stops_the_output_quietly() {
    let t = TempDir::new();
    // Output far bigger than a pipe holds: the writes after `head` exits
    // fail with EPIPE.
    std::fs::create_dir(t.path().join("many")).unwrap();
    for i in 0..300 {
        std::fs::copy(
            root().join("examples/invalid/scm-typos.json"),
            t.path().join(format!("many/f{i:03}.json")),
        )
        .unwrap();
    }
    let examples = root().join("examples");
    let examples = examples.to_str().unwrap();
    let cases: [(String, &str); 5] = [
        ("\"$M\" schema scm-mfa-server".into(), "0"),
        ("\"$M\" rules".into(), "0"),
        (format!("\"$M\" check --format json '{examples}'"), "1"),
        ("\"$M\" check --format json many".into(), "1"),
        ("\"$M\" check many".into(), "1"),
    ];
    for (run, code) in cases {
        let script = format!("{{ {run} 2>err; echo $? >code; }} | head -c 10");
        let (stdout, err, got) = sh(t.path(), &script);
        assert_eq!(stdout.len(), 10, "{run}: {stdout}");
        assert_eq!(err, "", "{run}: mfalint printed on stderr");
        assert_eq!(got.trim(), code, "{run}: exit status");
    }
    // The reader gone before anything is written.
    let mut cmd = command(t.path(), &["check", "--format", "json", "many"]);
    let err = t.path().join("err2");
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(File::create(&err).unwrap());
    let mut child = cmd.spawn().unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&err).unwrap(), "");
}

const ESC: char = '\u{1b}';

/// Guarantee: file names holding terminal escapes are printed escaped
/// (`\u{1b}`), by `normalize`, `redact` and `schema --check`, on stdout and
/// stderr, in notes and in errors.
#[test]
fn names_with_terminal_escapes_are_printed_escaped() {
    let t = TempDir::new();
    let rsa = std::fs::read_to_string(root().join(VALID))
        .unwrap()
        .replace("  \"rsa_baseuri\": \"/mfa/v1_1\",\n", "");
    let name = format!("a{ESC}[31mb.json");
    let shown = "a\\u{1b}[31mb.json";
    t.write(&name, &rsa);
    t.write(&format!("broken{ESC}]0;title\u{7}.json"), "{\"x\": ");
    let broken = format!("broken{ESC}]0;title\u{7}.json");
    let missing = format!("missing{ESC}[2J.json");
    let schema_dir = format!("s{ESC}[1m");
    t.write(
        &format!("{schema_dir}/scm-mfa-server.schema.json"),
        "{\"type\": \"object\"}",
    );
    t.write(&format!("{schema_dir}/sase-mfa-server.schema.json"), "{");
    t.write(&format!("{schema_dir}/x{ESC}[1m.schema.json"), "{}");
    let stale = format!("{schema_dir}/scm-mfa-server.schema.json");
    let bad_json = format!("{schema_dir}/sase-mfa-server.schema.json");
    let wrong_name = format!("{schema_dir}/x{ESC}[1m.schema.json");
    let schema_missing = format!("{schema_dir}/sailpoint-duo-config.schema.json");

    let runs: Vec<(Vec<&str>, i32, &str)> = vec![
        // Notes: "filled ...".
        (vec!["normalize", &name], 0, "filled"),
        (vec!["redact", &name], 0, ""),
        (vec!["normalize", &broken], 1, "error[MFA000]"),
        (vec!["redact", &broken], 1, "error[MFA000]"),
        (vec!["normalize", &missing], 2, "No such file"),
        (vec!["redact", &missing], 2, "No such file"),
        (vec!["redact", "--write", &missing], 2, "No such file"),
        (vec!["redact", "--write", &name], 0, ""),
        (vec!["normalize", "--write", &name], 0, "filled"),
        (vec!["normalize", "--write", &name], 0, "unchanged"),
        (vec!["schema", "--check", &stale], 1, "differs"),
        (vec!["schema", "--check", &bad_json], 1, "not valid JSON"),
        (vec!["schema", "--check", &wrong_name], 2, "not named"),
        (
            vec!["schema", "--check", &schema_missing],
            2,
            "No such file",
        ),
    ];
    for (args, code, says) in runs {
        let out = Timed::spawn(command(t.path(), &args).stdin(Stdio::null())).finish(LIMIT);
        let shown_args: Vec<String> = args.iter().map(|a| a.escape_debug().to_string()).collect();
        assert_eq!(
            out.code,
            code,
            "{shown_args:?}: {}",
            out.all().escape_debug()
        );
        assert!(
            !out.stdout.contains(ESC) && !out.stderr.contains(ESC) && !out.all().contains('\u{7}'),
            "{shown_args:?}: raw escape printed: {}",
            out.all().escape_debug()
        );
        if !says.is_empty() {
            assert!(
                out.stderr.contains("\\u{1b}") && out.stderr.contains(says),
                "{shown_args:?}: {}",
                out.stderr
            );
        }
    }
    let out = t.run(&["normalize", &name]);
    assert!(out.stderr.contains(&format!("{shown}: ")), "{}", out.stderr);
}

/// The usage errors quote the arguments: what a terminal would act on is
/// escaped there too (an escape sequence, a carriage return, a
/// bidirectional override).
#[test]
fn usage_errors_do_not_print_terminal_controls() {
    for arg in [
        format!("a{ESC}[31mb"),
        format!("a{ESC}]0;title\u{7}b"),
        "a\rb".to_string(),
        "a\u{202e}b".to_string(),
    ] {
        for args in [
            vec!["schema", arg.as_str()],
            vec!["check", "--format", arg.as_str(), VALID],
            vec!["redact", VALID, arg.as_str()],
        ] {
            let out = cli_util::run(&args);
            assert_eq!(out.code, 2, "{:?}: {}", args, out.all().escape_debug());
            assert!(
                !out.stderr
                    .chars()
                    .any(|c| c == ESC || c == '\u{7}' || c == '\r' || c == '\u{202e}'),
                "{:?}: {}",
                args,
                out.stderr.escape_debug()
            );
            assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
        }
    }
}

/// Guarantee: a panic while checking one file is contained (that file is
/// reported as not checked, exit 2, every other file reported), and its
/// message, which may quote the input, is never printed.
#[test]
fn a_panic_on_one_file_is_contained_and_its_message_withheld() {
    let dir = cli_util::TempDir::new();
    let valid =
        std::fs::read_to_string(cli_util::root().join("examples/valid/scm-okta.json")).unwrap();
    dir.write("a.json", &valid);
    dir.write(
        "b.json",
        valid.replace("EXAMPLE-okta-token-not-real", "PLANTED-secret-0123456789"),
    );
    dir.write("c.json", &valid);
    for format in ["human", "json", "sarif", "github"] {
        let out = cli_util::run_in(
            dir.path(),
            &["check", "--format", format, "."],
            None,
            &[("MFALINT_TEST_PANIC_ON", "./b.json")],
        );
        assert_eq!(out.code, 2, "{format}: {}", out.all());
        assert!(
            out.all().contains("internal error"),
            "{format}: {}",
            out.all()
        );
        assert!(!out.all().contains("PLANTED"), "{format}: {}", out.all());
        assert!(
            !out.all().contains("a bug quoting"),
            "{format}: {}",
            out.all()
        );
        assert!(
            out.stdout.contains("a.json") && out.stdout.contains("c.json"),
            "{format}: {}",
            out.stdout
        );
    }
}
