//! `mfalint check`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::{Applicability, Checked, Kind, Severity, Syntax};

use super::super::args::CheckArgs;
use super::super::atomic_write;
use super::super::config::{self, Effective, Resolver};
use super::super::excerpt::{mask_secrets, Excerpts};
use super::super::files::{self, Input, ReadOutcome};
use super::super::locate::{Placed, Region};
use super::super::output;
use super::super::parallel;
use super::super::{Console, Status};

/// One checked document of a file (a JSON file has one; a YAML stream one
/// per document).
pub struct FileResult {
    /// As shown: the path as given or found, `<stdin>` (or --stdin-filename).
    pub path: String,
    /// The document's number (from 1) when the file holds several.
    pub document: Option<usize>,
    pub kind: Option<Kind>,
    /// A list of payloads: each item's kind.
    pub collection: Option<crate::Collection>,
    /// Template placeholders met where values go (their values unjudged),
    /// with where each is.
    pub placeholders: Vec<(crate::Placeholder, Region)>,
    /// How many findings `--fix` resolved in this file (on its first
    /// document's result).
    pub fixed: usize,
    /// `--diff`: what the fixes would change, as a unified diff.
    pub diff: Option<String>,
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
    let (inputs, expand_problems) = files::expand(&args.paths, !args.no_ignore);
    if args.fix && inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        console.error("--fix rewrites files, not stdin (--diff shows what it would change)");
        return Status::Failure;
    }
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
            if admitted(&input, &effs[*i].1) {
                slots.push(Slot::Check(input, *i));
            }
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
                if admitted(&input, &effs[i].1) {
                    slots.push(Slot::Check(input, i));
                }
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
    let fixing = match (args.fix, args.diff) {
        (_, true) => Fixing::Diff(allowed(&args)),
        (true, false) => Fixing::Write(allowed(&args)),
        (false, false) => Fixing::No,
    };
    let stdin_syntax = args
        .stdin_filename
        .as_deref()
        .map_or(Syntax::Json, Syntax::of_path);
    for slot in check_all(slots, &effs, &stdin_shown, &stdin, fixing, stdin_syntax) {
        match slot {
            Ok(results) => run.files.extend(results),
            Err(problem) => run.problems.push(problem),
        }
    }
    for p in &run.problems {
        console.error(&p.message);
    }
    if let Fixing::Diff(_) = fixing {
        return diff_report(&run, console);
    }
    output::print(args.format, &run, console);
    if let Fixing::Write(_) = fixing {
        let fixed: usize = run.files.iter().map(|f| f.fixed).sum();
        let in_files = run.files.iter().filter(|f| f.fixed > 0).count();
        console.note(format_args!(
            "Fixed {} in {}.",
            output::plural(fixed, "problem"),
            output::plural(in_files, "file")
        ));
    }
    if !run.problems.is_empty() {
        Status::Failure
    } else if run.files.iter().any(|f| f.fails) {
        Status::Findings
    } else {
        Status::Ok
    }
}

/// Whether the configuration's `include`/`exclude` let a file be checked:
/// files found in directories, and named ones too with `force-exclude`.
fn admitted(input: &Input, eff: &Effective) -> bool {
    match (input, &eff.paths) {
        (Input::Listed(p), Some(f)) => f.admits(p),
        (Input::File(p), Some(f)) if f.force_exclude => f.admits(p),
        _ => true,
    }
}

/// The fixes `--fix`/`--diff` apply: safe ones, and unsafe ones too with
/// `--unsafe-fixes`.
fn allowed(args: &CheckArgs) -> Applicability {
    if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    }
}

/// `--diff`: each file's changes on stdout, a summary on stderr; exit 1
/// when a file would change.
fn diff_report(run: &Run, console: &mut Console) -> Status {
    let mut would = 0;
    let mut files = 0;
    for f in &run.files {
        if let Some(diff) = &f.diff {
            console.out(diff.as_bytes());
            would += f.fixed;
            files += 1;
        }
    }
    console.note(format_args!(
        "Would fix {} in {}.",
        output::plural(would, "problem"),
        output::plural(files, "file")
    ));
    if !run.problems.is_empty() {
        Status::Failure
    } else if files > 0 {
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
    Done(Result<Vec<FileResult>, FileProblem>),
}

type StdinBytes = Option<std::io::Result<(Vec<u8>, ReadOutcome)>>;

/// What `--fix` / `--diff` asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fixing {
    No,
    /// Apply the fixes up to this applicability and write the file.
    Write(Applicability),
    /// Show what they would change.
    Diff(Applicability),
}

