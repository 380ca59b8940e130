//! Invariants checked by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and
//! replayed over committed inputs by `tests/fuzz_regressions.rs`, which
//! includes this file with `#[path]`. It depends on `mfalint` and
//! `serde_json` only, so both builds can use it.
//!
//! Every check panics with a message that never includes a secret value.

use mfalint::json::{self, Node, Value};
use mfalint::{envelope, Kind, Mode, Options, Report};

/// Inputs larger than this are skipped by the checks that re-run the
/// whole pipeline several times (the fuzzers' own `-max_len` is smaller).
pub const MAX_INPUT: usize = 1 << 20;

/// Options with every rule on (MFA081 plaintext-secret included), so
/// every message template is exercised.
pub fn options(mode: Mode) -> Options {
    let mut opts = Options {
        mode,
        ..Options::default()
    };
    opts.rules.select("ALL").expect("ALL is a valid selector");
    opts
}

/// Secret values in `root`, as the library defines them: every scalar that
/// `redact_node` replaces (strings, numbers, booleans under a secret key).
pub fn secrets(root: &Node) -> Vec<String> {
    let mut redacted = root.clone();
    mfalint::redact_node(&mut redacted);
    let mut out = Vec::new();
    collect_changed(root, &redacted, &mut out);
    out
}

fn collect_changed(a: &Node, b: &Node, out: &mut Vec<String>) {
    match (&a.value, &b.value) {
        (Value::Object(ma), Value::Object(mb)) => {
            for (x, y) in ma.iter().zip(mb) {
                collect_changed(&x.value, &y.value, out);
            }
        }
        (Value::Array(ia), Value::Array(ib)) => {
            for (x, y) in ia.iter().zip(ib) {
                collect_changed(x, y, out);
            }
        }
        (va, vb) if va != vb => everything_in(a, out),
        _ => {}
    }
}

