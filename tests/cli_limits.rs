//! `--max-bytes` and `--max-depth` set the parser limits for untrusted files.

mod cli_util;
use cli_util::TempDir;

const VALID: &str = "examples/valid/scm-okta.json";

#[test]
fn max_bytes_and_max_depth_reject_with_a_located_parse_error() {
    let dir = TempDir::new();
    let deep = dir.write("deep.json", "[[[[1]]]]");
    let deep = deep.to_str().unwrap();

    let out = dir.run(&["check", "--kind", "scm-mfa-server", "--max-depth", "3", deep]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.contains("deep.json:1:4: error[MFA000]"), "{}", out.all());
    assert!(out.stdout.contains("nesting deeper than the limit of 3"), "{}", out.all());

    let out = dir.run(&["check", "--kind", "scm-mfa-server", "--max-bytes", "5", deep]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.contains("over the limit of 5 bytes"), "{}", out.all());

    let out = dir.run(&["redact", "--max-bytes", "5", deep]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stderr.contains("over the limit of 5 bytes"), "{}", out.all());
}

#[test]
fn the_defaults_still_accept_ordinary_files() {
    let out = cli_util::run(&["check", "--max-depth", "8", "--max-bytes", "100000", VALID]);
    assert_eq!(out.code, 0, "{}", out.all());
}
