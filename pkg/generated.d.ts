// Generated from src/spec/ and src/rules/ by `cargo run --example regenerate`;
// tests/generated.rs fails when this file is stale. Do not edit.

/** The payload kinds mfalint validates. */
export type Kind =
  | 'scm-mfa-server'
  | 'sase-mfa-server'
  | 'sailpoint-okta-config'
  | 'sailpoint-duo-config'
  | 'sailpoint-test-result'
;

/** Every rule's stable code. */
export type RuleCode =
  | 'MFA000'
  | 'MFA001'
  | 'MFA002'
  | 'MFA003'
  | 'MFA004'
  | 'MFA006'
  | 'MFA009'
  | 'MFA010'
  | 'MFA011'
  | 'MFA012'
  | 'MFA020'
  | 'MFA021'
  | 'MFA022'
  | 'MFA030'
  | 'MFA031'
  | 'MFA040'
  | 'MFA041'
  | 'MFA050'
  | 'MFA051'
  | 'MFA052'
  | 'MFA060'
  | 'MFA061'
  | 'MFA070'
  | 'MFA071'
  | 'MFA080'
  | 'MFA081'
;

/** Every rule's stable name. */
export type RuleName =
  | 'parse-error'
  | 'duplicate-key'
  | 'wrong-type'
  | 'unknown-key'
  | 'read-only-field'
  | 'unresolved-placeholder'
  | 'unknown-kind'
  | 'missing-required'
  | 'duplicate-name'
  | 'missing-default'
  | 'scope-count'
  | 'scope-length'
  | 'scope-pattern'
  | 'vendor-count'
  | 'vendor-missing'
  | 'min-length'
  | 'hostname-format'
  | 'timeout-range'
  | 'timeout-numeric-string'
  | 'timeout-not-integer'
  | 'method-mismatch'
  | 'enabled-without-credentials'
  | 'enum-value'
  | 'uuid-format'
  | 'masked-secret'
  | 'plaintext-secret'
;

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// ---- Payload shapes, for building payloads in typed code. Validation
// accepts any value (that is what it checks); these say what a valid one is.

/** Request body of POST /mfa-servers and PUT /mfa-servers/{id} (Strata Cloud Manager, config/identity/v1). */
export type ScmMfaServer = {
  /** Optional: names this schema or kind id. */
  $schema?: JsonValue;
  /** The UUID of the MFA server, assigned by the server; a PUT takes it in the path. Read-only: a warning in a request body. */
  id?: JsonValue;
  /** The name of the MFA server profile. Not empty. */
  name: string;
  /** The MFA server certificate profile. Not empty. */
  mfa_cert_profile: string;
  /** The MFA vendor: exactly one of the four vendor objects. */
  mfa_vendor_type?: MfaVendorType;
} & ({ folder: string } | { snippet: string } | { device: string });

/** The MFA vendor: exactly one of the four vendor objects. */
export type MfaVendorType =
  | { okta_adaptive_v1: OktaAdaptiveV1 }
  | { ping_identity_v1: PingIdentityV1 }
  | { rsa_securid_access_v1: RsaSecuridAccessV1 }
  | { duo_security_v2: DuoSecurityV2 }
;

/** Okta Adaptive. */
export interface OktaAdaptiveV1 {
  /** The Okta API host. At least 10 characters. A bare hostname. */
  okta_api_host: string;
  /** The Okta API base URI. At least 2 characters. Default `/api/v1`. */
  okta_baseuri: string;
  /** The Okta API token. A secret. At least 8 characters. */
  okta_token: string;
  /** The Okta organization. */
  okta_org: string;
  /** Seconds, 5 to 600. Default 30. */
  okta_timeout: number;
}

