//! `mfalint rules|explain|normalize|redact|schema`.

mod cli_util;

use cli_util::{run, run_in, snapshot, TempDir};

const RSA: &str = r#"{
  "name": "rsa",
  "mfa_cert_profile": "rsa-ca",
  "device": "fw-01",
  "mfa_vendor_type": {
    "rsa_securid_access_v1": {
      "rsa_api_host": "acme.auth.securid.com",
      "rsa_accesskey": "PLAINTEXT-rsa-access-key-77"
    }
  }
}
"#;

#[test]
fn rules_lists_every_rule() {
    let out = run(&["rules"]);
    assert_eq!(out.code, 0);
    snapshot("rules_human", &out.stdout);
    for r in mfalint::rules::all() {
        assert!(out.stdout.contains(r.code) && out.stdout.contains(r.name));
    }
    assert!(out.stdout.contains("MFA000  parse-error"));
    assert!(out
        .stdout
        .lines()
        .any(|l| l.starts_with("MFA081") && l.contains("on (CLI)")));
    let json = run(&["rules", "--format", "json"]).json();
    assert_eq!(json.as_array().unwrap().len(), mfalint::RuleId::ALL.len());
    let md = run(&["rules", "--format", "markdown"]);
    assert!(md.stdout.starts_with("| code | name |"));
}

