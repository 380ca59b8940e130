//! Hostile inputs (issue 6, item 2): each has a clear error or a clear
//! finding, and none crashes, overflows the stack or goes quadratic. Sizes
//! are chosen so that every test runs well under a few seconds in a debug
//! build; there are no timing assertions.

use mfalint::json::{self, Limits, ParseErrorKind};
use mfalint::{
    normalize, redact, validate_bytes, validate_str, DetectError, Error, Kind, Options, Report,
};

/// Options with MFA081 plaintext-secret on (as in the CLI).
fn cli_options() -> Options {
    let mut opts = Options::default();
    opts.rules.select("ALL").unwrap();
    opts
}

fn parse_error(result: Result<Report, Error>) -> (usize, usize, ParseErrorKind) {
    match result {
        Err(Error::Parse {
            line,
            column,
            error,
        }) => (line, column, error.kind),
        Err(other) => panic!("expected a parse error, got {other}"),
        Ok(report) => panic!(
            "expected a parse error, got a report of {} findings",
            report.findings.len()
        ),
    }
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code()).collect()
}

fn finding<'r>(report: &'r Report, code: &str, pointer: &str) -> &'r mfalint::Finding {
    report
        .findings
        .iter()
        .find(|f| f.code() == code && f.pointer == pointer)
        .unwrap_or_else(|| panic!("no {code} at {pointer}; findings: {:?}", codes(report)))
}

/// A valid SCM Okta body with `okta_timeout` written as `timeout`.
fn scm_okta(timeout: &str) -> String {
    format!(
        r#"{{"name": "okta-prod", "mfa_cert_profile": "okta-ca", "folder": "Mobile Users",
  "mfa_vendor_type": {{"okta_adaptive_v1": {{"okta_api_host": "acme.okta.com",
  "okta_baseuri": "/api/v1", "okta_token": "00aBcDeFgHiJkLmNoPqRsTuVwXyZ012345678901",
  "okta_org": "acme", "okta_timeout": {timeout}}}}}}}"#
    )
}

// ---------------------------------------------------------------- nesting

#[test]
fn nesting_100000_deep_is_too_deep_not_a_stack_overflow() {
    let n = 100_000;
    let arrays = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let objects = format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n));
    let unclosed = "[{\"a\":".repeat(n / 2);
    // The error points at the 129th opening bracket.
    for (text, column) in [
        (&arrays, 129),
        (&objects, 128 * 5 + 1),
        (&unclosed, 64 * 6 + 1),
    ] {
        let (line, col, kind) = parse_error(validate_str(text, None, &Options::default()));
        assert_eq!(kind, ParseErrorKind::TooDeep(128));
        assert_eq!((line, col), (1, column));
    }
    let message = parse_error(validate_str(&arrays, None, &Options::default()))
        .2
        .to_string();
    assert_eq!(
        message,
        "nesting deeper than the limit of 128 arrays/objects"
    );
}

#[test]
fn depth_limit_is_configurable_and_capped() {
    let doc = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let mut opts = Options::default();
    // The default limit (128) takes exactly 128 levels.
    assert!(mfalint::parse(&doc(128), &opts).is_ok());
    opts.limits.max_depth = 4;
    assert!(mfalint::parse(&doc(4), &opts).is_ok());
    let (_, _, kind) = parse_error(validate_str(&doc(5), None, &opts));
    assert_eq!(kind, ParseErrorKind::TooDeep(4));
    // A higher limit is capped, so parsing (which recurses) cannot
    // overflow the stack whatever the caller asks for.
    opts.limits.max_depth = usize::MAX;
    let (_, _, kind) = parse_error(validate_str(&doc(100_000), None, &opts));
    assert_eq!(kind, ParseErrorKind::TooDeep(Limits::MAX_DEPTH_CAP));
}

