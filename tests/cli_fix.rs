//! `check --fix`, `--unsafe-fixes` and `--diff`: what they write and show,
//! the reports' fixable markers, atomic writes, and no secret in a diff.

mod cli_util;

use std::fs;

use cli_util::{run_in, snapshot, Out, TempDir};

/// One safe fix (the numeric-string timeout), one safe removal (the `id`),
/// two unsafe ones (the URL host, the misspelled token key, which also
/// leaves `okta_token` missing), and a secret beside them.
const EVERY_FIX: &str = r#"{
  "id": "0f8fad5b-d9cb-469f-a165-70867728950e",
  "name": "okta",
  "mfa_cert_profile": "okta-ca",
  "folder": "Shared",
  "mfa_vendor_type": {
    "okta_adaptive_v1": {
      "okta_api_host": "https://acme.okta.com:443/api",
      "okta_tokn": "PLAINTEXT-okta-token-4242",
      "okta_org": "acme",
      "okta_baseuri": "/api/v1",
      "okta_timeout": "30"
    }
  }
}
"#;
const SECRET: &str = "PLAINTEXT-okta-token-4242";

fn dir_with(name: &str, text: &str) -> TempDir {
    let dir = TempDir::new();
    dir.write(name, text);
    dir
}

fn no_secret(out: &Out) {
    assert!(
        !out.all().contains(SECRET),
        "secret printed:\n{}",
        out.all()
    );
}

#[test]
fn reports_mark_fixable_findings_and_count_them() {
    let dir = dir_with("p.json", EVERY_FIX);
    let human = dir.run(&["check", "--no-config", "p.json"]);
    assert_eq!(human.code, 1, "{}", human.all());
    no_secret(&human);
    snapshot("check_fixable_human", &human.stdout);

    let json = dir.run(&["check", "--no-config", "--format", "json", "p.json"]);
    let report = json.json();
    let findings = report["files"][0]["findings"].as_array().unwrap();
    let fix_of = |code: &str| {
        findings
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {findings:?}"))["fix"]
            .clone()
    };
    assert_eq!(fix_of("MFA051")["applicability"], "safe");
    assert_eq!(fix_of("MFA004")["applicability"], "safe");
    assert_eq!(fix_of("MFA041")["applicability"], "unsafe");
    assert_eq!(fix_of("MFA003")["applicability"], "unsafe");
    assert!(fix_of("MFA051")["title"]
        .as_str()
        .unwrap()
        .contains("okta_timeout"));
    // A finding without a fix has no `fix` key.
    assert!(findings
        .iter()
        .any(|f| f.get("fix").is_none() && f["code"] == "MFA010"));
    no_secret(&json);
}

#[test]
fn fix_writes_the_safe_fixes_and_reports_what_is_left() {
    let dir = dir_with("p.json", EVERY_FIX);
    let out = dir.run(&["check", "--no-config", "--fix", "p.json"]);
    no_secret(&out);
    // The unsafe ones are left, and fail the run.
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr.contains("Fixed 2 problems in 1 file."),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("MFA041") && out.stdout.contains("MFA003"));
    assert!(!out.stdout.contains("MFA051") && !out.stdout.contains("MFA004"));
    let fixed = fs::read_to_string(dir.path().join("p.json")).unwrap();
    snapshot("check_fix_safe_file", &fixed);
    assert!(fixed.contains(r#""okta_timeout": 30"#) && !fixed.contains(r#""id""#));
    assert!(fixed.contains(SECRET), "the secret is kept as it was");

    // Fixing again finds nothing more to fix.
    let again = dir.run(&["check", "--no-config", "--fix", "p.json"]);
    assert!(
        again.stderr.contains("Fixed 0 problems in 0 files."),
        "{}",
        again.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("p.json")).unwrap(),
        fixed
    );
}

