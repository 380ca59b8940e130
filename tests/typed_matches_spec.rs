//! `mfalint::typed` (hand-written serde types) says what `mfalint::spec`
//! says: every typed struct has exactly the fields of its spec object, and
//! a value whose optional fields are all set serializes to exactly those
//! keys. A field added to the spec and not to the types fails here.

use std::collections::BTreeSet;

use mfalint::spec::{palo_alto, sailpoint, Object};
use mfalint::typed::*;
use serde_json::Value;

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

/// The spec object's field names (`$schema` is accepted everywhere and not
/// typed).
fn fields(obj: &Object) -> BTreeSet<String> {
    obj.fields
        .iter()
        .map(|f| f.name.to_string())
        .filter(|n| n != "$schema")
        .collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

fn secret() -> Option<Secret> {
    Some(Secret::new("EXAMPLE-not-real-0000"))
}

#[test]
fn vendor_types_have_the_vendor_fields() {
    let okta = Okta {
        okta_api_host: s("h"),
        okta_baseuri: s("/"),
        okta_token: secret(),
        okta_org: s("o"),
        okta_timeout: Some(Timeout::Seconds(30)),
    };
    let ping = Ping {
        ping_api_host: s("h"),
        ping_baseuri: s("/"),
        ping_use_base64_key: secret(),
        ping_token: secret(),
        ping_org: s("o"),
        ping_org_alias: s("a"),
        ping_timeout: Some(Timeout::Seconds(30)),
    };
    let rsa = Rsa {
        rsa_api_host: s("h"),
        rsa_baseuri: s("/"),
        rsa_accesskey: secret(),
        rsa_accessid: s("i"),
        rsa_assurancepolicyid: s("p"),
        rsa_timeout: Some(Timeout::Seconds(30)),
    };
    let duo = Duo {
        duo_api_host: s("h"),
        duo_baseuri: s("/"),
        duo_timeout: Some(Timeout::Seconds(30)),
        duo_integration_key: s("i"),
        duo_secret_key: secret(),
    };
    let typed = [
        ("okta_adaptive_v1", serde_json::to_value(&okta).unwrap()),
        ("ping_identity_v1", serde_json::to_value(&ping).unwrap()),
        ("rsa_securid_access_v1", serde_json::to_value(&rsa).unwrap()),
        ("duo_security_v2", serde_json::to_value(&duo).unwrap()),
    ];
    let vendors: Vec<(&str, &Object)> = palo_alto::vendors().collect();
    assert_eq!(vendors.len(), typed.len(), "a vendor without a type");
    for ((key, value), (vendor, object)) in typed.iter().zip(vendors) {
        assert_eq!(*key, vendor);
        assert_eq!(keys(value), fields(object), "{vendor}");
    }
    // And MfaVendorType names each vendor by its key.
    for (value, key) in [
        MfaVendorType::OktaAdaptiveV1(okta),
        MfaVendorType::PingIdentityV1(ping),
        MfaVendorType::RsaSecuridAccessV1(rsa),
        MfaVendorType::DuoSecurityV2(duo),
    ]
    .iter()
    .zip(palo_alto::VENDOR_KEYS)
    {
        let v = serde_json::to_value(value).unwrap();
        assert_eq!(keys(&v), BTreeSet::from([key.to_string()]));
    }
}

#[test]
fn profile_types_have_the_profile_fields() {
    let vendor = Some(MfaVendorType::RsaSecuridAccessV1(Rsa::default()));
    let mut scm_keys = BTreeSet::new();
    for scope in [
        Scope::Folder("f".into()),
        Scope::Snippet("s".into()),
        Scope::Device("d".into()),
    ] {
        let scm = ScmMfaServer {
            id: s("0f8fad5b-d9cb-469f-a165-70867728950e"),
            name: "n".into(),
            mfa_cert_profile: "c".into(),
            scope,
            mfa_vendor_type: vendor.clone(),
        };
        scm_keys.extend(keys(&serde_json::to_value(&scm).unwrap()));
    }
    assert_eq!(scm_keys, fields(&palo_alto::PROFILE));
    let sase = SaseMfaServer {
        id: s("0f8fad5b-d9cb-469f-a165-70867728950e"),
        name: "n".into(),
        mfa_cert_profile: "c".into(),
        mfa_vendor_type: vendor,
    };
    let sase_fields: BTreeSet<String> = palo_alto::PROFILE
        .fields
        .iter()
        .filter(|f| f.exists_in(&palo_alto::LEGACY_SASE) && f.name != "$schema")
        .map(|f| f.name.to_string())
        .collect();
    assert_eq!(keys(&serde_json::to_value(&sase).unwrap()), sase_fields);
}

#[test]
fn sailpoint_types_have_the_sailpoint_fields() {
    let okta = OktaConfig {
        mfa_method: s("okta-verify"),
        enabled: true,
        host: s("h"),
        access_key: secret(),
        identity_attribute: s("email"),
    };
    assert_eq!(
        keys(&serde_json::to_value(&okta).unwrap()),
        fields(&sailpoint::OKTA_CONFIG)
    );
    let props = ConfigProperties {
        skey: secret(),
        ikey: s("i"),
        other: Default::default(),
    };
    let duo = DuoConfig {
        mfa_method: s("duo-web"),
        enabled: true,
        host: s("h"),
        access_key: secret(),
        identity_attribute: s("email"),
        config_properties: Some(props.clone()),
    };
    assert_eq!(
        keys(&serde_json::to_value(&duo).unwrap()),
        fields(&sailpoint::DUO_CONFIG)
    );
    assert_eq!(
        keys(&serde_json::to_value(&props).unwrap()),
        fields(&sailpoint::CONFIG_PROPERTIES)
    );
    let result = TestResult {
        state: Some(TestState::Success),
        error: s("e"),
    };
    assert_eq!(
        keys(&serde_json::to_value(&result).unwrap()),
        fields(&sailpoint::TEST_RESULT)
    );
    // The test states are the spec's.
    for (state, text) in [TestState::Success, TestState::Failed]
        .iter()
        .zip(sailpoint::TEST_STATES)
    {
        assert_eq!(serde_json::to_value(state).unwrap(), *text);
    }
}

/// Every kind has a typed payload.
#[test]
fn every_kind_has_a_typed_payload() {
    let typed = [
        <ScmMfaServer as Payload>::KIND,
        <SaseMfaServer as Payload>::KIND,
        <OktaConfig as Payload>::KIND,
        <DuoConfig as Payload>::KIND,
        <TestResult as Payload>::KIND,
    ];
    assert_eq!(typed, mfalint::Kind::ALL);
}