/// Every key and scalar in `node` (a secret value that redact replaced
/// whole: nothing beneath it may be shown).
fn everything_in(node: &Node, out: &mut Vec<String>) {
    match &node.value {
        Value::String(s) => out.push(s.to_string()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Bool(b) => out.push(b.to_string()),
        Value::Null => {}
        Value::Array(items) => items.iter().for_each(|i| everything_in(i, out)),
        Value::Object(members) => {
            for m in members {
                out.push(m.key.to_string());
                everything_in(&m.value, out);
            }
        }
    }
}

/// Text that a message may legitimately contain: every key and every
/// non-secret scalar of the document (messages name keys and echo short
/// timeouts), and the spec's own words (field names, enums, patterns,
/// rule names). A secret that is also one of these is not a leak.
pub fn allowed_corpus(root: &Node, secrets: &[String]) -> String {
    let mut out = String::new();
    fn walk(node: &Node, secrets: &[String], out: &mut String) {
        match &node.value {
            Value::Object(members) => {
                for m in members {
                    out.push_str(&m.key);
                    out.push('\n');
                    walk(&m.value, secrets, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, secrets, out)),
            Value::String(s) if !secrets.iter().any(|x| x == s) => {
                out.push_str(s);
                out.push('\n');
            }
            Value::Number(n) if !secrets.iter().any(|x| x == n) => {
                out.push_str(n);
                out.push('\n');
            }
            _ => {}
        }
    }
    walk(root, secrets, &mut out);
    use mfalint::spec::{self, Format};
    let mut fields = Vec::new();
    for kind in Kind::ALL {
        let ks = kind.spec();
        spec::walk_fields(ks.root, &mut fields);
        if let Some(w) = ks.wrapped {
            spec::walk_fields(w, &mut fields);
        }
    }
    for (o, f) in fields {
        for w in [o.label, f.name, f.doc] {
            out.push_str(w);
            out.push('\n');
        }
        match f.format {
            Format::Enum(values) => values.iter().for_each(|v| {
                out.push_str(v);
                out.push('\n');
            }),
            Format::Endpoint(m) => {
                out.push_str(m);
                out.push('\n');
            }
            _ => {}
        }
    }
    for w in [
        spec::SCOPE_PATTERN,
        spec::HOSTNAME_PATTERN,
        spec::MASKED_PATTERN,
    ] {
        out.push_str(w);
        out.push('\n');
    }
    for r in mfalint::rules::all() {
        for w in [r.code, r.name, r.summary, r.why, r.source] {
            out.push_str(w);
            out.push('\n');
        }
    }
    out
}

/// For the textual check, secrets shorter than this are too likely to occur
/// in ordinary words ("okta", "true") to tell a leak from a coincidence (the
/// marker check has no such floor).
const LEAK_MIN_CHARS: usize = 8;

/// Bounds of a span and of its line/column.
fn assert_span_ok(text: &str, span: json::Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a {}-byte text",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
    for offset in [span.start, span.end] {
        assert_line_col_ok(text, offset, what);
    }
}

/// `line_col` is 1-based, within the number of lines, and the column is at
/// most one past the line's last character.
pub fn assert_line_col_ok(text: &str, offset: usize, what: &str) {
    let at = json::line_col(text, offset);
    let lines = lines_of(text);
    assert!(
        at.line >= 1 && at.line <= lines.len(),
        "{what}: line {} of {}",
        at.line,
        lines.len()
    );
    let line = lines[at.line - 1];
    assert!(
        at.column >= 1 && at.column <= line.chars().count() + 1,
        "{what}: column {} on a line of {} chars",
        at.column,
        line.chars().count()
    );
}

/// The lines of `text`, ended by `\n`, `\r\n` or a lone `\r` (the `\r` of
/// a `\r\n` stays on its line).
fn lines_of(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let pieces: Vec<&str> = text.split('\n').collect();
    for (i, piece) in pieces.iter().enumerate() {
        // Only a piece followed by a `\n` can end in the `\r` of a `\r\n`.
        let (body, crlf) = match piece.strip_suffix('\r') {
            Some(b) if i + 1 < pieces.len() => (b, true),
            _ => (*piece, false),
        };
        let mut parts: Vec<&str> = body.split('\r').collect();
        if crlf {
            let last = parts.pop().unwrap_or_default();
            parts.push(&piece[piece.len() - last.len() - 1..]);
        }
        out.extend(parts);
    }
    out
}

/// Whether some key along `pointer` occurs more than once in its object.
fn shadowed(root: &Node, pointer: &str) -> bool {
    let mut prefix = String::new();
    for seg in mfalint::pointer_segments(pointer) {
        if root.key_spans(&prefix, &seg).len() > 1 {
            return true;
        }
        prefix.push('/');
        prefix.push_str(&seg.replace('~', "~0").replace('/', "~1"));
    }
    false
}

/// The pointer without its last segment.
fn parent(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |i| &pointer[..i])
}

/// Every finding's pointer is well formed and lands in the text; a pointer
/// to something absent (a missing key) has an existing parent.
pub fn assert_findings_locate(text: &str, root: &Node, report: &Report) {
    for f in &report.findings {
        assert!(
            f.pointer.is_empty() || f.pointer.starts_with('/'),
            "{}: pointer {:?} is not an RFC 6901 pointer",
            f.code(),
            f.pointer
        );
        let at = root.locate(&f.pointer);
        assert_span_ok(text, at.span, f.code());
        if let Some(k) = at.key_span {
            assert_span_ok(text, k, f.code());
            assert!(k.end <= at.span.start, "{}: key after its value", f.code());
        }
        // A pointer into an earlier copy of a duplicated key cannot be
        // resolved (pointers name the last copy, as `get` does); it lands
        // on the nearest ancestor instead.
        if !at.exact && !shadowed(root, &f.pointer) {
            assert!(
                root.locate(parent(&f.pointer)).exact,
                "{}: neither pointer {:?} nor its parent exists",
                f.code(),
                f.pointer
            );
        }
    }
}

/// Everything a report renders to: messages, JSON, Display, API envelope.
fn rendered(report: &Report) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = report
        .findings
        .iter()
        .map(|f| (f.code().to_string(), f.message.clone()))
        .collect();
    out.push((
        "report JSON".into(),
        serde_json::to_string(report).expect("a report serializes"),
    ));
    out.push(("report Display".into(), report.to_string()));
    let envelope = envelope::api_error(report, Some("req-1"));
    assert_eq!(
        envelope.is_some(),
        !report.is_valid(),
        "an API error envelope exactly when there are errors"
    );
    if let Some(body) = envelope {
        let body = serde_json::to_string(&body).expect("an envelope serializes");
        out.push(("API envelope".into(), body));
    }
    out
}

