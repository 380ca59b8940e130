//! Source excerpts for people, with nothing secret in them.
//!
//! - A file that parsed: the value of every secret-bearing member
//!   ([`crate::secret_values`]: secret keys and their near misses) is shown
//!   as a mask, whatever it holds: a string, a number, or an object or
//!   array over several lines, keys included.
//! - A file that did not parse: mfalint cannot know which strings are
//!   secrets there, so every string literal, number and bare word on the
//!   excerpt line is masked. Only whitespace, JSON punctuation
//!   (`{ } [ ] , :`) and the literals `true`, `false` and `null` are shown,
//!   and the caret marks the masked token the parser stopped in.
//!
//! Excerpts work on any text (a file that is not UTF-8 is shown through its
//! lossy decoding). Lines end at `\n`, `\r\n` or a lone `\r`, as in
//! `mfalint::json::line_col`.

use super::console::is_unsafe;

/// How a file's excerpts are masked.
#[derive(Debug, Clone)]
pub enum Excerpts {
    /// The file parsed: these byte ranges (secret values, in document
    /// order, disjoint) are masked.
    Parsed(Vec<Cut>),
    /// The file did not parse: every string, number and word is masked.
    Broken,
}

/// A byte range of the text shown as `shown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    start: usize,
    end: usize,
    shown: &'static str,
}

/// A secret string's mask; other secret values show without the quotes.
const SECRET_STRING: &str = "\"********\"";
const SECRET_OTHER: &str = "********";
/// Tokens of a file that did not parse.
const STRING: &str = "\"***\"";
const UNTERMINATED: &str = "\"***";
const WORD: &str = "***";

/// Bytes searched on each side of a marker for its line's ends: a minified
/// file is one long line, and each of its findings must not cost the whole
/// line. They hold the 100-character window in any script.
const REACH: usize = 4 * 160;
/// Characters shown of a long line, around the marker.
const WIDTH: usize = 100;

