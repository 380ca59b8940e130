// The JavaScript API around the core: inputs, errors, options, envelopes,
// rules, schemas, and the three entry points (node, web, bundler).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url);
const pkgDir = new URL(process.env.MFALINT_PKG_DIR ? pathToFileURL(`${process.env.MFALINT_PKG_DIR}/`) : new URL('pkg/', root));
const m = await import(new URL('node.js', pkgDir).href);
const pkgJson = JSON.parse(readFileSync(new URL('package.json', pkgDir), 'utf8'));

// Secrets: long enough that a mask (first and last character) cannot be
// mistaken for them; assertions look for the whole value and its middle.
const TOKEN = 'oktaTokenValue-1234567890';
const SKEY = 'duoSecretKeyValue-1234567890';

const okta = () => ({
  name: 'okta',
  mfa_cert_profile: 'cp',
  folder: 'Shared',
  mfa_vendor_type: {
    okta_adaptive_v1: {
      okta_api_host: 'acme.okta.com',
      okta_baseuri: '/api/v1',
      okta_token: TOKEN,
      okta_org: 'acme',
      okta_timeout: 30,
    },
  },
});

function throws(fn, category, pattern) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof m.MfalintError, `expected an MfalintError, got ${error}`);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'MfalintError');
  assert.equal(error.category, category, error.message);
  if (pattern) assert.match(error.message, pattern);
  return error;
}

test('a valid payload has no findings, as an object or as text', () => {
  for (const input of [okta(), JSON.stringify(okta()), JSON.stringify(okta(), null, 2)]) {
    const report = m.validate(input);
    assert.deepEqual(report, { kind: 'scm-mfa-server', findings: [] });
    assert.equal(m.isValid(report), true);
  }
});

test('findings carry code, rule, severity, pointer, message, constraint', () => {
  const p = okta();
  p.mfa_vendor_type.okta_adaptive_v1.okta_timeout = 900;
  p.mfa_vendor_type.okta_adaptive_v1.okta_api_hostname = 'x';
  const report = m.validate(p);
  // Rust's order: the unknown-key pass runs before the vendor fields.
  assert.deepEqual(report.findings, [
    {
      code: 'MFA003',
      rule: 'unknown-key',
      severity: 'warning',
      pointer: '/mfa_vendor_type/okta_adaptive_v1/okta_api_hostname',
      message: report.findings[0].message,
    },
    {
      code: 'MFA050',
      rule: 'timeout-range',
      severity: 'error',
      pointer: '/mfa_vendor_type/okta_adaptive_v1/okta_timeout',
      message: report.findings[1].message,
      constraint: { range: { minimum: 5, maximum: 600 } },
    },
  ]);
  assert.match(report.findings[1].message, /okta_timeout.*600/);
  assert.match(report.findings[0].message, /did you mean `okta_api_host`/);
  assert.equal(m.isValid(report), false);
  // Field order is the Rust struct's.
  assert.deepEqual(Object.keys(report.findings[1]), ['code', 'rule', 'severity', 'pointer', 'message', 'constraint']);
});

test('objects are validated as JSON.stringify writes them; text as written', () => {
  const p = okta();
  assert.deepEqual(m.validate(p), m.validate(JSON.stringify(p)));
  // 30.0 in text is not an integer; the JS number 30.0 is 30.
  const text = JSON.stringify(p).replace('"okta_timeout":30', '"okta_timeout":30.0');
  assert.deepEqual(m.validate(text).findings.map((f) => f.code), ['MFA052']);
  assert.deepEqual(m.validate(JSON.parse(text)).findings, []);
  // Duplicate keys only exist in text.
  const dup = JSON.stringify(p).replace('"name":"okta"', '"name":"a","name":"okta"');
  assert.deepEqual(m.validate(dup).findings.map((f) => f.code), ['MFA001']);
  // undefined members are dropped, as fetch would send them.
  assert.deepEqual(m.validate({ ...p, id: undefined }).findings, []);
});