/// `root` with every secret string replaced by as many `marker` characters
/// (a character the input does not contain): a report of it that shows the
/// marker would show the secret.
pub fn with_marked_secrets<'a>(root: &Node<'a>, marker: char) -> Node<'a> {
    let mut out = root.clone();
    fn walk(node: &mut Node, marker: char) {
        match &mut node.value {
            Value::Object(members) => {
                for m in members {
                    if mfalint::is_secret_bearing(&m.key) {
                        mark(&mut m.value, marker);
                    } else {
                        walk(&mut m.value, marker);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| walk(i, marker)),
            _ => {}
        }
    }
    // Every string and key beneath a secret-bearing key.
    fn mark(node: &mut Node, marker: char) {
        let marked = |s: &str| std::iter::repeat_n(marker, s.chars().count()).collect::<String>();
        match &mut node.value {
            Value::String(s) => *s = marked(s).into(),
            Value::Array(items) => items.iter_mut().for_each(|i| mark(i, marker)),
            Value::Object(members) => {
                for m in members {
                    m.key = marked(&m.key).into();
                    mark(&mut m.value, marker);
                }
            }
            _ => {}
        }
    }
    walk(&mut out, marker);
    out
}

/// A private-use character that `text` does not contain, written or
/// escaped (`\ue000` in a key decodes to one: messages quote keys).
pub fn marker_for(text: &str) -> char {
    let decoded = mfalint::parse(text, &Options::default())
        .map(|root| {
            let mut all = String::new();
            strings_of(&root, &mut all);
            all
        })
        .unwrap_or_default();
    ('\u{e000}'..='\u{f8ff}')
        .find(|c| !text.contains(*c) && !decoded.contains(*c))
        .expect("the input cannot hold all 6,400 private-use characters")
}

/// Every key and string of `node`, appended to `out`.
fn strings_of(node: &Node, out: &mut String) {
    match &node.value {
        Value::String(s) => out.push_str(s),
        Value::Array(items) => items.iter().for_each(|i| strings_of(i, out)),
        Value::Object(members) => {
            for m in members {
                out.push_str(&m.key);
                strings_of(&m.value, out);
            }
        }
        _ => {}
    }
}

fn assert_report_clean(
    text: &str,
    root: &Node,
    secrets: &[String],
    report: &Report,
    marked: &Report,
    marker: char,
) {
    assert_findings_locate(text, root, report);
    for f in &report.findings {
        assert!(!f.message.is_empty(), "{}: empty message", f.code());
    }
    // Exact: the same document with every secret replaced by a marker
    // never shows the marker.
    for (what, out) in rendered(marked) {
        assert!(!out.contains(marker), "{what} shows a secret's value");
    }
    // And the original's outputs hold no secret, unless the marked
    // document's outputs (same keys, same templates) hold that text too.
    let mut templates: String = rendered(marked).into_iter().map(|(_, t)| t).collect();
    templates.push_str(&allowed_corpus(root, secrets));
    for (what, out) in rendered(report) {
        for (i, s) in secrets.iter().enumerate() {
            if s.chars().count() >= LEAK_MIN_CHARS && out.contains(s.as_str()) {
                assert!(
                    templates.contains(s.as_str()),
                    "{what} contains secret #{i} ({} chars)",
                    s.chars().count()
                );
            }
        }
    }
}

/// Target `report`: bytes -> report for every kind (named and detected) in
/// both modes.
pub fn check_report(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let request = options(Mode::Request);
    let export = options(Mode::Export);
    let Ok(text) = mfalint::decode(data, &request) else {
        assert!(
            std::str::from_utf8(data).is_err(),
            "decode rejected valid UTF-8"
        );
        return;
    };
    let root = match mfalint::parse(text, &request) {
        Ok(root) => root,
        Err(e) => {
            // The error must carry a sane location, and the byte entry point
            // must agree.
            if let mfalint::Error::Parse { error, .. } = &e {
                assert!(
                    error.offset <= text.len(),
                    "parse error offset past the end"
                );
                assert_line_col_ok(text, error.offset, "parse error");
            }
            assert_eq!(
                mfalint::validate_bytes(data, None, &request).unwrap_err(),
                e
            );
            return;
        }
    };
    let secrets = secrets(&root);
    let marker = marker_for(text);
    let marked = with_marked_secrets(&root, marker);
    for opts in [&request, &export] {
        for kind in Kind::ALL.into_iter().map(Some).chain([None]) {
            match mfalint::validate_node(&root, kind, opts) {
                Ok(report) => {
                    if let Some(k) = kind {
                        assert_eq!(report.kind, k);
                    }
                    let marked = mfalint::validate_node(&marked, Some(report.kind), opts)
                        .expect("a named kind always validates");
                    assert_report_clean(text, &root, &secrets, &report, &marked, marker);
                }
                Err(e) => {
                    assert!(kind.is_none(), "a named kind never fails: {e}");
                    // Detection never looks at secrets, so their values
                    // cannot be in its error.
                    assert_eq!(
                        mfalint::validate_node(&marked, None, opts).unwrap_err(),
                        e,
                        "detection depends on a secret's value"
                    );
                }
            }
        }
    }
    // Entry points agree.
    assert_eq!(
        mfalint::validate_bytes(data, None, &request),
        mfalint::validate_node(&root, None, &request)
    );
}

/// Structural equality, spans ignored.
pub fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Object(ma), Value::Object(mb)) => {
            ma.len() == mb.len()
                && ma
                    .iter()
                    .zip(mb)
                    .all(|(x, y)| x.key == y.key && same(&x.value, &y.value))
        }
        (Value::Array(ia), Value::Array(ib)) => {
            ia.len() == ib.len() && ia.iter().zip(ib).all(|(x, y)| same(x, y))
        }
        (x, y) => x == y,
    }
}

