//! Rewriting a file in place (`normalize --write`, `redact --write`)
//! without ever leaving it half-written, exposing what it holds, or
//! undoing another writer's work.
//!
//! - The file is opened, locked (an exclusive advisory lock: two mfalint
//!   runs rewrite it one after the other) and read through one descriptor;
//!   a symlink is followed and its target rewritten.
//! - Content that would not change is not written at all.
//! - The new content goes to a temporary file in the same directory,
//!   created exclusively (`O_EXCL`) with mode 0600, so that no other user
//!   can open it while it fills; it is given the original's owner, group
//!   and mode (the mode after the data: a `chown` may clear mode bits),
//!   synced, and renamed over the original; then the directory is synced.
//!   When the owner or group cannot be kept (another user's file), nothing
//!   is written.
//! - A file with several hard links is refused unless the caller allows it:
//!   the rename gives this name a new file, and the other names would keep
//!   the old content (after `redact`, the plaintext secret).
//! - Just before the rename, the original is compared with what was read
//!   (same file, same bytes): a concurrent change by another program is
//!   reported, never overwritten.
//!
//! On any failure the original is left as it was and the temporary file is
//! removed.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::files::{self, ReadError, ReadOutcome};

/// Test hook: when set, the write fails after the temporary file is
/// written and synced, before the rename.
const FAIL_HOOK: &str = "MFALINT_FAIL_WRITE_AFTER_TEMP";
/// Test hook: when set to a path, the temporary file's path is written to
/// `<path>.ready` once it holds the new content, and the rename waits until
/// `<path>` is removed (or 60 seconds), so that a test can observe the
/// temporary file.
const PAUSE_HOOK: &str = "MFALINT_PAUSE_BEFORE_RENAME";

/// A file opened for rewriting: locked, and its content read.
pub struct Original {
    /// The file rewritten (a symlink's target).
    target: PathBuf,
    /// Holds the lock until the rewrite is done.
    file: File,
    meta: fs::Metadata,
    /// The content read, at most the limit plus one byte.
    pub bytes: Vec<u8>,
    pub outcome: ReadOutcome,
}

/// Why a file cannot be rewritten.
#[derive(Debug)]
pub enum WriteError {
    Read(ReadError),
    Io(io::Error),
    /// The file has this many names.
    HardLinks(u64),
    /// The owner or group of the original cannot be given to the new file.
    Owner {
        uid: u32,
        gid: u32,
        error: io::Error,
    },
    /// The file changed on disk after it was read.
    ChangedMeanwhile,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Read(e) => e.fmt(f),
            WriteError::Io(e) => f.write_str(&files::io_message(e)),
            WriteError::HardLinks(n) => write!(
                f,
                "the file has {n} hard links; rewriting it would give this name a new file and leave the old content under the others. Pass --break-hard-links to do that anyway"
            ),
            WriteError::Owner { uid, gid, error } => write!(
                f,
                "cannot keep its owner and group ({uid}:{gid}) on the rewritten file: {}",
                files::io_message(error)
            ),
            WriteError::ChangedMeanwhile => {
                f.write_str("the file changed on disk while it was being rewritten")
            }
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

impl From<ReadError> for WriteError {
    fn from(e: ReadError) -> Self {
        WriteError::Read(e)
    }
}

/// What [`replace`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replaced {
    Written,
    /// The content would not change: the file was not touched.
    Unchanged,
}

/// Opens `path` for rewriting: follows a symlink, refuses what is not a
/// regular file (and, unless `allow_hard_links`, a file with several
/// names), takes an exclusive advisory lock and reads at most
/// `limit + 1` bytes.
pub fn open(path: &Path, limit: usize, allow_hard_links: bool) -> Result<Original, WriteError> {
    // Another mfalint may rename its result over the file while this one
    // waits for the lock: then the lock is on the old file, so try again.
    for _ in 0..100 {
        let target = fs::canonicalize(path)?;
        // Refused without opening it (a FIFO would block the open), and
        // opened non-blocking where the platform allows, in case it was
        // swapped for one in between.
        files::regular(&fs::metadata(&target)?)?;
        let mut options = OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
        }
        let file = options.open(&target)?;
        files::regular(&file.metadata()?)?;
        file.lock()?;
        let meta = file.metadata()?;
        if !same_file(&meta, &fs::metadata(&target)?) {
            continue;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if meta.nlink() > 1 && !allow_hard_links {
                return Err(WriteError::HardLinks(meta.nlink()));
            }
        }
        let _ = allow_hard_links;
        let mut bytes = Vec::new();
        let outcome = files::read_limited_from(&file, limit, &mut bytes)?;
        let outcome = match outcome {
            ReadOutcome::TooLarge { .. } => ReadOutcome::TooLarge {
                size: Some(meta.len()),
            },
            whole => whole,
        };
        return Ok(Original {
            target,
            file,
            meta,
            bytes,
            outcome,
        });
    }
    Err(WriteError::ChangedMeanwhile)
}