#[test]
fn nesting_at_the_depth_cap_parses_validates_writes_and_drops() {
    // The deepest document any limit accepts, run through every recursive
    // walk (parse, duplicate check, writer, redact, drop) on a test thread's
    // default stack.
    let cap = Limits::MAX_DEPTH_CAP;
    let mut opts = cli_options();
    opts.limits.max_depth = cap;
    let inner = r#"{"skey": "abcdefghijklmnop", "k": 1, "k": 2}"#;
    let text = format!(
        r#"{{"state": "SUCCESS", "error": {}{inner}{}}}"#,
        r#"[{"x":"#.repeat((cap - 2) / 2),
        "}]".repeat((cap - 2) / 2)
    );
    let root = mfalint::parse(&text, &opts).unwrap();
    let report = mfalint::validate_node(&root, Some(Kind::SailpointTestResult), &opts).unwrap();
    // The duplicate deep inside is found, with its full pointer.
    let dup = report
        .findings
        .iter()
        .find(|f| f.code() == "MFA001")
        .unwrap();
    assert!(dup.pointer.ends_with("/0/x/k"), "{}", dup.pointer);
    assert_eq!(dup.pointer.matches("/x").count(), (cap - 2) / 2);
    let written = json::to_pretty_string(&root);
    let mut roomy = opts.clone();
    roomy.limits.max_bytes = usize::MAX;
    let again = mfalint::parse(&written, &roomy).unwrap();
    assert_eq!(json::to_pretty_string(&again), written);
    let redacted = redact(&text, &opts).unwrap();
    assert!(!redacted.contains("abcdefghijklmnop"));
    assert!(redacted.contains("a******p"));
}

// ---------------------------------------------------------------- size

#[test]
fn a_100_mb_document_is_too_large_before_any_parsing() {
    // 100 MB of a valid array: rejected on its length alone (nothing is
    // decoded or parsed), through every entry point.
    let mut bytes = vec![b' '; 100 * 1000 * 1000];
    bytes[0] = b'[';
    bytes[1] = b']';
    let opts = Options::default();
    let expected = ParseErrorKind::TooLarge {
        size: bytes.len(),
        limit: 64 * 1024 * 1024,
    };
    let (line, column, kind) = parse_error(validate_bytes(&bytes, None, &opts));
    assert_eq!((line, column), (1, 1));
    assert_eq!(kind, expected);
    assert_eq!(
        kind.to_string(),
        "document is 100000000 bytes, over the limit of 67108864 bytes"
    );
    // Past the limit, even invalid UTF-8 is reported as too large, so the
    // bytes are never looked at.
    bytes[10] = 0xff;
    assert_eq!(parse_error(validate_bytes(&bytes, None, &opts)).2, expected);
    bytes[10] = b' ';
    let text = std::str::from_utf8(&bytes).unwrap();
    assert_eq!(parse_error(validate_str(text, None, &opts)).2, expected);
    assert!(matches!(
        normalize(text, None, &opts),
        Err(Error::Parse { error, .. }) if error.kind == expected
    ));
    assert!(matches!(
        redact(text, &opts),
        Err(Error::Parse { error, .. }) if error.kind == expected
    ));
}

