//! `mfalint check`: inputs, exit codes, locations, configuration, bad input.

mod cli_util;

use cli_util::{run, run_in, snapshot, Out, TempDir};

const VALID_SCM: &str = r#"{
  "name": "okta-prod",
  "mfa_cert_profile": "okta-ca-profile",
  "folder": "Shared",
  "mfa_vendor_type": {
    "okta_adaptive_v1": {
      "okta_api_host": "acme.okta.com",
      "okta_baseuri": "/api/v1",
      "okta_token": "PLAINTEXT-okta-token-1234",
      "okta_org": "acme",
      "okta_timeout": 30
    }
  }
}
"#;

/// `(code, line, column)` of every finding of the only file, from `--format json`.
fn findings(out: &Out) -> Vec<(String, u64, u64)> {
    let v = out.json();
    v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn codes(out: &Out) -> Vec<String> {
    findings(out).into_iter().map(|f| f.0).collect()
}

#[test]
fn exit_codes() {
    let t = TempDir::new();
    t.write("ok.json", VALID_SCM);
    t.write(
        "bad.json",
        VALID_SCM.replace("\"okta_timeout\": 30", "\"okta_timeout\": 3"),
    );
    t.write(
        "warn.json",
        VALID_SCM.replace("\"okta_timeout\": 30", "\"okta_timeout\": \"30\""),
    );
    // MFA081 plaintext-secret is a warning, on by default in the CLI.
    let ok = t.run(&["check", "ok.json"]);
    assert_eq!(ok.code, 0, "{}", ok.all());
    assert!(ok.stdout.contains("warning[MFA081]"), "{}", ok.stdout);
    assert_eq!(t.run(&["check", "ok.json", "--fail-on", "warning"]).code, 1);
    assert_eq!(t.run(&["check", "ok.json", "--fail-on", "error"]).code, 0);
    assert_eq!(t.run(&["check", "bad.json"]).code, 1);
    assert_eq!(t.run(&["check", "warn.json"]).code, 0);
    assert_eq!(
        t.run(&[
            "check",
            "warn.json",
            "--ignore",
            "MFA081",
            "--fail-on",
            "warning"
        ])
        .code,
        1
    );
    assert_eq!(t.run(&["check", "ok.json", "bad.json"]).code, 1);
    // Usage and I/O errors: 2, even when other files have findings.
    for args in [
        &["check", "missing.json"][..],
        &["check", "bad.json", "missing.json"][..],
        &["check"][..],
        &["check", "ok.json", "--format", "xml"][..],
        &["check", "ok.json", "--select", "MFA999"][..],
        &["check", "ok.json", "--ignore", "X"][..],
        &["check", "ok.json", "--severity", "MFA040"][..],
        &["check", "ok.json", "--severity", "MFA040=fatal"][..],
        &["check", "ok.json", "--kind", "okta"][..],
        &["check", "ok.json", "--ignore", "MFA000"][..],
        &["check", "ok.json", "--severity", "parse-error=off"][..],
        &["frobnicate"][..],
    ] {
        let out = t.run(args);
        assert_eq!(out.code, 2, "{args:?}\n{}", out.all());
        assert!(!out.stderr.is_empty(), "{args:?}: says why");
    }
    let missing = t.run(&["check", "bad.json", "missing.json"]);
    assert!(missing
        .stderr
        .contains("missing.json: No such file or directory"));
    assert!(missing.stdout.contains("bad.json:11:23: error[MFA050]"));
}

#[test]
fn stdin_with_and_without_a_name() {
    let t = TempDir::new();
    let bad = VALID_SCM.replace("acme.okta.com", "acme");
    let out = run_in(t.path(), &["check", "-"], Some(bad.as_bytes()), &[]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.starts_with("<stdin>:7:24: error[MFA040]"),
        "{}",
        out.stdout
    );
    // --stdin-filename names it and finds its configuration.
    t.write(
        "payloads/mfalint.toml",
        "ignore = [\"MFA040\", \"MFA041\"]\n",
    );
    let out = run_in(
        t.path(),
        &["check", "-", "--stdin-filename", "payloads/okta.json"],
        Some(bad.as_bytes()),
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out
        .stdout
        .contains("payloads/okta.json:9:21: warning[MFA081]"));
    // Stdin and files together.
    t.write("x.json", VALID_SCM);
    let out = run_in(t.path(), &["check", "x.json", "-"], Some(b"{}"), &[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("<stdin>:1:1: error[MFA009]"),
        "{}",
        out.stdout
    );
}

#[test]
fn directories_recurse_into_json_files_in_sorted_order() {
    let t = TempDir::new();
    t.write("d/b.json", VALID_SCM);
    t.write("d/a.json", VALID_SCM);
    t.write("d/sub/c.JSON", VALID_SCM);
    t.write("d/notes.txt", "not json");
    t.write("d/.hidden/e.json", "{");
    t.write("d/node_modules/f.json", "{");
    // Subdirectories (walked on several threads) between files, and nested.
    t.write("d/aa/x.json", VALID_SCM);
    t.write("d/m/n/y.json", VALID_SCM);
    t.write("d/m/x.json", VALID_SCM);
    t.write("d/z.json", VALID_SCM);
    let out = t.run(&["check", "d", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let paths: Vec<String> = out.json()["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "d/a.json",
            "d/aa/x.json",
            "d/b.json",
            "d/m/n/y.json",
            "d/m/x.json",
            "d/sub/c.JSON",
            "d/z.json"
        ]
    );
    // A file given explicitly is checked whatever its name.
    t.write("payload.txt", "{");
    assert_eq!(t.run(&["check", "payload.txt"]).code, 1);
}

#[test]
fn many_files_keep_path_order_and_their_own_results() {
    // Hundreds of files are checked in blocks on several threads; the report
    // still lists them in path order, each with its own findings.
    let t = TempDir::new();
    let broken = VALID_SCM.replace("\"name\"", "\"nmae\"");
    for i in 0..300 {
        let text = if i % 7 == 0 {
            broken.as_str()
        } else {
            VALID_SCM
        };
        t.write(&format!("d/{}/{i:03}.json", i / 100), text);
    }
    let out = t.run(&["check", "d", "--format", "json", "--ignore", "MFA081"]);
    assert_eq!(out.code, 1, "{}", out.all());
    let files = out.json()["files"].as_array().unwrap().clone();
    assert_eq!(files.len(), 300);
    for (i, f) in files.iter().enumerate() {
        assert_eq!(f["path"], format!("d/{}/{i:03}.json", i / 100));
        let codes: Vec<&str> = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        let expected: &[&str] = if i % 7 == 0 {
            &["MFA010", "MFA003"]
        } else {
            &[]
        };
        assert_eq!(codes, expected, "{}", f["path"]);
    }
}

#[test]
fn a_directory_without_json_is_an_error() {
    let t = TempDir::new();
    t.write("empty/readme.md", "# nothing");
    let out = t.run(&["check", "empty"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "mfalint: error: empty: no *.json, *.yaml or *.yml file in this directory or below it\n"
    );
}

#[test]
fn locations_are_1_based_character_columns_with_lf_and_crlf() {
    let t = TempDir::new();
    // `é` is two bytes, one column; a tab is one column.
    let text = "{\n\t\"name\": \"é-okta\", \"mfa_cert_profile\": \"cp\", \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"okta_adaptive_v1\": {\"okta_api_host\": \"acme.okta.com\", \"okta_baseuri\": \"/api/v1\",\n    \"okta_token\": \"PLAINTEXT-okta-token-1234\", \"okta_org\": \"acmé\", \"okta_timeout\": 0}}\n}\n";
    t.write("lf.json", text);
    t.write("crlf.json", text.replace('\n', "\r\n"));
    // `é` is one column but two bytes: byte-counting would say 85.
    let expected = vec![("MFA081".to_string(), 4, 19), ("MFA050".to_string(), 4, 84)];
    for f in ["lf.json", "crlf.json"] {
        let out = t.run(&["check", f, "--format", "json"]);
        assert_eq!(findings(&out), expected, "{f}");
        let human = t.run(&["check", f]);
        assert!(human.stdout.contains(&format!("{f}:4:84: error[MFA050]")));
        assert!(!human.stdout.contains('\r'), "no CR in the excerpt");
    }
    // Column after a non-ASCII character on the same line.
    let out = t.run(&["check", "lf.json", "--format", "json", "--select", "ALL"]);
    assert!(findings(&out).contains(&("MFA081".to_string(), 4, 19)));
}

#[test]
fn nested_findings_and_missing_keys_are_located() {
    let t = TempDir::new();
    t.write(
        "f.json",
        r#"{
  "name": "okta-prod",
  "folder": "Shared",
  "mfa_vendor_type": {
    "okta_adaptive_v1": {
      "okta_api_host": "acme.okta.com",
      "okta_token": "PLAINTEXT-okta-token-1234",
      "okta_org": "acme",
      "okta_timeout": 30
    }
  }
}
"#,
    );
    let out = t.run(&["check", "f.json", "--format", "json"]);
    let v = out.json();
    let f = &v["files"][0]["findings"];
    // Missing at the root: the root object's `{`.
    assert_eq!(f[0]["pointer"], "/mfa_cert_profile");
    assert_eq!(
        (f[0]["line"].as_u64(), f[0]["column"].as_u64()),
        (Some(1), Some(1))
    );
    // Missing in a vendor object: that object's key.
    assert_eq!(
        f[1]["pointer"],
        "/mfa_vendor_type/okta_adaptive_v1/okta_baseuri"
    );
    assert_eq!(
        (f[1]["line"].as_u64(), f[1]["column"].as_u64()),
        (Some(5), Some(5))
    );
    // Nested value.
    assert_eq!(
        f[2]["pointer"],
        "/mfa_vendor_type/okta_adaptive_v1/okta_token"
    );
    assert_eq!(
        (f[2]["line"].as_u64(), f[2]["column"].as_u64()),
        (Some(7), Some(21))
    );
    let human = t.run(&["check", "f.json"]);
    snapshot("check_missing_keys_human", &human.stdout);
}

#[test]
fn duplicate_keys_name_the_key_and_both_lines() {
    let t = TempDir::new();
    let text = VALID_SCM
        .replace(
            "\"okta_org\": \"acme\",",
            "\"okta_org\": \"acme\", \"okta_token\": \"PLAINTEXT-second-token-99\",",
        )
        .replace(
            "\"folder\": \"Shared\",",
            "\"folder\": \"Shared\",\n  \"name\": \"again\",\n  \"name\": \"thrice\",",
        );
    t.write("dup.json", &text);
    let out = t.run(&["check", "dup.json", "--format", "json"]);
    let v = out.json();
    let dups: Vec<&serde_json::Value> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "MFA001")
        .collect();
    assert_eq!(dups.len(), 3, "{}", out.stdout);
    // The key, where it is again, and where it was first (related).
    let at = |d: &serde_json::Value| (d["line"].as_u64(), d["related"][0]["line"].as_u64());
    assert!(dups[0]["message"].as_str().unwrap().contains("`name`"));
    assert_eq!(at(dups[0]), (Some(5), Some(2)));
    assert_eq!(at(dups[1]), (Some(6), Some(2)));
    assert!(dups[2]["message"]
        .as_str()
        .unwrap()
        .contains("`okta_token`"));
    assert_eq!(at(dups[2]), (Some(12), Some(11)));
    assert_eq!(dups[0]["related"][0]["line"], 2);
    assert_eq!(
        (dups[2]["line"].as_u64(), dups[2]["column"].as_u64()),
        (Some(12), Some(27))
    );
    let human = t.run(&["check", "dup.json"]);
    assert!(!human.stdout.contains("PLAINTEXT"), "{}", human.stdout);
    snapshot("check_duplicate_keys_human", &human.stdout);
}

#[test]
fn bad_input_gets_a_clear_located_message() {
    let t = TempDir::new();
    t.write(
        "invalid.json",
        "{\n  \"name\": \"x\",\n  \"folder\": Shared\n}\n",
    );
    t.write("trailing-comma.json", "{\"name\": \"x\",}\n");
    t.write("utf8.json", b"{\n  \"name\": \"caf\xe9\"\n}\n");
    t.write("bom.json", "\u{feff}{\"name\": \"x\"}");
    t.write("empty.json", "");
    t.write("blank.json", "  \n\n");
    t.write("array.json", "[1, 2]");
    t.write("unknown.json", "{\"hello\": \"world\"}");
    t.write("ambiguous.json", "{\"enabled\": true}");
    t.write("deep.json", "[".repeat(200) + &"]".repeat(200));
    t.write("trailing-data.json", "{} {}");
    let out = t.run(&[
        "check",
        "invalid.json",
        "trailing-comma.json",
        "utf8.json",
        "bom.json",
        "empty.json",
        "blank.json",
        "array.json",
        "unknown.json",
        "ambiguous.json",
        "deep.json",
        "trailing-data.json",
    ]);
    assert_eq!(out.code, 1, "{}", out.all());
    for expected in [
        "invalid.json:3:13: error[MFA000] invalid JSON: unexpected letter: expected a JSON value",
        "trailing-comma.json:1:14: error[MFA000] invalid JSON: unexpected character '}': expected a string key",
        "utf8.json:2:15: error[MFA000] invalid UTF-8",
        "bom.json:1:1: error[MFA000] invalid JSON: the document starts with a UTF-8 byte order mark",
        "empty.json:1:1: error[MFA000] invalid JSON: empty document",
        "blank.json:3:1: error[MFA000] invalid JSON: empty document",
        "array.json:1:2: error[MFA009] cannot tell the payload kind: the list item is an integer, not an object",
        "unknown.json:1:1: error[MFA009]",
        "ambiguous.json:1:1: error[MFA009] cannot tell the payload kind: it could be sailpoint-okta-config or sailpoint-duo-config",
        "deep.json:1:129: error[MFA000] invalid JSON: nesting deeper than the limit of 128",
        "trailing-data.json:1:4: error[MFA000] invalid JSON: unexpected data after the JSON value",
    ] {
        assert!(out.stdout.contains(expected), "missing {expected:?} in\n{}", out.stdout);
    }
    snapshot("check_bad_input_human", &out.stdout);
    // --kind settles the kind; parse errors are not ignorable.
    let out = t.run(&["check", "ambiguous.json", "--kind", "sailpoint-duo-config"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let out = t.run(&["check", "invalid.json", "--select", "MFA040"]);
    assert_eq!(out.code, 1);
}

#[test]
fn secrets_never_show_in_excerpts() {
    let t = TempDir::new();
    let secret = "hunter2hunter2secret";
    let cases = [
        // A line holding a secret and the finding.
        format!(
            r#"{{"okta_token": "{secret}", "okta_timeout": 3, "name": "n", "mfa_cert_profile": "c", "folder": "f", "mfa_vendor_type": {{}}}}"#
        ),
        // Duplicated secret key.
        VALID_SCM.replace(
            "PLAINTEXT-okta-token-1234",
            &format!("{secret}\", \"okta_token\": \"{secret}x"),
        ),
        // Files that do not parse.
        format!("{{\"accessKey\": \"{secret}\", \"host\": }}"),
        format!("{{\"accessKey\": \"{secret}\n}}"),
        format!("{{\"accessKey\": {secret}}}"),
        format!("{{\"a\": \"b\"c\", \"skey\": \"{secret}\"}}"),
        format!("{{\"configProperties\": {{\"skey\":\n  \"{secret}\" oops}}}}"),
        format!("{{\"duo_secret_key\": \"{secret}\\q\"}}"),
        format!("{{\"okta\\u005ftoken\": \"{secret}\", \"x\": ]"),
    ];
    for (i, text) in cases.iter().enumerate() {
        let name = format!("case{i}.json");
        t.write(&name, text);
        for format in ["human", "json", "sarif", "github"] {
            for extra in [&[][..], &["--kind", "scm-mfa-server"][..]] {
                let mut args = vec!["check", name.as_str(), "--format", format];
                args.extend_from_slice(extra);
                let out = t.run(&args);
                assert!(out.code >= 1, "case {i}: {}", out.all());
                assert!(
                    !out.all().contains("hunter"),
                    "case {i} ({format}) leaks:\n{text}\n{}",
                    out.all()
                );
            }
        }
    }
}

#[test]
fn config_is_found_upward_from_each_file() {
    let t = TempDir::new();
    let bad = VALID_SCM.replace("\"okta_timeout\": 30", "\"okta_timeout\": \"30\"");
    t.write("repo/a/payload.json", &bad);
    t.write("repo/b/deeper/payload.json", &bad);
    t.write("repo/c/payload.json", &bad);
    t.write(
        "repo/mfalint.toml",
        "# repo-wide\nfail-on = \"warning\"\n[severity]\nMFA051 = \"error\"\n",
    );
    t.write(
        "repo/b/mfalint.toml",
        "ignore = [\"MFA051\", \"plaintext-secret\"]\n",
    );
    t.write(
        "repo/c/pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.mfalint]\nseverity = { timeout-numeric-string = \"warning\" }\nextend-select = [\"ALL\"]\n",
    );
    let out = t.run(&["check", "repo", "--format", "json"]);
    assert_eq!(out.code, 1);
    let v = out.json();
    let by_path = |p: &str| -> Vec<(String, String)> {
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == p)
            .unwrap()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // repo/mfalint.toml: MFA051 is an error.
    assert!(by_path("repo/a/payload.json").contains(&("MFA051".into(), "error".into())));
    // repo/b/mfalint.toml is nearer and replaces it (no merging): nothing left.
    assert_eq!(by_path("repo/b/deeper/payload.json"), vec![]);
    // pyproject.toml [tool.mfalint].
    assert!(by_path("repo/c/payload.json").contains(&("MFA051".into(), "warning".into())));
    // The command line beats the file; --no-config and --config.
    let out = t.run(&[
        "check",
        "repo/a",
        "--severity",
        "MFA051=off",
        "--ignore",
        "MFA081",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    let out = t.run(&["check", "repo/a", "--no-config"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let out = t.run(&[
        "check",
        "repo/a",
        "--config",
        "repo/b/mfalint.toml",
        "--format",
        "json",
    ]);
    assert_eq!(codes(&out), Vec::<String>::new());
    // A broken config file is a clear error, exit 2.
    t.write("broken/mfalint.toml", "selekt = [\"ALL\"]\n");
    t.write("broken/p.json", VALID_SCM);
    let out = t.run(&["check", "broken/p.json"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("mfalint.toml") && out.stderr.contains("selekt"),
        "{}",
        out.stderr
    );
    t.write("broken2/mfalint.toml", "ignore = [\"MFA999\"]\n");
    t.write("broken2/p.json", VALID_SCM);
    let out = t.run(&["check", "broken2/p.json"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unknown rule selector `MFA999`"),
        "{}",
        out.stderr
    );
}

#[test]
fn select_ignore_extend_select_and_severity() {
    let t = TempDir::new();
    let text = VALID_SCM
        .replace("\"okta_timeout\": 30", "\"okta_timeout\": \"30\"")
        .replace(
            "\"okta_org\": \"acme\"",
            "\"okta_orgg\": \"acme\", \"okta_org\": \"acme\"",
        );
    t.write("p.json", &text);
    let c = |args: &[&str]| {
        let mut a = vec!["check", "p.json", "--format", "json"];
        a.extend_from_slice(args);
        codes(&t.run(&a))
    };
    assert_eq!(c(&[]), ["MFA081", "MFA003", "MFA051"]);
    assert_eq!(c(&["--select", "MFA05"]), ["MFA051"]);
    assert_eq!(c(&["--select", "unknown-key,MFA051"]), ["MFA003", "MFA051"]);
    assert_eq!(c(&["--select", "ALL"]), ["MFA081", "MFA003", "MFA051"]);
    assert_eq!(c(&["--ignore", "MFA003", "--ignore", "MFA081"]), ["MFA051"]);
    assert_eq!(
        c(&["--select", "MFA003", "--extend-select", "MFA051"]),
        ["MFA003", "MFA051"]
    );
    let out = t.run(&["check", "p.json", "--severity", "MFA051=error,MFA003=off"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("error[MFA051]") && !out.stdout.contains("MFA003"));
}

#[test]
fn mode_export_accepts_masked_secrets() {
    let masked = "{\"mfaMethod\": \"okta-verify\", \"enabled\": true, \"host\": \"h.example.com\", \"accessKey\": \"d******Y\"}";
    let t = TempDir::new();
    t.write("m.json", masked);
    assert_eq!(
        codes(&t.run(&["check", "m.json", "--format", "json"])),
        ["MFA080"]
    );
    let out = t.run(&["check", "m.json", "--mode", "export", "--format", "json"]);
    assert_eq!(out.code, 0);
    assert_eq!(codes(&out), Vec::<String>::new());
    t.write("mfalint.toml", "mode = \"export\"\n");
    assert_eq!(t.run(&["check", "m.json"]).code, 0);
    assert_eq!(t.run(&["check", "m.json", "--mode", "request"]).code, 1);
}

#[test]
fn the_readme_commands_behave() {
    assert_eq!(run(&["check", "examples/"]).code, 1);
    assert_eq!(run(&["check", "examples/valid"]).code, 0);
    let version = run(&["--version"]);
    assert_eq!(version.code, 0);
    assert!(version.stdout.starts_with("mfalint "));
}

#[test]
fn control_and_bidi_characters_never_reach_the_terminal() {
    let t = TempDir::new();
    // An unknown key holding ESC and a right-to-left override (escaped in
    // JSON, raw in the message), and raw ones in a file that does not parse.
    t.write(
        "keys.json",
        VALID_SCM.replace(
            "\"folder\": \"Shared\",",
            "\"folder\": \"Shared\", \"x\\u001b[31m\\u202e\": 1,",
        ),
    );
    t.write("raw.json", "{\"name\": \"a\", \u{1b}[2J \u{202e} }");
    for format in ["human", "github"] {
        let out = t.run(&["check", "keys.json", "raw.json", "--format", format]);
        assert_eq!(out.code, 1, "{}", out.all());
        assert!(out.stdout.contains("MFA003") && out.stdout.contains("MFA000"));
        for bad in ['\u{1b}', '\u{202e}'] {
            assert!(!out.all().contains(bad), "{format}: {:?}", out.stdout);
        }
    }
    let human = t.run(&["check", "keys.json"]);
    assert!(
        human.stdout.contains("unknown key `x\\u{1b}[31m\\u{202e}`"),
        "{}",
        human.stdout
    );
}
