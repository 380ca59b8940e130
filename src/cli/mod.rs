//! The `mfalint` command line (feature `cli`): argument parsing, file
//! discovery, configuration, output formats and in-place rewrites.
//!
//! It lives in the library rather than in the binary so that the tests and
//! the fuzz targets drive exactly what the binary runs, in-process:
//! [`run`] takes the arguments and the three standard streams, and returns
//! the exit status. The binary is [`main`]. This module is the command
//! line's engine, not a stable library API.
//!
//! Exit codes: 0 nothing at or above `--fail-on`, 1 findings at or above
//! it (or a subcommand's input is not a valid payload), 2 usage,
//! configuration, I/O or output error.

pub mod args;
mod atomic_write;
mod commands;
mod config;
mod console;
mod excerpt;
mod files;
mod locate;
mod output;
mod parallel;
pub(crate) mod path_filter;
mod server;

use std::ffi::OsString;
use std::io::{BufWriter, Read, Write};
use std::process::ExitCode;

use clap::Parser;

pub use console::printable;
pub(crate) use console::Console;

/// Exit status of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Ok = 0,
    Findings = 1,
    Failure = 2,
}

impl Status {
    pub fn code(self) -> i32 {
        self as i32
    }
}

/// The standard streams of a run: the process's own in [`main`], buffers
/// in tests.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
}

/// The `mfalint` binary: [`run`] on the process's arguments and streams.
pub fn main() -> ExitCode {
    install_panic_hook();
    // The language server reads and writes the standard streams from its
    // own threads: it runs before they are locked for the other commands.
    let args: Vec<OsString> = std::env::args_os().collect();
    if let Ok(args::Cli {
        command: args::Command::Server,
    }) = args::Cli::try_parse_from(&args)
    {
        return server::main();
    }
    let mut stdin = std::io::stdin().lock();
    // Reports of thousands of files are written in big blocks.
    let mut stdout = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut stderr = std::io::stderr().lock();
    let status = run(
        args,
        Io {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
    );
    ExitCode::from(status.code() as u8)
}

/// A panic's default message can quote the text being processed (a string
/// slice out of bounds prints the string), which may hold a secret: the
/// binary says where it happened and nothing else. A panic while checking
/// one file is contained and reported as that file not being checked.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "mfalint: internal error{at} (a bug in mfalint; its message is withheld because it may quote the input)"
        );
    }));
}

/// Runs the command line `args` (the program name first) on `io`.
pub fn run<I, T>(args: I, io: Io) -> Status
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut console = Console::new(io);
    let status = match args::Cli::try_parse_from(args) {
        Ok(cli) => commands::run(cli.command, &mut console),
        Err(e) => {
            let text = e.render().to_string();
            if e.use_stderr() {
                console.err_raw(&text);
                Status::Failure
            } else {
                console.out(text.as_bytes());
                Status::Ok
            }
        }
    };
    console.finish(status)
}
