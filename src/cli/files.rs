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

/// Directories never entered when recursing.
const SKIPPED_DIRS: &[&str] = &["node_modules", "target"];

/// Expands the command-line paths: files as given, directories recursively
/// into `*.json`, `*.yaml` and `*.yml` files sorted by path (hidden directories, `node_modules`
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
            Err(e) => problems.push(format!("{}: {}", shown(p), io_message(&e))),
            Ok(m) if m.is_dir() => {
                // The walk visits names in sorted order, depth first: that
                // is already path order.
                let mut found = Vec::new();
                if let Err(e) = walk(p, &mut found) {
                    problems.push(e);
                }
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

/// What a directory holds for a run, in name order.
enum Found {
    File(PathBuf),
    /// A subdirectory, and then what its walk found.
    Dir(PathBuf, Result<Vec<PathBuf>, String>),
}

/// The payload files (`*.json`, `*.yaml`, `*.yml`) under `dir`, in path order. The top level's
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

/// The payload files and the subdirectories worth entering in `dir`,
/// sorted by name.
fn list(dir: &Path) -> Result<Vec<Found>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("{}: {}", shown(dir), io_message(&e)))?;
    // Each name is fetched once (`file_name` allocates), then sorted.
    let mut entries: Vec<_> = entries
        .map(|e| e.map(|e| (e.file_name(), e)))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{}: {}", shown(dir), io_message(&e)))?;
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut found = Vec::with_capacity(entries.len());
    for (name, entry) in entries {
        let path = entry.path();
        let name = name.to_string_lossy();
        // Symlinks are followed to files, never into directories (no loops).
        let file_type = entry
            .file_type()
            .map_err(|e| format!("{}: {}", shown(&path), io_message(&e)))?;
        if file_type.is_dir() {
            if !name.starts_with('.') && !SKIPPED_DIRS.contains(&name.as_ref()) {
                found.push(Found::Dir(path, Ok(Vec::new())));
            }
        } else if is_payload_name(&name)
            // A dangling symlink is kept, so that reading it reports it; a
            // symlink to a device or FIFO is not a payload file.
            && (file_type.is_file()
                || file_type.is_symlink() && (path.is_file() || !path.exists()))
        {
            found.push(Found::File(path));
        }
    }
    Ok(found)
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
