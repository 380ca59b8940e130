//! Rewrites every generated file from the spec and the rule registry
//! (`mfalint::generate::files`): `cargo run --example regenerate`.
//! `tests/generated.rs` fails while a committed copy is stale.

fn main() -> std::io::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, text) in mfalint::generate::files() {
        let file = root.join(&path);
        let old = std::fs::read_to_string(&file).unwrap_or_default();
        if old != text {
            std::fs::write(&file, text)?;
            println!("regenerated {path}");
        }
    }
    for (path, content) in mfalint::generate::regions() {
        let file = root.join(&path);
        let old = std::fs::read_to_string(&file)?;
        let new = mfalint::generate::replace_region(&old, &content)
            .unwrap_or_else(|| panic!("{path}: no generated region"));
        if old != new {
            std::fs::write(&file, new)?;
            println!("regenerated a region of {path}");
        }
    }
    Ok(())
}
