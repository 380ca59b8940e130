// Objects passed to validate(): JSON.stringify + the core's text parser
// (shipped) versus serde-wasm-bindgen conversion + validate_value (probe
// build only). Run after `scripts/build-wasm.sh --compare`:
//   node tests/node/bench-input.mjs
// Not a test (timings vary); its figures are quoted in pkg/README.md.
import { readFileSync } from 'node:fs';

const probe = new URL('../../target/wasm-probe/serde-wasm-bindgen/web/', import.meta.url);
const raw = await import(new URL('mfalint.js', probe).href);
raw.initSync({ module: readFileSync(new URL('mfalint_bg.wasm', probe)) });
// The shipped path: the package's own JavaScript layer over the probe build.
const { createApi } = await import(new URL('../../pkg/lib/api.js', import.meta.url).href);
const api = createApi(raw);

const scm = {
  name: 'okta-prod',
  mfa_cert_profile: 'okta-ca-profile',
  folder: 'Mobile Users',
  mfa_vendor_type: {
    okta_adaptive_v1: {
      okta_api_host: 'acme.okta.com',
      okta_baseuri: '/api/v1',
      okta_token: 'short',
      okta_org: 'acme',
      okta_timeout: 900,
    },
  },
};
const duo = { mfaMethod: 'duo-web', enabled: true, host: 'api-1.duosecurity.com', accessKey: 'k', configProperties: { skey: 's', ikey: 'i' } };
const big = { ...scm, ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`extra_${i}`, { list: [1, 2, 3], text: 'x'.repeat(40) }])) };

const viaText = (o) => api.validate(o);
const viaObject = (o) => JSON.parse(raw.validateObject(o, '')).ok;

function time(fn, arg, ms = 700) {
  for (let i = 0; i < 200; i++) fn(arg);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 50; i++) fn(arg);
    n += 50;
  }
  return ((performance.now() - start) * 1000) / n;
}

console.log('payload          JSON.stringify+text  serde-wasm-bindgen   (µs per validate, lower is better)');
for (const [name, o] of [['scm (small)', scm], ['sailpoint duo', duo], ['scm + 300 keys', big]]) {
  const a = viaText(o);
  const b = viaObject(o);
  if (JSON.stringify(a.findings.map((f) => f.code)) !== JSON.stringify(b.findings.map((f) => f.code))) {
    throw new Error(`${name}: different findings`);
  }
  const t = time(viaText, o);
  const s = time(viaObject, o);
  console.log(`${name.padEnd(17)}${t.toFixed(1).padStart(12)} µs${s.toFixed(1).padStart(17)} µs   (${(s / t).toFixed(2)}x)`);
}
