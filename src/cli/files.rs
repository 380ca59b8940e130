//! Which files a run reads, and reading them within the size limit.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::parallel;

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file named on the command line.
    File(PathBuf),
    /// A file found in a directory, listed as a regular file (or a symlink
    /// to one): not checked again before it is opened.
    Listed(PathBuf),
    Stdin,
}

/// Directories never entered when recursing, ignore files or not.
const SKIPPED_DIRS: &[&str] = &["node_modules", "target"];

/// Expands the command-line paths: files as given, directories recursively
/// into `*.json`, `*.yaml` and `*.yml` files sorted by path, `-` as stdin. A walk skips hidden
/// directories, `node_modules` and `target`, and, unless `respect_ignore`
/// is false (`--no-ignore`), what `.gitignore`, `.ignore`, git's
/// `info/exclude` and its global excludes file leave out. Problems are
/// `path: message`.
pub fn expand(paths: &[PathBuf], respect_ignore: bool) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => problems.push(format!("{}: {}", shown(p), io_message(&e))),
            Ok(m) if m.is_dir() => {
                let (found, errors) = walk(p, respect_ignore);
                problems.extend(errors);
                if found.is_empty() {
                    problems.push(format!(
                        "{}: no *.json, *.yaml or *.yml file in this directory or below it",
                        shown(p)
                    ));
                }
                inputs.extend(found.into_iter().map(Input::Listed));
            }
            Ok(_) => inputs.push(Input::File(p.clone())),
        }
    }
    (inputs, problems)
}

/// The payload files under `dir`, in path order, walked on every core by
/// ripgrep's walker (listing directories is mostly kernel time), and the
/// entries that could not be read.
fn walk(dir: &Path, respect_ignore: bool) -> (Vec<PathBuf>, Vec<String>) {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .standard_filters(respect_ignore)
        // Hidden directories are skipped below, ignore files or not;
        // hidden files are checked, as before ignore files were read.
        .hidden(false)
        // A `.gitignore` counts outside a git repository too.
        .require_git(false)
        .follow_links(false)
        .threads(parallel::threads())
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_some_and(|t| t.is_dir())
                || !{
                    let name = e.file_name().to_string_lossy();
                    name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref())
                }
        });
    let found = std::sync::Mutex::new((Vec::new(), Vec::new()));
    builder.build_parallel().run(|| {
        let found = &found;
        Box::new(move |entry| {
            let keep = |r: Result<PathBuf, String>| {
                let mut f = found.lock().unwrap_or_else(|p| p.into_inner());
                match r {
                    Ok(p) => f.0.push(p),
                    Err(e) => f.1.push(e),
                }
            };
            match entry {
                Err(e) => keep(Err(walk_error(&e))),
                Ok(e) if e.depth() > 0 => {
                    let Some(file_type) = e.file_type() else {
                        return ignore::WalkState::Continue;
                    };
                    let path = e.path();
                    // Symlinks are followed to files, never into
                    // directories (no loops). A dangling symlink is kept, so
                    // that reading it reports it; a symlink to a device or
                    // FIFO is not a payload file.
                    if is_payload_name(&e.file_name().to_string_lossy())
                        && (file_type.is_file()
                            || file_type.is_symlink() && (path.is_file() || !path.exists()))
                    {
                        keep(Ok(e.into_path()));
                    }
                }
                Ok(_) => {}
            }
            ignore::WalkState::Continue
        })
    });
    let (files, mut errors) = found.into_inner().unwrap_or_else(|p| p.into_inner());
    errors.sort_unstable();
    (in_path_order(files), errors)
}

/// `files` in path order: the order of a depth-first walk by sorted
/// names. Comparing `Path`s component by component took a fifth of a run
/// over 10,000 files (callgrind); comparing each path's bytes with the
/// separator as the lowest byte gives the same order (`a/b` before `a-b`)
/// at the cost of a `memcmp`.
fn in_path_order(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let key = |p: &Path| -> Vec<u8> {
        p.as_os_str()
            .as_encoded_bytes()
            .iter()
            .map(|&b| {
                if std::path::is_separator(b as char) {
                    0
                } else {
                    b
                }
            })
            .collect()
    };
    let mut keyed: Vec<(Vec<u8>, PathBuf)> = files.into_iter().map(|p| (key(&p), p)).collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, p)| p).collect()
}

/// `path: message` for an entry the walk could not read.
fn walk_error(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { path, err } => match err.io_error() {
            Some(io) => format!("{}: {}", shown(path), io_message(io)),
            None => format!("{}: {err}", shown(path)),
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err)
        }
        _ => match e.io_error() {
            Some(io) => io_message(io),
            None => e.to_string(),
        },
    }
}

