// No secret leaks through the WebAssembly API: for random alphanumeric
// secrets (8..64 characters) in every secret field of every kind (examples/
// with their secrets replaced, and payloads built here with errors next to
// the secrets: wrong types, short and bad values, duplicate secret keys,
// secret-named unknown keys, secrets of the wrong type), no report (JSON),
// no API error envelope (SCM `_errors` and SailPoint `detailCode`), no
// `redact` output, no `normalize` report of what it filled, no thrown
// MfalintError message (files that stop parsing right after a secret) and no
// rule text contains the secret or any 4-character piece of it.
//
// A 4-character piece can also occur by chance ("must", "okta"): every
// output is also rendered with a stand-in secret of the same length made of
// one character the secret lacks, and a piece counts as leaked only when it
// appears with the real secret and not with the stand-in (as in
// tests/secrets_property.rs). Seeded: MFALINT_SECRETS_SEED=n replays a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url);
const pkgDir = new URL(process.env.MFALINT_PKG_DIR ? pathToFileURL(`${process.env.MFALINT_PKG_DIR}/`) : new URL('pkg/', root));
const m = await import(new URL('node.js', pkgDir).href);

const CASES = 100;
const SEED = Number(process.env.MFALINT_SECRETS_SEED ?? Math.floor(Math.random() * 2 ** 32));
const S = '@@SECRET@@';
const DUP = '__dup__';
const SECRET_KEYS = ['okta_token', 'ping_use_base64_key', 'ping_token', 'rsa_accesskey', 'duo_secret_key', 'accessKey', 'skey'];
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function randomSecret(rand) {
  const n = 8 + Math.floor(rand() * 57);
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[Math.floor(rand() * ALNUM.length)];
  return s;
}

function standIn(secret) {
  const filler = [...ALNUM].find((c) => !secret.includes(c));
  return filler.repeat(secret.length);
}

// Vendor fields ('S': a secret field), the same for SCM and legacy SASE.
const VENDORS = {
  okta_adaptive_v1: ['okta_api_host', 'okta_baseuri', 'S:okta_token', 'okta_org', 'okta_timeout'],
  ping_identity_v1: ['ping_api_host', 'ping_baseuri', 'S:ping_use_base64_key', 'S:ping_token', 'ping_org_alias', 'ping_org', 'ping_timeout'],
  rsa_securid_access_v1: ['rsa_api_host', 'rsa_baseuri', 'S:rsa_accesskey', 'rsa_accessid', 'rsa_assurancepolicyid', 'rsa_timeout'],
  duo_security_v2: ['duo_api_host', 'duo_baseuri', 'duo_timeout', 'duo_integration_key', 'S:duo_secret_key'],
};

// A secret-holding value: mostly the secret, sometimes inside the wrong type.
function secretValue(rand) {
  const r = rand();
  return r < 0.1 ? [S] : r < 0.2 ? { value: S } : S;
}

// `value` as text with the DUP member replaced by `"key": S` (a duplicate).
function withDuplicate(value, key) {
  return JSON.stringify(value, null, 2).replace(`"${DUP}": 0`, `"${key}": "${S}"`);
}

