//! `--max-bytes` and `--max-depth` set the parser limits for untrusted files.

mod cli_util;
use cli_util::TempDir;

const VALID: &str = "examples/valid/scm-okta.json";

#[test]
fn max_bytes_and_max_depth_reject_with_a_located_parse_error() {
    let dir = TempDir::new();
    let deep = dir.write("deep.json", "[[[[1]]]]");
    let deep = deep.to_str().unwrap();

    let out = dir.run(&[
        "check",
        "--kind",
        "scm-mfa-server",
        "--max-depth",
        "3",
        deep,
    ]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("deep.json:1:4: error[MFA000]"),
        "{}",
        out.all()
    );
    assert!(
        out.stdout.contains("nesting deeper than the limit of 3"),
        "{}",
        out.all()
    );

    let out = dir.run(&[
        "check",
        "--kind",
        "scm-mfa-server",
        "--max-bytes",
        "5",
        deep,
    ]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("over the limit of 5 bytes"),
        "{}",
        out.all()
    );

    let out = dir.run(&["redact", "--max-bytes", "5", deep]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr.contains("over the limit of 5 bytes"),
        "{}",
        out.all()
    );
}

#[test]
fn the_defaults_still_accept_ordinary_files() {
    let out = cli_util::run(&["check", "--max-depth", "8", "--max-bytes", "100000", VALID]);
    assert_eq!(out.code, 0, "{}", out.all());
}

