//! Source excerpts with every secret masked.
//!
//! Secret values are found twice over: from the parsed tree (exact, every
//! duplicate) when the file parses, and by a tolerant scan of the text
//! (`"secret_key": value`) that also works on files that do not parse.
//! Lines of a file that does not parse are also cut after any secret key
//! name they contain, in case the scan lost track of the strings.

use std::ops::Range;

use mfalint::json::{Node, Value};
use mfalint::{is_secret_key, SECRET_KEYS};

/// Byte ranges of secret values, with what to show instead.
#[derive(Debug, Default, Clone)]
pub struct Secrets {
    /// Sorted by start.
    spans: Vec<(Range<usize>, String)>,
    /// `max_end[i]`: the largest end among `spans[..=i]`, so the spans
    /// touching a window are found without scanning them all.
    max_end: Vec<usize>,
}

const HIDDEN: &str = "********";

impl Secrets {
    /// Secrets of a file that parsed.
    pub fn from_tree(text: &str, root: &Node) -> Secrets {
        let mut spans = Vec::new();
        tree_spans(root, &mut spans);
        spans.extend(scan(text));
        Secrets::sorted(spans)
    }

    fn sorted(mut spans: Vec<(Range<usize>, String)>) -> Secrets {
        spans.sort_by_key(|(r, _)| r.start);
        let max_end = spans
            .iter()
            .scan(0, |m, (r, _)| {
                *m = r.end.max(*m);
                Some(*m)
            })
            .collect();
        Secrets { spans, max_end }
    }

