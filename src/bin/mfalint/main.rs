//! `mfalint`: lints MFA server profile payload files.
//!
//! Exit codes: 0 nothing at or above `--fail-on`, 1 findings at or above it
//! (or a subcommand's input is not a valid payload), 2 usage, configuration
//! or I/O error.

mod atomic;
mod check;
mod cli;
mod config;
mod diag;
mod excerpt;
mod files;
mod json_report;
mod nested_pretty;
mod parallel;
mod render;
mod rules;
mod subcommands;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Exit status of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Ok = 0,
    Findings = 1,
    Failure = 2,
}

impl Status {
    pub fn code(self) -> ExitCode {
        ExitCode::from(self as u8)
    }
}

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let status = match args.command {
        cli::Command::Check(a) => check::run(a),
        cli::Command::Rules(a) => subcommands::rules(a),
        cli::Command::Explain(a) => subcommands::explain(a),
        cli::Command::Normalize(a) => subcommands::normalize(a),
        cli::Command::Redact(a) => subcommands::redact(a),
        cli::Command::Schema(a) => subcommands::schema(a),
    };
    let _ = std::io::stdout().flush();
    status.code()
}

/// Prints `mfalint: error: {msg}` to stderr, control characters escaped.
pub fn error(msg: impl std::fmt::Display) {
    eprintln!("mfalint: error: {}", excerpt::printable(&msg.to_string()));
}