function built(rand) {
  const out = [];
  for (const sase of [false, true]) {
    for (const [vendor, fields] of Object.entries(VENDORS)) {
      const obj = { [DUP]: 0 };
      let dupKey;
      for (const f of fields) {
        const bad = rand() < 0.5;
        if (f.startsWith('S:')) {
          dupKey ??= f.slice(2);
          obj[f.slice(2)] = secretValue(rand);
        } else if (f.endsWith('_host')) obj[f] = bad ? 'https://bad_host:443/x' : 'a';
        else if (f.endsWith('_timeout')) obj[f] = sase ? (bad ? 30 : '9000') : bad ? 30.5 : '30s';
        else obj[f] = bad ? ['wrong', 'type'] : 'ab';
      }
      obj.accessKey = S;
      obj.skey = S;
      const body = { name: 12, mfa_cert_profile: '', mfa_vendor_type: { [vendor]: obj } };
      let value, kind;
      if (sase) {
        value = { query: { folder: 'Nowhere', position: 'pre' }, body };
        kind = 'sase-mfa-server';
      } else {
        value = { ...body, folder: 'bad/\u0663', device: 'fw-1', id: 'not-a-uuid' };
        kind = 'scm-mfa-server';
      }
      out.push({ name: `${kind} ${vendor}`, kind, text: withDuplicate(value, dupKey) });
    }
  }
  for (const [kind, method] of [['sailpoint-okta-config', 'duo-web'], ['sailpoint-duo-config', 'okta-verify']]) {
    const value = {
      mfaMethod: method, enabled: 'yes', host: 443, accessKey: secretValue(rand), identityAttribute: [], [DUP]: 0,
      configProperties: { skey: secretValue(rand), ikey: 7, nested: { skey: S, accessKey: S } },
    };
    out.push({ name: kind, kind, text: withDuplicate(value, 'accessKey') });
  }
  out.push({
    name: 'sailpoint-test-result',
    kind: 'sailpoint-test-result',
    text: withDuplicate({ state: 'BROKEN', error: 5, accessKey: S, [DUP]: 0 }, 'accessKey'),
  });
  return out;
}

function exampleFiles(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = new URL(name, dir);
    if (statSync(p).isDirectory()) exampleFiles(new URL(`${name}/`, dir), out);
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

const SECRET_VALUE = new RegExp(`("(?:${SECRET_KEYS.join('|')})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)"`, 'g');
const examples = exampleFiles(new URL('examples/', root)).map((p) => ({
  name: p.pathname.slice(new URL('examples/', root).pathname.length),
  kind: undefined,
  text: readFileSync(p, 'utf8').replace(SECRET_VALUE, (_, head) => `${head}${S}"`),
}));

// Text that stops parsing right after a secret.
const BROKEN = [
  '{"okta_token": "S',
  '{\n  "name": "p",\n  "folder": "Shared",\n  "mfa_vendor_type": {"okta_adaptive_v1": {"okta_token": "S"',
  '{"mfaMethod": "duo-web", "accessKey": "x", "configProperties": {"skey": "S',
  '{"accessKey": "S" x',
  '{"ping_use_base64_key": "S\\q"}',
  '{"duo_secret_key": "S\u0001"}',
  '{"rsa_accesskey": "S\n"}',
  '{"ping_token": "S" "rsa_accesskey": 1}',
].map((t) => t.replace('"S', `"${S}`));

// Every output for one template with `secret` in place, labelled.
function outputs(template, secret) {
  const text = template.text.replaceAll(S, secret);
  const out = [];
  const attempt = (label, fn) => {
    try {
      const v = fn();
      out.push([label, typeof v === 'string' ? v : JSON.stringify(v)]);
    } catch (e) {
      assert.ok(e instanceof m.MfalintError, `${label}: ${e?.stack}`);
      out.push([`${label} (thrown)`, `${e.message} ${JSON.stringify(e)}`]);
    }
  };
  const kind = template.kind;
  attempt('validate', () => m.validate(text, { kind }));
  attempt('validate bytes', () => m.validate(new TextEncoder().encode(text), { kind }));
  attempt('validate export ALL', () => m.validate(text, { kind, mode: 'export', select: ['ALL'] }));
  attempt('apiError', () => m.apiError(text, { kind, requestId: 'req-0001' }));
  attempt('apiError export', () => m.apiError(text, { kind, mode: 'export', select: ['ALL'], requestId: 'req-0002' }));
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    // not JSON: only the text inputs above
  }
  if (value !== undefined) attempt('validate object', () => m.validate(value, { kind }));
  attempt('redact', () => m.redact(text));
  attempt('detectKind', () => m.detectKind(text));
  // normalize's text is the payload itself (secrets included, by design):
  // only what it filled, and its errors.
  attempt('normalize filled', () => m.normalize(text, { kind }).filled);
  return out;
}

function leakedPiece(secret, out, base) {
  for (let i = 0; i + 4 <= secret.length; i++) {
    const piece = secret.slice(i, i + 4);
    if (out.includes(piece) && !base.includes(piece)) return piece;
  }
  return undefined;
}

