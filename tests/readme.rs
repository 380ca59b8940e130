//! The README's rule table is generated from the rule registry; this fails when they drift
//! and prints the table to paste.

fn rule_table() -> String {
    let mut out = String::from(
        "| code | name | severity | on by default | what it checks |\n|---|---|---|---|---|\n",
    );
    for r in mfalint::rules::all() {
        out.push_str(&format!(
            "| [`{}`](docs/rules.md#{}) | `{}` | {} | {} | {} |\n",
            r.code,
            r.code.to_ascii_lowercase(),
            r.name,
            r.severity.as_str(),
            match (r.configurable, r.default_enabled()) {
                (false, _) => "always",
                (true, true) => "yes",
                (true, false) => "no (CLI: yes)",
            },
            r.summary.replace('|', "\\|"),
        ));
    }
    out
}

#[test]
fn readme_rule_table_is_current() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = rule_table();
    assert!(
        readme.contains(&table),
        "README.md rule table is stale; replace it with:\n\n{table}"
    );
}
