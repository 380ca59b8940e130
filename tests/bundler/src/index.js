// Bundled by webpack 5 (tests/bundler/webpack.config.mjs): `mfalint` resolves
// through pkg/package.json's exports (condition `default`) to the
// wasm-bindgen `bundler` entry, whose .wasm webpack loads as an async
// WebAssembly module. The page reports what it found in data attributes.
import { validate, rules } from 'mfalint';

// examples/invalid/scm-okta-constraints.json: URL as host, short token,
// timeout out of range.
const body = {
  name: 'okta-prod',
  mfa_cert_profile: 'okta-ca-profile',
  folder: 'Mobile Users',
  mfa_vendor_type: {
    okta_adaptive_v1: {
      okta_api_host: 'https://acme.okta.com',
      okta_baseuri: '/api/v1',
      okta_token: 'tok3n',
      okta_org: 'acme',
      okta_timeout: 900,
    },
  },
};

const report = validate(body);
document.body.dataset.kind = report.kind;
document.body.dataset.codes = report.findings.map((f) => f.code).join(',');
document.body.dataset.rules = String(rules().length);
document.body.dataset.ready = 'true';