/// The bytes of an input, and what reading it found.
enum Source<'s> {
    Read(&'s [u8], ReadOutcome),
    /// Opened for rewriting (`--fix`): locked until written.
    Locked(Box<atomic_write::Original>),
}

fn check_one(
    shown: String,
    input: &Input,
    eff: &Effective,
    scratch: &mut Vec<u8>,
    stdin: &StdinBytes,
    fixing: Fixing,
    syntax: Syntax,
) -> Result<Vec<FileResult>, FileProblem> {
    let limit = eff.options.limits.max_bytes;
    let problem = |message: String| FileProblem {
        message: format!("{shown}: {message}"),
        path: shown.clone(),
    };
    let source = match input {
        Input::File(p) | Input::Listed(p) if matches!(fixing, Fixing::Write(_)) => {
            let original = atomic_write::open(p, limit, eff.break_hard_links)
                .map_err(|e| problem(format!("not fixed: {e}")))?;
            Source::Locked(Box::new(original))
        }
        Input::File(p) | Input::Listed(p) => {
            let listed = matches!(input, Input::Listed(_));
            let outcome = files::read_file_limited(p, limit, scratch, listed)
                .map_err(|e| problem(e.to_string()))?;
            Source::Read(scratch.as_slice(), outcome)
        }
        Input::Stdin => match stdin {
            Some(Ok((bytes, outcome))) => Source::Read(bytes.as_slice(), outcome.clone()),
            Some(Err(e)) => return Err(problem(files::io_message(e))),
            None => return Err(problem("stdin was not read".into())),
        },
    };
    let (bytes, outcome) = match &source {
        Source::Read(bytes, outcome) => (*bytes, outcome.clone()),
        Source::Locked(original) => (original.bytes.as_slice(), original.outcome.clone()),
    };
    // A bug in checking one file must not take the others' reports down:
    // the file is reported as not checked, and the run goes on.
    let checked = catch_unwind(AssertUnwindSafe(|| {
        panic_hook(&shown, bytes);
        let fixed = match (fixing, &outcome) {
            (Fixing::No, _) | (_, ReadOutcome::TooLarge { .. }) => None,
            (Fixing::Write(allowed) | Fixing::Diff(allowed), ReadOutcome::Whole) => {
                fix_text(bytes, syntax, eff, allowed)
            }
        };
        let text_bytes = fixed.as_ref().map_or(bytes, |(text, _)| text.as_bytes());
        let mut results = check_bytes(&shown, text_bytes, &outcome, eff, syntax);
        if let (Some((text, count)), Some(first)) = (&fixed, results.first_mut()) {
            first.fixed = *count;
            if let Fixing::Diff(_) = fixing {
                first.diff = Some(masked_diff(&shown, bytes, text, syntax, eff));
            }
        }
        (results, fixed)
    }));
    let Ok((mut results, fixed)) = checked else {
        return Err(problem(
            "internal error while checking this file (a bug in mfalint); it was not checked".into(),
        ));
    };
    if let (Source::Locked(mut original), Some((text, _))) = (source, fixed) {
        atomic_write::replace(&mut original, text.as_bytes()).map_err(|e| {
            let unchanged = !matches!(e, atomic_write::WriteError::ChangedMeanwhile);
            problem(format!(
                "not fixed: {e}{}",
                if unchanged {
                    "; the file is unchanged"
                } else {
                    ""
                }
            ))
        })?;
    }
    if scratch.capacity() > files::PAYLOAD_BUFFER {
        // A big file's buffer is not kept for the thread's next files.
        *scratch = Vec::new();
    }
    for r in &mut results {
        r.fails = r
            .findings
            .findings
            .iter()
            .any(|f| f.severity >= eff.fail_on);
    }
    Ok(results)
}

/// The file's text with its fixes up to `allowed` applied, and how many
/// findings they resolved; `None` when there is nothing to fix (or the
/// file is not text).
fn fix_text(
    bytes: &[u8],
    syntax: Syntax,
    eff: &Effective,
    allowed: Applicability,
) -> Option<(String, usize)> {
    let text = std::str::from_utf8(bytes).ok()?;
    crate::fix::fix_all(text, syntax, eff.kind, &eff.options, allowed)
}

