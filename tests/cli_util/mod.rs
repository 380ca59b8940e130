//! Helpers for the CLI tests: run the built binary ([`bin`]: `MFALINT_BIN`
//! overrides it) or the command line's engine in-process ([`cli`]),
//! temporary directories, snapshots under `tests/snapshots/cli/`.
#![allow(dead_code)]

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// This build's binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_mfalint");

/// The binary the tests run: `MFALINT_BIN` when it is set (another build,
/// e.g. an older one, to show that a test fails there), else [`BIN`].
pub fn bin() -> PathBuf {
    std::env::var_os("MFALINT_BIN")
        .filter(|p| !p.is_empty())
        .map_or_else(|| PathBuf::from(BIN), PathBuf::from)
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// Runs `mfalint ARGS` in `dir` with `stdin`, with a clean environment for
/// the variables the CLI reads.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Out {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .current_dir(dir)
        .env_remove("MFALINT_FAIL_WRITE_AFTER_TEMP")
        .env_remove("MFALINT_PAUSE_BEFORE_RENAME")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the mfalint binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input)
            .expect("stdin written");
    }
    let out = child.wait_with_output().expect("mfalint finishes");
    Out {
        code: out.status.code().expect("exit code, not a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A run of the command line's engine in-process.
pub struct Captured {
    /// The exit status, or the panic's message when it panicked.
    pub status: Result<i32, String>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Captured {
    /// As [`Out`], the streams decoded lossily; panics if the run did.
    pub fn out(&self) -> Out {
        Out {
            code: match &self.status {
                Ok(code) => *code,
                Err(panic) => panic!("mfalint panicked: {panic}"),
            },
            stdout: String::from_utf8_lossy(&self.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&self.stderr).into_owned(),
        }
    }
}

/// Runs `mfalint ARGS` in-process through `mfalint::cli::run` (what the
/// binary runs) with `stdin` and in-memory stdout and stderr, under
/// `catch_unwind`. Relative paths are relative to the test's working
/// directory, so callers pass absolute ones.
pub fn cli<S: Into<OsString> + Clone>(args: impl IntoIterator<Item = S>, stdin: &[u8]) -> Captured {
    let args: Vec<OsString> = std::iter::once(OsString::from("mfalint"))
        .chain(args.into_iter().map(Into::into))
        .collect();
    let mut input = stdin;
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let status = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        mfalint::cli::run(
            args,
            mfalint::cli::Io {
                stdin: &mut input,
                stdout: &mut stdout,
                stderr: &mut stderr,
            },
        )
        .code()
    }))
    .map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "(a panic without a message)".into())
    });
    Captured {
        status,
        stdout,
        stderr,
    }
}

/// Runs `mfalint ARGS` from the repository root.
pub fn run(args: &[&str]) -> Out {
    run_in(&root(), args, None, &[])
}

/// A directory removed when dropped.
pub struct TempDir(PathBuf);

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl TempDir {
    pub fn new() -> TempDir {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let p = std::env::temp_dir().join(format!("mfalint-cli-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `rel` (creating directories) and returns its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        p
    }

    pub fn run(&self, args: &[&str]) -> Out {
        run_in(&self.0, args, None, &[])
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn snapshot(name: &str, body: &str) {
    insta::with_settings!({snapshot_path => "../snapshots/cli", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, body);
    });
}

/// Every string value of a secret-named key in the examples (the values no
/// output may contain).
pub fn example_secrets() -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    match v {
                        serde_json::Value::String(s) if mfalint::is_secret_key(k) => {
                            out.push(s.clone())
                        }
                        _ => walk(v, out),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_some_and(|e| e == "json") {
                out.push(p);
            }
        }
    }
    let mut paths = Vec::new();
    files(&root().join("examples"), &mut paths);
    let mut secrets = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        // Duplicate keys: serde keeps the last, so scan each occurrence too.
        for line in text.lines() {
            for key in mfalint::secret_keys() {
                let pat = format!("\"{key}\": \"");
                if let Some(i) = line.find(&pat) {
                    let rest = &line[i + pat.len()..];
                    if let Some(j) = rest.find('"') {
                        secrets.push(rest[..j].to_string());
                    }
                }
            }
        }
        if let Ok(v) = serde_json::from_str(&text) {
            walk(&v, &mut secrets);
        }
    }
    secrets.retain(|s| s.chars().count() >= 5 && !s.contains('*'));
    secrets.sort();
    secrets.dedup();
    assert!(
        secrets.len() >= 10,
        "found too few example secrets: {secrets:?}"
    );
    secrets
}

/// Panics when `output` holds any secret, or an 8-character piece of one.
pub fn assert_no_secret(output: &str, secrets: &[String]) {
    for s in secrets {
        let chars: Vec<char> = s.chars().collect();
        for w in chars.windows(8.min(chars.len())) {
            let piece: String = w.iter().collect();
            // Pieces every payload has anyway are not evidence of a leak.
            if ["EXAMPLE-", "-not-real"]
                .iter()
                .any(|c| c.contains(&piece) || piece.contains(c))
            {
                continue;
            }
            assert!(
                !output.contains(&piece),
                "output contains `{piece}` of a secret:\n{output}"
            );
        }
    }
}

/// `mfalint` as a [`Command`] without the test hooks of the environment,
/// for tests that spawn it themselves.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .current_dir(dir)
        .env_remove("MFALINT_FAIL_WRITE_AFTER_TEMP")
        .env_remove("MFALINT_PAUSE_BEFORE_RENAME");
    cmd
}

/// Whether the tests run as root (`id -u` is 0).
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A spawned mfalint whose stdout and stderr are collected by threads, so
/// that it never blocks on a full pipe while the test waits for it.
pub struct Timed {
    pub child: Child,
    stdout: Option<JoinHandle<Vec<u8>>>,
    stderr: Option<JoinHandle<Vec<u8>>>,
}

fn collect(pipe: Option<impl Read + Send + 'static>) -> Option<JoinHandle<Vec<u8>>> {
    pipe.map(|mut p| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = p.read_to_end(&mut buf);
            buf
        })
    })
}

impl Timed {
    /// Spawns `cmd` with stdout and stderr piped (stdin as `cmd` sets it).
    pub fn spawn(cmd: &mut Command) -> Timed {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the mfalint binary runs");
        let stdout = collect(child.stdout.take());
        let stderr = collect(child.stderr.take());
        Timed {
            child,
            stdout,
            stderr,
        }
    }

    /// Whether it is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    /// Waits at most `limit` for it to end; past that it is killed and
    /// the test fails.
    pub fn finish(mut self, limit: Duration) -> Out {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() > limit {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("mfalint still running after {limit:?}: killed");
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        let text = |h: Option<JoinHandle<Vec<u8>>>| {
            h.map(|h| String::from_utf8(h.join().unwrap()).expect("output is UTF-8"))
                .unwrap_or_default()
        };
        Out {
            code: status.code().expect("exit code, not a signal"),
            stdout: text(self.stdout.take()),
            stderr: text(self.stderr.take()),
        }
    }
}

impl Drop for Timed {
    fn drop(&mut self) {
        // A failed test does not leave its mfalint running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
