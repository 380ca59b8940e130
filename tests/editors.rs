//! docs/editors.md against the shipped schema files: editors find the
//! schemas where the page says, each is the schema of the kind it names, and
//! the page's payloads pass the schema and mfalint alike.

use std::path::{Path, PathBuf};

use mfalint::{Kind, Options, Severity};
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fenced blocks of docs/editors.md: (language, code).
fn blocks() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("docs/editors.md")).unwrap();
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => open = Some((lang.trim().to_string(), String::new())),
            (Some(_), Some(_)) => out.push(open.take().unwrap()),
            (Some((_, code)), None) => {
                code.push_str(line);
                code.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// The schema file at `path` (relative to `base`), checked to be the schema
/// of the kind its name gives; that kind.
fn schema_at(base: &Path, path: &str) -> (Kind, Value) {
    let file = base.join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{path}: {e}"));
    let name = file.file_name().unwrap().to_str().unwrap();
    let kind: Kind = name
        .strip_suffix(".schema.json")
        .unwrap()
        .parse()
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema["$id"], mfalint::schema_id(kind), "{path}");
    assert_eq!(text, mfalint::schema(kind), "{path} is the shipped schema");
    (kind, schema)
}

#[test]
fn every_kind_has_its_schema_where_the_page_says() {
    let page = std::fs::read_to_string(root().join("docs/editors.md")).unwrap();
    for kind in Kind::ALL {
        let row = format!("| `{0}` | `schemas/{0}.schema.json` |", kind.id());
        assert!(page.contains(&row), "docs/editors.md lacks {row}");
        let (k, _) = schema_at(&root(), &format!("schemas/{}.schema.json", kind.id()));
        assert_eq!(k, kind);
    }
}

#[test]
fn the_settings_point_at_the_shipped_schemas() {
    let settings: Vec<Value> = blocks()
        .into_iter()
        .filter(|(lang, code)| lang == "json" && code.contains("json.schemas"))
        .map(|(_, code)| serde_json::from_str(&code).unwrap())
        .collect();
    assert_eq!(settings.len(), 1, "one VS Code settings block");
    let s = &settings[0];
    let mut paths = Vec::new();
    for entry in s["json.schemas"].as_array().unwrap() {
        assert!(!entry["fileMatch"].as_array().unwrap().is_empty());
        paths.push(entry["url"].as_str().unwrap().to_string());
    }
    for (path, globs) in s["yaml.schemas"].as_object().unwrap() {
        assert!(!globs.as_array().unwrap().is_empty());
        paths.push(path.clone());
    }
    assert!(paths.len() >= 4);
    for p in paths {
        // Relative to the workspace folder: this repository's root here.
        schema_at(&root(), p.strip_prefix("./").unwrap());
    }
}

#[test]
fn the_json_payload_names_its_schema_and_passes_both() {
    let payloads: Vec<String> = blocks()
        .into_iter()
        .filter(|(lang, code)| lang == "json" && code.contains("\"$schema\""))
        .map(|(_, code)| code)
        .collect();
    assert_eq!(payloads.len(), 1);
    let text = &payloads[0];
    let value: Value = serde_json::from_str(text).unwrap();
    // The page's payload lives one directory below the schemas, as docs/ does.
    let (kind, schema) = schema_at(&root().join("docs"), value["$schema"].as_str().unwrap());
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // mfalint reads the kind from `$schema`, and has nothing to say.
    let checked = mfalint::check_text(text, None, &Options::default());
    assert_eq!(checked.kind, Some(kind));
    assert!(
        checked
            .findings
            .iter()
            .all(|f| f.severity != Severity::Error),
        "{:?}",
        checked.findings
    );
}

#[test]
fn the_yaml_payload_names_an_existing_schema() {
    let yaml: Vec<String> = blocks()
        .into_iter()
        .filter(|(lang, _)| lang == "yaml")
        .map(|(_, code)| code)
        .collect();
    assert_eq!(yaml.len(), 1);
    let modeline = yaml[0].lines().next().unwrap();
    let path = modeline
        .strip_prefix("# yaml-language-server: $schema=")
        .expect("the first line is the YAML language server's modeline");
    let (kind, schema) = schema_at(&root().join("docs"), path);
    assert_eq!(kind, Kind::SailpointDuoConfig);
    // mfalint reads the same file (its kind from the shape) and has no
    // error; the schema accepts what it parses to.
    let docs = mfalint::check_file(
        yaml[0].as_bytes(),
        mfalint::Syntax::Yaml,
        None,
        &Options::default(),
    );
    assert_eq!(docs.len(), 1);
    let checked = &docs[0].checked;
    assert_eq!(checked.kind, Some(kind));
    assert!(
        checked
            .findings
            .iter()
            .all(|f| f.severity != Severity::Error),
        "{:?}",
        checked.findings
    );
    let value = json!({
        "mfaMethod": "duo-web", "enabled": true, "host": "api-12345678.duosecurity.com",
        "accessKey": "${DUO_ACCESS_KEY}", "identifierType": "email",
        "configProperties": {"skey": "${DUO_SKEY}", "ikey": "DIXXXXXXXXXXXXXXXXXX"}
    });
    assert!(jsonschema::draft202012::new(&schema)
        .unwrap()
        .is_valid(&value));
}
