//! YAML payload files (docs/yaml.md): the fixtures of tests/fixtures/yaml
//! in every output format, the hazards (multi-document streams, duplicate
//! keys, an alias bomb, tags, YAML 1.1 readings, parse errors located
//! exactly), fixes that keep comments, the walker and stdin, the rewrite
//! commands' refusal, and no secret in any output.

mod cli_util;
mod common;

use cli_util::{cli, run, snapshot, TempDir};
use common::secret_cases::{leaked_piece, stand_in};
use common::strategies::alnum_secret;
use proptest::prelude::*;

const FORMATS: [&str; 4] = ["human", "json", "sarif", "github"];

const FIXTURES: [&str; 6] = [
    "stream",
    "duplicate-keys",
    "alias-bomb",
    "tags",
    "yaml11",
    "parse-error",
];

/// The secret values written in the fixtures.
const FIXTURE_SECRETS: [&str; 13] = [
    "tok3n-EXAMPLE-yaml-stream-one",
    "tok3n-EXAMPLE-yaml-access-key",
    "tok3nSHORT",
    "tok3n-EXAMPLE-yaml-first-key",
    "tok3n-EXAMPLE-yaml-second-key",
    "tok3n-EXAMPLE-yaml-eleven-key",
    "tok3n-EXAMPLE-yaml-sase-token",
    "tok3n-EXAMPLE-yaml-sexa-token",
    "tok3n-EXAMPLE-yaml-broken-key",
    "tok3n-EXAMPLE-yaml-broken-two",
    "tok3n-EXAMPLE-yaml-fixable-token",
    "ANSIBLE_VAULT",
    "6338643966313966",
];

fn assert_no_fixture_secret(label: &str, out: &str) {
    for s in FIXTURE_SECRETS {
        // The tail of each secret is what is unique to it.
        let tail = s.strip_prefix("tok3n-EXAMPLE-").unwrap_or(s);
        assert!(
            !out.contains(tail),
            "{label}: shows `{tail}` of a secret:\n{out}"
        );
    }
}

#[test]
fn every_fixture_in_every_format_matches_its_snapshot() {
    for name in FIXTURES {
        let path = format!("tests/fixtures/yaml/{name}.yaml");
        for format in FORMATS {
            let out = run(&["check", &path, "--format", format]);
            // The tags fixture has a warning only.
            let code = if name == "tags" { 0 } else { 1 };
            assert_eq!(out.code, code, "{name} {format}\n{}", out.all());
            assert_eq!(out.stderr, "", "{name} {format}");
            assert_no_fixture_secret(&format!("{name} {format}"), &out.all());
            snapshot(&format!("yaml_{name}_{format}"), &out.stdout);
        }
    }
}

#[test]
fn a_stream_names_each_documents_number() {
    let out = run(&[
        "check",
        "tests/fixtures/yaml/stream.yaml",
        "--format",
        "json",
    ]);
    let report = out.json();
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["summary"]["documents"], 3);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    for (i, f) in files.iter().enumerate() {
        assert_eq!(f["path"], "tests/fixtures/yaml/stream.yaml");
        assert_eq!(f["document"], i + 1);
    }
    let human = run(&["check", "tests/fixtures/yaml/stream.yaml"]).stdout;
    assert!(human.contains("(wrong-type, document 2)"), "{human}");
    assert!(
        human.ends_with(
            "Checked 1 file (3 documents in YAML streams): 2 errors and 3 warnings in 1 file.\n"
        ),
        "{human}"
    );
    // A JSON file has no document number.
    let json = run(&["check", "examples/valid/scm-okta.json", "--format", "json"]).json();
    assert!(json["files"][0].get("document").is_none());
}

