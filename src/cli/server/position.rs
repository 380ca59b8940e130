//! Byte offsets into a document's text and LSP positions: a line and a
//! column counted in UTF-16 code units, the protocol's default encoding.
//! `\n`, `\r\n` and a lone `\r` each end a line, as the protocol says.

use lsp_types::{Position, Range};

use crate::json::Span;

/// Where each line of a text starts, for converting in both directions.
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of each line's first character; the first is 0.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { text, starts }
    }

    /// The position of byte `offset` (clamped to the text and moved back to
    /// a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position {
            line: saturate(line),
            character: saturate(character),
        }
    }

    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }

    /// The byte offset of `pos`. A line past the end is the end of the
    /// text; a column past the end of its line is the line's end (before
    /// its line break), and one inside a surrogate pair is the character's
    /// start, as the protocol asks of servers.
    pub fn offset(&self, pos: Position) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self.line_end(line);
        let mut units = 0usize;
        for (i, c) in self.text[start..end].char_indices() {
            units += c.len_utf16();
            if units > pos.character as usize {
                return start + i;
            }
        }
        end
    }

    /// The byte offset where line `line`'s content ends (its break excluded).
    fn line_end(&self, line: usize) -> usize {
        let next = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = &self.text[self.starts[line]..next];
        let trimmed = content
            .strip_suffix("\r\n")
            .or_else(|| content.strip_suffix('\n'))
            .or_else(|| content.strip_suffix('\r'))
            .unwrap_or(content);
        self.starts[line] + trimmed.len()
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn columns_count_utf16_code_units() {
        // `é` is 2 bytes and 1 unit; `😀` 4 bytes and 2 units; `中` 3 and 1.
        let text = "{\"é😀中\": 1}";
        let ix = LineIndex::new(text);
        let colon = text.find(':').unwrap();
        assert_eq!(colon, 1 + 1 + 2 + 4 + 3 + 1);
        assert_eq!(ix.position(colon), pos(0, 1 + 1 + 1 + 2 + 1 + 1));
        assert_eq!(ix.offset(pos(0, 7)), colon);
        for (offset, _) in text.char_indices() {
            assert_eq!(ix.offset(ix.position(offset)), offset, "at {offset}");
        }
    }

    #[test]
    fn every_line_break_ends_a_line() {
        let text = "a\r\nbé\rc\nd";
        let ix = LineIndex::new(text);
        assert_eq!(ix.position(text.find('b').unwrap()), pos(1, 0));
        assert_eq!(ix.position(text.find('c').unwrap()), pos(2, 0));
        assert_eq!(ix.position(text.find('d').unwrap()), pos(3, 0));
        assert_eq!(ix.position(text.len()), pos(3, 1));
        // A column past a line's end is its end, before its break.
        assert_eq!(ix.offset(pos(0, 5)), 1);
        assert_eq!(ix.offset(pos(1, 5)), text.rfind('\r').unwrap());
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\ncd";
        let ix = LineIndex::new(text);
        assert_eq!(ix.offset(pos(0, 99)), 2);
        assert_eq!(ix.offset(pos(9, 0)), text.len());
        assert_eq!(ix.position(999), pos(1, 2));
        // Inside a surrogate pair: the character's start.
        let ix = LineIndex::new("😀x");
        assert_eq!(ix.offset(pos(0, 1)), 0);
        assert_eq!(ix.offset(pos(0, 2)), 4);
        // Inside a multi-byte character: its start.
        let ix = LineIndex::new("é");
        assert_eq!(ix.position(1), pos(0, 0));
    }
}
