//! `rules`, `explain`, `normalize`, `redact`, `schema`.

use std::io::{Read, Write};
use std::path::Path;

use mfalint::{Error, Kind, Options};

use crate::cli::{ExplainArgs, RewriteArgs, RulesArgs, RulesFormat, SchemaArgs};
use crate::files::io_message;
use crate::rules::{self, PARSE_ERROR, UNKNOWN_KIND};
use crate::{atomic, error, Status};

fn default_label(r: &mfalint::Rule) -> &'static str {
    if !rules::cli_default_enabled(r) {
        "off"
    } else if !r.default_enabled {
        "on (CLI)"
    } else {
        "on"
    }
}

pub fn rules(args: RulesArgs) -> Status {
    let all = rules::all();
    let out = match args.format {
        RulesFormat::Human => {
            let w = all.iter().map(|r| r.name.len()).max().unwrap_or(0);
            let mut s = format!(
                "{:<6}  {:<w$}  {:<8}  {:<8}  SUMMARY\n",
                "CODE", "NAME", "SEVERITY", "DEFAULT"
            );
            for r in &all {
                s.push_str(&format!(
                    "{:<6}  {:<w$}  {:<8}  {:<8}  {}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    default_label(r),
                    r.summary
                ));
            }
            s
        }
        RulesFormat::Markdown => {
            let mut s = String::from(
                "| code | name | severity | default | summary |\n|---|---|---|---|---|\n",
            );
            for r in &all {
                s.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    default_label(r),
                    r.summary.replace('|', "\\|")
                ));
            }
            s
        }
        RulesFormat::Json => {
            let v: Vec<serde_json::Value> = all
                .iter()
                .map(|r| {
                    let mut v = serde_json::to_value(r).expect("rules serialize");
                    v["cli_default_enabled"] = rules::cli_default_enabled(r).into();
                    v
                })
                .collect();
            serde_json::to_string_pretty(&v).expect("rules serialize") + "\n"
        }
    };
    stdout(&out);
    Status::Ok
}

/// Writes to stdout, ignoring a closed pipe (`mfalint rules | head`).
fn stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
}

pub fn explain(args: ExplainArgs) -> Status {
    let Some(r) = rules::find(&args.rule) else {
        error(format!(
            "unknown rule `{}`; `mfalint rules` lists them all",
            args.rule
        ));
        return Status::Failure;
    };
    let configurable = if std::ptr::eq(r, &PARSE_ERROR) || std::ptr::eq(r, &UNKNOWN_KIND) {
        "no (a file-level problem: the file was not checked)"
    } else {
        "yes (--select, --ignore, --severity, mfalint.toml)"
    };
    stdout(&format!(
        "{} {}\n\n{}\n\n{}\n\nSeverity:     {}\nDefault:      {}\nConfigurable: {configurable}\nSource:       {}\n",
        r.code,
        r.name,
        r.summary,
        r.doc,
        r.severity.as_str(),
        default_label(r),
        r.source
    ));
    Status::Ok
}

/// Reads a rewrite subcommand's input; `Err` has been reported.
fn read_input(file: &Path, write: bool) -> Result<(String, Vec<u8>), Status> {
    if file.as_os_str() == "-" {
        if write {
            error("--write needs a file, not stdin");
            return Err(Status::Failure);
        }
        let mut buf = Vec::new();
        if let Err(e) = std::io::stdin().lock().read_to_end(&mut buf) {
            error(format!("<stdin>: {}", io_message(&e)));
            return Err(Status::Failure);
        }
        return Ok(("<stdin>".into(), buf));
    }
    let shown = file.display().to_string();
    match std::fs::read(file) {
        Ok(b) => Ok((shown, b)),
        Err(e) => {
            error(format!("{shown}: {}", io_message(&e)));
            Err(Status::Failure)
        }
    }
}

/// Reports why a payload cannot be rewritten, located like `check` does.
fn report_error(shown: &str, e: &Error) -> Status {
    match e {
        Error::Parse {
            line,
            column,
            error,
        } => eprintln!(
            "{shown}:{line}:{column}: error[{}] invalid JSON: {error} ({})",
            PARSE_ERROR.code, PARSE_ERROR.name
        ),
        Error::Detect(d) => eprintln!(
            "{shown}:1:1: error[{}] {d} ({}); pass --kind",
            UNKNOWN_KIND.code, UNKNOWN_KIND.name
        ),
    }
    Status::Findings
}

fn emit(file: &Path, shown: &str, write: bool, text: &str) -> Status {
    if write {
        if let Err(e) = atomic::write(file, text.as_bytes()) {
            error(format!(
                "{shown}: not rewritten ({}); the file is unchanged",
                io_message(&e)
            ));
            return Status::Failure;
        }
        Status::Ok
    } else {
        stdout(text);
        Status::Ok
    }
}

pub fn normalize(args: RewriteArgs) -> Status {
    let (shown, bytes) = match read_input(&args.file, args.write) {
        Ok(x) => x,
        Err(s) => return s,
    };
    let opts = rewrite_options(&args);
    let result =
        mfalint::decode(&bytes, &opts).and_then(|text| mfalint::normalize(text, args.kind, &opts));
    let n = match result {
        Ok(n) => n,
        Err(e) => return report_error(&shown, &e),
    };
    for f in &n.filled {
        eprintln!("{shown}: filled {} = {}", f.pointer, f.value);
    }
    if n.filled.is_empty() {
        eprintln!("{shown}: nothing to fill ({})", n.kind);
    }
    emit(&args.file, &shown, args.write, &n.text)
}

/// Library defaults with the command line's parser limits.
fn rewrite_options(args: &RewriteArgs) -> Options {
    let mut opts = Options::default();
    args.limits.apply(&mut opts.limits);
    opts
}

pub fn redact(args: RewriteArgs) -> Status {
    let (shown, bytes) = match read_input(&args.file, args.write) {
        Ok(x) => x,
        Err(s) => return s,
    };
    let opts = rewrite_options(&args);
    let result = mfalint::decode(&bytes, &opts).and_then(|text| mfalint::redact(text, &opts));
    match result {
        Ok(text) => emit(&args.file, &shown, args.write, &text),
        Err(e) => report_error(&shown, &e),
    }
}

pub fn schema(args: SchemaArgs) -> Status {
    if let Some(kind) = args.kind {
        let mut text = mfalint::schema(kind).to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        stdout(&text);
        return Status::Ok;
    }
    let mut status = Status::Ok;
    for file in args.check.unwrap_or_default() {
        let shown = file.display().to_string();
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(kind) = name.strip_suffix(".schema.json").and_then(Kind::from_id) else {
            error(format!(
                "{shown}: not named <kind-id>.schema.json (kinds: {})",
                Kind::ALL.map(|k| k.id()).join(", ")
            ));
            status = status.max(Status::Failure);
            continue;
        };
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                error(format!("{shown}: {}", io_message(&e)));
                status = status.max(Status::Failure);
                continue;
            }
        };
        let ours: serde_json::Value =
            serde_json::from_str(mfalint::schema(kind)).expect("built-in schemas are JSON");
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(v) if v == ours => {}
            Ok(_) => {
                eprintln!(
                    "{shown}: differs from mfalint {}'s {kind} schema; regenerate it with `mfalint schema {kind} > {shown}`",
                    env!("CARGO_PKG_VERSION")
                );
                status = status.max(Status::Findings);
            }
            Err(e) => {
                eprintln!("{shown}: not valid JSON: {e}");
                status = status.max(Status::Findings);
            }
        }
    }
    status
}