/** Ping Identity. */
export interface PingIdentityV1 {
  /** The Ping Identity API base URI. At least 2 characters. Default `/pingid/rest/4`. */
  ping_baseuri: string;
  /** The Ping Identity API host. At least 16 characters. A bare hostname. Default `idpxny3lm.pingidentity.com`. */
  ping_api_host: string;
  /** The Ping Identity base64 key. A secret. At least 8 characters. */
  ping_use_base64_key: string;
  /** The Ping Identity token. A secret. At least 8 characters. */
  ping_token: string;
  /** The Ping Identity organization alias. At least 8 characters. */
  ping_org_alias?: string;
  /** The Ping Identity organization: listed as required upstream but never defined there, so accepted and not required. */
  ping_org?: string;
  /** Seconds, 5 to 600. Default 30. */
  ping_timeout: number;
}

/** RSA SecurID Access (every field optional). */
export interface RsaSecuridAccessV1 {
  /** The RSA SecurID API host. At least 10 characters. A bare hostname. */
  rsa_api_host?: string;
  /** The RSA SecurID API base URI. At least 2 characters. Default `/mfa/v1_1`. */
  rsa_baseuri?: string;
  /** The RSA SecurID access key. A secret. At least 8 characters. */
  rsa_accesskey?: string;
  /** The RSA SecurID access ID. At least 8 characters. */
  rsa_accessid?: string;
  /** The RSA SecurID assurance policy ID. At least 3 characters. */
  rsa_assurancepolicyid?: string;
  /** Seconds, 5 to 600. Default 30. */
  rsa_timeout?: number;
}

/** Duo Security. */
export interface DuoSecurityV2 {
  /** The Duo API host. At least 16 characters. A bare hostname. */
  duo_api_host: string;
  /** The Duo API base URI. At least 2 characters. Default `/auth/v2`. */
  duo_baseuri: string;
  /** Seconds, 5 to 600. Default 30. */
  duo_timeout: number;
  /** The Duo integration key. At least 16 characters. */
  duo_integration_key: string;
  /** The Duo secret key. A secret. At least 16 characters. */
  duo_secret_key: string;
}

/** Request of POST /sse/config/v1/mfa-servers (legacy Prisma SASE): the bare body, or {"query": {"folder", "position"}, "body": {...}} when the document has both `query` and `body`. */
export interface SaseMfaServer {
  /** Optional: names this schema or kind id. */
  $schema?: JsonValue;
  /** The UUID of the MFA server, assigned by the server; a PUT takes it in the path. Read-only: a warning in a request body. */
  id?: JsonValue;
  /** The name of the MFA server profile. Not empty. */
  name: string;
  /** The MFA server certificate profile. Not empty. */
  mfa_cert_profile: string;
  /** The MFA vendor: exactly one of the four vendor objects. */
  mfa_vendor_type?: SaseMfaVendorType;
}

/** The MFA vendor: exactly one of the four vendor objects. */
export type SaseMfaVendorType =
  | { okta_adaptive_v1: SaseOktaAdaptiveV1 }
  | { ping_identity_v1: SasePingIdentityV1 }
  | { rsa_securid_access_v1: SaseRsaSecuridAccessV1 }
  | { duo_security_v2: SaseDuoSecurityV2 }
;

/** Okta Adaptive. */
export interface SaseOktaAdaptiveV1 {
  /** The Okta API host. At least 10 characters. A bare hostname. */
  okta_api_host: string;
  /** The Okta API base URI. At least 2 characters. */
  okta_baseuri: string;
  /** The Okta API token. A secret. At least 8 characters. */
  okta_token: string;
  /** The Okta organization. */
  okta_org: string;
  /** Seconds, 5 to 600. */
  okta_timeout: string;
}

/** Ping Identity. */
export interface SasePingIdentityV1 {
  /** The Ping Identity API base URI. At least 2 characters. */
  ping_baseuri: string;
  /** The Ping Identity API host. At least 16 characters. A bare hostname. */
  ping_api_host: string;
  /** The Ping Identity token. A secret. At least 8 characters. */
  ping_token: string;
  /** The Ping Identity organization alias. At least 8 characters. */
  ping_org_alias?: string;
  /** The Ping Identity organization: listed as required upstream but never defined there, so accepted and not required. */
  ping_org?: string;
  /** Seconds, 5 to 600. */
  ping_timeout: string;
}

