//! Directory walks: ignore files (`.gitignore`, `.ignore`, git's excludes),
//! `--no-ignore`, and `include`/`exclude`/`force-exclude` in mfalint.toml.

mod cli_util;

use std::process::Command;

use cli_util::TempDir;

/// A valid payload: only where the walk goes decides what is reported.
const VALID: &str = r#"{"name": "rsa", "mfa_cert_profile": "rsa-ca", "folder": "Shared",
  "mfa_vendor_type": {"rsa_securid_access_v1": {"rsa_api_host": "acme.auth.securid.com",
  "rsa_accesskey": "${RSA_KEY}", "rsa_baseuri": "/mfa/v1_1", "rsa_timeout": 30}}}"#;

/// The paths a `check --format json` run reports, in order.
fn checked(dir: &TempDir, args: &[&str]) -> Vec<String> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = dir.run(&all);
    assert!(out.code == 0 || out.code == 1, "{}", out.all());
    out.json()["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

fn tree() -> TempDir {
    let dir = TempDir::new();
    for f in [
        "p/a.json",
        "p/build/out.json",
        "p/drafts/d.json",
        "p/fixtures/f.json",
        "p/local.json",
        "p/okta.schema.json",
    ] {
        dir.write(f, VALID);
    }
    dir
}

#[test]
fn gitignore_and_ignore_files_are_respected_unless_no_ignore() {
    let dir = tree();
    dir.write(".gitignore", "build/\n");
    dir.write("p/.ignore", "local.json\n");
    assert_eq!(
        checked(&dir, &["--no-config", "p"]),
        [
            "p/a.json",
            "p/drafts/d.json",
            "p/fixtures/f.json",
            "p/okta.schema.json"
        ]
    );
    assert_eq!(checked(&dir, &["--no-config", "--no-ignore", "p"]).len(), 6);
    // A file named on the command line is checked even when ignored.
    assert_eq!(
        checked(&dir, &["--no-config", "p/local.json"]),
        ["p/local.json"]
    );
}

#[test]
fn git_info_exclude_counts_in_a_repository() {
    let dir = tree();
    let git = Command::new("git")
        .args(["init", "-q"])
        .current_dir(dir.path())
        .status();
    if !git.is_ok_and(|s| s.success()) {
        eprintln!("git is not available: skipped");
        return;
    }
    dir.write(".git/info/exclude", "drafts/\n");
    let found = checked(&dir, &["--no-config", "p"]);
    assert!(!found.contains(&"p/drafts/d.json".to_string()), "{found:?}");
    assert_eq!(found.len(), 5);
}

#[test]
fn exclude_and_include_globs_of_the_configuration() {
    let dir = tree();
    dir.write(
        "mfalint.toml",
        "exclude = [\"fixtures\", \"*.schema.json\", \"p/build/**\"]\n",
    );
    assert_eq!(
        checked(&dir, &["p"]),
        ["p/a.json", "p/drafts/d.json", "p/local.json"]
    );
    // Named files are checked unless force-exclude says otherwise.
    assert_eq!(
        checked(&dir, &["p/okta.schema.json"]),
        ["p/okta.schema.json"]
    );
    dir.write(
        "mfalint.toml",
        "exclude = [\"*.schema.json\"]\nforce-exclude = true\n",
    );
    assert!(checked(&dir, &["p/okta.schema.json", "p/a.json"]) == ["p/a.json"]);

    dir.write("mfalint.toml", "include = [\"p/drafts/**\", \"a.json\"]\n");
    assert_eq!(checked(&dir, &["p"]), ["p/a.json", "p/drafts/d.json"]);
}

#[test]
fn a_bad_glob_is_a_configuration_error() {
    let dir = tree();
    dir.write("mfalint.toml", "exclude = [\"a[\"]\n");
    let out = dir.run(&["check", "p"]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("exclude: invalid glob `a[`"),
        "{}",
        out.stderr
    );
}
