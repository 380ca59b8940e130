//! `mfalint check`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::{Checked, Kind, Severity};

use super::super::args::CheckArgs;
use super::super::config::{self, Effective, Resolver};
use super::super::excerpt::Excerpts;
use super::super::files::{self, Input, ReadOutcome};
use super::super::locate::Placed;
use super::super::output;
use super::super::parallel;
use super::super::{Console, Status};

/// One checked file.
pub struct FileResult {
    /// As shown: the path as given or found, `<stdin>` (or --stdin-filename).
    pub path: String,
    pub kind: Option<Kind>,
    /// The text (lossy when it is not UTF-8), for excerpts; empty when the
    /// format shows none.
    pub text: String,
    pub excerpts: Excerpts,
    /// In source order.
    pub findings: Placed,
    /// The file fails the run (a finding at or above its fail-on).
    pub fails: bool,
}

/// A path that could not be read, configured or checked: `path: message`.
pub struct FileProblem {
    /// Empty when the problem is not about one file.
    pub path: String,
    pub message: String,
}

pub struct Run {
    pub files: Vec<FileResult>,
    pub problems: Vec<FileProblem>,
}

pub fn run(args: CheckArgs, console: &mut Console) -> Status {
    // Command-line mistakes are usage errors before any file is read.
    if let Err(e) = config::effective(&args, None) {
        console.error(e);
        return Status::Failure;
    }
    let (inputs, expand_problems) = files::expand(&args.paths);
    let mut run = Run {
        files: Vec::new(),
        problems: expand_problems
            .into_iter()
            .map(|m| FileProblem {
                path: String::new(),
                message: m,
            })
            .collect(),
    };
    // Configuration is resolved in order (cached per directory); files are
    // then read and checked on every core, and the results kept in order.
    let mut resolver = Resolver::new(&args);
    let mut effs: Vec<(Rc<Effective>, Effective)> = Vec::new();
    let mut slots: Vec<Slot> = Vec::with_capacity(inputs.len());
    // Files come grouped by directory: the previous one's settings are reused.
    let mut last: Option<(PathBuf, usize)> = None;
    let stdin_shown = args
        .stdin_filename
        .as_deref()
        .map_or_else(|| "<stdin>".to_string(), files::shown);
    for input in inputs {
        let dir = match &input {
            Input::Stdin => args
                .stdin_filename
                .as_deref()
                .map_or(Path::new("."), parent_dir),
            Input::File(p) | Input::Listed(p) => parent_dir(p),
        };
        if let Some((_, i)) = last.as_ref().filter(|(d, _)| d == dir) {
            slots.push(Slot::Check(input, *i));
            continue;
        }
        let dir = dir.to_path_buf();
        match resolver.for_dir(&dir) {
            Ok(eff) => {
                let i = match effs.iter().position(|(rc, _)| Rc::ptr_eq(rc, &eff)) {
                    Some(i) => i,
                    None => {
                        effs.push((Rc::clone(&eff), (*eff).clone()));
                        effs.len() - 1
                    }
                };
                slots.push(Slot::Check(input, i));
                last = Some((dir, i));
            }
            Err(e) => slots.push(Slot::Done(Err(FileProblem {
                path: shown(&input, &stdin_shown),
                message: e.to_string(),
            }))),
        }
    }
    let effs: Vec<Effective> = effs.into_iter().map(|(_, e)| e).collect();
    // Stdin is read here, on the calling thread, once.
    let stdin = read_stdin(&slots, &effs, console);
    for slot in check_all(slots, &effs, &stdin_shown, &stdin) {
        match slot {
            Ok(result) => run.files.push(result),
            Err(problem) => run.problems.push(problem),
        }
    }
    for p in &run.problems {
        console.error(&p.message);
    }
    output::print(args.format, &run, console);
    if !run.problems.is_empty() {
        Status::Failure
    } else if run.files.iter().any(|f| f.fails) {
        Status::Findings
    } else {
        Status::Ok
    }
}

/// Stdin's bytes (at most its file's limit plus one byte), if a slot reads it.
fn read_stdin(
    slots: &[Slot],
    effs: &[Effective],
    console: &mut Console,
) -> Option<std::io::Result<(Vec<u8>, ReadOutcome)>> {
    let limit = slots.iter().find_map(|s| match s {
        Slot::Check(Input::Stdin, i) => Some(effs[*i].options.limits.max_bytes),
        _ => None,
    })?;
    let mut bytes = Vec::new();
    Some(files::read_limited_from(console.stdin(), limit, &mut bytes).map(|o| (bytes, o)))
}

/// One input of a run, before and after it is checked.
enum Slot {
    /// Input, index of its configuration.
    Check(Input, usize),
    Done(Result<FileResult, FileProblem>),
}

type StdinBytes = Option<std::io::Result<(Vec<u8>, ReadOutcome)>>;

