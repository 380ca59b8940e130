//! The library's other entry points: detection, normalize, redact, API
//! error envelopes, typed payloads, parse errors.

use mfalint::{
    detect, envelope::api_error, normalize, redact, typed, validate_bytes, validate_str,
    validate_value, DetectError, Error, Kind, Mode, Options,
};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/rules/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn kind_of(text: &str) -> Result<Kind, DetectError> {
    detect(&mfalint::parse(text, &Options::default()).unwrap())
}

#[test]
fn detection_by_shape_and_schema_and_its_errors() {
    assert_eq!(kind_of(r#"{"folder": "x"}"#), Ok(Kind::ScmMfaServer));
    assert_eq!(
        kind_of(r#"{"query": {}, "body": {}}"#),
        Ok(Kind::SaseMfaServer)
    );
    assert_eq!(
        kind_of(r#"{"mfaMethod": "duo-web"}"#),
        Ok(Kind::SailpointDuoConfig)
    );
    assert_eq!(
        kind_of(r#"{"mfaMethod": "okta-verify"}"#),
        Ok(Kind::SailpointOktaConfig)
    );
    assert_eq!(
        kind_of(r#"{"configProperties": {}}"#),
        Ok(Kind::SailpointDuoConfig)
    );
    assert_eq!(
        kind_of(r#"{"state": "SUCCESS"}"#),
        Ok(Kind::SailpointTestResult)
    );
    assert_eq!(
        kind_of(
            r#"{"$schema": "https://mfalint.dev/schemas/sase-mfa-server.schema.json", "name": "x"}"#
        ),
        Ok(Kind::SaseMfaServer)
    );
    let ambiguous = kind_of(r#"{"name": "x", "mfa_cert_profile": "y"}"#).unwrap_err();
    assert!(matches!(ambiguous, DetectError::Ambiguous { .. }));
    assert!(ambiguous
        .to_string()
        .contains("scm-mfa-server or sase-mfa-server"));
    assert!(matches!(
        kind_of(r#"{"enabled": true}"#),
        Err(DetectError::Ambiguous { .. })
    ));
    assert_eq!(kind_of("[]"), Err(DetectError::NotAnObject("array")));
    assert_eq!(kind_of(r#"{"x": 1}"#), Err(DetectError::Unknown));
}

#[test]
fn parse_errors_are_located_and_clear() {
    let opts = Options::default();
    let err = validate_str("{\n  \"name\": tru\n}", None, &opts).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2, column 11: invalid literal: expected `true`, `false` or `null`"
    );
    let err = validate_bytes(b"{\"name\": \"\xff\"}", None, &opts).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Parse {
                line: 1,
                column: 11,
                ..
            }
        ),
        "{err}"
    );
    assert!(validate_str("", None, &opts)
        .unwrap_err()
        .to_string()
        .contains("empty document"));
    assert!(validate_str("\u{feff}{}", None, &opts)
        .unwrap_err()
        .to_string()
        .contains("byte order mark"));
}

#[test]
fn text_and_value_entry_points_agree() {
    let opts = Options::default();
    let text = fixture("MFA040/fail-original.scm-mfa-server.json");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let from_text = validate_str(&text, None, &opts).unwrap();
    let from_value = validate_value(&value, None, &opts).unwrap();
    // The same findings; only the text's know their place in it.
    assert_eq!(
        serde_json::to_value(&from_text).unwrap(),
        serde_json::to_value(&from_value).unwrap()
    );
    assert!(from_text.findings.iter().all(|f| f.span.is_some()));
    assert!(from_value.findings.iter().all(|f| f.span.is_none()));
}

#[test]
fn export_mode_accepts_masked_secrets() {
    let text = fixture("MFA080/fail-original.sailpoint-duo-config.json");
    let request = validate_str(&text, None, &Options::default()).unwrap();
    assert_eq!(request.errors().count(), 2);
    let export = Options {
        mode: Mode::Export,
        ..Options::default()
    };
    assert!(validate_str(&text, None, &export)
        .unwrap()
        .findings
        .is_empty());
}

#[test]
fn normalize_fills_optional_defaults_only() {
    let opts = Options::default();
    let rsa = r#"{"name": "rsa", "mfa_cert_profile": "ca", "snippet": "s",
        "mfa_vendor_type": {"rsa_securid_access_v1": {"rsa_api_host": "cloud.securid.com"}}}"#;
    let out = normalize(rsa, None, &opts).unwrap();
    insta::assert_snapshot!("normalize_rsa", format!("{:#?}\n{}", out.filled, out.text));
    // Idempotent: its own output needs nothing more.
    assert!(normalize(&out.text, None, &opts).unwrap().filled.is_empty());
    // Okta's defaulted fields are required, so they are never filled.
    let okta = fixture("MFA010/fail-original.scm-mfa-server.json");
    assert!(normalize(&okta, None, &opts).unwrap().filled.is_empty());
    let sp = normalize(r#"{"mfaMethod": "okta-verify"}"#, None, &opts).unwrap();
    assert_eq!(sp.filled[0].pointer, "/enabled");
    assert!(sp.text.contains("\"enabled\": false"));
}

#[test]
fn redact_masks_every_secret_the_sailpoint_way() {
    let text = r#"{"accessKey": "qw123Y3QlA5UqocYpdU3rEkzrK2D497y", "accessKey": "dup-secret-value",
        "configProperties": {"skey": "12q3WERlcUHWJmiMqyCXI3uOF7EaDJTbdeOp6E2B", "ikey": "Q123WE45R6TY7890ZXCV"},
        "host": "www.example.com", "mfaMethod": "duo-web", "nested": [{"okta_token": "abc"}]}"#;
    let out = redact(text, &Options::default()).unwrap();
    insta::assert_snapshot!("redact", out);
    for secret in ["qw123Y3QlA5", "dup-secret", "12q3WERl", "\"abc\""] {
        assert!(!out.contains(secret), "{secret} leaked");
    }
    assert!(out.contains("Q123WE45R6TY7890ZXCV"), "ikey is not a secret");
    assert_eq!(
        mfalint::mask("qw123Y3QlA5UqocYpdU3rEkzrK2D497y"),
        "q******y"
    );
    assert_eq!(mfalint::mask("short"), "********");
}

#[test]
fn api_error_bodies_match_the_seeds() {
    let opts = Options::default();
    let scm = validate_str(
        &fixture("MFA040/fail-original.scm-mfa-server.json"),
        None,
        &opts,
    )
    .unwrap();
    let body = api_error(&scm, Some("123e4567-e89b-12d3-a456-426655440000")).unwrap();
    insta::assert_snapshot!("envelope_scm", serde_json::to_string_pretty(&body).unwrap());
    // Detection would trust mfaMethod; the endpoint names the kind.
    let sp = validate_str(
        &fixture("MFA060/fail-original.sailpoint-okta-config.json"),
        Some(Kind::SailpointOktaConfig),
        &opts,
    )
    .unwrap();
    let body = api_error(&sp, Some("e7eab60924f64aa284175b9fa3309599")).unwrap();
    insta::assert_snapshot!(
        "envelope_sailpoint",
        serde_json::to_string_pretty(&body).unwrap()
    );
    // No errors, no 400.
    let ok = validate_str(
        &fixture("MFA051/fail-original.scm-mfa-server.json"),
        None,
        &opts,
    )
    .unwrap();
    assert!(api_error(&ok, None).is_none());
    // Generated ids have the API's shapes and differ.
    let a = api_error(&scm, None).unwrap().request_id().to_string();
    let b = api_error(&scm, None).unwrap().request_id().to_string();
    assert!(
        mfalint::params::check_id(&a, &opts).is_empty(),
        "{a} is a UUID"
    );
    assert_ne!(a, b);
    let t = api_error(&sp, None).unwrap().request_id().to_string();
    assert!(t.len() == 32 && t.bytes().all(|c| c.is_ascii_hexdigit()));
}

#[test]
fn typed_payloads_validate_first_and_hide_secrets_in_debug() {
    let opts = Options::default();
    let text = fixture("MFA051/fail-original.scm-mfa-server.json");
    let server: typed::ScmMfaServer = typed::from_str(&text, &opts).unwrap();
    assert_eq!(server.scope, typed::Scope::Folder("Mobile Users".into()));
    let Some(typed::MfaVendorType::OktaAdaptiveV1(okta)) = &server.mfa_vendor_type else {
        panic!("okta expected")
    };
    assert_eq!(
        okta.okta_timeout.as_ref().and_then(typed::Timeout::seconds),
        Some(30)
    );
    assert_eq!(
        okta.okta_token.as_ref().unwrap().expose(),
        "00aBcDeFgHiJkLmNoPqRs"
    );
    let debug = format!("{server:?}");
    assert!(
        !debug.contains("aBcDeFgHiJ") && debug.contains("0******s"),
        "{debug}"
    );

    let bad = fixture("MFA040/fail-original.scm-mfa-server.json");
    match typed::from_str::<typed::ScmMfaServer>(&bad, &opts) {
        Err(typed::TypedError::Invalid(report)) => assert!(!report.is_valid()),
        other => panic!("expected Invalid, got {other:?}"),
    }
}