/// Target `located`: the CLI's located parsing, and the lossless writer.
pub fn check_located(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let opts = options(Mode::Request);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let root = match mfalint::parse(text, &opts) {
        Ok(root) => root,
        Err(mfalint::Error::Parse {
            line,
            column,
            error,
        }) => {
            let at = json::line_col(text, error.offset);
            assert_eq!((at.line, at.column), (line, column));
            assert_line_col_ok(text, error.offset, "parse error");
            return;
        }
        Err(e) => panic!("parse returned a non-parse error: {e}"),
    };
    assert_span_ok(text, root.span, "root");
    assert_spans_nested(text, &root);
    // The line index answers exactly as line_col, for every span.
    let index = json::LineIndex::new(text);
    let mut offsets = Vec::new();
    collect_offsets(&root, &mut offsets);
    for offset in offsets {
        assert_eq!(
            index.line_col(offset),
            json::line_col(text, offset),
            "LineIndex at {offset}"
        );
    }
    for kind in Kind::ALL {
        let report = mfalint::validate_node(&root, Some(kind), &opts).expect("named kind");
        assert_findings_locate(text, &root, &report);
        for f in &report.findings {
            // Duplicate-key diagnostics point at every copy of the key.
            if f.code() == "MFA001" {
                let key = mfalint::pointer_segments(&f.pointer)
                    .last()
                    .unwrap_or_default();
                let spans = root.key_spans(parent(&f.pointer), &key);
                // Fewer only when an ancestor is itself a duplicate, and
                // `key_spans` (last wins) looks into another copy.
                // A repeated key beneath a secret is reported at the
                // secret itself, which may be there once.
                assert!(
                    spans.len() >= 2
                        || shadowed(&root, parent(&f.pointer))
                        || mfalint::is_secret_bearing(&key),
                    "MFA001 with {} key spans",
                    spans.len()
                );
                for s in spans {
                    assert_span_ok(text, s, "duplicate key span");
                }
            }
        }
    }
    // Lossless writer: parse(write(parse(x))) == parse(x), spans aside.
    let written = json::to_pretty_string(&root);
    let mut roomy = opts.clone();
    roomy.limits.max_bytes = usize::MAX;
    let again = mfalint::parse(&written, &roomy).expect("the writer's output parses");
    assert!(
        same(&root, &again),
        "writer round trip changed the document"
    );
    assert_eq!(
        json::to_pretty_string(&again),
        written,
        "writer output is a fixed point"
    );
}

fn collect_offsets(node: &Node, out: &mut Vec<usize>) {
    out.extend([node.span.start, node.span.end]);
    match &node.value {
        Value::Object(members) => members.iter().for_each(|m| {
            out.extend([m.key_span.start, m.key_span.end]);
            collect_offsets(&m.value, out);
        }),
        Value::Array(items) => items.iter().for_each(|i| collect_offsets(i, out)),
        _ => {}
    }
}

/// Children's spans lie inside their parent's, in order; keys come before
/// their values.
fn assert_spans_nested(text: &str, node: &Node) {
    let mut last = node.span.start;
    let mut check = |child: json::Span, what: &str| {
        assert_span_ok(text, child, what);
        assert!(
            child.start >= last && child.end <= node.span.end,
            "{what} span {child:?} outside its parent {:?}",
            node.span
        );
        last = child.end;
    };
    match &node.value {
        Value::Object(members) => {
            for m in members {
                check(m.key_span, "key");
                check(m.value.span, "member");
            }
            members
                .iter()
                .for_each(|m| assert_spans_nested(text, &m.value));
        }
        Value::Array(items) => {
            for i in items {
                check(i.span, "item");
            }
            items.iter().for_each(|i| assert_spans_nested(text, i));
        }
        _ => {}
    }
}

