//! Files generated from the description of the APIs ([`crate::spec`]) and
//! the rule registry ([`crate::rules`]), committed in the repository:
//! `schemas/*.schema.json`, the TypeScript payload types of the npm
//! package and `docs/rules.md`. `tests/generated.rs` fails when a committed
//! file differs from what these functions produce; `cargo run --example
//! regenerate` rewrites them.

mod rules_doc;

pub use rules_doc::{readme_rules_table, rule_md, rule_url, rules_md};
mod ordered;
mod schema;
mod typescript;

pub use ordered::{Obj, J};
pub use schema::{schema_text, schema_value};
pub use typescript::{generated_d_ts, kinds_js};

use crate::Kind;

/// Every generated file: its path in the repository and its content.
pub fn files() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Kind::ALL
        .into_iter()
        .map(|k| (format!("schemas/{}.schema.json", k.id()), schema_text(k)))
        .collect();
    out.push(("pkg/generated.d.ts".into(), generated_d_ts()));
    out.push(("pkg/lib/kinds.js".into(), kinds_js()));
    out.push(("docs/rules.md".into(), rules_md()));
    out
}

/// Generated regions of hand-written files: the path, and the region's
/// content, which sits between a line starting with [`REGION_START`] and a
/// line [`REGION_END`].
pub fn regions() -> Vec<(String, String)> {
    vec![("README.md".into(), readme_rules_table())]
}

/// The line that opens a generated region.
pub const REGION_START: &str = "<!-- generated:";
/// The line that closes it.
pub const REGION_END: &str = "<!-- /generated -->";

/// `text` with its generated region's content replaced by `content`
/// (`None`: `text` has no region).
pub fn replace_region(text: &str, content: &str) -> Option<String> {
    let start = text.find(REGION_START)?;
    let body = start + text[start..].find('\n')? + 1;
    let end = body + text[body..].find(REGION_END)?;
    Some([&text[..body], content, &text[end..]].concat())
}
