//! serde_json's pretty layout (two-space indent) for a value that sits
//! `depth` levels deep in a larger document, so its text can be rendered on
//! its own (on any thread) and spliced in without re-indenting.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

/// Appends `value` to `out`, laid out as `serde_json::to_writer_pretty`
/// would print it at `depth` levels of nesting (its first line unindented).
pub fn write(out: &mut Vec<u8>, value: &impl Serialize, depth: usize) {
    let mut ser = Serializer::with_formatter(
        out,
        NestedPretty {
            depth,
            has_value: false,
        },
    );
    value
        .serialize(&mut ser)
        .expect("in-memory JSON values serialize");
}

/// serde_json's `PrettyFormatter` with the indent fixed at two spaces and a
/// starting depth (its own fields are private).
struct NestedPretty {
    depth: usize,
    has_value: bool,
}

impl NestedPretty {
    fn newline<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        const SPACES: &[u8; 64] = &[b' '; 64];
        w.write_all(if comma { b",\n" } else { b"\n" })?;
        let mut n = self.depth * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w, false)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for NestedPretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// Spliced at its depth, the text is what serde_json prints for the
    /// whole document.
    #[test]
    fn matches_serde_jsons_pretty_layout_at_depth() {
        let inner = json!({"a": [1, {"b": [], "c": {}}, [[]]], "d": "x\ny", "e": {"f": null}});
        for depth in [0, 1, 2, 40] {
            let mut doc = inner.clone();
            for _ in 0..depth {
                doc = json!([doc]);
            }
            let whole = serde_json::to_string_pretty(&doc).unwrap();
            let mut ours = Vec::new();
            super::write(&mut ours, &inner, depth);
            let ours = String::from_utf8(ours).unwrap();
            let mut expected = String::new();
            for i in 0..depth {
                expected.push_str(&"  ".repeat(i));
                expected.push_str("[\n");
            }
            expected.push_str(&"  ".repeat(depth));
            expected.push_str(&ours);
            for i in (0..depth).rev() {
                expected.push('\n');
                expected.push_str(&"  ".repeat(i));
                expected.push(']');
            }
            assert_eq!(expected, whole, "depth {depth}");
        }
    }
}