#[test]
fn unsafe_fixes_add_the_others() {
    let dir = dir_with("p.json", EVERY_FIX);
    let out = dir.run(&["check", "--no-config", "--fix", "--unsafe-fixes", "p.json"]);
    no_secret(&out);
    assert!(
        out.stderr.contains("Fixed 4 problems in 1 file."),
        "{}",
        out.stderr
    );
    let fixed = fs::read_to_string(dir.path().join("p.json")).unwrap();
    snapshot("check_fix_unsafe_file", &fixed);
    assert!(fixed.contains(r#""okta_api_host": "acme.okta.com""#));
    assert!(fixed.contains(&format!(r#""okta_token": "{SECRET}""#)));
    // Only the plaintext-secret warning is left: the run passes.
    assert_eq!(out.code, 0, "{}", out.all());
}

#[test]
fn diff_shows_the_changes_masked_and_writes_nothing() {
    let dir = dir_with("p.json", EVERY_FIX);
    let out = dir.run(&["check", "--no-config", "--diff", "--unsafe-fixes", "p.json"]);
    assert_eq!(out.code, 1, "{}", out.all());
    no_secret(&out);
    snapshot("check_diff_unsafe", &out.stdout);
    assert!(
        out.stderr.contains("Would fix 4 problems in 1 file."),
        "{}",
        out.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("p.json")).unwrap(),
        EVERY_FIX,
        "--diff writes nothing"
    );

    // Nothing to fix: no diff, exit 0.
    let clean = dir_with(
        "ok.json",
        &EVERY_FIX.replace(r#""okta_timeout": "30""#, r#""okta_timeout": 30"#),
    );
    let out = clean.run(&[
        "check",
        "--no-config",
        "--diff",
        "--select",
        "MFA051",
        "ok.json",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("Would fix 0 problems in 0 files."),
        "{}",
        out.stderr
    );

    // Stdin can be diffed, not fixed.
    let out = run_in(
        dir.path(),
        &["check", "--no-config", "--diff", "-"],
        Some(EVERY_FIX.as_bytes()),
        &[],
    );
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("+      \"okta_timeout\": 30"),
        "{}",
        out.stdout
    );
    no_secret(&out);
    let out = run_in(
        dir.path(),
        &["check", "--no-config", "--fix", "-"],
        Some(EVERY_FIX.as_bytes()),
        &[],
    );
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("--fix rewrites files, not stdin"),
        "{}",
        out.stderr
    );
}

#[test]
fn diff_and_fix_are_exclusive_and_unsafe_fixes_needs_one_of_them_to_matter() {
    let dir = dir_with("p.json", EVERY_FIX);
    let out = dir.run(&["check", "--fix", "--diff", "p.json"]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert_eq!(
        fs::read_to_string(dir.path().join("p.json")).unwrap(),
        EVERY_FIX
    );
    // Without --fix or --diff, --unsafe-fixes changes nothing on disk.
    let out = dir.run(&["check", "--no-config", "--unsafe-fixes", "p.json"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("p.json")).unwrap(),
        EVERY_FIX
    );
}

#[cfg(unix)]
#[test]
fn a_failed_fix_write_is_exit_2_and_leaves_the_file() {
    let dir = dir_with("p.json", EVERY_FIX);
    let out = run_in(
        dir.path(),
        &["check", "--no-config", "--fix", "p.json"],
        None,
        &[("MFALINT_FAIL_WRITE_AFTER_TEMP", "1")],
    );
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("not fixed"), "{}", out.stderr);
    assert!(
        out.stderr.contains("the file is unchanged"),
        "{}",
        out.stderr
    );
    no_secret(&out);
    assert_eq!(
        fs::read_to_string(dir.path().join("p.json")).unwrap(),
        EVERY_FIX
    );
    // No temporary file is left behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["p.json"]);
}

#[test]
fn placeholders_are_listed_in_json_and_forbidden_on_request() {
    let text = EVERY_FIX.replace(
        r#""okta_tokn": "PLAINTEXT-okta-token-4242""#,
        r#""okta_token": "${OKTA_TOKEN}""#,
    );
    let dir = dir_with("t.json", &text);
    let out = dir.run(&["check", "--no-config", "--format", "json", "t.json"]);
    let file = &out.json()["files"][0];
    let placeholders = file["placeholders"].as_array().unwrap();
    assert_eq!(placeholders.len(), 1, "{file}");
    assert_eq!(
        placeholders[0]["pointer"],
        "/mfa_vendor_type/okta_adaptive_v1/okta_token"
    );
    assert_eq!(placeholders[0]["line"], 9);
    assert!(!out.stdout.contains("MFA006") && !out.stdout.contains("MFA030"));

    let out = dir.run(&["check", "--no-config", "--placeholders=forbid", "t.json"]);
    assert!(out.stdout.contains("MFA006"), "{}", out.stdout);
    assert_eq!(out.code, 1);

    dir.write("mfalint.toml", "placeholders = \"forbid\"\n");
    let out = dir.run(&["check", "t.json"]);
    assert!(out.stdout.contains("MFA006"), "{}", out.stdout);
    // The command line wins over the file.
    let out = dir.run(&[
        "check",
        "--placeholders=allow",
        "--format",
        "json",
        "t.json",
    ]);
    assert!(!out.stdout.contains("MFA006"), "{}", out.stdout);
}