/// What the fixes change, as a unified diff in which every secret-bearing
/// value, before and after, is masked: a fix never touches one, but the
/// lines around an edit may hold one.
fn masked_diff(shown: &str, old: &[u8], new: &str, syntax: Syntax, eff: &Effective) -> String {
    let masked = |bytes: &[u8]| -> Option<String> {
        let text = std::str::from_utf8(bytes).ok()?;
        let docs = crate::check_file(bytes, syntax, eff.kind, &eff.options);
        if docs.iter().any(|d| !d.parsed) {
            return None;
        }
        let secrets: Vec<crate::Secret> = docs.into_iter().flat_map(|d| d.secrets).collect();
        Some(mask_secrets(text, &secrets))
    };
    match (masked(old), masked(new.as_bytes())) {
        (Some(old), Some(new)) => unified_diff(shown, &old, &new),
        // Fixes apply to documents that parse, and keep them parsing.
        _ => format!("{shown}: the changes cannot be shown safely\n"),
    }
}

/// A unified diff of `old` and `new`, three lines of context.
fn unified_diff(shown: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    diff.unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string()
}

/// Test hook: when `MFALINT_TEST_PANIC_ON` names a file as shown, checking
/// it panics with a message quoting the file's text, as a slicing bug
/// would. The tests check that the panic is contained and its message never
/// printed.
pub(crate) fn panic_hook(shown: &str, bytes: &[u8]) {
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
    fixing: Fixing,
    stdin_syntax: Syntax,
) -> Vec<Result<Vec<FileResult>, FileProblem>> {
    parallel::for_each_block(&mut slots, BLOCK, |block| {
        let mut scratch = Vec::new();
        for slot in block {
            if let Slot::Check(input, i) = slot {
                let shown = shown(input, stdin_shown);
                let syntax = match input {
                    Input::File(p) | Input::Listed(p) => Syntax::of_path(p),
                    Input::Stdin => stdin_syntax,
                };
                *slot = Slot::Done(check_one(
                    shown,
                    input,
                    &effs[*i],
                    &mut scratch,
                    stdin,
                    fixing,
                    syntax,
                ));
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

/// The documents of a file's bytes, checked, with their findings placed in
/// the text (and, for excerpts, how to mask it). The core decides
/// everything, parse errors and unknown kinds included.
fn check_bytes(
    shown: &str,
    bytes: &[u8],
    outcome: &ReadOutcome,
    eff: &Effective,
    syntax: Syntax,
) -> Vec<FileResult> {
    let opts = &eff.options;
    let empty = |findings: Placed| FileResult {
        path: shown.to_string(),
        document: None,
        kind: None,
        collection: None,
        placeholders: Vec::new(),
        fixed: 0,
        diff: None,
        text: String::new(),
        excerpts: Excerpts::Broken,
        findings,
        fails: false,
    };
    if let ReadOutcome::TooLarge { size } = outcome {
        let checked = Checked::too_large(*size, opts.limits.max_bytes);
        return vec![empty(Placed::new("", checked.findings))];
    }
    // A file that is not UTF-8 is shown through its lossy decoding; the
    // core reports where it stops being UTF-8, in the valid prefix.
    let text = String::from_utf8_lossy(bytes);
    crate::check_file(bytes, syntax, eff.kind, opts)
        .into_iter()
        .map(|doc| {
            let mut result = empty(Placed::new(&text, doc.checked.findings));
            result.document = (doc.of > 1).then_some(doc.index + 1);
            result.kind = doc.checked.kind;
            result.collection = doc.checked.collection;
            let spans: Vec<Option<crate::json::Span>> =
                doc.checked.placeholders.iter().map(|p| p.span).collect();
            result.placeholders = doc
                .checked
                .placeholders
                .into_iter()
                .zip(Placed::regions(&text, &spans))
                .collect();
            // A YAML document that does not parse shows no excerpt: its
            // scalars need no quotes, so masking them token by token as
            // in JSON could show part of a secret.
            if eff.excerpts && (doc.parsed || syntax == Syntax::Json) {
                if doc.parsed {
                    result.excerpts = Excerpts::of_secrets(&doc.secrets);
                }
                result.text = text.to_string();
            }
            result
        })
        .collect()
}

/// The files of a run (a YAML stream of several documents is one file of
/// several results), and the documents of such streams.
pub fn file_counts(run: &Run) -> (usize, usize) {
    let files = run
        .files
        .iter()
        .filter(|f| f.document.is_none_or(|d| d == 1))
        .count();
    let documents = run.files.iter().filter(|f| f.document.is_some()).count();
    (files, documents)
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
