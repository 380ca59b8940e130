//! Output formats of `mfalint check`, one module each. None of them prints
//! a secret: the core's messages and pointers never hold one, and excerpts
//! are masked (`super::excerpt`).

mod github;
mod human;
mod json;
mod sarif;

use super::args::Format;
use super::commands::Run;
use super::Console;

/// Writes `run` in `format` to stdout. A failed write stops the output;
/// the console turns it into the run's status.
pub fn print(format: Format, run: &Run, console: &mut Console) {
    let _ = match format {
        Format::Human => human::write(run, console),
        Format::Json => json::write(run, console),
        Format::Sarif => sarif::write(run, console),
        Format::Github => github::write(run, console),
    };
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