#[test]
fn explain_by_code_or_name() {
    let out = run(&["explain", "MFA040"]);
    assert_eq!(out.code, 0);
    snapshot("explain_mfa040", &out.stdout);
    assert_eq!(run(&["explain", "min-length"]).stdout, out.stdout);
    assert_eq!(run(&["explain", "mfa040"]).stdout, out.stdout);
    let parse = run(&["explain", "MFA000"]);
    assert!(parse.stdout.contains("Configurable: no"));
    let unknown = run(&["explain", "MFA999"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("unknown rule `MFA999`"));
}

#[test]
fn normalize_prints_with_defaults_filled() {
    let t = TempDir::new();
    let p = t.write("rsa.json", RSA);
    let out = t.run(&["normalize", "rsa.json"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rsa = &v["mfa_vendor_type"]["rsa_securid_access_v1"];
    assert_eq!(rsa["rsa_baseuri"], "/mfa/v1_1");
    assert_eq!(rsa["rsa_timeout"], 30);
    assert!(out.stderr.contains(
        "rsa.json: filled /mfa_vendor_type/rsa_securid_access_v1/rsa_baseuri = \"/mfa/v1_1\""
    ));
    // Not written without --write.
    assert_eq!(std::fs::read_to_string(&p).unwrap(), RSA);
    // Stdin.
    let out = run_in(t.path(), &["normalize", "-"], Some(RSA.as_bytes()), &[]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("\"rsa_timeout\": 30"));
}

#[cfg(unix)]
fn mode_of(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn normalize_write_replaces_the_file_and_keeps_permissions() {
    let t = TempDir::new();
    let p = t.write("rsa.json", RSA);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = t.run(&["normalize", "rsa.json", "--write"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(out.stdout, "");
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains("\"rsa_timeout\": 30"), "{text}");
    #[cfg(unix)]
    assert_eq!(mode_of(&p), 0o640);
    // Nothing left behind.
    let names: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
    // The rewritten file is valid and normalizing again changes nothing.
    let again = t.run(&["normalize", "rsa.json"]);
    assert_eq!(again.stdout, text);
}

#[test]
fn a_failed_write_leaves_the_original_intact() {
    let t = TempDir::new();
    let p = t.write("rsa.json", RSA);
    for cmd in ["normalize", "redact"] {
        let out = run_in(
            t.path(),
            &[cmd, "rsa.json", "--write"],
            None,
            &[("MFALINT_FAIL_WRITE_AFTER_TEMP", "1")],
        );
        assert_eq!(out.code, 2, "{}", out.all());
        assert!(
            out.stderr.contains("rsa.json: not rewritten") && out.stderr.contains("unchanged"),
            "{}",
            out.stderr
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), RSA);
        let left: Vec<_> = std::fs::read_dir(t.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["rsa.json"], "temporary file removed");
    }
    // A directory that cannot take the temporary file: the rename never
    // happens and the file is unchanged.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = t.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        let q = ro.join("rsa.json");
        std::fs::write(&q, RSA).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let probe = ro.join("probe");
        let writable_anyway = std::fs::write(&probe, "x").is_ok(); // root ignores modes
        if !writable_anyway {
            let out = t.run(&["normalize", "ro/rsa.json", "--write"]);
            assert_eq!(out.code, 2, "{}", out.all());
            assert_eq!(std::fs::read_to_string(&q).unwrap(), RSA);
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn redact_masks_every_secret() {
    let t = TempDir::new();
    let dup = RSA.replace(
        "\"rsa_accesskey\": \"PLAINTEXT-rsa-access-key-77\"",
        "\"rsa_accesskey\": \"PLAINTEXT-rsa-access-key-77\", \"rsa_accesskey\": \"PLAINTEXT-again-key-88\"",
    );
    let p = t.write("rsa.json", &dup);
    let out = t.run(&["redact", "rsa.json"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(!out.all().contains("PLAINTEXT"), "{}", out.stdout);
    assert_eq!(
        out.stdout.matches("\"P******7\"").count(),
        1,
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout.matches("\"P******8\"").count(),
        1,
        "{}",
        out.stdout
    );
    snapshot("redact_duplicate_secret", &out.stdout);
    let out = t.run(&["redact", "rsa.json", "--write"]);
    assert_eq!(out.code, 0);
    assert!(!std::fs::read_to_string(&p).unwrap().contains("PLAINTEXT"));
    // After redaction the file is an export, fine in export mode.
    assert_eq!(
        t.run(&["check", "rsa.json", "--mode", "export", "--ignore", "MFA001"])
            .code,
        0
    );
}

#[test]
fn rewrite_commands_report_bad_input() {
    let t = TempDir::new();
    t.write("broken.json", "{\n  \"okta_token\": \"hunter2hunter2\",\n}");
    t.write("unknown.json", "{\"enabled\": true}");
    for cmd in ["normalize", "redact"] {
        let out = t.run(&[cmd, "broken.json"]);
        assert_eq!(out.code, 1, "{}", out.all());
        assert!(
            out.stderr
                .starts_with("broken.json:3:1: error[MFA000] invalid JSON"),
            "{}",
            out.stderr
        );
        assert!(!out.all().contains("hunter"));
        let out = t.run(&[cmd, "missing.json"]);
        assert_eq!(out.code, 2);
        let out = t.run(&[cmd, "-", "--write"]);
        assert_eq!(out.code, 2);
    }
    let out = t.run(&["normalize", "unknown.json"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("error[MFA009]"), "{}", out.stderr);
    let out = t.run(&[
        "normalize",
        "unknown.json",
        "--kind",
        "sailpoint-duo-config",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("\"enabled\": true"));
}

#[test]
fn schema_prints_and_checks_the_json_schemas() {
    let t = TempDir::new();
    for kind in mfalint::Kind::ALL {
        let out = run(&["schema", kind.id()]);
        assert_eq!(out.code, 0);
        assert_eq!(out.stdout.trim_end(), mfalint::schema(kind).trim_end());
        t.write(&format!("schemas/{}.schema.json", kind.id()), &out.stdout);
    }
    let files: Vec<String> = mfalint::Kind::ALL
        .iter()
        .map(|k| format!("schemas/{}.schema.json", k.id()))
        .collect();
    let mut args = vec!["schema", "--check"];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(t.run(&args).code, 0, "{}", t.run(&args).all());
    // The repository's own schemas/ match the binary.
    let repo_files: Vec<String> = mfalint::Kind::ALL
        .iter()
        .map(|k| format!("schemas/{}.schema.json", k.id()))
        .collect();
    let mut args = vec!["schema", "--check"];
    args.extend(repo_files.iter().map(String::as_str));
    assert_eq!(run(&args).code, 0);
    // A stale copy, a wrong name, bad JSON.
    t.write(
        "schemas/scm-mfa-server.schema.json",
        "{\"type\": \"object\"}",
    );
    t.write("schemas/other.schema.json", "{}");
    let out = t.run(&["schema", "--check", "schemas/scm-mfa-server.schema.json"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("differs from mfalint"),
        "{}",
        out.stderr
    );
    let out = t.run(&["schema", "--check", "schemas/other.schema.json"]);
    assert_eq!(out.code, 2);
    assert_eq!(run(&["schema", "nope"]).code, 2);
    assert_eq!(run(&["schema"]).code, 2);
}

/// First-hour wording: KIND is required unless --check, and the kinds are
/// listed; a run that checked nothing does not say "no problems found".
#[test]
fn help_and_summaries_say_what_is_true() {
    let help = run(&["schema", "--help"]);
    assert_eq!(help.code, 0);
    assert!(
        help.stdout
            .contains("Usage: mfalint schema <KIND>\n       mfalint schema --check <FILES>..."),
        "{}",
        help.stdout
    );
    for kind in mfalint::Kind::ALL {
        assert!(help.stdout.contains(kind.id()), "{}", help.stdout);
    }
    let none = run(&["schema"]);
    assert_eq!(none.code, 2, "{}", none.all());

    let dir = TempDir::new();
    let out = dir.run(&["check", "--no-config", "missing.json"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stdout,
        "Checked 0 files; 1 path could not be checked (see the errors above).\n"
    );
    dir.write("ok.json", r#"{"state": "SUCCESS"}"#);
    let out = dir.run(&["check", "--no-config", "ok.json", "missing.json"]);
    assert!(
        out.stdout
            .ends_with("Checked 1 file: no problems in it; 1 path could not be checked (see the errors above).\n"),
        "{}",
        out.stdout
    );
}
