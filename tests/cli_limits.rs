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