    /// Secrets of a file that did not parse: the scan may lose track of
    /// strings there, so every line naming a secret key is also cut after
    /// the name, and when nothing follows the name on its line, the next
    /// non-blank line is hidden whole.
    pub fn from_text(text: &str) -> Secrets {
        let mut spans = scan(text);
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            let content = line.strip_suffix('\r').unwrap_or(line);
            lines.push((start, content));
            start += line.len() + 1;
        }
        for (n, (start, line)) in lines.iter().enumerate() {
            let Some(end_of_key) = SECRET_KEYS
                .iter()
                .filter_map(|k| line.find(k).map(|i| i + k.len()))
                .min()
            else {
                continue;
            };
            spans.push((
                start + end_of_key..start + line.len(),
                "\": ********".to_string(),
            ));
            let end_of_last_key = SECRET_KEYS
                .iter()
                .filter_map(|k| line.rfind(k).map(|i| i + k.len()))
                .max()
                .unwrap_or(end_of_key);
            let rest = &line[end_of_last_key..];
            if rest
                .trim_matches(|c: char| c == '"' || c == ':' || c.is_whitespace())
                .is_empty()
            {
                if let Some((next_start, next)) =
                    lines[n + 1..].iter().find(|(_, l)| !l.trim().is_empty())
                {
                    let indent = next.len() - next.trim_start().len();
                    spans.push((
                        next_start + indent..next_start + next.len(),
                        HIDDEN.to_string(),
                    ));
                }
            }
        }
        Secrets::sorted(spans)
    }

    /// `line` (bytes `start..start+line.len()` of the text) with secrets
    /// replaced, and a map from byte offsets in the line to character
    /// columns (0-based) of the result.
    fn mask_line(&self, line: &str, start: usize) -> (String, Vec<usize>) {
        let end = start + line.len();
        let before_end = self.spans.partition_point(|(r, _)| r.start < end);
        let cuts: Vec<(Range<usize>, &str)> = (0..before_end)
            .rev()
            .take_while(|&i| self.max_end[i] > start)
            .map(|i| &self.spans[i])
            .filter(|(r, _)| r.end > start)
            .map(|(r, shown)| {
                let r = r.start.max(start) - start..r.end.min(end) - start;
                (r, shown.as_str())
            })
            .collect();
        let mut out = String::new();
        let mut cols = vec![0; line.len() + 1];
        let mut col = 0;
        let mut i = 0;
        while i < line.len() {
            let covering = cuts
                .iter()
                .filter(|(r, _)| r.start <= i && i < r.end)
                .max_by_key(|(r, _)| r.end);
            if let Some((r, shown)) = covering {
                for c in &mut cols[i..r.end] {
                    *c = col;
                }
                out.push_str(shown);
                col += shown.chars().count();
                i = r.end;
                continue;
            }
            // A run of printable ASCII up to the next cut is copied whole,
            // one column per byte (most of a JSON line).
            let next_cut = cuts
                .iter()
                .map(|(r, _)| r.start)
                .filter(|&s| s > i)
                .min()
                .unwrap_or(line.len());
            let run = line.as_bytes()[i..next_cut]
                .iter()
                .take_while(|b| matches!(b, b' '..=b'~'))
                .count();
            if run > 0 {
                out.push_str(&line[i..i + run]);
                for (c, n) in cols[i..i + run].iter_mut().zip(col..) {
                    *c = n;
                }
                col += run;
                i += run;
                continue;
            }
            let ch = line[i..].chars().next().unwrap_or(' ');
            for c in &mut cols[i..i + ch.len_utf8()] {
                *c = col;
            }
            out.push(if is_unsafe(ch) { '\u{FFFD}' } else { ch });
            col += 1;
            i += ch.len_utf8();
        }
        cols[line.len()] = col;
        (out, cols)
    }

    /// The line holding byte `at`, masked, with the marker under
    /// `at..until` (clipped to the line), e.g.
    /// ```text
    ///   9 |       "okta_token": "********",
    ///     |                     ^^^^^^^^^^
    /// ```
    pub fn excerpt(&self, text: &str, line_no: usize, at: usize, until: usize) -> String {
        let floor = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let at = floor(at);
        // Only the bytes near the marker are searched and masked: a minified
        // file is one long line, and each of its findings must not cost the
        // whole line. REACH bytes hold the 100-character window in any script.
        const REACH: usize = 4 * 160;
        let reach_start = floor(at.saturating_sub(REACH));
        let line_start = text[reach_start..at]
            .rfind('\n')
            .map_or(reach_start, |i| reach_start + i + 1);
        let reach_end = floor(at.saturating_add(REACH));
        let line_end = text[at..reach_end].find('\n').map_or(reach_end, |i| at + i);
        let cut_before = line_start > 0 && text.as_bytes()[line_start - 1] != b'\n';
        let cut_after = line_end < text.len() && text.as_bytes()[line_end] != b'\n';
        let mut line = &text[line_start..line_end];
        if let Some(l) = line.strip_suffix('\r') {
            line = l;
        }
        let (shown, cols) = self.mask_line(line, line_start);
        let from = (at - line_start).min(line.len());
        let to = until.saturating_sub(line_start).clamp(from, line.len());
        let a = cols[from];
        let mut b = cols[to].max(a + 1);
        let chars: Vec<char> = shown.chars().collect();
        // Minified files: show a window around the marker.
        const WIDTH: usize = 100;
        let n = chars.len();
        let (mut lo, mut hi) = (0, n);
        if n > WIDTH {
            lo = a.saturating_sub(30);
            hi = (lo + WIDTH).min(n);
            if hi - lo < WIDTH {
                lo = hi.saturating_sub(WIDTH);
            }
        }
        b = b.min(hi.max(a + 1));
        let mut body = String::new();
        let mut prefix = String::new();
        if lo > 0 || cut_before {
            body.push_str("...");
            prefix.push_str("   ");
        }
        body.extend(&chars[lo..hi]);
        if hi < n || cut_after {
            body.push_str("...");
        }
        let marker_prefix: String = prefix
            .chars()
            .chain(chars[lo..a.min(hi)].iter().copied())
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let width = b.saturating_sub(a).max(1);
        let gutter = line_no.to_string().len().max(3);
        format!(
            "{:>gutter$} | {}\n{:>gutter$} | {}{}",
            line_no,
            body.trim_end(),
            "",
            marker_prefix,
            "^".repeat(width),
        )
    }
}

/// Characters a terminal would act on rather than show: controls (other
/// than tab) and bidirectional overrides ("Trojan Source").
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// `s` with unsafe characters written as `\u{..}` escapes.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    // Printable ASCII (most paths and messages) is decided byte by byte.
    let ascii_safe = |b: &u8| matches!(b, b' '..=b'~' | b'\t');
    if s.as_bytes().iter().all(ascii_safe) || !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
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