test('syntax errors throw with line and column', () => {
  const e = throws(() => m.validate('{\n  "name": "x",\n  oops\n}'), 'parse', /^line 3, column 3: /);
  assert.equal(e.line, 3);
  assert.equal(e.column, 3);
  throws(() => m.validate(''), 'parse', /empty document/);
  throws(() => m.validate('\uFEFF{}'), 'parse', /byte order mark/);
  throws(() => m.validate('{"a": "\\uD800"}'), 'parse', /lone surrogate/);
  // A lone surrogate in a JS string reaches the core as U+FFFD (UTF-8).
  assert.equal(m.validate('{"mfaMethod": "duo-web", "host": "\uD800"}').findings.length, 0);
});

test('an undetectable kind throws; a given kind is used', () => {
  throws(() => m.validate([]), 'detect', /not an object/);
  throws(() => m.validate({ name: 'x' }), 'detect', /could be scm-mfa-server or sase-mfa-server/);
  throws(() => m.detectKind({ color: 'blue' }), 'detect', /pass the kind explicitly/);
  assert.equal(m.validate({ name: 'x' }, { kind: 'sase-mfa-server' }).kind, 'sase-mfa-server');
  assert.equal(m.detectKind(okta()), 'scm-mfa-server');
  assert.equal(m.detectKind('{"mfaMethod": "duo-web"}'), 'sailpoint-duo-config');
});

test('inputs that are not JSON throw an input error', () => {
  throws(() => m.validate(undefined), 'input');
  throws(() => m.validate(() => 1), 'input');
  throws(() => m.validate({ n: 1n }), 'input', /cannot be written as JSON/);
  const cyclic = okta();
  cyclic.self = cyclic;
  throws(() => m.validate(cyclic), 'input');
});

test('options: mode, select, only, ignore, severity; bad options throw', () => {
  const p = okta();
  assert.deepEqual(m.validate(p, { select: ['MFA081'] }).findings.map((f) => f.code), ['MFA081']);
  assert.deepEqual(m.validate(p, { select: ['ALL'], ignore: ['plaintext-secret'] }).findings, []);
  const masked = { ...p, mfa_vendor_type: { okta_adaptive_v1: { ...p.mfa_vendor_type.okta_adaptive_v1, okta_token: 'o******0' } } };
  assert.deepEqual(m.validate(masked).findings.map((f) => f.code), ['MFA080']);
  assert.deepEqual(m.validate(masked, { mode: 'export' }).findings, []);
  assert.equal(m.validate(masked, { severity: { MFA080: 'warning' } }).findings[0].severity, 'warning');
  assert.deepEqual(m.validate(masked, { severity: { 'masked-secret': 'off' } }).findings, []);
  assert.deepEqual(m.validate({ ...p, folder: 'x/y', id: 'i' }, { only: ['MFA004'] }).findings.map((f) => f.code), ['MFA004']);
  throws(() => m.validate(p, { kind: 'okta' }), 'options', /unknown kind `okta`/);
  throws(() => m.validate(p, { mode: 'get' }), 'options', /unknown mode/);
  throws(() => m.validate(p, { select: ['MFA9'] }), 'options', /unknown rule selector `MFA9`/);
  throws(() => m.validate(p, { severity: { MFA040: 'fatal' } }), 'options', /must be error, warning or off/);
  throws(() => m.validate(p, { slect: ['ALL'] }), 'options', /unknown field `slect`/);
  throws(() => m.validate(p, 'strict'), 'options', /expected an object/);
  throws(() => m.validate(p, { select: 'ALL' }), 'options', /invalid options/);
});

