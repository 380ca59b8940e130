//! The README's rule table is generated from `RULES`; this fails when they drift
//! and prints the table to paste.

use mfalint::RULES;

fn rule_table() -> String {
    let mut out = String::from(
        "| code | name | severity | on by default | what it checks | source |\n|---|---|---|---|---|---|\n",
    );
    for r in RULES {
        out.push_str(&format!(
            "| `{}` | `{}` | {} | {} | {} | {} |\n",
            r.code,
            r.name,
            r.severity.as_str(),
            if r.default_enabled {
                "yes"
            } else {
                "no (CLI: yes)"
            },
            r.summary.replace('|', "\\|"),
            r.source.replace('|', "\\|"),
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
