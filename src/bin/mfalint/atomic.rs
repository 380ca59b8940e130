//! Replacing a file's content without ever leaving it half-written.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Test hook: when set, the write fails after the temporary file is written
/// and synced, before the rename (the original must stay untouched and the
/// temporary file removed).
const FAIL_HOOK: &str = "MFALINT_FAIL_WRITE_AFTER_TEMP";

/// Writes `contents` to `path` atomically: a temporary file in the same
/// directory, written, given the original's permissions, fsynced, renamed
/// over the original, then the directory fsynced. A symlink is followed and
/// its target replaced. On any failure the original is left as it was and
/// the temporary file is removed.
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let permissions = fs::metadata(&target)?.permissions();
    let (tmp_path, mut tmp) = create_temp(dir, &name)?;
    let result = (|| {
        tmp.write_all(contents)?;
        tmp.set_permissions(permissions)?;
        tmp.sync_all()?;
        drop(tmp);
        if std::env::var_os(FAIL_HOOK).is_some() {
            return Err(io::Error::other(format!(
                "{FAIL_HOOK} is set: failing before the rename"
            )));
        }
        fs::rename(&tmp_path, &target)?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut last = None;
    for attempt in 0..100u32 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let p = dir.join(format!(".{name}.mfalint-{pid}-{nanos:x}-{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&p) {
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