#[test]
fn size_limit_is_configurable() {
    let mut opts = Options::default();
    opts.limits.max_bytes = 16;
    assert!(mfalint::parse(r#"{"state":"OK"}"#, &opts).is_ok());
    let text = r#"{"state":"FAILED"}"#;
    assert_eq!(
        parse_error(validate_str(text, None, &opts)).2,
        ParseErrorKind::TooLarge {
            size: 18,
            limit: 16
        }
    );
    opts.limits.max_bytes = 18;
    assert!(validate_str(text, None, &opts).is_ok());
}

#[test]
fn a_10_mb_string_validates_and_a_10_mb_secret_never_appears() {
    let opts = cli_options();
    // A 10 MB (non-secret) scope: a clear length finding.
    let long: String = "abcdefghij".repeat(1_000_000);
    let text = scm_okta("30").replace("Mobile Users", &long);
    let report = validate_str(&text, None, &opts).unwrap();
    let f = finding(&report, "MFA021", "/folder");
    assert!(f.message.contains("10000000 characters"), "{}", f.message);
    // A 10 MB secret: reported as plaintext (MFA081), never echoed.
    let secret: String = (0..10_000_000u32)
        .map(|i| char::from(b'A' + (i.wrapping_mul(2_654_435_761) >> 27) as u8 % 26))
        .collect();
    let text = format!(
        r#"{{"mfaMethod": "okta-verify", "enabled": true, "host": "acme.okta.com",
  "accessKey": "{secret}", "identityAttribute": "email"}}"#
    );
    let report = validate_str(&text, None, &opts).unwrap();
    assert_eq!(report.kind, Kind::SailpointOktaConfig);
    assert_eq!(
        finding(&report, "MFA081", "/accessKey").severity,
        mfalint::Severity::Warning
    );
    let probe = &secret[5_000_000..5_000_016];
    let rendered = format!("{report}\n{}", serde_json::to_string(&report).unwrap());
    assert!(!rendered.contains(probe));
    assert!(rendered.len() < 10_000, "{} bytes", rendered.len());
    let redacted = redact(&text, &opts).unwrap();
    assert!(!redacted.contains(probe));
    let masked = format!("\"{}******{}\"", &secret[..1], &secret[secret.len() - 1..]);
    assert!(redacted.contains(&masked));
}

// ---------------------------------------------------------------- numbers

#[test]
fn timeouts_1e400_minus_zero_and_30_0() {
    let opts = Options::default();
    let at = "/mfa_vendor_type/okta_adaptive_v1/okta_timeout";
    // 1e400 overflows f64; it is kept as written and is not an integer.
    let r = validate_str(&scm_okta("1e400"), None, &opts).unwrap();
    assert_eq!(codes(&r), ["MFA052"]);
    assert_eq!(
        finding(&r, "MFA052", at).message,
        "`okta_timeout` must be a whole number of seconds, found a number with a fraction or exponent"
    );
    // 30.0: same rule (the API's type is integer).
    let r = validate_str(&scm_okta("30.0"), None, &opts).unwrap();
    assert_eq!(codes(&r), ["MFA052"]);
    // -0 is an integer literal, out of range.
    let r = validate_str(&scm_okta("-0"), None, &opts).unwrap();
    assert_eq!(codes(&r), ["MFA050"]);
    assert_eq!(
        finding(&r, "MFA050", at).message,
        "`okta_timeout` must be between 5 and 600 seconds, found -0"
    );
    // A 400-digit integer: out of range, and not echoed in full.
    let r = validate_str(&scm_okta(&"9".repeat(400)), None, &opts).unwrap();
    assert_eq!(codes(&r), ["MFA050"]);
    assert!(finding(&r, "MFA050", at)
        .message
        .ends_with("found a 400-character number"));
    // The in-range control.
    assert!(validate_str(&scm_okta("30"), None, &opts)
        .unwrap()
        .findings
        .is_empty());
}

#[test]
fn nan_and_infinity_are_parse_errors() {
    let opts = Options::default();
    for (value, found, expected) in [
        ("NaN", 'N', "expected a JSON value"),
        ("Infinity", 'I', "expected a JSON value"),
    ] {
        let (line, column, kind) = parse_error(validate_str(&scm_okta(value), None, &opts));
        assert_eq!(kind, ParseErrorKind::Unexpected { found, expected });
        assert_eq!(line, 4);
        assert_eq!(column, 39, "{value}");
    }
    // Lower case starts like `null`: a bad literal.
    let (_, column, kind) = parse_error(validate_str(&scm_okta("nan"), None, &opts));
    assert_eq!((kind, column), (ParseErrorKind::InvalidLiteral, 39));
    let (_, _, kind) = parse_error(validate_str(&scm_okta("-Infinity"), None, &opts));
    assert_eq!(kind, ParseErrorKind::InvalidNumber("expected a digit"));
    for bad in ["+1", ".5", "1.", "01", "1e", "0x1F"] {
        assert!(
            validate_str(&scm_okta(bad), None, &opts).is_err(),
            "{bad} was accepted"
        );
    }
}

