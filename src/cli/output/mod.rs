//! Output formats of `mfalint check`, one module each. None of them prints
//! a secret: the core's messages and pointers never hold one, and excerpts
//! are masked (`super::excerpt`).

mod github;
mod human;
mod json;
mod sarif;

use std::io::{BufWriter, Write};

use super::args::Format;
use super::commands::Run;
use super::Console;

/// Writes `run` in `format` to stdout. A failed write stops the output;
/// the console turns it into the run's status.
pub fn print(format: Format, run: &Run, console: &mut Console) {
    // Renderers write a few bytes at a time (serde every token and every
    // indent on its own): buffered here, each is a copy, not a call through
    // the console's `dyn Write`. Unbuffered, writing the JSON report of
    // 10,000 files took longer than checking them (`scripts/bench-cli.sh`).
    let mut out = BufWriter::with_capacity(1 << 16, console);
    let written = match format {
        Format::Human => human::write(run, &mut out),
        Format::Json => json::write(run, &mut out),
        Format::Sarif => sarif::write(run, &mut out),
        Format::Github => github::write(run, &mut out),
    };
    if written.is_ok() {
        let _ = out.flush();
    }
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
