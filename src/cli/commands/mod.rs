//! One module per subcommand.

mod check;
mod info;
mod rewrite;
mod schema;

pub(crate) use check::{counts, file_counts, panic_hook, FileProblem, FileResult, Run};

use super::args::Command;
use super::{Console, Status};

pub(crate) fn run(command: Command, console: &mut Console) -> Status {
    match command {
        Command::Check(a) => check::run(a, console),
        Command::Rules(a) => info::rules(a, console),
        Command::Explain(a) => info::explain(a, console),
        Command::Normalize(a) => rewrite::normalize(a, console),
        Command::Redact(a) => rewrite::redact(a, console),
        Command::Schema(a) => schema::run(a, console),
        Command::Server => {
            // The server owns the process's stdin and stdout (see `main`).
            console.error("`mfalint server` speaks LSP on the process's own stdin and stdout: run the mfalint binary");
            Status::Failure
        }
    }
}