// ---------------------------------------------------------------- text

#[test]
fn invalid_utf8_is_located() {
    let opts = Options::default();
    let mut bytes = b"{\n  \"name\": \"caf".to_vec();
    bytes.push(0xe9); // Latin-1 e-acute
    bytes.extend_from_slice(b"\"\n}");
    let (line, column, kind) = parse_error(validate_bytes(&bytes, None, &opts));
    assert_eq!(kind, ParseErrorKind::InvalidUtf8(16));
    assert_eq!((line, column), (2, 15));
    assert_eq!(kind.to_string(), "invalid UTF-8 at byte 16");
    // Overlong encodings and encoded surrogates are invalid UTF-8 too.
    for bad in [&b"\"\xc0\xaf\""[..], b"\"\xed\xa0\x80\"", b"\xff"] {
        assert!(matches!(
            parse_error(validate_bytes(bad, None, &opts)).2,
            ParseErrorKind::InvalidUtf8(_)
        ));
    }
}

#[test]
fn lone_surrogates_in_escapes_are_rejected() {
    let opts = Options::default();
    for (escape, code) in [
        (r"\ud800", 0xd800),       // high, then the closing quote
        (r"\udbff\u0041", 0xdbff), // high, then not a low surrogate
        (r"\ud800\ud800", 0xd800), // high, then high
        (r"\udc00", 0xdc00),       // low alone
        (r"x\udfffy", 0xdfff),     // low inside text
    ] {
        let text = format!(r#"{{"name": "{escape}"}}"#);
        let (line, column, kind) = parse_error(validate_str(&text, None, &opts));
        assert_eq!(kind, ParseErrorKind::LoneSurrogate(code), "{escape}");
        assert_eq!(line, 1);
        // The column of the offending backslash.
        let backslash = text.find(r"\u").unwrap();
        assert_eq!(column, text[..backslash].chars().count() + 1, "{escape}");
        // The escape's digits are not quoted: the string may be a secret.
        assert_eq!(
            kind.to_string(),
            "lone surrogate in a string escape (a \\u escape of U+D800 to U+DFFF without its pair)"
        );
    }
    // A proper pair decodes to one character.
    let root = mfalint::parse(r#"{"name": "\ud83d\ude00"}"#, &opts).unwrap();
    assert_eq!(root.get("name").unwrap().as_str(), Some("\u{1f600}"));
}

#[test]
fn duplicate_keys_are_findings_with_every_location() {
    let text =
        r#"{"name": "a", "mfa_cert_profile": "cp", "folder": "f", "name": "b", "name": "c"}"#;
    let opts = Options::default();
    let report = validate_str(text, None, &opts).unwrap();
    let dups: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code() == "MFA001")
        .collect();
    assert_eq!(dups.len(), 2, "one per repeated occurrence");
    assert_eq!(dups[0].pointer, "/name");
    assert_eq!(
        dups[0].message,
        "duplicate key `name`: the object has it more than once, and parsers disagree on which value wins"
    );
    let root = mfalint::parse(text, &opts).unwrap();
    let spans = root.key_spans("", "name");
    assert_eq!(spans.len(), 3);
    // The last one wins, as in every mainstream parser.
    assert_eq!(root.get("name").unwrap().as_str(), Some("c"));
}

#[test]
fn a_byte_order_mark_is_rejected_clearly() {
    let opts = Options::default();
    let text = "\u{feff}{\"state\": \"SUCCESS\"}";
    let (line, column, kind) = parse_error(validate_str(text, None, &opts));
    assert_eq!(
        (line, column, kind.clone()),
        (1, 1, ParseErrorKind::ByteOrderMark)
    );
    assert!(kind.to_string().contains("byte order mark"));
    assert_eq!(
        parse_error(validate_bytes(text.as_bytes(), None, &opts)).2,
        ParseErrorKind::ByteOrderMark
    );
    // A BOM anywhere else is just whitespace-that-is-not: an unexpected char.
    let (_, _, kind) = parse_error(validate_str(
        "{\"state\": \"SUCCESS\"}\u{feff}",
        None,
        &opts,
    ));
    assert_eq!(kind, ParseErrorKind::TrailingData);
}

#[test]
fn crlf_line_endings_keep_locations_right() {
    let lf = scm_okta("3").replace(
        "okta_token\": \"00aBcDeFgHiJkLmNoPqRsTuVwXyZ012345678901",
        "okta_token\": \"short",
    );
    let crlf = lf.replace('\n', "\r\n");
    assert!(crlf.contains("\r\n"));
    let opts = Options::default();
    let mut located = Vec::new();
    for text in [&lf, &crlf] {
        let root = mfalint::parse(text, &opts).unwrap();
        let report = mfalint::validate_node(&root, None, &opts).unwrap();
        assert_eq!(codes(&report), ["MFA040", "MFA050"]);
        let at: Vec<_> = report
            .findings
            .iter()
            .map(|f| {
                let span = root.locate(&f.pointer).span;
                let start = json::line_col(text, span.start);
                let end = json::line_col(text, span.end);
                (start.line, start.column, end.line, end.column)
            })
            .collect();
        located.push(at);
    }
    // The token is on line 3, the timeout on line 4; identical either way.
    assert_eq!(located[0], located[1]);
    assert_eq!(located[0][0].0, 3);
    assert_eq!(located[0][1], (4, 39, 4, 40));
    // Parse errors too.
    let broken = crlf.replace(": 3}", ": 3,}");
    let (line, column, _) = parse_error(validate_str(&broken, None, &opts));
    assert_eq!((line, column), (4, 41));
}

#[test]
fn nul_bytes_raw_and_escaped() {
    let opts = Options::default();
    // Raw NUL inside a string: a control character.
    let (line, column, kind) = parse_error(validate_str("{\"folder\": \"a\0b\"}", None, &opts));
    assert_eq!(kind, ParseErrorKind::ControlCharacter(0));
    assert_eq!((line, column), (1, 14));
    assert_eq!(
        kind.to_string(),
        "control character U+0000 must be escaped in a string"
    );
    // Raw NUL outside a string.
    let (_, _, kind) = parse_error(validate_str("{\"folder\": \"ab\"}\0", None, &opts));
    assert_eq!(kind, ParseErrorKind::TrailingData);
    let (_, _, kind) = parse_error(validate_str("\0", None, &opts));
    assert_eq!(
        kind,
        ParseErrorKind::Unexpected {
            found: '\0',
            expected: "expected a JSON value"
        }
    );
    // Escaped: a valid string, which the scope pattern rejects.
    let text = scm_okta("30").replace("Mobile Users", r"Mobile\u0000Users");
    let report = validate_str(&text, None, &opts).unwrap();
    assert_eq!(codes(&report), ["MFA022"]);
    let f = finding(&report, "MFA022", "/folder");
    assert!(f.message.contains(r"'\0' at character 7"), "{}", f.message);
    assert!(!f.message.contains('\0'));
}

// ---------------------------------------------------------------- breadth

#[test]
fn an_object_with_100000_unknown_keys() {
    let opts = Options::default();
    let n = 100_000;
    let mut text = String::from(r#"{"name": "n", "mfa_cert_profile": "c", "folder": "f""#);
    for i in 0..n {
        // Every tenth is a near miss of a real key, which makes the
        // did-you-mean compute edit distances; the others are too long
        // for any suggestion, which it must tell without computing them.
        if i % 10 == 0 {
            text.push_str(&format!(r#", "folders{i}": {i}"#));
        } else {
            text.push_str(&format!(r#", "an-unknown-key-number-{i}": {i}"#));
        }
    }
    text.push('}');
    let report = validate_str(&text, Some(Kind::ScmMfaServer), &opts).unwrap();
    let unknown: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code() == "MFA003")
        .collect();
    assert_eq!(unknown.len(), n);
    assert!(!report.findings.iter().any(|f| f.code() == "MFA001"));
    assert_eq!(
        unknown[0].message,
        "unknown key `folders0` in the MFA server profile; did you mean `folder`?"
    );
    // Locating every finding's line and column stays linear with a
    // LineIndex (repeated `line_col` calls would rescan 2 MB each time).
    let root = mfalint::parse(&text, &opts).unwrap();
    let index = json::LineIndex::new(&text);
    let members = root.members().unwrap();
    for (i, m) in members.iter().enumerate().step_by(10_007) {
        assert_eq!(
            index.line_col(m.key_span.start),
            json::line_col(&text, m.key_span.start)
        );
        assert_eq!(index.line_col(m.key_span.start).line, 1, "{i}");
    }
    let last = index.line_col(members[n + 2].value.span.end);
    // One line: the closing brace is at column len (ASCII).
    assert_eq!(last.column, text.len());
    let suggested = unknown
        .iter()
        .filter(|f| f.message.contains("did you mean"))
        .count();
    assert_eq!(suggested, n / 10);
}

#[test]
fn an_object_with_100000_duplicate_keys() {
    let opts = Options::default();
    let n = 100_000;
    let mut text = String::from(r#"{"state": "SUCCESS""#);
    for i in 0..n {
        text.push_str(&format!(r#", "k{}": null"#, i % 50_000));
    }
    text.push('}');
    let report = validate_str(&text, Some(Kind::SailpointTestResult), &opts).unwrap();
    let dups: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code() == "MFA001")
        .collect();
    // The second half repeats the first.
    assert_eq!(dups.len(), n / 2);
    assert_eq!(dups[0].pointer, "/k0");
    assert_eq!(dups[n / 2 - 1].pointer, "/k49999");
}

#[test]
fn very_long_keys() {
    let opts = Options::default();
    // A 1 MB unknown key: reported, no suggestion computed for it.
    let key = "q".repeat(1_000_000);
    let text = format!(r#"{{"state": "SUCCESS", "{key}": 1, "{key}": 2}}"#);
    let report = validate_str(&text, None, &opts).unwrap();
    assert_eq!(report.kind, Kind::SailpointTestResult);
    assert_eq!(codes(&report), ["MFA001", "MFA003", "MFA003"]);
    assert!(!report.findings[1].message.contains("did you mean"));
    // A long key that starts with a real one still gets its suggestion.
    let key = format!("error{}", "x".repeat(100_000));
    let text = format!(r#"{{"state": "SUCCESS", "{key}": 1}}"#);
    let report = validate_str(&text, None, &opts).unwrap();
    assert!(report.findings[0]
        .message
        .ends_with("did you mean `error`?"));
}

#[test]
fn a_1000000_element_array() {
    let opts = Options::default();
    let items = vec!["0"; 1_000_000].join(",");
    // As the document: parses, then cannot be a payload.
    let text = format!("[{items}]");
    let root = mfalint::parse(&text, &opts).unwrap();
    assert_eq!(root.value_len(), 1_000_000);
    assert!(matches!(
        validate_str(&text, None, &opts),
        Err(Error::Detect(DetectError::NotAnObject("array")))
    ));
    // As a field: one finding, not a million.
    let text = scm_okta("30").replace("\"okta-ca\"", &format!("[{items}]"));
    let report = validate_str(&text, None, &opts).unwrap();
    assert_eq!(codes(&report), ["MFA002"]);
    assert_eq!(
        report.findings[0].message,
        "`mfa_cert_profile` must be a string, found array"
    );
}

/// Element count of an array, for the test above.
trait ValueLen {
    fn value_len(&self) -> usize;
}

impl ValueLen for json::Node<'_> {
    fn value_len(&self) -> usize {
        match &self.value {
            json::Value::Array(items) => items.len(),
            json::Value::Object(members) => members.len(),
            _ => 0,
        }
    }
}
