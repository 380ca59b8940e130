//! Every generated file in the repository is what the spec and the rule
//! registry generate now: after changing either, run
//! `cargo run --example regenerate` and commit the result.

#[test]
fn committed_generated_files_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for (path, text) in mfalint::generate::files() {
        let committed = std::fs::read_to_string(root.join(&path)).unwrap_or_default();
        if committed != text {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files (run `cargo run --example regenerate`): {stale:?}"
    );
}

#[test]
fn generated_regions_of_hand_written_files_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, content) in mfalint::generate::regions() {
        let text = std::fs::read_to_string(root.join(&path)).unwrap();
        let regenerated = mfalint::generate::replace_region(&text, &content)
            .unwrap_or_else(|| panic!("{path} has no generated region"));
        assert!(
            regenerated == text,
            "{path}: a generated region is stale (run `cargo run --example regenerate`)"
        );
    }
}