/** RSA SecurID Access (every field optional). */
export interface SaseRsaSecuridAccessV1 {
  /** The RSA SecurID API host. At least 10 characters. A bare hostname. */
  rsa_api_host?: string;
  /** The RSA SecurID API base URI. At least 2 characters. */
  rsa_baseuri?: string;
  /** The RSA SecurID access key. A secret. At least 8 characters. */
  rsa_accesskey?: string;
  /** The RSA SecurID access ID. At least 8 characters. */
  rsa_accessid?: string;
  /** The RSA SecurID assurance policy ID. At least 3 characters. */
  rsa_assurancepolicyid?: string;
  /** Seconds, 5 to 600. */
  rsa_timeout?: string;
}

/** Duo Security. */
export interface SaseDuoSecurityV2 {
  /** The Duo API host. At least 16 characters. A bare hostname. */
  duo_api_host: string;
  /** The Duo API base URI. At least 2 characters. */
  duo_baseuri: string;
  /** Seconds, 5 to 600. */
  duo_timeout: string;
  /** The Duo integration key. At least 16 characters. */
  duo_integration_key: string;
  /** The Duo secret key. A secret. At least 16 characters. */
  duo_secret_key: string;
}

/** The same request with its query parameters: {"query": {...}, "body": {...}}. */
export interface SaseMfaServerRequest {
  /** Optional: names this schema or kind id. */
  $schema?: JsonValue;
  /** The POST's query parameters. */
  query: SaseQuery;
  /** The POST's body. */
  body: SaseMfaServer;
}

/** The POST's query parameters. */
export interface SaseQuery {
  /** The folder the MFA server profile goes to. */
  folder: 'Shared' | 'Mobile Users' | 'Remote Networks' | 'Service Connections' | 'Mobile Users Container' | 'Mobile Users Explicit Proxy';
  /** Before or after the folder's other rules. */
  position: 'pre' | 'post';
}

/** Request body of PUT /mfa/okta-verify/config (SailPoint Identity Security Cloud). */
export interface SailpointOktaConfig {
  /** Optional: names this schema or kind id. */
  $schema?: JsonValue;
  /** The MFA method: must match the endpoint. */
  mfaMethod?: 'okta-verify' | null;
  /** Whether the MFA method is enabled (not nullable). Default false. */
  enabled?: boolean;
  /** The server host name or IP address of the MFA provider. */
  host?: string | null;
  /** The secret key for authenticating requests to the MFA provider. A secret. */
  accessKey?: string | null;
  /** The name of the attribute for mapping an identity to the MFA provider. */
  identityAttribute?: string | null;
}

/** Request body of PUT /mfa/duo-web/config (SailPoint Identity Security Cloud). */
export interface SailpointDuoConfig {
  /** Optional: names this schema or kind id. */
  $schema?: JsonValue;
  /** The MFA method: must match the endpoint. */
  mfaMethod?: 'duo-web' | null;
  /** Whether the MFA method is enabled (not nullable). Default false. */
  enabled?: boolean;
  /** The server host name or IP address of the MFA provider. */
  host?: string | null;
  /** The secret key for authenticating requests to the MFA provider. A secret. */
  accessKey?: string | null;
  /** The name of the attribute for mapping an identity to the MFA provider. */
  identityAttribute?: string | null;
  /** Additional config properties (any keys). `skey` is a secret; `ikey` is not. */
  configProperties?: ConfigProperties | null;
}

/** Additional config properties (any keys). `skey` is a secret; `ikey` is not. */
export interface ConfigProperties {
  /** The Duo secret key. A secret. */
  skey?: JsonValue;
  /** The Duo integration key. */
  ikey?: JsonValue;
  /** Any other key is accepted as it is. */
  [key: string]: JsonValue;
}

/** Response of GET /mfa/{method}/test (SailPoint Identity Security Cloud). */
export interface SailpointTestResult {
  /** Optional: names this schema or kind id. */
  $schema?: JsonValue;
  /** The configuration test result. Read-only: a warning in a request body. */
  state?: 'SUCCESS' | 'FAILED';
  /** The error message when the test failed. Read-only: a warning in a request body. */
  error?: string | null;
}
