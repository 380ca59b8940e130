//! `mfalint check examples/` in every output format: snapshots, the SARIF
//! schema, and no secret in any of them.

mod cli_util;

use cli_util::{assert_no_secret, example_secrets, root, run, snapshot};

const FORMATS: [&str; 4] = ["human", "json", "sarif", "github"];

#[test]
fn every_format_on_the_examples_matches_its_snapshot() {
    for format in FORMATS {
        let out = run(&["check", "examples/", "--format", format]);
        assert_eq!(
            out.code,
            1,
            "{format}: invalid examples fail\n{}",
            out.all()
        );
        assert_eq!(out.stderr, "", "{format}: nothing on stderr");
        snapshot(&format!("check_examples_{format}"), &out.stdout);
    }
}

#[test]
fn valid_and_export_examples_pass() {
    for dir in ["examples/valid", "examples/export"] {
        for format in FORMATS {
            let out = run(&["check", dir, "--format", format]);
            assert_eq!(out.code, 0, "{dir} {format}\n{}", out.all());
        }
        let out = run(&["check", dir]);
        assert!(out.stdout.contains("no problems found"), "{}", out.stdout);
    }
    // Without their mfalint.toml, the export files are requests with masks.
    let out = run(&["check", "--no-config", "examples/export"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.contains("MFA080"), "{}", out.stdout);
}

#[test]
fn no_output_format_contains_a_secret() {
    let secrets = example_secrets();
    for format in FORMATS {
        for dir in ["examples/", "examples/valid"] {
            for extra in [&[][..], &["--select", "ALL"][..], &["--no-config"][..]] {
                let mut args = vec!["check", dir, "--format", format];
                args.extend_from_slice(extra);
                let out = run(&args);
                assert_no_secret(&out.all(), &secrets);
            }
        }
    }
}

#[test]
fn every_invalid_example_fails_and_every_valid_one_passes() {
    for (dir, want) in [("examples/invalid", 1), ("examples/valid", 0)] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let rel = format!("{dir}/{}", p.file_name().unwrap().to_str().unwrap());
            let out = run(&["check", &rel]);
            assert_eq!(out.code, want, "{rel}\n{}", out.all());
        }
    }
}

#[test]
fn every_kind_has_valid_and_invalid_examples() {
    for dir in ["examples/valid", "examples/invalid"] {
        let report = run(&["check", dir, "--format", "json"]).json();
        for kind in mfalint::Kind::ALL {
            assert!(
                report["files"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["kind"] == kind.id()),
                "{dir} has no {kind} example"
            );
        }
    }
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    for args in [
        &["check", "examples/", "--format", "sarif"][..],
        &["check", "examples/valid", "--format", "sarif"][..],
        &[
            "check",
            "examples/",
            "no/such/file.json",
            "--format",
            "sarif",
        ][..],
    ] {
        let sarif = run(args).json();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        let run0 = &sarif["runs"][0];
        let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
        for r in rules {
            assert!(r["helpUri"].as_str().unwrap().starts_with("https://"));
            assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
        }
        for result in run0["results"].as_array().unwrap() {
            let i = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], result["ruleId"]);
            let loc = &result["locations"][0]["physicalLocation"];
            assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            assert!(loc["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("examples/"));
            assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
            assert!(loc["region"]["startColumn"].as_u64().unwrap() >= 1);
        }
    }
    // A bad SARIF document is caught (the check can fail).
    let mut bad = run(&["check", "examples/", "--format", "sarif"]).json();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        serde_json::json!(0);
    assert!(!validator.is_valid(&bad));
}

#[test]
fn sarif_and_json_agree_on_locations() {
    let json = run(&["check", "examples/", "--format", "json"]).json();
    let sarif = run(&["check", "examples/", "--format", "sarif"]).json();
    let mut from_json = Vec::new();
    for f in json["files"].as_array().unwrap() {
        for d in f["findings"].as_array().unwrap() {
            from_json.push((
                f["path"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            ));
        }
    }
    let from_sarif: Vec<_> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            (
                loc["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                r["ruleId"].as_str().unwrap().to_string(),
                loc["region"]["startLine"].as_u64().unwrap(),
                loc["region"]["startColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(from_json, from_sarif);
    assert!(from_json.len() > 20);
}

#[test]
fn github_annotations_are_well_formed() {
    let out = run(&["check", "examples/", "--format", "github"]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines.len() > 20);
    for line in lines {
        let (head, message) = line.split_once("::").unwrap().1.split_once("::").unwrap();
        let (level, props) = head.split_once(' ').unwrap();
        assert!(level == "error" || level == "warning", "{line}");
        assert!(props.starts_with("file=examples/"), "{line}");
        assert!(
            props.contains(",line=") && props.contains(",col="),
            "{line}"
        );
        assert!(props.contains(",title=MFA"), "{line}");
        assert!(!message.is_empty() && !message.contains('\n'));
    }
}