test('validate: `{kind}` alone takes the cached path; anything else is read as before', () => {
  const p = okta();
  p.folder = 'a/b';
  const want = m.compile({ kind: 'scm-mfa-server' }).validate(p);
  assert.ok(want.findings.length > 0);
  // Twice: compiled, then from the cache.
  for (let i = 0; i < 2; i += 1) {
    assert.deepStrictEqual(m.validate(p, { kind: 'scm-mfa-server' }), want);
    throws(() => m.validate(p, { kind: 'okta' }), 'options', /unknown kind `okta`/);
  }
  // An inherited kind is not an option (Object.keys does not see it), nor
  // is one on an array, and a second key still counts.
  const inherited = Object.create({ kind: 'sase-mfa-server' });
  assert.equal(m.validate(p, inherited).kind, 'scm-mfa-server');
  throws(() => m.validate(p, Object.assign([], { kind: 'scm-mfa-server' })), 'options', /expected an object/);
  assert.deepEqual(m.validate(p, { kind: 'scm-mfa-server', only: ['MFA081'] }).findings.map((f) => f.code), ['MFA081']);
  throws(() => m.validate(p, { kind: 'scm-mfa-server', slect: [] }), 'options', /unknown field `slect`/);
});

test('apiError: SCM envelope with a fresh UUID or the given id', () => {
  const p = okta();
  p.mfa_vendor_type.okta_adaptive_v1.okta_token = 'short';
  const a = m.apiError(p);
  const b = m.apiError(p);
  assert.match(a._request_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a._request_id, b._request_id);
  assert.deepEqual(a._errors, [
    { code: 'E003', message: 'Invalid Object', details: { errors: m.validate(p).findings } },
  ]);
  assert.deepEqual(Object.keys(a), ['_errors', '_request_id']);
  assert.equal(m.apiError(p, { requestId: 'req-42' })._request_id, 'req-42');
  assert.equal(m.apiError(okta()), null);
  // Warnings alone are not rejected.
  assert.equal(m.apiError({ ...okta(), id: 'x' }), null);
  throws(() => m.apiError(p, { requestId: 42 }), 'options', /requestId must be a string/);
});

test('apiError: without crypto.randomUUID (plain-http pages), getRandomValues makes the UUID', () => {
  const p = okta();
  p.folder = '';
  const own = Object.getOwnPropertyDescriptor(globalThis.crypto, 'randomUUID');
  Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true, writable: true });
  try {
    assert.equal(globalThis.crypto.randomUUID, undefined);
    const ids = new Set([m.apiError(p), m.apiError(p)].map((e) => e._request_id));
    assert.equal(ids.size, 2);
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  } finally {
    if (own) Object.defineProperty(globalThis.crypto, 'randomUUID', own);
    else delete globalThis.crypto.randomUUID;
  }
  assert.equal(typeof globalThis.crypto.randomUUID, 'function');
});

test('apiError: SailPoint envelope with 32 hex digits', () => {
  const body = { mfaMethod: 'okta-verify', host: 'x', accessKey: 5 };
  const e = m.apiError(body, { kind: 'sailpoint-duo-config' });
  assert.match(e.trackingId, /^[0-9a-f]{32}$/);
  assert.equal(e.detailCode, '400.1 Bad Request Content');
  assert.deepEqual(
    e.causes.map((c) => c.text),
    m.validate(body, { kind: 'sailpoint-duo-config' }).findings.filter((f) => f.severity === 'error').map((f) => `${f.pointer}: ${f.message} (${f.code})`),
  );
});

