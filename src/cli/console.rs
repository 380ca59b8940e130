//! The run's streams: every byte the command line prints goes through a
//! [`Console`], which remembers write failures so that no failed output is
//! reported as success, and escapes what a terminal would act on.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::{self, Read, Write};

use super::{Io, Status};

pub(crate) struct Console<'a> {
    stdin: &'a mut dyn Read,
    stdout: &'a mut dyn Write,
    stderr: &'a mut dyn Write,
    /// The first failure writing stdout. A closed pipe (`| head`) stops the
    /// output quietly; any other failure fails the run.
    stdout_failed: Option<io::Error>,
    /// stderr could not be written: the run fails (there is nowhere to say
    /// why).
    stderr_failed: bool,
}

impl<'a> Console<'a> {
    pub fn new(io: Io<'a>) -> Self {
        Console {
            stdin: io.stdin,
            stdout: io.stdout,
            stderr: io.stderr,
            stdout_failed: None,
            stderr_failed: false,
        }
    }

    pub fn stdin(&mut self) -> &mut dyn Read {
        &mut *self.stdin
    }

    /// Writes to stdout, unless an earlier write failed.
    pub fn out(&mut self, bytes: &[u8]) {
        if self.stdout_failed.is_none() {
            if let Err(e) = self.stdout.write_all(bytes) {
                self.stdout_failed = Some(e);
            }
        }
    }

    /// `mfalint: error: {message}` on stderr, unsafe characters escaped.
    pub fn error(&mut self, message: impl Display) {
        let line = format!("mfalint: error: {}\n", printable(&message.to_string()));
        self.err_bytes(&line);
    }

    /// One line on stderr, unsafe characters escaped.
    pub fn note(&mut self, message: impl Display) {
        let line = format!("{}\n", printable(&message.to_string()));
        self.err_bytes(&line);
    }

    /// Text of several lines on stderr (clap's own messages, which quote
    /// the arguments): unsafe characters other than the line breaks are
    /// escaped.
    pub fn err_raw(&mut self, text: &str) {
        self.err_bytes(&printable_lines(text));
    }

    /// Text on stderr as it is: already escaped.
    fn err_bytes(&mut self, text: &str) {
        if !self.stderr_failed && self.stderr.write_all(text.as_bytes()).is_err() {
            self.stderr_failed = true;
        }
    }

    /// Flushes stdout and turns any output failure into the run's status:
    /// a failed write is exit 2 with a message (when stderr still works); a
    /// closed pipe is quiet and keeps the status.
    pub fn finish(mut self, status: Status) -> Status {
        if self.stdout_failed.is_none() {
            if let Err(e) = self.stdout.flush() {
                self.stdout_failed = Some(e);
            }
        }
        let mut status = status;
        match self.stdout_failed.take() {
            Some(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            Some(e) => {
                self.error(format_args!(
                    "cannot write the output: {}",
                    super::files::io_message(&e)
                ));
                status = Status::Failure;
            }
            None => {}
        }
        if self.stderr.flush().is_err() {
            self.stderr_failed = true;
        }
        if self.stderr_failed {
            status = Status::Failure;
        }
        status
    }
}

/// Stdout as a writer, for renderers and serializers: a failed write is
/// remembered (see [`Console::finish`]) and stops the renderer.
impl Write for Console<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out(buf);
        match &self.stdout_failed {
            None => Ok(buf.len()),
            Some(e) => Err(io::Error::new(e.kind(), "stdout failed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        // Flushed once, by `finish`.
        Ok(())
    }
}

/// Characters a terminal would act on rather than show: controls (other
/// than tab) and bidirectional overrides ("Trojan Source").
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// `s` with unsafe characters written as `\u{..}` escapes: every path and
/// message the command line prints for people goes through here.
pub fn printable(s: &str) -> Cow<'_, str> {
    // Printable ASCII (most paths and messages) is decided byte by byte.
    let ascii_safe = |b: &u8| matches!(b, b' '..=b'~' | b'\t');
    if s.as_bytes().iter().all(ascii_safe) || !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_unsafe(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// [`printable`] line by line: the line breaks are kept.
pub fn printable_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.split_inclusive('\n')
            .map(|line| match line.strip_suffix('\n') {
                Some(l) => format!("{}\n", printable(l)),
                None => printable(line).into_owned(),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_escapes_only_unsafe_characters() {
        for safe in ["plain ascii ~", "tab\there", "é and 😀"] {
            assert!(
                matches!(printable(safe), Cow::Borrowed(s) if s == safe),
                "{safe:?}"
            );
        }
        assert_eq!(printable("del\u{7f}"), "del\\u{7f}");
        assert_eq!(printable("esc\u{1b}[2J"), "esc\\u{1b}[2J");
        assert_eq!(printable("rtl\u{202e}x"), "rtl\\u{202e}x");
    }

    #[test]
    fn printable_lines_keeps_the_line_breaks() {
        let plain = "error: one\n\ntwo\n";
        assert!(matches!(printable_lines(plain), Cow::Borrowed(s) if s == plain));
        assert_eq!(
            printable_lines("error: 'a\rb\u{202e}'\nmore\u{1b}"),
            "error: 'a\\u{d}b\\u{202e}'\nmore\\u{1b}"
        );
    }

    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(self.0))
        }
    }

    fn finish_with(stdout: &mut dyn Write, stderr: &mut dyn Write) -> Status {
        let mut stdin = io::empty();
        let mut c = Console::new(Io {
            stdin: &mut stdin,
            stdout,
            stderr,
        });
        c.out(b"report");
        c.finish(Status::Ok)
    }

    #[test]
    fn a_failed_stdout_is_exit_2_with_a_message() {
        let mut err = Vec::new();
        let status = finish_with(&mut Failing(io::ErrorKind::StorageFull), &mut err);
        assert_eq!(status, Status::Failure);
        let err = String::from_utf8(err).unwrap();
        assert!(
            err.starts_with("mfalint: error: cannot write the output"),
            "{err}"
        );
    }

    #[test]
    fn a_closed_pipe_is_quiet() {
        let mut err = Vec::new();
        let status = finish_with(&mut Failing(io::ErrorKind::BrokenPipe), &mut err);
        assert_eq!(status, Status::Ok);
        assert!(err.is_empty());
    }

    #[test]
    fn a_failed_stderr_fails_the_run() {
        let mut out = Vec::new();
        let mut stdin = io::empty();
        let mut err = Failing(io::ErrorKind::StorageFull);
        let mut c = Console::new(Io {
            stdin: &mut stdin,
            stdout: &mut out,
            stderr: &mut err,
        });
        c.note("a warning");
        assert_eq!(c.finish(Status::Ok), Status::Failure);
    }
}