fn is_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// `text` with every secret-bearing value in `secrets` replaced by its
/// mask, for whole-text views (`check --diff`). A value over several lines
/// keeps its line breaks after the mask, so that line numbers still match
/// the file.
pub fn mask_secrets(text: &str, secrets: &[crate::Secret]) -> String {
    let mut spans: Vec<&crate::Secret> = secrets.iter().collect();
    spans.sort_by_key(|s| s.span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in spans {
        let (start, end) = (s.span.start, s.span.end.min(text.len()));
        if start < at || start > end || !text.is_char_boundary(start) || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(if s.string {
            SECRET_STRING
        } else {
            SECRET_OTHER
        });
        for _ in text[start..end].matches('\n') {
            out.push('\n');
        }
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

impl Excerpts {
    /// A document whose secret-bearing values are `secrets`.
    pub fn of_secrets(secrets: &[crate::Secret]) -> Excerpts {
        Excerpts::Parsed(
            secrets
                .iter()
                .map(|s| Cut {
                    start: s.span.start,
                    end: s.span.end,
                    shown: if s.string {
                        SECRET_STRING
                    } else {
                        SECRET_OTHER
                    },
                })
                .collect(),
        )
    }

    /// The line holding byte `at` of `text`, masked, with the marker under
    /// `at..until` (clipped to the line), labelled `masked` when it marks a
    /// mask, e.g.
    /// ```text
    ///   9 |       "okta_token": "********",
    ///     |                     ^^^^^^^^^^ masked
    /// ```
    pub fn excerpt(&self, text: &str, line_no: usize, at: usize, until: usize) -> String {
        let bytes = text.as_bytes();
        let floor = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let mut at = floor(at);
        // The `\n` of a `\r\n` belongs to the line the `\r` ends.
        if at > 0 && bytes.get(at) == Some(&b'\n') && bytes[at - 1] == b'\r' {
            at -= 1;
        }
        // The window searched: the whole line of a file that did not parse
        // (one excerpt, tokenized from its start), REACH bytes otherwise.
        let reach = match self {
            Excerpts::Parsed(_) => REACH,
            Excerpts::Broken => usize::MAX,
        };
        let line_start = {
            let from = at.saturating_sub(reach);
            bytes[from..at]
                .iter()
                .rposition(|&b| is_break(b))
                .map_or(from, |i| from + i + 1)
        };
        let line_end = {
            let to = at.saturating_add(reach).min(bytes.len());
            bytes[at..to]
                .iter()
                .position(|&b| is_break(b))
                .map_or(to, |i| at + i)
        };
        // For a file that did not parse, the window shown is cut from the
        // whole line here.
        let (w_start, w_end) = (
            floor(line_start.max(at.saturating_sub(REACH))),
            floor(line_end.min(at.saturating_add(REACH))),
        );
        let w_end = w_end.max(at);
        let cut_before = w_start > 0 && !is_break(bytes[w_start - 1]);
        let cut_after = w_end < bytes.len() && !is_break(bytes[w_end]);
        let cuts = match self {
            Excerpts::Parsed(cuts) => {
                let first = cuts.partition_point(|c| c.end <= w_start);
                cuts[first..]
                    .iter()
                    .take_while(|c| c.start < w_end)
                    .copied()
                    .collect()
            }
            Excerpts::Broken => broken_cuts(text, line_start, w_start, w_end),
        };
        let line = &text[w_start..w_end];
        let (shown, cols) = mask_line(line, w_start, &cuts);
        let from = at - w_start;
        let to = until.saturating_sub(w_start).clamp(from, line.len());
        let a = cols[from];
        let chars: Vec<char> = shown.chars().collect();
        let n = chars.len();
        let (mut lo, mut hi) = (0, n);
        if n > WIDTH {
            lo = a.saturating_sub(30);
            hi = (lo + WIDTH).min(n);
            if hi - lo < WIDTH {
                lo = hi.saturating_sub(WIDTH);
            }
        }
        let b = cols[to].max(a + 1).min(hi.max(a + 1));
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
        // The caret spans the mask, whose width says nothing of the value's
        // (a message may give its length): say so.
        let masked = cuts
            .iter()
            .any(|c| c.start < until.max(at + 1) && at < c.end);
        format!(
            "{:>gutter$} | {}\n{:>gutter$} | {}{}{}",
            line_no,
            body.trim_end(),
            "",
            marker_prefix,
            "^".repeat(width),
            if masked { " masked" } else { "" },
        )
    }
}

/// `line` (bytes `start..` of the text) with the cuts replaced and unsafe
/// characters shown as U+FFFD, and a map from byte offsets in the line to
/// character columns (0-based) of the result.
fn mask_line(line: &str, start: usize, cuts: &[Cut]) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(line.len());
    let mut cols = vec![0; line.len() + 1];
    let mut col = 0;
    let mut i = 0;
    let mut next = cuts.iter().peekable();
    while i < line.len() {
        // Cuts are disjoint and in order: the next one that has not ended.
        while next.peek().is_some_and(|c| c.end <= start + i) {
            next.next();
        }
        let cut = next.peek().copied();
        if let Some(c) = cut.filter(|c| c.start <= start + i) {
            let end = (c.end - start).min(line.len());
            // A cut may end inside a character of a lossy-decoded line.
            let end = (end..=line.len())
                .find(|&e| line.is_char_boundary(e))
                .unwrap_or(line.len());
            for x in &mut cols[i..end] {
                *x = col;
            }
            out.push_str(c.shown);
            col += c.shown.chars().count();
            i = end;
            next.next();
            continue;
        }
        let next_cut = cut.map_or(line.len(), |c| {
            c.start.saturating_sub(start).min(line.len())
        });
        // A run of printable ASCII up to the next cut is copied whole, one
        // column per byte (most of a JSON line).
        let run = line.as_bytes()[i..next_cut]
            .iter()
            .take_while(|b| matches!(b, b' '..=b'~'))
            .count();
        if run > 0 {
            out.push_str(&line[i..i + run]);
            for (x, n) in cols[i..i + run].iter_mut().zip(col..) {
                *x = n;
            }
            col += run;
            i += run;
            continue;
        }
        let ch = line[i..].chars().next().unwrap_or(' ');
        for x in &mut cols[i..i + ch.len_utf8()] {
            *x = col;
        }
        out.push(if is_unsafe(ch) { '\u{FFFD}' } else { ch });
        col += 1;
        i += ch.len_utf8();
    }
    cols[line.len()] = col;
    (out, cols)
}

fn is_punctuation(b: u8) -> bool {
    matches!(b, b'{' | b'}' | b'[' | b']' | b',' | b':' | b' ' | b'\t')
}

/// A byte order mark, shown as it is (it holds nothing).
const BOM: &[u8] = "\u{feff}".as_bytes();

/// The tokens to mask in `text[from..to]` of a file that did not parse,
/// scanning from `line_start` (where no string is open: JSON strings
/// cannot hold a line break, and the text before the parser stopped is
/// valid JSON). Every string literal, number and bare word is cut; a token
/// that crosses `from` or `to` is cut where it meets them.
fn broken_cuts(text: &str, line_start: usize, from: usize, to: usize) -> Vec<Cut> {
    let bytes = text.as_bytes();
    let mut cuts = Vec::new();
    let mut i = line_start;
    while i < to {
        let b = bytes[i];
        if is_punctuation(b) {
            i += 1;
            continue;
        }
        if bytes[i..].starts_with(BOM) {
            i += BOM.len();
            continue;
        }
        let start = i;
        let shown = if b == b'"' {
            i += 1;
            let mut closed = false;
            while i < bytes.len() && !is_break(bytes[i]) {
                match bytes[i] {
                    b'"' => {
                        i += 1;
                        closed = true;
                        break;
                    }
                    // The escaped byte is skipped whatever it is; the cut is
                    // widened to a character boundary below.
                    b'\\' => i += 2,
                    _ => i += 1,
                }
            }
            if closed {
                STRING
            } else {
                UNTERMINATED
            }
        } else {
            while i < bytes.len()
                && !is_break(bytes[i])
                && !is_punctuation(bytes[i])
                && bytes[i] != b'"'
            {
                i += 1;
            }
            match &bytes[start..i] {
                b"true" | b"false" | b"null" => continue,
                _ => WORD,
            }
        };
        let end = i.min(bytes.len());
        if end > from {
            cuts.push(Cut {
                start: start.max(from),
                end: end.min(to),
                shown,
            });
        }
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpts_of(text: &str) -> Excerpts {
        let doc = crate::check_file(
            text.as_bytes(),
            crate::Syntax::Json,
            None,
            &Default::default(),
        )
        .swap_remove(0);
        if doc.parsed {
            Excerpts::of_secrets(&doc.secrets)
        } else {
            Excerpts::Broken
        }
    }

    /// Every line's excerpt, marked at its start, middle and end.
    fn all_excerpts(text: &str) -> String {
        let e = excerpts_of(text);
        let mut out = String::new();
        let mut start = 0;
        for (n, line) in text.split(['\n', '\r']).enumerate() {
            for at in [start, start + line.len() / 2, start + line.len()] {
                out.push_str(&e.excerpt(text, n + 1, at, at + 1));
                out.push('\n');
            }
            start += line.len() + 1;
        }
        out
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
        let shown = excerpts_of(&text).excerpt(&text, 1, at, at + 2);
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
        let e = excerpts_of(text).excerpt(text, 1, at, at + 3);
        assert!(!e.contains("aBcDeF"), "{e}");
        assert!(!e.contains("secret"), "{e}");
        assert!(e.contains("\"x\""), "{e}");
    }

    #[test]
    fn masks_near_misses_and_whatever_a_secret_holds() {
        let text = "{\"okta_tokne\": \"hunter2hunter2\",\n \"OKTA_TOKEN\": 1234567890,\n \
                    \"okta_token\": {\"hunter2key\": 1,\n   \"hunter2key\": [\"hunter2x\",\n \
                    \"hunter2y\"]},\n \"sKey\": [\"hunter2z\"], \"name\": \"shown\"}";
        let all = all_excerpts(text);
        assert!(!all.contains("hunter"), "{all}");
        assert!(!all.contains("1234567890"), "{all}");
        assert!(all.contains("\"shown\""), "{all}");
        assert!(all.contains("\"okta_token\": ********"), "{all}");
    }

    #[test]
    fn masks_every_token_of_files_that_do_not_parse() {
        for text in [
            "{\"okta_token\": \"hunter2hunter2\", \"a\": }",
            "{\"okta_token\": \"hunter2hunter2\n}",
            "{\"okta_token\": hunter2hunter2}",
            "{\"a\": \"b\"c\", \"okta_token\": \"hunter2hunter2\"}",
            "{\"okta_token\":\n  \"hunter2hunter2\" x}",
            "{\"okta\\u005ftoken\": \"hunter2hunter2\" x}",
            "{\"okta_token\": [\"hunter2a\",\n \"hunter2b\" \"hunter2c\"]}",
            "{\"a\\\"okta_token\": \"hunter2hunter2\" x}",
            "{\"a\\\u{ff}\": \"hunter2hunter2\"",
            "{\r\"okta_token\": hunter2hunter2}",
        ] {
            let all = all_excerpts(text);
            assert!(!all.contains("hunter"), "{text:?} -> {all}");
        }
        let text = "{\"okta_timeout\": 30 x,\n \"enabled\": true false}";
        let at = text.find('x').unwrap();
        let e = Excerpts::Broken.excerpt(text, 1, at, at + 1);
        assert_eq!(
            e, "  1 | {\"***\": *** ***,\n    |             ^^^ masked",
            "{e}"
        );
        let at = text.find("false").unwrap();
        let e = Excerpts::Broken.excerpt(text, 2, at, at + 1);
        assert!(e.contains("\"***\": true false}"), "{e}");
    }

    /// The panic found by the mutation run: invalid UTF-8 right after a
    /// backslash, decoded lossily.
    #[test]
    fn any_text_gets_an_excerpt() {
        let text = String::from_utf8_lossy(b"{\"a\\\xff\": 1}").into_owned();
        for at in 0..=text.len() + 1 {
            Excerpts::Broken.excerpt(&text, 1, at, at + 3);
            excerpts_of(&text).excerpt(&text, 1, at, at + 3);
        }
    }

    /// The mask's width is not the value's: a caret on a mask says so, one
    /// beside it does not.
    #[test]
    fn a_marker_on_a_mask_is_labelled() {
        let text = "{\"okta_token\": \"abc\", \"okta_timeout\": 3}";
        let at = text.find("\"abc").unwrap();
        let e = excerpts_of(text).excerpt(text, 1, at, at + 5);
        assert!(e.ends_with("^^^^^^^^^^ masked"), "{e}");
        let at = text.find('3').unwrap();
        let e = excerpts_of(text).excerpt(text, 1, at, at + 1);
        assert!(e.ends_with('^'), "{e}");
    }

    #[test]
    fn marker_follows_masking() {
        let text = "{\"okta_token\": \"abcdefghijklmnop\", \"okta_timeout\": 3}";
        let at = text.find('3').unwrap();
        let e = excerpts_of(text).excerpt(text, 1, at, at + 1);
        let lines: Vec<&str> = e.lines().collect();
        let col = lines[1].find('^').unwrap();
        assert_eq!(&lines[0][col..col + 1], "3", "{e}");
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let text = "{\r\"name\": 1,\r\"okta_token\": \"hunter2hunter2\"\r}";
        let at = text.find("1,").unwrap();
        let e = excerpts_of(text).excerpt(text, 2, at, at + 1);
        assert_eq!(e, "  2 | \"name\": 1,\n    |         ^");
    }

    /// ASCII runs are copied whole; multi-byte characters take one column,
    /// unsafe ones are replaced, and a secret shows as its mask, however
    /// they alternate.
    #[test]
    fn masked_lines_map_bytes_to_columns() {
        let line = "{\"é\": \"a\u{202E}b\", \"okta_token\": \"s3cr3t-value\", \"ü\": 1}";
        let Excerpts::Parsed(cuts) = excerpts_of(line) else {
            panic!("parses")
        };
        let (shown, cols) = mask_line(line, 0, &cuts);
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
            key in proptest::sample::select(&["okta_token", "okta_tokne", "OKTA_TOKEN", "sKey", "accessKey", "duo-secret-key"][..]),
            secret in "ZQXJ[a-z0-9]{8}",
            before in proptest::collection::vec(proptest::sample::select(PIECES), 0..6),
            after in proptest::collection::vec(proptest::sample::select(PIECES), 0..6),
            sep in proptest::sample::select(&[": ", ":", " : ", ":\n  ", ":\r\n\t", ":\r"][..]),
            shape in 0..4usize,
        ) {
            let value = match shape {
                0 => format!("\"{secret}\""),
                1 => secret.clone(),
                2 => format!("[\"{secret}\",\n \"{secret}\"]"),
                _ => format!("{{\"{secret}\": 1, \"{secret}\": 2}}"),
            };
            let text = format!(
                "{{{}\"{key}\"{sep}{value}{}}}",
                before.concat(),
                after.concat()
            );
            let all = all_excerpts(&text);
            proptest::prop_assert!(!all.contains("ZQXJ"), "{:?}\n{}", text, all);
        }
    }

    const PIECES: &[&str] = &[
        "\"name\": \"x\", ",
        "\"a\": \"b\"c\", ",
        "\"a\": [1, 2], ",
        "\n",
        "\r\n",
        "\r",
        "\"unterminated",
        ", ",
        "}",
        "{",
        "\"k\": {\"okta_token\": null}, ",
        "\"esc\\\"aped\": 1, ",
        "\"é\": \"ü\", ",
        "\t",
        "\\",
        "\"okta\\u005ftoken\": ",
    ];
}
