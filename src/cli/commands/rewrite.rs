//! `mfalint normalize` and `mfalint redact`: a payload rewritten, printed or
//! written back in place.

use crate::{Error, Options, RuleId};

use super::super::args::RewriteArgs;
use super::super::atomic_write::{self, Original, Replaced, WriteError};
use super::super::files::{self, ReadOutcome};
use super::super::{Console, Status};

/// A rewrite's input: read (printing) or opened and locked (`--write`).
enum Source {
    Read(Vec<u8>),
    Locked(Box<Original>),
}

impl Source {
    fn bytes(&self) -> &[u8] {
        match self {
            Source::Read(b) => b,
            Source::Locked(o) => &o.bytes,
        }
    }
}

/// Reads a rewrite subcommand's input within the size limit; `Err` has
/// been reported. A YAML file is refused before it is read: rewriting it
/// as JSON would drop its comments, anchors and layout (docs/yaml.md).
fn read_input(
    args: &RewriteArgs,
    opts: &Options,
    shown: &str,
    console: &mut Console,
    command: &str,
) -> Result<Source, Status> {
    if crate::Syntax::of_path(&args.file) == crate::Syntax::Yaml {
        console.error(format_args!(
            "{shown}: `mfalint {command}` rewrites JSON payloads only; a YAML file is not \
             rewritten (`mfalint check --fix` fixes YAML in place, keeping its comments)"
        ));
        return Err(Status::Failure);
    }
    let limit = opts.limits.max_bytes;
    let (source, outcome) = if args.file.as_os_str() == "-" {
        if args.write {
            console.error("--write needs a file, not stdin");
            return Err(Status::Failure);
        }
        let mut buf = Vec::new();
        match files::read_limited_from(console.stdin(), limit, &mut buf) {
            Ok(outcome) => (Source::Read(buf), outcome),
            Err(e) => {
                console.error(format_args!("{shown}: {}", files::io_message(&e)));
                return Err(Status::Failure);
            }
        }
    } else if args.write {
        match atomic_write::open(&args.file, limit, args.break_hard_links) {
            Ok(original) => {
                let outcome = original.outcome.clone();
                (Source::Locked(Box::new(original)), outcome)
            }
            Err(e) => {
                console.error(format_args!("{shown}: not rewritten: {e}"));
                return Err(Status::Failure);
            }
        }
    } else {
        let mut buf = Vec::new();
        match files::read_file_limited(&args.file, limit, &mut buf, false) {
            Ok(outcome) => (Source::Read(buf), outcome),
            Err(e) => {
                console.error(format_args!("{shown}: {e}"));
                return Err(Status::Failure);
            }
        }
    };
    if let ReadOutcome::TooLarge { size } = outcome {
        for f in crate::Checked::too_large(size, limit).findings {
            console.note(format_args!(
                "{shown}:1:1: {}[{}] {} ({})",
                f.severity.as_str(),
                f.code(),
                f.message,
                f.name()
            ));
        }
        return Err(Status::Findings);
    }
    Ok(source)
}

/// Reports why a payload cannot be rewritten, located like `check` does.
fn report_error(shown: &str, e: &Error, console: &mut Console) -> Status {
    match e {
        Error::Parse {
            line,
            column,
            error,
        } => console.note(format_args!(
            "{shown}:{line}:{column}: error[{}] invalid JSON: {error} ({})",
            RuleId::ParseError.code(),
            RuleId::ParseError.name()
        )),
        Error::Detect(d) => console.note(format_args!(
            "{shown}:1:1: error[{}] {d} ({}); pass --kind",
            RuleId::UnknownKind.code(),
            RuleId::UnknownKind.name()
        )),
    }
    Status::Findings
}

/// Prints the result, or writes it back in place.
fn emit(source: Source, shown: &str, text: &str, console: &mut Console) -> Status {
    match source {
        Source::Read(_) => {
            console.out(text.as_bytes());
            Status::Ok
        }
        Source::Locked(mut original) => match atomic_write::replace(&mut original, text.as_bytes())
        {
            Ok(Replaced::Written) => {
                // Only with --break-hard-links: say what it left behind.
                let others = original.other_links();
                if others > 0 {
                    console.note(format_args!(
                        "{shown}: rewritten as a new file; its {others} other hard link{} still hold{} the old content",
                        if others == 1 { "" } else { "s" },
                        if others == 1 { "s" } else { "" },
                    ));
                }
                Status::Ok
            }
            Ok(Replaced::Unchanged) => {
                console.note(format_args!("{shown}: unchanged; the file was not touched"));
                Status::Ok
            }
            Err(e) => {
                let unchanged = !matches!(e, WriteError::ChangedMeanwhile);
                console.error(format_args!(
                    "{shown}: not rewritten: {e}{}",
                    if unchanged {
                        "; the file is unchanged"
                    } else {
                        ""
                    }
                ));
                Status::Failure
            }
        },
    }
}

/// Library defaults with the command line's parser limits.
fn rewrite_options(args: &RewriteArgs) -> Options {
    let mut opts = Options::default();
    args.limits.apply(&mut opts.limits);
    opts
}

fn shown(args: &RewriteArgs) -> String {
    if args.file.as_os_str() == "-" {
        "<stdin>".into()
    } else {
        files::shown(&args.file)
    }
}

pub fn normalize(args: RewriteArgs, console: &mut Console) -> Status {
    let opts = rewrite_options(&args);
    let shown = shown(&args);
    let source = match read_input(&args, &opts, &shown, console, "normalize") {
        Ok(s) => s,
        Err(status) => return status,
    };
    let result = crate::decode(source.bytes(), &opts)
        .and_then(|text| crate::normalize(text, args.kind, &opts));
    let n = match result {
        Ok(n) => n,
        Err(e) => return report_error(&shown, &e, console),
    };
    for f in &n.filled {
        console.note(format_args!("{shown}: filled {} = {}", f.pointer, f.value));
    }
    if n.filled.is_empty() {
        console.note(format_args!("{shown}: nothing to fill ({})", n.kind));
    }
    emit(source, &shown, &n.text, console)
}

pub fn redact(args: RewriteArgs, console: &mut Console) -> Status {
    let opts = rewrite_options(&args);
    let shown = shown(&args);
    let source = match read_input(&args, &opts, &shown, console, "redact") {
        Ok(s) => s,
        Err(status) => return status,
    };
    let result = crate::decode(source.bytes(), &opts).and_then(|text| crate::redact(text, &opts));
    match result {
        Ok(text) => emit(source, &shown, &text, console),
        Err(e) => report_error(&shown, &e, console),
    }
}
