//! The documented field tables (see `shared/upstream/paloalto/SUMMARY.md`
//! section 1.2 and RULINGS.md). Validators, `normalize` and `redact` read
//! these; the JSON Schemas in `schemas/` are checked against them by tests.

/// How a vendor field's value is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A JSON string.
    String,
    /// SCM: an integer 5..600 (numeric strings tolerated with a warning).
    /// Legacy SASE: a string holding such an integer.
    Timeout,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Default {
    Str(&'static str),
    Int(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    /// Minimum length in code points (0: none).
    pub min_length: u64,
    pub hostname: bool,
    pub secret: bool,
    pub required: bool,
    pub default: Option<Default>,
}

const fn field(name: &'static str) -> Field {
    Field {
        name,
        ty: FieldType::String,
        min_length: 0,
        hostname: false,
        secret: false,
        required: false,
        default: None,
    }
}

impl Field {
    const fn min(mut self, n: u64) -> Self {
        self.min_length = n;
        self
    }
    const fn host(mut self) -> Self {
        self.hostname = true;
        self
    }
    const fn secret(mut self) -> Self {
        self.secret = true;
        self
    }
    const fn req(mut self) -> Self {
        self.required = true;
        self
    }
    const fn default_str(mut self, s: &'static str) -> Self {
        self.default = Some(Default::Str(s));
        self
    }
    const fn timeout(mut self) -> Self {
        self.ty = FieldType::Timeout;
        self
    }
    const fn default_int(mut self, n: i64) -> Self {
        self.default = Some(Default::Int(n));
        self
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Vendor {
    pub key: &'static str,
    pub fields: &'static [Field],
}

impl Vendor {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

pub const TIMEOUT_MIN: i64 = 5;
pub const TIMEOUT_MAX: i64 = 600;
pub const SCOPE_MAX_CHARS: u64 = 64;
/// The documented pattern `^[a-zA-Z\d-_\. ]+$` rewritten so that every engine
/// compiles it and reads `\d` as ASCII only (RULINGS.md).
pub const SCOPE_PATTERN: &str = "^[A-Za-z0-9_. -]+$";
/// `format: hostname` as a portable pattern (with `maxLength: 253`), so that
/// schemas need no format support (ajv strict mode rejects unknown formats).
pub const HOSTNAME_PATTERN: &str =
    "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$";
/// A masked secret or SCM ciphertext echo (`rules::secrets::is_masked`,
/// `is_ciphertext`), which request schemas reject with `not`.
pub const MASKED_PATTERN: &str = "^([\\s\\S]\\*{6}[\\s\\S]|\\*{3,})$|^-AQ==";
pub const SCOPE_KEYS: &[&str] = &["folder", "snippet", "device"];
pub const VENDOR_KEYS: &[&str] = &[
    "okta_adaptive_v1",
    "ping_identity_v1",
    "rsa_securid_access_v1",
    "duo_security_v2",
];

/// Strata Cloud Manager vendor objects (upstream SCM current, section 1.2).
pub static SCM_VENDORS: &[Vendor] = &[
    Vendor {
        key: "okta_adaptive_v1",
        fields: &[
            field("okta_api_host").min(10).host().req(),
            field("okta_baseuri").min(2).req().default_str("/api/v1"),
            field("okta_token").min(8).secret().req(),
            field("okta_org").req(),
            field("okta_timeout").timeout().default_int(30).req(),
        ],
    },
    Vendor {
        key: "ping_identity_v1",
        fields: &[
            field("ping_baseuri")
                .min(2)
                .req()
                .default_str("/pingid/rest/4"),
            field("ping_api_host")
                .min(16)
                .host()
                .req()
                .default_str("idpxny3lm.pingidentity.com"),
            field("ping_use_base64_key").min(8).secret().req(),
            field("ping_token").min(8).secret().req(),
            field("ping_org_alias").min(8),
            // Required upstream but never defined: accepted, not required.
            field("ping_org"),
            field("ping_timeout").timeout().default_int(30).req(),
        ],
    },
    Vendor {
        key: "rsa_securid_access_v1",
        fields: &[
            field("rsa_api_host").min(10).host(),
            field("rsa_baseuri").min(2).default_str("/mfa/v1_1"),
            field("rsa_accesskey").min(8).secret(),
            field("rsa_accessid").min(8),
            field("rsa_assurancepolicyid").min(3),
            field("rsa_timeout").timeout().default_int(30),
        ],
    },
    Vendor {
        key: "duo_security_v2",
        fields: &[
            field("duo_api_host").min(16).host().req(),
            field("duo_baseuri").min(2).req().default_str("/auth/v2"),
            field("duo_timeout").timeout().default_int(30).req(),
            field("duo_integration_key").min(16).req(),
            field("duo_secret_key").min(16).secret().req(),
        ],
    },
];

/// Legacy Prisma SASE vendor objects: the same backend, so the SCM
/// constraints apply (as warnings), but the field set is the legacy one:
/// `ping_org` instead of `ping_use_base64_key`, and no defaults.
pub static SASE_VENDORS: &[Vendor] = &[
    Vendor {
        key: "okta_adaptive_v1",
        fields: &[
            field("okta_api_host").min(10).host().req(),
            field("okta_baseuri").min(2).req(),
            field("okta_token").min(8).secret().req(),
            field("okta_org").req(),
            field("okta_timeout").timeout().req(),
        ],
    },
    Vendor {
        key: "ping_identity_v1",
        fields: &[
            field("ping_api_host").min(16).host().req(),
            field("ping_baseuri").min(2).req(),
            field("ping_org"),
            field("ping_org_alias").min(8),
            field("ping_timeout").timeout().req(),
            field("ping_token").min(8).secret().req(),
        ],
    },
    Vendor {
        key: "rsa_securid_access_v1",
        fields: &[
            field("rsa_accessid").min(8),
            field("rsa_accesskey").min(8).secret(),
            field("rsa_api_host").min(10).host(),
            field("rsa_assurancepolicyid").min(3),
            field("rsa_baseuri").min(2),
            field("rsa_timeout").timeout(),
        ],
    },
    Vendor {
        key: "duo_security_v2",
        fields: &[
            field("duo_api_host").min(16).host().req(),
            field("duo_baseuri").min(2).req(),
            field("duo_integration_key").min(16).req(),
            field("duo_secret_key").min(16).secret().req(),
            field("duo_timeout").timeout().req(),
        ],
    },
];

/// Legacy SASE `folder` query parameter values.
pub const SASE_FOLDERS: &[&str] = &[
    "Shared",
    "Mobile Users",
    "Remote Networks",
    "Service Connections",
    "Mobile Users Container",
    "Mobile Users Explicit Proxy",
];
pub const POSITIONS: &[&str] = &["pre", "post"];
pub const SAILPOINT_METHODS: &[&str] = &["okta-verify", "duo-web"];
pub const TEST_STATES: &[&str] = &["SUCCESS", "FAILED"];
