//! Which files a `check` run reads, and reading them.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::parallel;

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// Directories never entered when recursing.
const SKIPPED_DIRS: &[&str] = &["node_modules", "target"];

/// Expands the command-line paths: files as given, directories recursively
/// into `*.json` files sorted by path (hidden directories, `node_modules`
/// and `target` skipped), `-` as stdin. Problems are `path: message`.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => problems.push(format!("{}: {}", p.display(), io_message(&e))),
            Ok(m) if m.is_dir() => {
                // The walk visits names in sorted order, depth first: that
                // is already path order.
                let mut found = Vec::new();
                if let Err(e) = walk(p, &mut found) {
                    problems.push(e);
                }
                if found.is_empty() {
                    problems.push(format!(
                        "{}: no *.json file in this directory or below it",
                        p.display()
                    ));
                }
                inputs.extend(found.into_iter().map(Input::File));
            }
            Ok(_) => inputs.push(Input::File(p.clone())),
        }
    }
    (inputs, problems)
}

/// What a directory holds for a run, in name order.
enum Found {
    File(PathBuf),
    /// A subdirectory, and then what its walk found.
    Dir(PathBuf, Result<Vec<PathBuf>, String>),
}

/// The `*.json` files under `dir`, in path order. The top level's
/// subdirectories are walked on every core: listing a directory is mostly
/// kernel time, and a tree of a few big directories is the common layout.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut found = list(dir)?;
    let mut dirs: Vec<&mut Found> = found
        .iter_mut()
        .filter(|f| matches!(f, Found::Dir(..)))
        .collect();
    parallel::for_each_block(&mut dirs, 1, |block| {
        for f in block {
            if let Found::Dir(sub, result) = &mut **f {
                let mut files = Vec::new();
                *result = walk_serial(sub, &mut files).map(|()| files);
            }
        }
    });
    for f in found {
        match f {
            Found::File(p) => out.push(p),
            Found::Dir(_, files) => out.extend(files?),
        }
    }
    Ok(())
}

fn walk_serial(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    for f in list(dir)? {
        match f {
            Found::File(p) => out.push(p),
            Found::Dir(sub, _) => walk_serial(&sub, out)?,
        }
    }
    Ok(())
}

/// The `*.json` files and the subdirectories worth entering in `dir`,
/// sorted by name.
fn list(dir: &Path) -> Result<Vec<Found>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("{}: {}", dir.display(), io_message(&e)))?;
    // Each name is fetched once (`file_name` allocates), then sorted.
    let mut entries: Vec<_> = entries
        .map(|e| e.map(|e| (e.file_name(), e)))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{}: {}", dir.display(), io_message(&e)))?;
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut found = Vec::with_capacity(entries.len());
    for (name, entry) in entries {
        let path = entry.path();
        let name = name.to_string_lossy();
        // Symlinks are followed to files, never into directories (no loops).
        let file_type = entry
            .file_type()
            .map_err(|e| format!("{}: {}", path.display(), io_message(&e)))?;
        if file_type.is_dir() {
            if !name.starts_with('.') && !SKIPPED_DIRS.contains(&name.as_ref()) {
                found.push(Found::Dir(path, Ok(Vec::new())));
            }
        } else if is_json_name(&name)
            && (file_type.is_file() || file_type.is_symlink() && path.is_file())
        {
            found.push(Found::File(path));
        }
    }
    Ok(found)
}

fn is_json_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// An I/O error's message without Rust's `(os error N)` suffix.
pub fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Size of each thread's reused read buffer: most payloads are well under it.
pub const PAYLOAD_BUFFER: usize = 16 * 1024;

/// Reads at most `limit + 1` bytes into `scratch` (the thread's reused read
/// buffer), so a huge file is not read whole just to be rejected. A file
/// under [`PAYLOAD_BUFFER`] takes two read calls, no stat, no allocation.
pub fn read_limited(input: &Input, limit: usize, scratch: &mut Vec<u8>) -> std::io::Result<()> {
    scratch.clear();
    let cap = limit as u64 + 1;
    match input {
        Input::Stdin => {
            std::io::stdin().lock().take(cap).read_to_end(scratch)?;
        }
        Input::File(p) => {
            scratch.reserve(PAYLOAD_BUFFER.min(cap as usize));
            std::fs::File::open(p)?.take(cap).read_to_end(scratch)?;
        }
    }
    Ok(())
}