test('redact masks every secret; no output ever holds one', () => {
  const duo = { mfaMethod: 'duo-web', enabled: true, host: 'api-1.duosecurity.com', accessKey: TOKEN, configProperties: { skey: SKEY, ikey: 'DIXXXXXXXXXXXXXXXXXX' } };
  const red = m.redact(duo);
  assert.ok(!red.includes(TOKEN.slice(1, -1)) && !red.includes(SKEY.slice(1, -1)));
  assert.deepEqual(JSON.parse(red).configProperties, { skey: 'd******0', ikey: 'DIXXXXXXXXXXXXXXXXXX' });
  const scm = okta();
  scm.mfa_vendor_type.okta_adaptive_v1.okta_timeout = 'x';
  const outputs = [
    m.validate(scm, { select: ['ALL'] }),
    m.validate(duo, { select: ['ALL'] }),
    m.apiError(scm, { select: ['ALL'] }),
    m.apiError({ ...duo, accessKey: 7, skey: SKEY }, { select: ['ALL'] }),
    m.redact(scm),
  ];
  for (const out of outputs) {
    const s = JSON.stringify(out);
    assert.ok(!s.includes(TOKEN.slice(1, -1)) && !s.includes(SKEY.slice(1, -1)), s);
  }
});

test('normalize fills optional defaults and says what', () => {
  const body = { name: 'd', mfa_cert_profile: 'cp', folder: 'Shared', mfa_vendor_type: { rsa_securid_access_v1: {} } };
  const n = m.normalize(body);
  assert.equal(n.kind, 'scm-mfa-server');
  assert.ok(n.filled.length > 0);
  const filled = JSON.parse(n.text);
  for (const f of n.filled) {
    const value = f.pointer.split('/').slice(1).reduce((o, k) => o[k], filled);
    assert.equal(JSON.stringify(value), f.value);
  }
  throws(() => m.normalize(body, { kind: 'nope' }), 'options');
  throws(() => m.normalize(body, { mode: 'export' }), 'options', /unknown field `mode`/);
});