/// Target `roundtrip`: normalize and redact.
pub fn check_roundtrip(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let opts = options(Mode::Request);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(root) = mfalint::parse(text, &opts) else {
        assert!(mfalint::redact(text, &opts).is_err());
        return;
    };
    // Normalize: for every kind (and detected), the output parses, keeps the
    // input's members, and normalizing it again fills nothing.
    for kind in Kind::ALL.into_iter().map(Some).chain([None]) {
        let Ok(n) = mfalint::normalize(text, kind, &opts) else {
            assert!(kind.is_none(), "normalize failed for a named kind");
            continue;
        };
        let out = mfalint::parse(&n.text, &opts).expect("normalize output parses");
        assert_eq!(
            n.filled.is_empty(),
            same(&root, &out),
            "filled exactly when the document changed"
        );
        for f in &n.filled {
            assert!(out.locate(&f.pointer).exact, "filled pointer missing");
            assert!(!root.locate(&f.pointer).exact, "filled a present field");
        }
        let again = mfalint::normalize(&n.text, Some(n.kind), &opts).expect("re-normalize");
        assert!(again.filled.is_empty(), "normalize is not idempotent");
        assert_eq!(again.text, n.text, "normalize output is a fixed point");
    }
    // Redact: the output parses, equals the input except for secret values,
    // holds only masks there, and redacting again changes nothing.
    let redacted = mfalint::redact(text, &opts).expect("redact parses what parse parses");
    let out = mfalint::parse(&redacted, &opts).expect("redact output parses");
    // Exact and structural: every secret is replaced by a mask that does
    // not contain it, everything else is unchanged.
    assert_redacted(&root, &out);
    let twice = mfalint::redact(&redacted, &opts).expect("redact its own output");
    assert_eq!(twice, redacted, "redact is not idempotent");
}

fn is_mask(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    s == "********" || (chars.len() == 8 && chars[1..7].iter().all(|c| *c == '*'))
}

/// `out` is `orig` with the value of every secret-named member (not null)
/// replaced by a mask that does not contain it.
fn assert_redacted(orig: &Node, out: &Node) {
    match (&orig.value, &out.value) {
        (Value::Object(ma), Value::Object(mb)) => {
            assert_eq!(ma.len(), mb.len(), "redact changed an object's size");
            for (x, y) in ma.iter().zip(mb) {
                assert_eq!(x.key, y.key, "redact changed a key");
                if mfalint::is_secret_bearing(&x.key) && !x.value.is_null() {
                    let Value::String(masked) = &y.value.value else {
                        panic!("a secret was not replaced by a string");
                    };
                    assert!(is_mask(masked), "a secret was not masked");
                    if let Value::String(s) = &x.value.value {
                        let only_stars = s.chars().all(|c| c == '*');
                        // An existing mask is kept as it is.
                        assert!(
                            only_stars
                                || s.is_empty()
                                || (is_mask(s) && masked == s)
                                || !masked.contains(s.as_ref()),
                            "a mask contains its secret"
                        );
                    }
                } else {
                    assert_redacted(&x.value, &y.value);
                }
            }
        }
        (Value::Array(ia), Value::Array(ib)) => {
            assert_eq!(ia.len(), ib.len(), "redact changed an array's size");
            ia.iter().zip(ib).for_each(|(x, y)| assert_redacted(x, y));
        }
        (x, y) => assert_eq!(x, y, "redact changed a non-secret value"),
    }
}

/// Target `yaml`: a YAML stream checked as a file never panics, and what
/// it reports lies in the text: every finding's and secret's span is on
/// character boundaries, secrets are in order and disjoint, documents are
/// numbered in order, and each fix's edits apply.
pub fn check_yaml(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let opts = options(Mode::Request);
    let text = std::str::from_utf8(data).ok();
    for kind in std::iter::once(None).chain(Kind::ALL.map(Some)) {
        let docs = mfalint::check_file(data, mfalint::Syntax::Yaml, kind, &opts);
        assert!(!docs.is_empty(), "no document");
        let of = docs[0].of;
        assert_eq!(docs.len(), of, "documents");
        for (i, d) in docs.iter().enumerate() {
            assert_eq!((d.index, d.of), (i, of), "document numbers");
            let Some(text) = text else { continue };
            for f in &d.checked.findings {
                if let Some(span) = f.span {
                    assert_span_ok(text, span, "YAML finding");
                }
                if let Some(fix) = &f.fix {
                    let edits: Vec<&mfalint::Edit> = fix.edits.iter().collect();
                    let _ = mfalint::fix::apply(text, &edits);
                }
            }
            let mut end = 0;
            for s in &d.secrets {
                assert_span_ok(text, s.span, "YAML secret");
                assert!(s.span.start >= end, "secrets in order and disjoint");
                end = s.span.end;
            }
        }
    }
}