impl Original {
    /// How many other names the file has (hard links), which keep the old
    /// content after a rewrite.
    pub fn other_links(&self) -> u64 {
        #[cfg(unix)]
        let links = {
            use std::os::unix::fs::MetadataExt;
            self.meta.nlink()
        };
        #[cfg(not(unix))]
        let links = 1u64;
        links.saturating_sub(1)
    }
}

fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len() && a.modified().ok() == b.modified().ok()
    }
}

/// Replaces the content of `original` with `contents` (see the module
/// documentation). The lock is released when `original` is dropped.
pub fn replace(original: &mut Original, contents: &[u8]) -> Result<Replaced, WriteError> {
    if contents == original.bytes {
        return Ok(Replaced::Unchanged);
    }
    let dir = original
        .target
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = original
        .target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp_path, tmp) = create_temp(&dir, &name)?;
    let result = fill_and_rename(original, tmp, &tmp_path, contents);
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    } else {
        sync_dir(&dir);
    }
    result.map(|()| Replaced::Written)
}

fn fill_and_rename(
    original: &mut Original,
    mut tmp: File,
    tmp_path: &Path,
    contents: &[u8],
) -> Result<(), WriteError> {
    keep_owner(&tmp, &original.meta)?;
    tmp.write_all(contents)?;
    tmp.set_permissions(original.meta.permissions())?;
    tmp.sync_all()?;
    drop(tmp);
    pause_hook(tmp_path);
    if std::env::var_os(FAIL_HOOK).is_some() {
        return Err(WriteError::Io(io::Error::other(format!(
            "{FAIL_HOOK} is set: failing before the rename"
        ))));
    }
    // The original must still be the file read, with the bytes read.
    let now = fs::metadata(&original.target)?;
    if !same_file(&now, &original.meta) || now.len() != original.bytes.len() as u64 {
        return Err(WriteError::ChangedMeanwhile);
    }
    let mut again = Vec::with_capacity(original.bytes.len());
    original.file.rewind()?;
    (&original.file)
        .take(original.bytes.len() as u64 + 1)
        .read_to_end(&mut again)?;
    if again != original.bytes {
        return Err(WriteError::ChangedMeanwhile);
    }
    fs::rename(tmp_path, &original.target)?;
    Ok(())
}

/// Gives `tmp` the owner and group of the original, unless it has them.
fn keep_owner(tmp: &File, original: &fs::Metadata) -> Result<(), WriteError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mine = tmp.metadata()?;
        let (uid, gid) = (original.uid(), original.gid());
        if (mine.uid(), mine.gid()) != (uid, gid) {
            std::os::unix::fs::fchown(tmp, Some(uid), Some(gid))
                .map_err(|error| WriteError::Owner { uid, gid, error })?;
        }
    }
    #[cfg(not(unix))]
    let _ = (tmp, original);
    Ok(())
}

fn pause_hook(tmp_path: &Path) {
    let Some(gate) = std::env::var_os(PAUSE_HOOK).map(PathBuf::from) else {
        return;
    };
    let mut ready = gate.clone().into_os_string();
    ready.push(".ready");
    let _ = fs::write(&ready, tmp_path.as_os_str().as_encoded_bytes());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while gate.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Creates `.NAME.mfalint-PID-N.tmp` in `dir`, exclusively, readable and
/// writable by its owner only.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut last = None;
    for attempt in 0..100u32 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let p = dir.join(format!(".{name}.mfalint-{pid}-{nanos:x}-{attempt}.tmp"));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&p) {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("cannot create a temporary file")))
}

/// Makes the rename durable (best effort: not every platform can open a
/// directory).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
