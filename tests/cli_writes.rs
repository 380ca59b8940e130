//! `normalize --write` and `redact --write`: the temporary file, owner,
//! group and mode, hard links, untouched files, and other writers.
//!
//! The pause hook (`MFALINT_PAUSE_BEFORE_RENAME=<gate>`) stops a rewrite
//! with the new content in its temporary file, just before the rename: its
//! path is written to `<gate>.ready`, and the run goes on once `<gate>` is
//! removed.
#![cfg(unix)]

mod cli_util;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use cli_util::{bin, command, is_root, run_in, Out, TempDir, Timed};

/// Defaults to fill (`rsa_baseuri`, `rsa_timeout`) and a secret to mask:
/// both subcommands change it.
const RSA: &str = r#"{
  "name": "rsa",
  "mfa_cert_profile": "rsa-ca",
  "device": "fw-01",
  "mfa_vendor_type": {
    "rsa_securid_access_v1": {
      "rsa_api_host": "acme.auth.securid.com",
      "rsa_accesskey": "PLAINTEXT-rsa-access-key-77"
    }
  }
}
"#;

/// Generous bound for a run that should take milliseconds.
const LIMIT: Duration = Duration::from_secs(10);

fn set_mode(p: &Path, mode: u32) {
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
}

fn mode_of(p: &Path) -> u32 {
    fs::metadata(p).unwrap().mode() & 0o7777
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// What `mfalint CMD FILE` prints for `file` in `dir`: what `--write` must
/// leave in it.
fn printed(dir: &Path, cmd: &str, file: &str) -> String {
    let out = run_in(dir, &[cmd, file], None, &[]);
    assert_eq!(out.code, 0, "{}", out.all());
    out.stdout
}

/// The pause hook's gate, in a directory of its own.
struct Gate {
    _dir: TempDir,
    gate: PathBuf,
    ready: PathBuf,
}

impl Gate {
    fn new() -> Gate {
        let dir = TempDir::new();
        let gate = dir.write("gate", "");
        let ready = dir.path().join("gate.ready");
        Gate {
            _dir: dir,
            gate,
            ready,
        }
    }

    /// The temporary file's path once the run is paused.
    fn paused_at(&self) -> Option<PathBuf> {
        let text = fs::read_to_string(&self.ready).ok()?;
        let tmp = PathBuf::from(text);
        tmp.exists().then_some(tmp)
    }

    /// Waits for `run` to pause; fails the test if it ends or takes too long.
    fn wait(&self, run: &mut Timed) -> PathBuf {
        let start = Instant::now();
        loop {
            if let Some(tmp) = self.paused_at() {
                return tmp;
            }
            assert!(run.running(), "mfalint ended without pausing");
            assert!(start.elapsed() < LIMIT, "mfalint did not pause");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn release(&self) {
        fs::remove_file(&self.gate).unwrap();
    }
}

/// Spawns `mfalint ARGS` in `dir` with the pause hook on `gate`, under
/// umask 000 so that only mfalint decides the modes of what it creates.
fn spawn_paused(dir: &Path, args: &[&str], gate: &Gate) -> Timed {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#"umask 000; exec "$0" "$@""#)
        .arg(bin())
        .args(args)
        .current_dir(dir)
        .env_remove("MFALINT_FAIL_WRITE_AFTER_TEMP")
        .env("MFALINT_PAUSE_BEFORE_RENAME", &gate.gate);
    Timed::spawn(&mut cmd)
}

fn spawn(dir: &Path, args: &[&str]) -> Timed {
    Timed::spawn(&mut command(dir, args))
}

fn run(dir: &Path, args: &[&str]) -> Out {
    spawn(dir, args).finish(LIMIT)
}

/// Guarantee: the temporary file is created 0600 (never wider, whatever
/// the umask) and stays so while it fills, also when the original is
/// readable by all.
///
/// The run is started under `ulimit -f` (and umask 000): the kernel kills
/// it (SIGXFSZ) in the middle of writing the temporary file, which is left
/// behind as it was while it filled.
#[test]
fn the_temporary_file_is_private_from_its_creation() {
    // Far over the file size limit below (8 blocks: 4 or 8 KiB).
    let big = RSA.replace("fw-01", &"f".repeat(64 << 10));
    for cmd in ["normalize", "redact"] {
        for mode in [0o600, 0o644] {
            let t = TempDir::new();
            let p = t.write("rsa.json", &big);
            set_mode(&p, mode);
            let out = Command::new("sh")
                .arg("-c")
                .arg(r#"umask 000; ulimit -f 8; exec "$0" "$@""#)
                .arg(bin())
                .args([cmd, "--write", "rsa.json"])
                .current_dir(t.path())
                .env_remove("MFALINT_FAIL_WRITE_AFTER_TEMP")
                .env_remove("MFALINT_PAUSE_BEFORE_RENAME")
                .output()
                .unwrap();
            use std::os::unix::process::ExitStatusExt;
            assert!(
                out.status.signal().is_some(),
                "{cmd}: not stopped by the file size limit: {:?} {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(fs::read_to_string(&p).unwrap(), big, "{cmd}");
            assert_eq!(mode_of(&p), mode, "{cmd}");
            let left: Vec<String> = names(t.path())
                .into_iter()
                .filter(|n| n != "rsa.json")
                .collect();
            assert_eq!(left.len(), 1, "{cmd}: {left:?}");
            assert!(
                left[0].starts_with(".rsa.json.mfalint-") && left[0].ends_with(".tmp"),
                "{cmd}: {left:?}"
            );
            let m = fs::symlink_metadata(t.path().join(&left[0])).unwrap();
            assert!(
                m.len() > 0 && m.len() < big.len() as u64,
                "{cmd}: stopped while it filled ({} bytes)",
                m.len()
            );
            let tmp_mode = m.mode() & 0o7777;
            assert_eq!(
                tmp_mode & !0o600,
                0,
                "{cmd}, original {mode:o}: the temporary file was {tmp_mode:o} while it filled"
            );
        }
    }
}

/// Guarantee: when the temporary file holds the new content (at the pause,
/// just before the rename) it is named after the file and the process,
/// next to the file, and its mode is never wider than the original's
/// (never group or other readable for a 0600 file); the final file keeps
/// the original's mode, and nothing is left behind.
#[test]
fn before_the_rename_the_temporary_file_is_never_wider_than_the_original() {
    for cmd in ["normalize", "redact"] {
        let expected = {
            let s = TempDir::new();
            s.write("rsa.json", RSA);
            printed(s.path(), cmd, "rsa.json")
        };
        assert_ne!(expected, RSA);
        for mode in [0o600, 0o644] {
            let t = TempDir::new();
            let p = t.write("rsa.json", RSA);
            set_mode(&p, mode);
            let gate = Gate::new();
            let mut run = spawn_paused(t.path(), &[cmd, "--write", "rsa.json"], &gate);
            let pid = run.child.id();
            let tmp = gate.wait(&mut run);
            let name = tmp.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                name.starts_with(&format!(".rsa.json.mfalint-{pid}-")) && name.ends_with(".tmp"),
                "{name}"
            );
            assert_eq!(tmp.parent().unwrap(), t.path().canonicalize().unwrap());
            let m = fs::symlink_metadata(&tmp).unwrap();
            assert!(m.file_type().is_file());
            let tmp_mode = m.mode() & 0o7777;
            assert_eq!(
                tmp_mode & !mode,
                0,
                "{cmd}: temporary file {tmp_mode:o} wider than the original {mode:o}"
            );
            if mode == 0o600 {
                assert_eq!(tmp_mode & 0o077, 0, "{cmd}: {tmp_mode:o}");
            }
            assert_eq!(fs::read_to_string(&tmp).unwrap(), expected, "{cmd}");
            assert_eq!(
                fs::read_to_string(&p).unwrap(),
                RSA,
                "{cmd}: not yet renamed"
            );
            gate.release();
            let out = run.finish(LIMIT);
            assert_eq!(out.code, 0, "{cmd}: {}", out.all());
            assert_eq!(fs::read_to_string(&p).unwrap(), expected, "{cmd}");
            assert_eq!(mode_of(&p), mode, "{cmd}: the original's mode is kept");
            assert_eq!(names(t.path()), ["rsa.json"], "{cmd}: temporary file left");
        }
    }
}

/// Guarantee: the owner, group and mode of the file are kept (as root: a
/// file of another user; the set-group-ID bit, which a chown clears, too).
#[test]
fn owner_group_and_mode_are_kept() {
    if !is_root() {
        eprintln!("owner_group_and_mode_are_kept: skipped, it needs root to chown");
        return;
    }
    for mode in [0o600, 0o2750] {
        let t = TempDir::new();
        let p = t.write("rsa.json", RSA);
        std::os::unix::fs::chown(&p, Some(1234), Some(5678)).unwrap();
        set_mode(&p, mode);
        assert_eq!(mode_of(&p), mode);
        let before = fs::metadata(&p).unwrap();
        let gate = Gate::new();
        let mut run = spawn_paused(t.path(), &["redact", "--write", "rsa.json"], &gate);
        let tmp = gate.wait(&mut run);
        let m = fs::metadata(&tmp).unwrap();
        assert_eq!((m.uid(), m.gid()), (1234, 5678), "temporary file's owner");
        assert_eq!(m.mode() & 0o7777 & !mode, 0, "{:o}", m.mode());
        gate.release();
        let out = run.finish(LIMIT);
        assert_eq!(out.code, 0, "{}", out.all());
        let after = fs::metadata(&p).unwrap();
        assert_ne!(after.ino(), before.ino(), "rewritten as a new file");
        assert_eq!((after.uid(), after.gid()), (1234, 5678));
        assert_eq!(after.mode() & 0o7777, mode, "{:o}", after.mode());
        let text = fs::read_to_string(&p).unwrap();
        assert!(
            !text.contains("PLAINTEXT") && text.contains("P******7"),
            "{text}"
        );
        assert_eq!(names(t.path()), ["rsa.json"]);
    }
}

/// Guarantee: a file with several names is refused by `--write` (the
/// other names would keep the old content); `--break-hard-links` rewrites
/// it anyway, and the other name does keep the old content, as documented.
#[test]
fn hard_links_are_refused_unless_broken_explicitly() {
    let t = TempDir::new();
    let a = t.write("a.json", RSA);
    let b = t.path().join("b.json");
    fs::hard_link(&a, &b).unwrap();
    for cmd in ["normalize", "redact"] {
        let out = run(t.path(), &[cmd, "--write", "a.json"]);
        assert_eq!(out.code, 2, "{}", out.all());
        assert!(
            out.stderr.contains("a.json: not rewritten")
                && out.stderr.contains("2 hard links")
                && out.stderr.contains("--break-hard-links"),
            "{}",
            out.stderr
        );
        assert_eq!(fs::read_to_string(&a).unwrap(), RSA);
        assert_eq!(fs::read_to_string(&b).unwrap(), RSA);
        assert_eq!(fs::metadata(&a).unwrap().nlink(), 2);
        assert_eq!(names(t.path()), ["a.json", "b.json"]);
    }
    // The documentation says what breaking them does.
    let help = run(t.path(), &["redact", "--help"]);
    assert!(
        help.stdout.contains("--break-hard-links")
            && help.stdout.contains("the other names keep the old content"),
        "{}",
        help.stdout
    );
    // It needs --write.
    assert_eq!(
        run(t.path(), &["redact", "--break-hard-links", "a.json"]).code,
        2
    );

    let expected = printed(t.path(), "redact", "a.json");
    let out = run(
        t.path(),
        &["redact", "--write", "--break-hard-links", "a.json"],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(fs::read_to_string(&a).unwrap(), expected);
    // The other name is the old file: the plaintext secret is still there.
    assert_eq!(fs::read_to_string(&b).unwrap(), RSA);
    assert_eq!(fs::metadata(&a).unwrap().nlink(), 1);
    assert_eq!(fs::metadata(&b).unwrap().nlink(), 1);
    assert!(
        out.stderr.contains(
            "a.json: rewritten as a new file; its 1 other hard link still holds the old content"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(names(t.path()), ["a.json", "b.json"]);
}

/// Guarantee: a file whose content would not change is not touched at all:
/// same inode, same modification and change times.
#[test]
fn a_file_that_would_not_change_is_not_touched() {
    let t = TempDir::new();
    let p = t.write("rsa.json", RSA);
    for cmd in ["normalize", "redact"] {
        let out = run(t.path(), &[cmd, "--write", "rsa.json"]);
        assert_eq!(out.code, 0, "{}", out.all());
        let text = fs::read_to_string(&p).unwrap();
        let before = fs::metadata(&p).unwrap();
        // A rewrite now would show in the times.
        std::thread::sleep(Duration::from_millis(20));
        let out = run(t.path(), &[cmd, "--write", "rsa.json"]);
        assert_eq!(out.code, 0, "{}", out.all());
        assert!(
            out.stderr
                .contains("rsa.json: unchanged; the file was not touched"),
            "{cmd}: {}",
            out.stderr
        );
        let after = fs::metadata(&p).unwrap();
        assert_eq!(after.ino(), before.ino(), "{cmd}: same file");
        assert_eq!(
            (after.mtime(), after.mtime_nsec()),
            (before.mtime(), before.mtime_nsec()),
            "{cmd}: modification time"
        );
        assert_eq!(
            (after.ctime(), after.ctime_nsec()),
            (before.ctime(), before.ctime_nsec()),
            "{cmd}: change time (no chmod, no chown)"
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), text);
        assert_eq!(names(t.path()), ["rsa.json"]);
    }
}

/// Guarantee: another program's change between the read and the rename is
/// detected and kept (exit 2), whether it wrote the file in place (another
/// length, or the same length) or renamed a new file over it.
#[test]
fn a_change_by_another_program_meanwhile_is_not_overwritten() {
    let theirs_longer = RSA.replace("fw-01", "fw-02-changed-by-someone-else");
    let theirs_same_length = RSA.replace("fw-01", "fw-02");
    type Change = fn(&Path, &str);
    let in_place: Change = |p, text| fs::write(p, text).unwrap();
    let renamed_over: Change = |p, text| {
        let other = p.with_file_name("other-program.tmp");
        fs::write(&other, text).unwrap();
        fs::rename(&other, p).unwrap();
    };
    let cases: [(&str, &str, Change); 3] = [
        ("in place, longer", &theirs_longer, in_place),
        ("in place, same length", &theirs_same_length, in_place),
        ("renamed over", &theirs_longer, renamed_over),
    ];
    for (what, theirs, change) in cases {
        for cmd in ["normalize", "redact"] {
            let t = TempDir::new();
            let p = t.write("rsa.json", RSA);
            let gate = Gate::new();
            let mut run = spawn_paused(t.path(), &[cmd, "--write", "rsa.json"], &gate);
            let tmp = gate.wait(&mut run);
            change(&p, theirs);
            gate.release();
            let out = run.finish(LIMIT);
            assert_eq!(out.code, 2, "{what}, {cmd}: {}", out.all());
            assert!(
                out.stderr.contains(
                    "rsa.json: not rewritten: the file changed on disk while it was being rewritten"
                ),
                "{what}, {cmd}: {}",
                out.stderr
            );
            assert_eq!(fs::read_to_string(&p).unwrap(), theirs, "{what}, {cmd}");
            assert!(!tmp.exists(), "{what}, {cmd}: temporary file left");
            assert_eq!(names(t.path()), ["rsa.json"], "{what}, {cmd}");
        }
    }
}

/// Guarantee: two `--write` runs on one file take turns (an advisory lock):
/// the second waits while the first is paused, and the result is the two
/// rewrites one after the other (no lost update, no failure).
#[test]
fn two_writers_on_one_file_take_turns() {
    let t = TempDir::new();
    let p = t.write("rsa.json", RSA);
    // What normalize then redact give, run one after the other.
    let s = TempDir::new();
    s.write("rsa.json", RSA);
    assert_eq!(run(s.path(), &["normalize", "--write", "rsa.json"]).code, 0);
    assert_eq!(run(s.path(), &["redact", "--write", "rsa.json"]).code, 0);
    let sequential = fs::read_to_string(s.path().join("rsa.json")).unwrap();
    assert!(sequential.contains("rsa_baseuri") && sequential.contains("P******7"));

    let gate = Gate::new();
    let mut first = spawn_paused(t.path(), &["normalize", "--write", "rsa.json"], &gate);
    gate.wait(&mut first);
    let mut second = spawn(t.path(), &["redact", "--write", "rsa.json"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        second.running(),
        "the second run did not wait for the first"
    );
    assert_eq!(fs::read_to_string(&p).unwrap(), RSA);
    gate.release();
    let a = first.finish(LIMIT);
    let b = second.finish(LIMIT);
    assert_eq!(a.code, 0, "first: {}", a.all());
    assert_eq!(b.code, 0, "second: {}", b.all());
    assert_eq!(fs::read_to_string(&p).unwrap(), sequential);
    assert_eq!(names(t.path()), ["rsa.json"]);
}

/// A symlink is followed: its target is rewritten, the link stays a link.
#[test]
fn a_symlink_is_followed_and_stays_a_symlink() {
    let t = TempDir::new();
    let real = t.write("real/rsa.json", RSA);
    let link = t.path().join("link.json");
    std::os::unix::fs::symlink("real/rsa.json", &link).unwrap();
    let expected = printed(t.path(), "normalize", "link.json");
    let out = run(t.path(), &["normalize", "--write", "link.json"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), expected);
    assert_eq!(names(t.path()), ["link.json", "real"]);
    assert_eq!(names(&t.path().join("real")), ["rsa.json"]);
}