test('rules(), rule(), KINDS and schema() match the types', () => {
  const rules = m.rules();
  assert.ok(Object.isFrozen(rules) && Object.isFrozen(rules[0]));
  assert.equal(rules, m.rules());
  assert.equal(m.rule('MFA040').name, 'min-length');
  assert.equal(m.rule('min-length').code, 'MFA040');
  assert.equal(m.rule('nope'), undefined);
  assert.equal(rules.find((r) => r.code === 'MFA081').default_enabled, false);
  // Generated from the Rust registry and spec (pkg/generated.d.ts).
  const dts = readFileSync(new URL('generated.d.ts', pkgDir), 'utf8');
  const union = (name) => {
    const body = dts.match(new RegExp(`export type ${name} =([^;]*);`))[1];
    return [...body.matchAll(/'([^']*)'/g)].map((x) => x[1]);
  };
  assert.deepEqual(union('RuleCode'), rules.map((r) => r.code));
  assert.deepEqual(union('RuleName'), rules.map((r) => r.name));
  assert.deepEqual(union('Kind'), [...m.KINDS]);
  for (const file of ['index.d.ts', 'web.d.ts', 'generated.d.ts']) {
    const code = readFileSync(new URL(file, pkgDir), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(code, /(?<![-'\w])(any|unknown)(?![-'\w])/, `${file} uses any/unknown`);
  }
  for (const kind of m.KINDS) {
    const s = m.schema(kind);
    assert.ok(s.$id.endsWith(`/${kind}.schema.json`), s.$id);
    assert.match(s.$schema, /2020-12/);
  }
  throws(() => m.schema('nope'), 'options', /unknown kind/);
});

test('path and query parameters', () => {
  assert.deepEqual(m.checkId('0f8fad5b-d9cb-469f-a165-70867728950e'), []);
  assert.deepEqual(m.checkId('42').map((f) => [f.code, f.pointer]), [['MFA071', '/id']]);
  assert.deepEqual(m.checkMethod('duo-web'), []);
  assert.deepEqual(m.checkMethod('sms').map((f) => [f.code, f.pointer]), [['MFA070', '/method']]);
  assert.deepEqual(m.checkSaseQuery({ folder: 'Shared', position: 'pre' }), []);
  assert.deepEqual(m.checkSaseQuery({ folder: 'Nope' }).map((f) => [f.code, f.pointer]), [['MFA070', '/folder'], ['MFA010', '/position']]);
});

test('compile: options once, then validate and isValid on text, bytes and objects', () => {
  const v = m.compile({ kind: 'scm-mfa-server', ignore: ['MFA003'] });
  const bad = okta();
  bad.mfa_vendor_type.okta_adaptive_v1.okta_timeout = 601;
  bad.extra = 1;
  for (const input of [okta(), bad, JSON.stringify(bad, null, 2), new TextEncoder().encode(JSON.stringify(bad))]) {
    const want = m.validate(input, { kind: 'scm-mfa-server', ignore: ['MFA003'] });
    assert.deepEqual(v.validate(input), want);
    assert.equal(v.isValid(input), m.isValid(want));
  }
  assert.equal(v.isValid(okta()), true);
  assert.equal(v.isValid(bad), false);
  assert.ok(Object.isFrozen(v));
  // Options are copied: changing the object later changes nothing.
  const options = { kind: 'scm-mfa-server' };
  const w = m.compile(options);
  options.kind = 'sailpoint-duo-config';
  assert.equal(w.validate(okta()).kind, 'scm-mfa-server');
  // Detection when no kind is given.
  assert.equal(m.compile().validate(okta()).kind, 'scm-mfa-server');
});

test('compile: bad options throw at once; bad input throws from validate and isValid', () => {
  throws(() => m.compile({ kind: 'okta' }), 'options', /unknown kind `okta`/);
  throws(() => m.compile({ knid: 'x' }), 'options', /unknown field `knid`/);
  throws(() => m.compile({ severity: { MFA040: 'loud' } }), 'options', /must be error, warning or off/);
  const v = m.compile();
  for (const call of [(x) => v.validate(x), (x) => v.isValid(x)]) {
    const e = throws(() => call('{\n  "name": "x",\n}'), 'parse');
    assert.equal(e.line, 3);
    throws(() => call('[]'), 'detect');
    throws(() => call(undefined), 'input');
    throws(() => call(new Uint8Array([0x7b, 0xff, 0x7d])), 'parse', /invalid UTF-8/);
  }
  // The parser limits, as documented in ValidateOptions.
  for (const check of [(x, o) => m.validate(x, o), (x, o) => m.compile(o).isValid(x)]) {
    throws(() => check('{"a": 1}', { maxBytes: 4 }), 'parse', /over the limit of 4 bytes/);
    throws(() => check('[[[[1]]]]', { maxDepth: 3 }), 'parse', /deeper than the limit of 3/);
  }
});

test('compile: the input buffer grows, shrinks back and handles any text', () => {
  const v = m.compile({ kind: 'scm-mfa-server' });
  const small = okta();
  const huge = okta();
  // Far past the first buffer (4 KiB) and WASM's initial memory: the
  // buffer is replaced and the memory grows, detaching earlier views.
  huge.mfa_vendor_type.okta_adaptive_v1.okta_org = 'o'.repeat(3_000_000);
  assert.equal(v.isValid(small), true);
  assert.equal(v.isValid(huge), true);
  assert.deepEqual(v.validate(small), m.validate(small));
  // Non-ASCII: up to 3 bytes per UTF-16 unit, and surrogate pairs.
  for (const org of ['ünïcödé', '日本語の組織', '😀'.repeat(10)]) {
    const p = okta();
    p.mfa_vendor_type.okta_adaptive_v1.okta_org = org;
    assert.deepEqual(v.validate(p), m.validate(p), org);
    assert.deepEqual(v.validate(JSON.stringify(p)), m.validate(JSON.stringify(p)), org);
  }
  // A lone surrogate in the text arrives as U+FFFD, as with validate(); in
  // an object, JSON.stringify escapes it and the parser rejects it.
  const lone = JSON.stringify(okta()).replace('"okta"', '"ok\uD800ta"');
  assert.deepEqual(v.validate(lone), m.validate(lone));
  assert.equal(v.validate(lone).findings.length, 0);
  const p = okta();
  p.name = 'ok\uD800ta';
  throws(() => v.validate(p), 'parse', /lone surrogate/);
  // A shorter payload after a longer one: only its own bytes count.
  assert.equal(v.isValid('{"name": "x"}'), false);
  throws(() => v.isValid('{'), 'parse');
});

test('compile: reports with findings match the JSON report of the .wasm, whatever the keys hold', () => {
  // validate() reads findings in a compact length-prefixed form; the .wasm's
  // JSON report (validateInput, serde_json) is the reference.
  const raw = createRequire(new URL('node/x.js', pkgDir))('./mfalint.js');
  const payloads = [
    '{"mfaMethod": "duo-web", "host": 5, "ünï😀": 1, "a;1;b": 2, "a\\u0000b": 3, "": 4, "x\\"y": 5}',
    JSON.stringify({ ...okta(), name: '', ['k;'.repeat(50)]: { '日本': [1, 2] }, folder: 'a/b/😀' }),
    JSON.stringify(okta()).replace('30', '"30s"'),
    // 3,000 findings: the output buffer grows (and WASM memory with it)
    // between a small report and the next.
    JSON.stringify({ mfaMethod: 'duo-web', ...Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i])) }),
  ];
  const cases = [[payloads[0], 'sailpoint-duo-config'], [payloads[1], 'scm-mfa-server'], [payloads[3], 'sailpoint-duo-config'], [payloads[2], 'scm-mfa-server'], [payloads[0], 'sailpoint-duo-config']];
  for (const [text, kind] of cases) {
    const reference = new raw.Validator(JSON.stringify({ kind }));
    const bytes = new TextEncoder().encode(text);
    const ptr = raw.inputBuffer(bytes.length);
    new Uint8Array(raw.wasmMemory().buffer, ptr, bytes.length).set(bytes);
    const want = JSON.parse(reference.validateInput(bytes.length)).ok;
    assert.ok(want.findings.length > 0, text);
    const got = m.compile({ kind }).validate(text);
    assert.deepStrictEqual(got, want, text);
    assert.equal(JSON.stringify(got), JSON.stringify(want), 'same key order');
  }
});