fn check_one(
    shown: String,
    input: &Input,
    eff: &Effective,
    scratch: &mut Vec<u8>,
    stdin: &StdinBytes,
) -> Result<FileResult, FileProblem> {
    let limit = eff.options.limits.max_bytes;
    let problem = |message: String| FileProblem {
        message: format!("{shown}: {message}"),
        path: shown.clone(),
    };
    let (bytes, outcome): (&[u8], ReadOutcome) = match input {
        Input::File(p) | Input::Listed(p) => {
            let listed = matches!(input, Input::Listed(_));
            let outcome = files::read_file_limited(p, limit, scratch, listed)
                .map_err(|e| problem(e.to_string()))?;
            (scratch.as_slice(), outcome)
        }
        Input::Stdin => match stdin {
            Some(Ok((bytes, outcome))) => (bytes.as_slice(), outcome.clone()),
            Some(Err(e)) => return Err(problem(files::io_message(e))),
            None => return Err(problem("stdin was not read".into())),
        },
    };
    let mut result = FileResult {
        path: shown.clone(),
        kind: None,
        text: String::new(),
        excerpts: Excerpts::Broken,
        findings: Placed::default(),
        fails: false,
    };
    // A bug in checking one file must not take the others' reports down:
    // the file is reported as not checked, and the run goes on.
    let checked = catch_unwind(AssertUnwindSafe(|| {
        panic_hook(&result.path, bytes);
        check_bytes(&mut result, bytes, &outcome, eff);
        // Only excerpts need the text after the check; the others leave it in
        // the thread's buffer, to be overwritten by the next file.
        if eff.excerpts && outcome == ReadOutcome::Whole {
            result.text = String::from_utf8_lossy(bytes).into_owned();
        }
    }));
    if scratch.capacity() > files::PAYLOAD_BUFFER {
        // A big file's buffer is not kept for the thread's next files.
        *scratch = Vec::new();
    }
    if checked.is_err() {
        return Err(problem(
            "internal error while checking this file (a bug in mfalint); it was not checked".into(),
        ));
    }
    result.fails = result
        .findings
        .findings
        .iter()
        .any(|f| f.severity >= eff.fail_on);
    Ok(result)
}

/// Test hook: when `MFALINT_TEST_PANIC_ON` names a file as shown, checking
/// it panics with a message quoting the file's text, as a slicing bug
/// would. The tests check that the panic is contained and its message never
/// printed.
fn panic_hook(shown: &str, bytes: &[u8]) {
    // Read once per run, not once per file.
    static TARGET: std::sync::OnceLock<Option<std::ffi::OsString>> = std::sync::OnceLock::new();
    let target = TARGET.get_or_init(|| std::env::var_os("MFALINT_TEST_PANIC_ON"));
    if target.as_deref().is_some_and(|p| p == shown) {
        panic!(
            "a bug quoting the input: {}",
            String::from_utf8_lossy(bytes)
        );
    }
}

/// Files per unit of work handed to a thread.
const BLOCK: usize = 32;

/// Checks the slots on every core; the results come back in input order.
fn check_all(
    mut slots: Vec<Slot>,
    effs: &[Effective],
    stdin_shown: &str,
    stdin: &StdinBytes,
) -> Vec<Result<FileResult, FileProblem>> {
    parallel::for_each_block(&mut slots, BLOCK, |block| {
        let mut scratch = Vec::new();
        for slot in block {
            if let Slot::Check(input, i) = slot {
                let shown = shown(input, stdin_shown);
                *slot = Slot::Done(check_one(shown, input, &effs[*i], &mut scratch, stdin));
            }
        }
    });
    slots
        .into_iter()
        .map(|slot| match slot {
            Slot::Done(done) => done,
            Slot::Check(..) => unreachable!("every slot is checked"),
        })
        .collect()
}

/// An input's path as shown in the output.
fn shown(input: &Input, stdin_shown: &str) -> String {
    match input {
        Input::File(p) | Input::Listed(p) => files::shown(p),
        Input::Stdin => stdin_shown.to_string(),
    }
}

fn parent_dir(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Fills in the findings of a file's bytes (and, for excerpts, how to mask
/// them). The core decides everything, parse errors and unknown kinds
/// included; this only places the findings in the text.
fn check_bytes(result: &mut FileResult, bytes: &[u8], outcome: &ReadOutcome, eff: &Effective) {
    let opts = &eff.options;
    if let ReadOutcome::TooLarge { size } = outcome {
        let checked = Checked::too_large(*size, opts.limits.max_bytes);
        result.findings = Placed::new("", checked.findings);
        return;
    }
    // A file that is not UTF-8 is shown through its lossy decoding; the
    // core reports where it stops being UTF-8, in the valid prefix.
    let Ok(text) = std::str::from_utf8(bytes) else {
        let checked = crate::check_bytes(bytes, eff.kind, opts);
        result.findings = Placed::new(&String::from_utf8_lossy(bytes), checked.findings);
        return;
    };
    let checked = match crate::parse(text, opts) {
        Ok(root) => {
            if eff.excerpts {
                result.excerpts = Excerpts::parsed(&root);
            }
            crate::check_node(&root, eff.kind, opts)
        }
        Err(_) => crate::check_text(text, eff.kind, opts),
    };
    result.kind = checked.kind;
    result.findings = Placed::new(text, checked.findings);
}

/// Severity counts over a run.
pub fn counts(run: &Run) -> (usize, usize) {
    let all = run.files.iter().flat_map(|f| &f.findings.findings);
    let errors = all
        .clone()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = all.filter(|f| f.severity == Severity::Warning).count();
    (errors, warnings)
}