function assertNoLeak(template, secret) {
  const real = outputs(template, secret);
  const baseline = outputs(template, standIn(secret));
  assert.deepEqual(real.map(([l]) => l), baseline.map(([l]) => l), template.name);
  real.forEach(([label, out], i) => {
    const where = `${template.name}: ${label} (seed ${SEED})`;
    assert.ok(!out.includes(secret), `${where} contains the secret`);
    const piece = leakedPiece(secret, out, baseline[i][1]);
    assert.equal(piece, undefined, `${where} contains ${JSON.stringify(piece)}, a piece of the secret`);
  });
  return real;
}

test(`random secrets in every secret field of every kind never leak (${CASES} cases, seed ${SEED})`, () => {
  const rand = prng(SEED);
  const staticText = JSON.stringify([m.rules(), m.rule('MFA081'), m.rule('plaintext-secret')]);
  for (let i = 0; i < CASES; i++) {
    const secret = randomSecret(rand);
    const templates = [...examples, ...built(rand), ...BROKEN.map((text, j) => ({ name: `broken ${j}`, text }))];
    // Each case: every built and broken payload, and a few examples.
    const picked = templates.filter((t) => !examples.includes(t) || rand() < 0.2);
    for (const t of picked) assertNoLeak(t, secret);
    // Rule text is static: the same whatever was validated.
    assert.equal(JSON.stringify([m.rules(), m.rule('MFA081'), m.rule('plaintext-secret')]), staticText);
  }
});

test('every example and every secret field is covered, findings sit next to the secrets', () => {
  const secret = 'Zq7Wv3Xy9Kp2Lm4N';
  const all = [...examples, ...built(prng(1)), ...BROKEN.map((text) => ({ name: 'broken', text }))];
  const text = all.map((t) => t.text.replaceAll(S, secret)).join('\n');
  for (const key of SECRET_KEYS) assert.ok(text.includes(`"${key}": "${secret}"`), key);
  assert.ok(examples.length >= 20 && examples.filter((t) => t.text.includes(S)).length >= 12);
  const codes = new Set();
  for (const t of all) {
    const out = assertNoLeak(t, secret);
    for (const [label, o] of out) {
      for (const c of o.match(/MFA0\d\d/g) ?? []) codes.add(c);
      if (label === 'redact' && t.text.includes(S)) assert.ok(o.includes('Z******N'), `${t.name}: redact masks`);
    }
  }
  for (const c of ['MFA001', 'MFA002', 'MFA040', 'MFA041', 'MFA050', 'MFA081']) assert.ok(codes.has(c), c);
  // Both envelopes.
  const scm = m.apiError(built(prng(1))[0].text.replaceAll(S, secret), { kind: 'scm-mfa-server' });
  const sp = m.apiError(built(prng(1))[8].text.replaceAll(S, secret), { kind: 'sailpoint-okta-config' });
  assert.ok(scm._errors && sp.detailCode);
});

test('a parse error right after a secret: the thrown message does not hold it', () => {
  const secret = 'Zq7Wv3Xy9Kp2Lm4N';
  for (const text of BROKEN) {
    for (const fn of [m.validate, m.apiError, m.redact, m.normalize, m.detectKind]) {
      let error;
      try {
        fn(text.replaceAll(S, secret));
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof m.MfalintError && error.category === 'parse', `${fn.name}: ${error}`);
      assert.equal(leakedPiece(secret, `${error.message} ${error.stack} ${JSON.stringify(error)}`, ''), undefined, error.message);
    }
  }
});

test('the check can fail', () => {
  const secret = 'Zq7Wv3Xy9Kp2Lm4N';
  assert.equal(leakedPiece(secret, `okta_token is ${secret}`, ''), 'Zq7W');
  assert.equal(leakedPiece(secret, 'ends with Lm4N', ''), 'Lm4N');
  assert.equal(leakedPiece(secret, 'starts with Zq7', ''), undefined);
  assert.equal(leakedPiece(secret, 'Lm4N', 'Lm4N too'), undefined);
});