test('the .wasm and the package agree on the version', () => {
  assert.equal(m.version(), pkgJson.version);
});

test('web entry: refuses calls before init, then works (initSync and init)', async () => {
  const web = await import(new URL('web.js', pkgDir).href);
  throws(() => web.validate(okta()), 'init', /await init\(\)/);
  const bytes = readFileSync(new URL('web/mfalint_bg.wasm', pkgDir));
  await web.default({ module_or_path: bytes });
  web.initSync({ module: bytes });
  const p = okta();
  p.folder = 'a/b';
  assert.deepEqual(web.validate(p), m.validate(p));
});

test('bundler entry: ES-module .wasm import works (node --experimental-wasm-modules)', () => {
  const script = `const m = await import(${JSON.stringify(new URL('bundler.js', pkgDir).href)});
    process.stdout.write(JSON.stringify(m.validate({ name: 'x', mfa_cert_profile: 'c', folder: 'a/b' })));`;
  const out = execFileSync(process.execPath, ['--experimental-wasm-modules', '--no-warnings', '--input-type=module', '-e', script]);
  assert.deepEqual(JSON.parse(out), m.validate({ name: 'x', mfa_cert_profile: 'c', folder: 'a/b' }));
});

test('the shipped JavaScript has no eval or new Function (CSP)', () => {
  const js = pkgJson.files.filter((f) => f.endsWith('.js'));
  assert.ok(js.length >= 7);
  for (const f of js) {
    const text = readFileSync(new URL(f, pkgDir), 'utf8');
    assert.doesNotMatch(text, /\beval\s*\(|new\s+Function\b|\bFunction\s*\(/, f);
  }
});