#[test]
fn the_yaml_hazards_have_clear_findings() {
    let human = |name: &str| run(&["check", &format!("tests/fixtures/yaml/{name}.yaml")]).stdout;
    // The parse error, exactly where the parser stopped, with no excerpt.
    let out = human("parse-error");
    assert!(
        out.starts_with("tests/fixtures/yaml/parse-error.yaml:5:12: error[MFA000] invalid YAML: mapping values are not allowed in this context (parse-error)\n\n"),
        "{out}"
    );
    assert!(!out.contains(" | "), "no excerpt: {out}");
    // The alias bomb stops fast, with one error.
    let started = std::time::Instant::now();
    let out = human("alias-bomb");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(
        out.contains("error[MFA000] invalid YAML: aliases expand to more than 100000 nodes"),
        "{out}"
    );
    let out = human("duplicate-keys");
    assert!(
        out.contains("error[MFA001] duplicate key `accessKey`"),
        "{out}"
    );
    // YAML 1.1 readings, in the finding's message.
    let out = human("yaml11");
    for hint in [
        "`on` is a string in YAML 1.2 (YAML 1.1 tools read it as true); write `true`",
        "`0x1e` is the hexadecimal integer 30 in YAML",
        "`1:30` is a string in YAML 1.2 (YAML 1.1 tools read it as the number 90); write `90`",
    ] {
        assert!(out.contains(hint), "{hint}\n{out}");
    }
    // Custom tags are placeholders: listed, not judged.
    let text = std::fs::read(cli_util::root().join("tests/fixtures/yaml/tags.yaml")).unwrap();
    let docs = mfalint::check_file(&text, mfalint::Syntax::Yaml, None, &Default::default());
    let listed: Vec<(&str, &str)> = docs[0]
        .checked
        .placeholders
        .iter()
        .map(|p| (p.pointer.as_str(), p.syntax.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "/mfa_vendor_type/okta_adaptive_v1/okta_api_host",
                "yaml-tag"
            ),
            ("/mfa_vendor_type/okta_adaptive_v1/okta_token", "yaml-tag"),
            ("/mfa_vendor_type/okta_adaptive_v1/okta_org", "yaml-tag"),
        ]
    );
    let forbid = run(&[
        "check",
        "tests/fixtures/yaml/tags.yaml",
        "--placeholders=forbid",
    ])
    .stdout;
    assert_eq!(forbid.matches("error[MFA006]").count(), 3, "{forbid}");
}