/// `*.json`, `*.yaml` and `*.yml` (any case).
fn is_payload_name(name: &str) -> bool {
    Path::new(name).extension().is_some_and(|e| {
        ["json", "yaml", "yml"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// A path as the command line shows it: as given, with `/` separators on
/// every platform. Printing escapes what a terminal would act on
/// ([`super::printable`], applied by the console and every output format).
pub fn shown(p: &Path) -> String {
    let s = p.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// An I/O error's message without Rust's `(os error N)` suffix.
pub fn io_message(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Size of each thread's reused read buffer: most payloads are well under it.
pub const PAYLOAD_BUFFER: usize = 16 * 1024;

/// What reading an input found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOutcome {
    /// The whole input is in the buffer.
    Whole,
    /// The input is over the limit; the buffer holds `limit + 1` bytes.
    TooLarge {
        /// The file's size, when it is a regular file.
        size: Option<u64>,
    },
}

/// Why an input cannot be read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// Not a regular file: what it is.
    NotRegular(&'static str),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&io_message(e)),
            ReadError::NotRegular(what) => write!(
                f,
                "not a regular file ({what}); to check what it holds, pipe it to `mfalint ... -`"
            ),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

fn file_type_name(m: &std::fs::Metadata) -> &'static str {
    let t = m.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Refuses what is not a regular file, saying what it is.
pub fn regular(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(ReadError::NotRegular(file_type_name(meta)))
    }
}

/// Opens a regular file for reading. Anything else is refused before it is
/// opened (opening a device can act on it), unless the directory listing
/// said it is a regular file (`listed`), and in any case again after, on
/// the open file (it may have been swapped in between: where the platform
/// allows, it is opened non-blocking, so a FIFO cannot hang the open).
fn open_regular(path: &Path, listed: bool) -> Result<(File, u64), ReadError> {
    if !listed {
        regular(&std::fs::metadata(path)?)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    regular(&meta)?;
    Ok((file, meta.len()))
}

/// Reads at most `limit + 1` bytes of `input` into `scratch` (the thread's
/// reused read buffer), so a huge or endless input is never read whole just
/// to be rejected. A file under [`PAYLOAD_BUFFER`] takes two read calls
/// and no allocation. Stdin is read by the caller ([`read_limited_from`]).
/// `listed`: the directory listing said it is a regular file.
pub fn read_file_limited(
    path: &Path,
    limit: usize,
    scratch: &mut Vec<u8>,
    listed: bool,
) -> Result<ReadOutcome, ReadError> {
    scratch.clear();
    let (file, size) = open_regular(path, listed)?;
    scratch.reserve(PAYLOAD_BUFFER.min(limit.saturating_add(1)));
    let outcome = read_limited_from(file, limit, scratch)?;
    Ok(match outcome {
        ReadOutcome::TooLarge { .. } => ReadOutcome::TooLarge {
            // The file may have grown since: the larger of the two.
            size: Some(size.max(scratch.len() as u64)),
        },
        whole => whole,
    })
}

/// Reads at most `limit + 1` bytes of `reader` into `scratch`.
pub fn read_limited_from(
    reader: impl Read,
    limit: usize,
    scratch: &mut Vec<u8>,
) -> io::Result<ReadOutcome> {
    scratch.clear();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(scratch)?;
    Ok(if scratch.len() > limit {
        ReadOutcome::TooLarge { size: None }
    } else {
        ReadOutcome::Whole
    })
}

/// How to say that an input is over the limit.
pub fn too_large_message(size: Option<u64>, limit: usize) -> String {
    match size {
        Some(size) => format!("the file is {size} bytes, over the limit of {limit} bytes"),
        None => format!("the input is more than {limit} bytes, the limit (reading stopped there)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_order_is_component_order() {
        let paths: Vec<PathBuf> = [
            "d/a-b/x.json",
            "d/a/b.json",
            "d/a.json",
            "d/a/a/z.json",
            "d/A.json",
            "d/a b.json",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut by_components = paths.clone();
        by_components.sort();
        assert_eq!(in_path_order(paths), by_components);
    }

    #[test]
    fn reads_at_most_one_byte_past_the_limit() {
        let mut buf = Vec::new();
        let endless = io::repeat(b'x');
        let r = read_limited_from(endless, 10, &mut buf).unwrap();
        assert_eq!(r, ReadOutcome::TooLarge { size: None });
        assert_eq!(buf.len(), 11);
        // The largest limit does not wrap around to 0.
        let r = read_limited_from(&b"{}"[..], usize::MAX, &mut buf).unwrap();
        assert_eq!((r, buf.as_slice()), (ReadOutcome::Whole, &b"{}"[..]));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_what_is_not_a_regular_file() {
        let mut buf = Vec::new();
        for (path, what) in [("/dev/zero", "a character device"), ("/", "a directory")] {
            match read_file_limited(Path::new(path), 100, &mut buf, false) {
                Err(ReadError::NotRegular(w)) => assert_eq!(w, what),
                other => panic!("{path}: {other:?}"),
            }
        }
    }
}