fn tree_spans(node: &Node, out: &mut Vec<(Range<usize>, String)>) {
    match &node.value {
        Value::Object(members) => {
            for m in members {
                if is_secret_key(&m.key) && !m.value.is_null() {
                    let shown = match &m.value.value {
                        Value::String(_) => format!("\"{HIDDEN}\""),
                        _ => HIDDEN.to_string(),
                    };
                    out.push((m.value.span.start..m.value.span.end, shown));
                } else {
                    tree_spans(&m.value, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| tree_spans(i, out)),
        _ => {}
    }
}

/// The end of a string literal starting at `start` (a `"`): after the
/// closing quote, or at the end of the line when it is unterminated; and its
/// content, unescaped as far as possible.
fn scan_string(text: &str, start: usize) -> (usize, String) {
    let bytes = text.as_bytes();
    let mut i = start + 1;
    let mut content = String::new();
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return (i + 1, content),
            b'\n' | b'\r' => return (i, content),
            b'\\' => {
                let next = bytes.get(i + 1).copied();
                match next {
                    Some(b'u') => {
                        let hex = text.get(i + 2..i + 6).unwrap_or("");
                        if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                        {
                            content.push(c);
                            i += 6;
                        } else {
                            i += 2;
                        }
                    }
                    Some(b'\n' | b'\r') | None => i += 1,
                    Some(c) => {
                        content.push(c as char);
                        i += 2;
                    }
                }
            }
            _ => {
                let ch = text[i..].chars().next().unwrap_or(' ');
                content.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    (bytes.len(), content)
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(i) {
        i += 1;
    }
    i
}

/// Tolerant scan for `"secret_key" : value`: the value's bytes (a string to
/// its closing quote or the end of the line; anything else to the next `,`,
/// `}`, `]` or end of line).
fn scan(text: &str) -> Vec<(Range<usize>, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let (end, key) = scan_string(text, i);
        i = end.max(i + 1);
        if !is_secret_key(&key) {
            continue;
        }
        let j = skip_ws(bytes, end);
        if bytes.get(j) != Some(&b':') {
            continue;
        }
        let v = skip_ws(bytes, j + 1);
        if bytes.get(v) == Some(&b'"') {
            let (vend, _) = scan_string(text, v);
            out.push((v..vend, format!("\"{HIDDEN}\"")));
            i = vend.max(i);
        } else {
            let mut e = v;
            while e < bytes.len() && !matches!(bytes[e], b',' | b'}' | b']' | b'\n' | b'\r') {
                e += 1;
            }
            if e > v {
                out.push((v..e, HIDDEN.to_string()));
            }
            i = e.max(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets_of(text: &str) -> Secrets {
        match mfalint::parse(text, &mfalint::Options::default()) {
            Ok(root) => Secrets::from_tree(text, &root),
            Err(_) => Secrets::from_text(text),
        }
    }

    #[test]
    fn long_lines_show_a_masked_window_around_the_marker() {
        // One minified line: a long secret ends just inside the window of a
        // finding far to its right, and filler pushes both ends out of reach.
        let secret = "S".repeat(700);
        let text = format!(
            r#"{{"pad": "{}", "okta_token": "{secret}", "name": 42, "tail": "{}"}}"#,
            "p".repeat(5000),
            "t".repeat(5000)
        );
        let at = text.find("42").unwrap();
        let shown = secrets_of(&text).excerpt(&text, 1, at, at + 2);
        let (line, marker) = shown.split_once('\n').unwrap();
        assert!(
            line.starts_with("  1 | ...") && line.ends_with("..."),
            "{line}"
        );
        assert!(!line.contains("SSSS"), "secret shown: {line}");
        let caret = marker.find('^').unwrap();
        assert_eq!(&line[caret..caret + 2], "42", "{shown}");
    }

    #[test]
    fn masks_every_secret_on_a_line() {
        let text = r#"{"okta_token": "00aBcDeFgHiJkL", "name": "x", "okta_token": "ZZsecretZZ"}"#;
        let at = text.find("\"x\"").unwrap();
        let e = secrets_of(text).excerpt(text, 1, at, at + 3);
        assert!(!e.contains("aBcDeF"), "{e}");
        assert!(!e.contains("secret"), "{e}");
        assert!(e.contains("\"x\""), "{e}");
    }

    #[test]
    fn masks_secrets_in_files_that_do_not_parse() {
        for text in [
            "{\"okta_token\": \"hunter2hunter2\", \"a\": }",
            "{\"okta_token\": \"hunter2hunter2\n}",
            "{\"okta_token\": hunter2hunter2}",
            "{\"a\": \"b\"c\", \"okta_token\": \"hunter2hunter2\"}",
            "{\"okta_token\":\n  \"hunter2hunter2\" x}",
            "{\"okta\\u005ftoken\": \"hunter2hunter2\" x}",
            // Found by the property test below.
            "{\r\n\"okta_token\": hunter2hunter2}",
            "{\"k\": {\"okta_token\": null}, \"a\": \"b\"c\", \"okta_token\":\n  hunter2hunter2}",
        ] {
            let s = secrets_of(text);
            let mut start = 0;
            for (n, line) in text.split('\n').enumerate() {
                let e = s.excerpt(text, n + 1, start, start + 1);
                assert!(!e.contains("hunter"), "{text:?} -> {e}");
                start += line.len() + 1;
            }
        }
    }

    #[test]
    fn marker_follows_masking() {
        let text = "{\"okta_token\": \"abcdefghijklmnop\", \"okta_timeout\": 3}";
        let at = text.find('3').unwrap();
        let e = secrets_of(text).excerpt(text, 1, at, at + 1);
        let lines: Vec<&str> = e.lines().collect();
        let col = lines[1].find('^').unwrap();
        assert_eq!(&lines[0][col..col + 1], "3", "{e}");
    }

    #[test]
    fn printable_escapes_only_unsafe_characters() {
        use std::borrow::Cow;
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

    /// ASCII runs are copied whole; multi-byte characters take one column,
    /// unsafe ones are replaced, and a secret shows as its mask, however
    /// they alternate.
    #[test]
    fn masked_lines_map_bytes_to_columns() {
        let line = "{\"é\": \"a\u{202E}b\", \"okta_token\": \"s3cr3t-value\", \"ü\": 1}";
        let s = secrets_of(line);
        let (shown, cols) = s.mask_line(line, 0);
        assert_eq!(
            shown,
            "{\"é\": \"a\u{FFFD}b\", \"okta_token\": \"********\", \"ü\": 1}"
        );
        let chars: Vec<char> = shown.chars().collect();
        for (i, c) in line.char_indices() {
            // The quoted secret is one cut, shown as `"********"`: its bytes
            // map to where that starts.
            let masked = line
                .find("\"s3cr3t")
                .is_some_and(|at| (at..at + 14).contains(&i));
            let expected = match c {
                '\u{202E}' => '\u{FFFD}',
                _ if masked => '"',
                c => c,
            };
            assert_eq!(chars[cols[i]], expected, "byte {i} ({c:?})");
        }
        assert_eq!(cols[line.len()], chars.len());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Whatever surrounds a secret, and however the file is broken, no
        /// excerpt of any line shows it.
        #[test]
        fn no_excerpt_shows_a_secret(
            key in proptest::sample::select(SECRET_KEYS),
            secret in "ZQXJ[a-z0-9]{8}",
            before in proptest::collection::vec(proptest::sample::select(PIECES), 0..6),
            after in proptest::collection::vec(proptest::sample::select(PIECES), 0..6),
            sep in proptest::sample::select(&[": ", ":", " : ", ":\n  ", ":\r\n\t"][..]),
            quoted in proptest::bool::ANY,
        ) {
            let value = if quoted { format!("\"{secret}\"") } else { secret.clone() };
            let text = format!(
                "{{{}\"{key}\"{sep}{value}{}}}",
                before.concat(),
                after.concat()
            );
            let s = secrets_of(&text);
            let mut start = 0;
            for (n, line) in text.split('\n').enumerate() {
                for at in [start, start + line.len() / 2, start + line.len()] {
                    let e = s.excerpt(&text, n + 1, at, at + 1);
                    proptest::prop_assert!(!e.contains("ZQXJ"), "{:?}\n{}", text, e);
                }
                start += line.len() + 1;
            }
        }
    }

    const PIECES: &[&str] = &[
        "\"name\": \"x\", ",
        "\"a\": \"b\"c\", ",
        "\"a\": [1, 2], ",
        "\n",
        "\r\n",
        "\"unterminated",
        ", ",
        "}",
        "{",
        "\"k\": {\"okta_token\": null}, ",
        "\"esc\\\"aped\": 1, ",
        "\"é\": \"ü\", ",
        "\t",
    ];
}
