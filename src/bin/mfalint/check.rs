//! `mfalint check`.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use mfalint::json::{ParseErrorKind, Span};
use mfalint::{Error, Kind, Severity};

use crate::cli::CheckArgs;
use crate::config::{self, Effective, Resolver};
use crate::diag::{self, Diagnostic, Pos, Region};
use crate::excerpt::Secrets;
use crate::files::{self, Input};
use crate::parallel;
use crate::render;
use crate::rules::{PARSE_ERROR, UNKNOWN_KIND};
use crate::{error, Status};

/// One checked file.
pub struct FileResult {
    /// As shown: the path as given or found, `<stdin>` (or --stdin-filename).
    pub path: String,
    pub kind: Option<Kind>,
    /// The text (lossy when it is not UTF-8), for excerpts.
    pub text: String,
    pub secrets: Secrets,
    pub diagnostics: Vec<Diagnostic>,
    /// The file fails the run (a finding at or above its fail-on).
    pub fails: bool,
}

/// A file that could not be read or configured: `path: message`.
pub struct FileProblem {
    pub path: String,
    pub message: String,
}

pub struct Run {
    pub files: Vec<FileResult>,
    pub problems: Vec<FileProblem>,
}

pub fn run(args: CheckArgs) -> Status {
    // Command-line mistakes are usage errors before any file is read.
    if let Err(e) = config::effective(&args, None) {
        error(e);
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
        .map_or_else(|| "<stdin>".to_string(), display);
    for input in inputs {
        let dir = match &input {
            Input::Stdin => args
                .stdin_filename
                .as_deref()
                .map_or(Path::new("."), parent_dir),
            Input::File(p) => parent_dir(p),
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
    for slot in check_all(slots, &effs, &stdin_shown) {
        match slot {
            Ok(result) => run.files.push(result),
            Err(problem) => run.problems.push(problem),
        }
    }
    for p in &run.problems {
        error(&p.message);
    }
    render::print(args.format, &run);
    if !run.problems.is_empty() {
        Status::Failure
    } else if run.files.iter().any(|f| f.fails) {
        Status::Findings
    } else {
        Status::Ok
    }
}

/// One input of a run, before and after it is checked.
enum Slot {
    /// Input, index of its configuration.
    Check(Input, usize),
    Done(Result<FileResult, FileProblem>),
}

fn check_one(
    shown: String,
    input: &Input,
    eff: &Effective,
    scratch: &mut Vec<u8>,
) -> Result<FileResult, FileProblem> {
    let limit = eff.options.limits.max_bytes;
    files::read_limited(input, limit, scratch).map_err(|e| FileProblem {
        message: format!("{shown}: {}", files::io_message(&e)),
        path: shown.clone(),
    })?;
    let mut result = FileResult {
        path: shown,
        kind: None,
        text: String::new(),
        secrets: Secrets::default(),
        diagnostics: Vec::new(),
        fails: false,
    };
    check_bytes(&mut result, scratch, eff, input);
    // Only excerpts need the text after the check; the others leave it in
    // the thread's buffer, to be overwritten by the next file.
    if eff.excerpts && scratch.len() <= limit {
        result.text = owned_text(scratch);
    }
    if scratch.capacity() > files::PAYLOAD_BUFFER {
        // A big file's buffer is not kept for the thread's next files.
        *scratch = Vec::new();
    }
    result.fails = result.diagnostics.iter().any(|d| d.severity >= eff.fail_on);
    Ok(result)
}

/// The file's text, kept until output (lossy when it is not UTF-8). A big
/// file's buffer becomes the text without a copy (a 50 MB file would
/// otherwise be held twice).
fn owned_text(scratch: &mut Vec<u8>) -> String {
    if scratch.len() <= files::PAYLOAD_BUFFER {
        return String::from_utf8_lossy(scratch).into_owned();
    }
    let mut text = String::from_utf8(std::mem::take(scratch))
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    text.shrink_to_fit();
    text
}

/// Files per unit of work handed to a thread.
const BLOCK: usize = 32;

/// Checks the slots on every core; the results come back in input order.
fn check_all(
    mut slots: Vec<Slot>,
    effs: &[Effective],
    stdin_shown: &str,
) -> Vec<Result<FileResult, FileProblem>> {
    parallel::for_each_block(&mut slots, BLOCK, |block| {
        let mut scratch = Vec::new();
        for slot in block {
            if let Slot::Check(input, i) = slot {
                let shown = shown(input, stdin_shown);
                *slot = Slot::Done(check_one(shown, input, &effs[*i], &mut scratch));
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
        Input::File(p) => display(p),
        Input::Stdin => stdin_shown.to_string(),
    }
}

fn parent_dir(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Paths as the user wrote them, with `/` separators on every platform.
fn display(p: &Path) -> String {
    let s = p.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

fn at_start(text: &str) -> Region {
    Region::new(text, Span { start: 0, end: 1 })
}

/// Fills in the findings of a file's bytes (and, for excerpts, where its
/// secrets are).
fn check_bytes(result: &mut FileResult, bytes: &[u8], eff: &config::Effective, input: &Input) {
    let opts = &eff.options;
    if bytes.len() > opts.limits.max_bytes {
        let size = match input {
            Input::File(p) => std::fs::metadata(p).map(|m| m.len().to_string()).ok(),
            Input::Stdin => None,
        };
        let size = size.unwrap_or_else(|| format!("more than {}", opts.limits.max_bytes));
        let message = format!(
            "the file is {size} bytes, over the limit of {} bytes; it was not checked",
            opts.limits.max_bytes
        );
        result.diagnostics.push(Diagnostic::file_level(
            &PARSE_ERROR,
            message,
            Region {
                start: Pos { line: 1, column: 1 },
                end: Pos { line: 1, column: 1 },
                bytes: Span::default(),
            },
        ));
        return;
    }
    // UTF-8 is checked once; only a file that is not UTF-8 goes through the
    // core's decoding error.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => {
            let text = String::from_utf8_lossy(bytes);
            if eff.excerpts {
                result.secrets = Secrets::from_text(&text);
            }
            if let Err(e) = mfalint::decode(bytes, opts) {
                result.diagnostics.push(parse_diagnostic(&text, &e));
            }
            return;
        }
    };
    let root = match mfalint::parse(text, opts) {
        Ok(root) => root,
        Err(e) => {
            if eff.excerpts {
                result.secrets = Secrets::from_text(text);
            }
            result.diagnostics.push(parse_diagnostic(text, &e));
            return;
        }
    };
    if eff.excerpts {
        result.secrets = Secrets::from_tree(text, &root);
    }
    match mfalint::validate_node(&root, eff.kind, opts) {
        Ok(report) => {
            result.kind = Some(report.kind);
            result.diagnostics = diag::locate_all(text, &root, &report.findings);
            // Source order; the core's order breaks ties.
            result
                .diagnostics
                .sort_by_key(|d| (d.region.start.line, d.region.start.column));
        }
        Err(Error::Detect(e)) => {
            let message = format!("{e}");
            result.diagnostics.push(Diagnostic::file_level(
                &UNKNOWN_KIND,
                message,
                Region::new(
                    text,
                    Span {
                        start: root.span.start,
                        end: root.span.start + 1,
                    },
                ),
            ));
        }
        Err(e @ Error::Parse { .. }) => result.diagnostics.push(parse_diagnostic(text, &e)),
    }
}

/// An MFA000 finding at the place the parser stopped.
fn parse_diagnostic(text: &str, e: &Error) -> Diagnostic {
    match e {
        Error::Parse { error, .. } => {
            let start = error.offset.min(text.len());
            let len = text[start..].chars().next().map_or(0, char::len_utf8);
            let span = match error.kind {
                ParseErrorKind::ByteOrderMark => Span { start: 0, end: 3 },
                _ => Span {
                    start,
                    end: start + len,
                },
            };
            let mut region = Region::new(text, span);
            if matches!(error.kind, ParseErrorKind::ByteOrderMark) {
                region.start = Pos { line: 1, column: 1 };
                region.end = Pos { line: 1, column: 2 };
            }
            let message = match &error.kind {
                ParseErrorKind::InvalidUtf8(_) => {
                    "invalid UTF-8: the file must be UTF-8 encoded JSON text".to_string()
                }
                k => format!("invalid JSON: {k}"),
            };
            Diagnostic::file_level(&PARSE_ERROR, message, region)
        }
        Error::Detect(d) => Diagnostic::file_level(&UNKNOWN_KIND, d.to_string(), at_start(text)),
    }
}

/// Severity counts over a run.
pub fn counts(run: &Run) -> (usize, usize) {
    let all = run.files.iter().flat_map(|f| &f.diagnostics);
    let errors = all
        .clone()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = all.filter(|d| d.severity == Severity::Warning).count();
    (errors, warnings)
}