#[test]
fn a_depth_and_size_limit_hold_for_yaml() {
    let dir = TempDir::new();
    dir.write(
        "deep.yaml",
        format!("a: {}1{}\n", "[".repeat(200), "]".repeat(200)),
    );
    dir.write("big.yml", format!("name: {}\n", "x".repeat(2000)));
    let out = dir.run(&["check", "deep.yaml"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("nesting deeper than the limit of 128"),
        "{}",
        out.stdout
    );
    let out = dir.run(&["check", "big.yml", "--max-bytes", "1000"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("over the limit of 1000 bytes"),
        "{}",
        out.stdout
    );
}

#[test]
fn fixes_on_yaml_keep_comments() {
    let dir = TempDir::new();
    let original =
        std::fs::read_to_string(cli_util::root().join("tests/fixtures/yaml/fixable.yaml")).unwrap();
    let path = dir.write("profile.yaml", &original);
    let out = dir.run(&["check", "--fix", "profile.yaml"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        original.replace(
            "okta_timeout: \"30\"  # seconds",
            "okta_timeout: 30  # seconds"
        )
    );
    assert!(fixed.contains("# A Strata Cloud Manager profile kept in YAML."));
    assert!(fixed.contains("name: okta-fix  # the profile's name"));
    assert!(
        out.stderr.contains("Fixed 1 problem in 1 file."),
        "{}",
        out.stderr
    );
    // Fixing again changes nothing.
    let again = dir.run(&["check", "--fix", "profile.yaml"]);
    assert!(
        again.stderr.contains("Fixed 0 problems"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
}

#[test]
fn directories_and_stdin_read_yaml() {
    let dir = TempDir::new();
    let yaml =
        "mfaMethod: okta-verify\nenabled: yes\nhost: acme.okta.com\naccessKey: ${OKTA_TOKEN}\n";
    dir.write("p/a.json", "{\"state\": \"SUCCESS\"}\n");
    dir.write("p/b.yml", yaml);
    dir.write("p/c.YAML", yaml);
    dir.write("p/d.txt", "not a payload");
    let out = dir.run(&["check", "p", "--format", "json"]);
    let report = out.json();
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["p/a.json", "p/b.yml", "p/c.YAML"]);
    // Stdin is YAML when --stdin-filename says so.
    let c = cli(
        ["check", "-", "--stdin-filename", "x.yaml"],
        yaml.as_bytes(),
    );
    let stdout = String::from_utf8(c.stdout).unwrap();
    assert!(stdout.contains("x.yaml:2:10: error[MFA002]"), "{stdout}");
    let c = cli(["check", "-"], yaml.as_bytes());
    let stdout = String::from_utf8(c.stdout).unwrap();
    assert!(stdout.contains("error[MFA000] invalid JSON"), "{stdout}");
}

#[test]
fn rewrites_refuse_yaml() {
    for command in ["normalize", "redact"] {
        let out = run(&[command, "tests/fixtures/yaml/fixable.yaml"]);
        assert_eq!(out.code, 2, "{}", out.all());
        assert_eq!(out.stdout, "");
        assert!(
            out.stderr
                .contains("rewrites JSON payloads only; a YAML file is not rewritten"),
            "{}",
            out.stderr
        );
        assert_no_fixture_secret(command, &out.all());
    }
}

/// YAML files holding `SECRET` in the ways YAML can write it.
const TEMPLATES: [&str; 10] = [
    // Plain, next to a YAML 1.1 boolean.
    "mfaMethod: okta-verify\nenabled: yes\nhost: acme.okta.com\naccessKey: SECRET\n",
    // Quoted, with a trailing comment, in a stream.
    "name: a\n---\nname: okta\nmfa_cert_profile: c\nfolder: Shared\nmfa_vendor_type:\n  okta_adaptive_v1:\n    okta_api_host: a.okta.com\n    okta_baseuri: /api/v1\n    okta_token: \"SECRET\"  # note\n    okta_org: o\n    okta_timeout: 1_000\n",
    // A block scalar, under a near miss.
    "mfaMethod: duo-web\nenabled: on\nhost: api-1.duosecurity.com\naccessKey: |\n  SECRET\nconfigProperties:\n  skey: >\n    SECRET\n  ikey: x\n",
    // Through an alias.
    "common: &tok SECRET\nmfaMethod: okta-verify\nenabled: true\nhost: acme.okta.com\naccessKey: *tok\n",
    // A flow mapping and a duplicate key.
    "{mfaMethod: okta-verify, enabled: 'true', accessKey: SECRET, accessKey: 'SECRET'}\n",
    // A secret where a number goes (a leading zero: an octal reading).
    "mfaMethod: okta-verify\nenabled: true\nhost: acme.okta.com\naccessKey: 0SECRET\n",
    // Under a tag.
    "mfaMethod: okta-verify\nenabled: true\nhost: acme.okta.com\naccessKey: !!int SECRET\n",
    "mfaMethod: okta-verify\nenabled: true\nhost: acme.okta.com\naccessKey: !vault SECRET\n",
    // Damaged: the parser stops before or after the secret.
    "mfaMethod: okta-verify\naccessKey: SECRET\n  host: [a\n",
    "mfaMethod: okta-verify\naccessKey: \"SECRET\n",
];

fn outputs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for format in FORMATS {
        for extra in [&[][..], &["--select", "ALL"][..]] {
            let mut args = vec![
                "check",
                "-",
                "--stdin-filename",
                "s.yaml",
                "--format",
                format,
            ];
            args.extend_from_slice(extra);
            let c = cli(args, text.as_bytes());
            out.push((
                format!("{format} {extra:?}"),
                format!(
                    "{}{}",
                    String::from_utf8_lossy(&c.stdout),
                    String::from_utf8_lossy(&c.stderr)
                ),
            ));
        }
    }
    for doc in mfalint::check_file(
        text.as_bytes(),
        mfalint::Syntax::Yaml,
        None,
        &mfalint::Options::default(),
    ) {
        for f in doc.checked.findings {
            out.push((format!("message {}", f.code()), f.message.clone()));
            out.push((format!("pointer {}", f.code()), f.pointer.clone()));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_yaml_output_shows_a_secret(template in 0..TEMPLATES.len(), secret in alnum_secret()) {
        let text = TEMPLATES[template].replace("SECRET", &secret);
        let base = TEMPLATES[template].replace("SECRET", &stand_in(&secret));
        let real = outputs(&text);
        // A piece found anywhere in the stand-in's outputs is no evidence.
        let b: String = outputs(&base).into_iter().map(|(_, o)| o).collect();
        for (label, out) in &real {
            prop_assert!(!out.contains(&secret), "template {template} {label} shows the secret:\n{out}");
            if let Some(piece) = leaked_piece(&secret, out, &b) {
                prop_assert!(false, "template {template} {label} shows {piece:?}:\n{out}");
            }
        }
    }
}

#[test]
fn unsafe_fixes_apply_in_a_later_document_of_a_stream() {
    let dir = TempDir::new();
    let text = "mfaMethod: okta-verify\nenabled: true\nhost: acme.okta.com\naccessKey: ${T}\n---\n# second\nname: okta-dev  # c\nmfa_cert_profile: okta-ca-profile\nfolder: Mobile Users\nmfa_vendor_type:\n  okta_adaptive_v1:\n    okta_api_host: https://dev.okta.com/x\n    okta_baseuri: /api/v1\n    okta_token: ${T}\n    okta_orgg: acme\n    okta_timeout: \"30\"\n";
    let path = dir.write("s.yaml", text);
    let out = dir.run(&["check", "--fix", "--unsafe-fixes", "s.yaml"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let fixed = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        fixed,
        text.replace("https://dev.okta.com/x", "dev.okta.com")
            .replace("okta_orgg", "okta_org")
            .replace("\"30\"", "30")
    );
}
