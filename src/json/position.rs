/// A 1-based line and column; columns count Unicode scalar values, so a
/// tab or an `é` is one column. `\r\n` and `\n` both end a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Line and column of byte `offset` in `text` (clamped to the text).
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    LineCol { line, column }
}

/// Answers [`line_col`] for many offsets into one text in O(log n) each
/// (plus at most 1,024 bytes of counting), where
/// [`line_col`] scans the text up to the offset every time. Use it when
/// locating every finding of a file: with 100,000 findings, repeated
/// [`line_col`] calls are quadratic.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
    /// `(byte offset, chars before it)` every [`LineIndex::CHUNK`] bytes, on
    /// char boundaries.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    const CHUNK: usize = 1024;

    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut checkpoints = vec![(0, 0)];
        let (mut at, mut chars) = (0, 0);
        while at + Self::CHUNK < text.len() {
            let mut next = at + Self::CHUNK;
            while !text.is_char_boundary(next) {
                next -= 1;
            }
            chars += text[at..next].chars().count();
            at = next;
            checkpoints.push((at, chars));
        }
        LineIndex {
            text,
            line_starts,
            checkpoints,
        }
    }

    /// Chars before byte `offset` (a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(at, _)| at <= offset) - 1;
        let (at, chars) = self.checkpoints[i];
        chars + self.text[at..offset].chars().count()
    }

    /// The same as [`line_col`]`(text, offset)`.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        LineCol {
            line,
            column: self.chars_before(offset) - self.chars_before(start) + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_col() {
        let long = "é".repeat(3000);
        for text in [
            "",
            "a",
            "\n",
            "ab\ncd\r\nef\n",
            "é\u{1f600}x\n\n\u{1f600}",
            &format!("{long}\n{long}x\r\n{long}"),
        ] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(index.line_col(offset), line_col(text, offset), "{offset}");
            }
        }
    }
}
