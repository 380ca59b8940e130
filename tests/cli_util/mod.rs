//! Helpers for the CLI tests: run the built binary, temporary directories,
//! snapshots under `tests/snapshots/cli/`.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const BIN: &str = env!("CARGO_BIN_EXE_mfalint");

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
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env_remove("MFALINT_FAIL_WRITE_AFTER_TEMP")
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
            for key in mfalint::SECRET_KEYS {
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
