/// A 1-based line and column; columns count Unicode scalar values, so a
/// tab or an `é` is one column. `\n`, `\r\n` and a lone `\r` each end a
/// line, as editors and the Language Server Protocol count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Counts lines and characters forward through a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cursor {
    /// Byte offset reached (a char boundary).
    offset: usize,
    /// Line breaks before `offset`.
    breaks: usize,
    /// Characters before `offset`.
    chars: usize,
    /// Characters before the start of the line holding `offset`.
    line_start_chars: usize,
}

impl Cursor {
    const START: Cursor = Cursor {
        offset: 0,
        breaks: 0,
        chars: 0,
        line_start_chars: 0,
    };

    /// Moves to `target` (a char boundary at or after `offset`).
    fn advance(&mut self, text: &str, target: usize) {
        let bytes = text.as_bytes();
        let mut at = self.offset;
        while at < target {
            let b = bytes[at];
            // One byte of every character is not a continuation byte.
            if b & 0xC0 != 0x80 {
                self.chars += 1;
            }
            // A `\r` is a break unless a `\n` follows (then that one is).
            if b == b'\n' || b == b'\r' && bytes.get(at + 1) != Some(&b'\n') {
                self.breaks += 1;
                self.line_start_chars = self.chars;
            }
            at += 1;
        }
        self.offset = target;
    }

    fn line_col(&self) -> LineCol {
        LineCol {
            line: self.breaks + 1,
            column: self.chars - self.line_start_chars + 1,
        }
    }
}

/// `offset` clamped to the text and moved back to a char boundary.
fn boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Line and column of byte `offset` in `text` (clamped to the text). It
/// scans the text up to the offset: for many offsets, use a [`LineIndex`].
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let mut c = Cursor::START;
    c.advance(text, boundary(text, offset));
    c.line_col()
}

/// [`line_col`] of each of `offsets` (in their order), in one pass over
/// the text up to the last of them: the cheapest way to place a file's
/// findings, which come all at once.
pub fn line_cols(text: &str, offsets: &[usize]) -> Vec<LineCol> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![LineCol { line: 1, column: 1 }; offsets.len()];
    let mut c = Cursor::START;
    for i in order {
        // `boundary` never moves back past an earlier, smaller offset.
        c.advance(text, boundary(text, offsets[i]));
        out[i] = c.line_col();
    }
    out
}

/// Answers [`line_col`] for many offsets into one text, each by counting
/// at most `LineIndex::CHUNK` bytes from the nearest checkpoint before
/// it, where [`line_col`] scans the text up to the offset every time (with
/// 100,000 findings, quadratic). It keeps one checkpoint per chunk, not one
/// entry per line: a file of 60 million line breaks costs a few megabytes
/// here, not half a gigabyte.
pub struct LineIndex<'a> {
    text: &'a str,
    /// The counts at every chunk's first char boundary, in order.
    checkpoints: Vec<Cursor>,
}

impl<'a> LineIndex<'a> {
    const CHUNK: usize = 512;

    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / Self::CHUNK + 1);
        let mut c = Cursor::START;
        checkpoints.push(c);
        let mut at = Self::CHUNK;
        while at < text.len() {
            let target = boundary(text, at);
            if target > c.offset {
                c.advance(text, target);
                checkpoints.push(c);
            }
            at += Self::CHUNK;
        }
        LineIndex { text, checkpoints }
    }

    /// The same as [`line_col`]`(text, offset)`.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = boundary(self.text, offset);
        let i = self.checkpoints.partition_point(|c| c.offset <= offset) - 1;
        let mut c = self.checkpoints[i];
        c.advance(self.text, offset);
        c.line_col()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: lines split at `\r\n`, `\n` or `\r`; columns in chars.
    fn naive(text: &str, offset: usize) -> LineCol {
        let end = boundary(text, offset);
        let (mut line, mut column) = (1, 1);
        for (i, c) in text[..end].char_indices() {
            let crlf = c == '\r' && text[i + 1..].starts_with('\n');
            if c == '\n' || c == '\r' && !crlf {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        LineCol { line, column }
    }

    #[test]
    fn line_index_agrees_with_line_col_and_the_definition() {
        let long = "é".repeat(400);
        for text in [
            "",
            "a",
            "\n",
            "\r",
            "\r\n",
            "ab\ncd\r\nef\n",
            "a\rb\r\rc\r\n\rd",
            "é\u{1f600}x\n\n\u{1f600}",
            &format!("{long}\n{long}x\r\n{long}\r{long}"),
            &"\r\n".repeat(700),
        ] {
            let index = LineIndex::new(text);
            // Every offset, and in a scrambled order for `line_cols`.
            let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
            for offset in offsets.iter().copied() {
                let expected = naive(text, offset);
                assert_eq!(line_col(text, offset), expected, "{text:?} at {offset}");
                assert_eq!(index.line_col(offset), expected, "{offset}");
            }
            offsets.reverse();
            let third = offsets.len() / 3;
            offsets.rotate_left(third);
            let expected: Vec<LineCol> = offsets.iter().map(|&o| naive(text, o)).collect();
            assert_eq!(line_cols(text, &offsets), expected, "{text:?}");
        }
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let text = "{\r\"a\": 1,\r\"b\": x}";
        let at = text.find('x').unwrap();
        assert_eq!(line_col(text, at), LineCol { line: 3, column: 6 });
        // The `\n` of a `\r\n` ends the line the `\r` is on.
        let text = "a\r\nb";
        assert_eq!(line_col(text, 1), LineCol { line: 1, column: 2 });
        assert_eq!(line_col(text, 2), LineCol { line: 1, column: 3 });
        assert_eq!(line_col(text, 3), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn memory_is_a_checkpoint_per_chunk_not_an_entry_per_line() {
        let text = "\n".repeat(1 << 20);
        let index = LineIndex::new(&text);
        assert_eq!(index.checkpoints.len(), (1 << 20) / LineIndex::CHUNK);
        assert_eq!(index.line_col(text.len()).line, (1 << 20) + 1);
    }
}