/// 20,000 findings on one minified line: locating and excerpting each one
/// must not cost the whole line or object (this took minutes when it did).
#[test]
fn many_findings_on_one_line_are_all_reported() {
    let dir = TempDir::new();
    let mut body = String::from(
        r#"{"name": "x", "mfa_cert_profile": "y", "folder": "f", "mfa_vendor_type": {"rsa_securid_access_v1": {}}"#,
    );
    for i in 0..20_000 {
        body.push_str(&format!(r#", "unknown_key_{i}": {i}"#));
    }
    body.push('}');
    let file = dir.write("minified.json", body);
    let out = dir.run(&["check", "--no-config", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "warnings only");
    assert_eq!(out.stdout.matches("warning[MFA003]").count(), 20_000);
    assert!(out.stdout.contains("minified.json:1:"));
}

/// Generous bound for runs that should take milliseconds: past it the run
/// is killed and the test fails (an input read whole, or an open that
/// blocks).
const QUICK: std::time::Duration = std::time::Duration::from_secs(10);

/// Guarantee: every subcommand reads an endless stdin only up to the limit
/// plus one byte, then reports MFA000 (exit 1).
#[test]
fn an_endless_stdin_is_read_only_up_to_the_limit() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = TempDir::new();
    for cmd in ["check", "normalize", "redact"] {
        let mut c = cli_util::command(dir.path(), &[cmd, "--max-bytes", "1000", "-"]);
        c.stdin(Stdio::piped());
        let mut run = cli_util::Timed::spawn(&mut c);
        let mut stdin = run.child.stdin.take().unwrap();
        // Writes until mfalint closes its end (the write then fails).
        let writer = std::thread::spawn(move || {
            let chunk = [b' '; 1 << 16];
            let mut written = 0u64;
            while stdin.write_all(&chunk).is_ok() {
                written += chunk.len() as u64;
            }
            written
        });
        let out = run.finish(QUICK);
        let written = writer.join().unwrap();
        assert_eq!(out.code, 1, "{cmd}: {}", out.all());
        assert!(
            out.all()
                .contains("<stdin>:1:1: error[MFA000] the input is more than 1000 bytes"),
            "{cmd}: {}",
            out.all()
        );
        // What it read plus what a pipe buffers, not an endless stream.
        assert!(written < 16 << 20, "{cmd}: {written} bytes written");
    }
}

/// Guarantee: a device or a FIFO given as a file is refused at once (exit
/// 2, saying what it is), never read or waited on; in a directory, such
/// entries are not *.json files to check.
#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_without_reading_them() {
    let dir = TempDir::new();
    let fifo = dir.path().join("fifo.json");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let fifo = fifo.to_str().unwrap();
    let commands: [&[&str]; 5] = [
        &["check"],
        &["normalize"],
        &["redact"],
        &["normalize", "--write"],
        &["redact", "--write"],
    ];
    for cmd in commands {
        for (path, what) in [("/dev/zero", "a character device"), (fifo, "a FIFO")] {
            let mut args = cmd.to_vec();
            args.push(path);
            let started = std::time::Instant::now();
            let out =
                cli_util::Timed::spawn(&mut cli_util::command(dir.path(), &args)).finish(QUICK);
            assert_eq!(out.code, 2, "{args:?}: {}", out.all());
            assert!(
                out.stderr.contains(&format!("{path}: "))
                    && out.stderr.contains(&format!("not a regular file ({what})")),
                "{args:?}: {}",
                out.stderr
            );
            assert!(
                started.elapsed() < std::time::Duration::from_secs(5),
                "{args:?}: took {:?}",
                started.elapsed()
            );
        }
    }
    // A directory walk passes over them (and over a link to a device).
    let walked = TempDir::new();
    std::fs::copy(
        cli_util::root().join(VALID),
        walked.path().join("valid.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/dev/zero", walked.path().join("zero.json")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(walked.path().join("fifo.json"))
        .status()
        .unwrap();
    assert!(status.success());
    let out = cli_util::Timed::spawn(&mut cli_util::command(
        walked.path(),
        &["check", "--no-config", "--ignore", "plaintext-secret", "."],
    ))
    .finish(QUICK);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("Checked 1 file"), "{}", out.stdout);
}

/// Guarantee: the largest `--max-bytes` does not wrap around to a tiny
/// limit: a small valid file is checked and rewritten as usual.
#[test]
fn the_largest_max_bytes_does_not_wrap() {
    let max = u64::MAX.to_string();
    let dir = TempDir::new();
    let file = dir.write(
        "valid.json",
        std::fs::read(cli_util::root().join(VALID)).unwrap(),
    );
    let file = file.to_str().unwrap();
    let out = cli_util::run(&["check", "--max-bytes", &max, VALID]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("Checked 1 file"), "{}", out.stdout);
    let out = cli_util::run_in(
        dir.path(),
        &["check", "--no-config", "--max-bytes", &max, "-"],
        Some(&std::fs::read(file).unwrap()),
        &[],
    );
    assert_eq!(out.code, 0, "stdin: {}", out.all());
    for cmd in ["normalize", "redact"] {
        let out = cli_util::run(&[cmd, "--max-bytes", &max, VALID]);
        assert_eq!(out.code, 0, "{cmd}: {}", out.all());
        assert!(out.stdout.starts_with('{'), "{cmd}: {}", out.stdout);
        let out = dir.run(&[cmd, "--write", "--max-bytes", &max, file]);
        assert_eq!(out.code, 0, "{cmd} --write: {}", out.all());
    }
}

/// Guarantee: a zero or out-of-range limit is a usage error (exit 2) for
/// every subcommand, before anything is read; the bounds themselves work.
#[test]
fn zero_and_out_of_range_limits_are_usage_errors() {
    let bad: [&[&str]; 6] = [
        &["--max-bytes", "0"],
        &["--max-bytes", "-1"],
        &["--max-bytes", "18446744073709551616"],
        &["--max-depth", "0"],
        &["--max-depth", "257"],
        &["--max-depth", "300"],
    ];
    for cmd in ["check", "normalize", "redact"] {
        for limit in bad {
            let mut args = vec![cmd];
            args.extend_from_slice(limit);
            args.push(VALID);
            let out = cli_util::run(&args);
            assert_eq!(out.code, 2, "{args:?}: {}", out.all());
            assert!(
                out.stderr.starts_with("error: "),
                "{args:?}: {}",
                out.stderr
            );
            assert_eq!(out.stdout, "", "{args:?}");
        }
        for limit in [
            ["--max-depth", "1"],
            ["--max-depth", "256"],
            ["--max-bytes", "1"],
        ] {
            let mut args = vec![cmd];
            args.extend_from_slice(&limit);
            args.push(VALID);
            let out = cli_util::run(&args);
            assert_ne!(out.code, 2, "{args:?}: {}", out.all());
        }
    }
}

/// Guarantee: a regular file over the limit is reported with its real
/// size, by every subcommand, and `--write` leaves it alone.
#[test]
fn a_file_over_the_limit_is_reported_with_its_size() {
    let dir = TempDir::new();
    let text = std::fs::read_to_string(cli_util::root().join(VALID)).unwrap();
    let size = text.len();
    assert!(size > 100);
    let file = dir.write("big.json", &text);
    let file = file.to_str().unwrap();
    let message = format!("the input is {size} bytes, over the limit of 100 bytes");
    let out = dir.run(&["check", "--max-bytes", "100", file]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.contains(&message), "{}", out.stdout);
    let commands: [&[&str]; 4] = [
        &["normalize"],
        &["redact"],
        &["normalize", "--write"],
        &["redact", "--write"],
    ];
    for cmd in commands {
        let mut args = cmd.to_vec();
        args.extend(["--max-bytes", "100", file]);
        let out = dir.run(&args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.all());
        assert!(
            out.stderr.contains("error[MFA000]") && out.stderr.contains(&message),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(std::fs::read_to_string(file).unwrap(), text, "{args:?}");
    }
}

/// A configuration file that is a device or a FIFO is refused, not read
/// without end (or waited on).
#[cfg(unix)]
#[test]
fn configuration_files_are_read_within_a_limit() {
    let dir = cli_util::TempDir::new();
    let fifo = dir.path().join("fifo.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for config in ["/dev/zero", fifo.to_str().unwrap()] {
        let out = cli_util::run(&["check", "--config", config, "examples/valid/scm-okta.json"]);
        assert_eq!(out.code, 2, "{config}: {}", out.all());
        assert!(
            out.stderr.contains("cannot read configuration"),
            "{}",
            out.stderr
        );
    }
}
