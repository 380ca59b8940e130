// Property tests of the WebAssembly package with fast-check: whatever it is
// given (arbitrary strings, lone surrogates, damaged copies of the valid
// examples, arbitrary JSON-like values, deep nesting, huge strings, numbers
// such as 1e400 written as text, arbitrary bytes and invalid UTF-8), every
// call (`validate`, `compile(...).validate`, `compile(...).isValid`,
// `normalize`, `redact`, `apiError`, `detectKind`), with no options, with
// `{kind}` for each kind and with random options objects, either returns a
// result of the documented shape or throws an `MfalintError`. Anything else
// (a `RuntimeError: unreachable` from a Rust panic, a stack overflow, a
// TypeError from the wrapper) fails. The calls that answer the same question
// must agree: `validate` and `compile(...).validate` give the same report,
// `compile(...).isValid` is `isValid(report)` and throws exactly when
// `validate` does, `apiError` is null exactly when the report has no error.
// Finally the valid examples give the same results before and after all of
// that, and twice in a row.
//
// A panic leaves the .wasm instance unusable (a RefCell left borrowed), so
// after an unexpected exception the calls go to a fresh instance: fast-check
// then shrinks the failing input against a working module.
//
// MFALINT_PROPERTY_SEED=n replays a run (fast-check prints the seed and the
// path of a failure); MFALINT_PROPERTY_RUNS=n sets every property's runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';

const root = new URL('../../', import.meta.url);
const pkgDir = new URL(process.env.MFALINT_PKG_DIR ? pathToFileURL(`${process.env.MFALINT_PKG_DIR}/`) : new URL('pkg/', root));
const m = await import(new URL('node.js', pkgDir).href);
const { createApi } = await import(new URL('lib/api.js', pkgDir).href);
const require = createRequire(import.meta.url);
const gluePath = fileURLToPath(new URL('node/mfalint.js', pkgDir));

const SEED = process.env.MFALINT_PROPERTY_SEED === undefined ? undefined : Number(process.env.MFALINT_PROPERTY_SEED);
const RUNS = Number(process.env.MFALINT_PROPERTY_RUNS) || undefined;
const params = (numRuns) => ({ numRuns: RUNS ?? numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });

// fc.assert, with the failure's own message in the error (node --test
// does not print an error's cause).
function check(property, numRuns) {
  try {
    fc.assert(property, params(numRuns));
  } catch (e) {
    if (e?.cause?.message) e.message += `\n\nFailure: ${e.cause.message}`;
    throw e;
  }
}

const KINDS = [...m.KINDS];
const CATEGORIES = ['input', 'parse', 'detect', 'options', 'init'];
const RULES = m.rules();
const SEVERITIES = ['error', 'warning'];

// The API in use: the package's own entry, or after a crash a fresh
// instance of the same .wasm (same wrapper module, so the same MfalintError).
let api = m;
function freshApi() {
  delete require.cache[gluePath];
  return createApi(require(gluePath));
}

function checkError(label, e) {
  assert.ok(CATEGORIES.includes(e.category), `${label}: category ${e.category}`);
  assert.equal(typeof e.message, 'string', label);
  assert.ok(e.message.length > 0, `${label}: empty message`);
  if (e.line !== undefined) {
    assert.equal(e.category, 'parse', `${label}: line on a ${e.category} error`);
    assert.ok(Number.isInteger(e.line) && e.line >= 1, `${label}: line ${e.line}`);
    assert.ok(Number.isInteger(e.column) && e.column >= 1, `${label}: column ${e.column}`);
  }
}

// How the `validate` calls of a property ended: {findings: n, parse: n, ...}.
let outcomes = {};
const tally = (what) => {
  outcomes[what] = (outcomes[what] ?? 0) + 1;
};

// `{ok: true, value}` or `{ok: false, error}` (an MfalintError); anything
// else thrown fails the property (and replaces the instance).
function attempt(label, fn) {
  let value;
  try {
    value = fn(api);
  } catch (e) {
    if (e instanceof m.MfalintError) {
      checkError(label, e);
      if (label === 'validate') tally(e.category);
      return { ok: false, error: e };
    }
    api = freshApi();
    const err = new Error(`${label} threw ${e?.name}: ${e?.message} (not an MfalintError)\n${e?.stack}`);
    err.cause = e;
    throw err;
  }
  if (label === 'validate') tally(value?.findings?.length ? 'findings' : 'clean');
  return { ok: true, value };
}

function checkReport(label, r) {
  assert.ok(r && typeof r === 'object', `${label}: report ${r}`);
  assert.ok(KINDS.includes(r.kind), `${label}: kind ${r.kind}`);
  assert.ok(Array.isArray(r.findings), label);
  for (const f of r.findings) {
    const rule = RULES.find((x) => x.code === f.code);
    assert.ok(rule && rule.name === f.rule, `${label}: ${f.code} ${f.rule}`);
    assert.ok(SEVERITIES.includes(f.severity), label);
    assert.equal(typeof f.pointer, 'string', label);
    assert.ok(f.pointer === '' || f.pointer.startsWith('/'), `${label}: pointer ${f.pointer}`);
    assert.equal(typeof f.message, 'string', label);
  }
}

function checkEnvelope(label, e) {
  if (e === null) return;
  assert.ok(e && typeof e === 'object', `${label}: ${e}`);
  if ('_errors' in e) {
    assert.equal(typeof e._request_id, 'string', label);
    for (const f of e._errors[0].details.errors) assert.equal(f.severity, 'error', label);
  } else {
    assert.equal(e.detailCode, '400.1 Bad Request Content', label);
    assert.ok(Array.isArray(e.messages) && e.messages.length > 0, label);
  }
}

const plainObject = (o) => o === undefined || o === null || (typeof o === 'object' && !Array.isArray(o));

let calls = 0;

// Every call on `input` with `options` (and with no options and each kind).
function exercise(input, options, { everyKind = true } = {}) {
  const sets = [undefined, ...(everyKind ? KINDS.map((kind) => ({ kind })) : []), options];
  for (const o of sets) {
    const v = attempt('validate', (a) => a.validate(input, o));
    if (v.ok) checkReport('validate', v.value);
    const c = attempt('compile', (a) => a.compile(o));
    if (c.ok) {
      const cv = attempt('compile().validate', () => c.value.validate(input));
      const ci = attempt('compile().isValid', () => c.value.isValid(input));
      assert.equal(cv.ok, v.ok, `compile().validate and validate disagree: ${cv.error?.message ?? v.error?.message}`);
      if (cv.ok) assert.deepEqual(cv.value, v.value, 'compile().validate and validate give different reports');
      assert.equal(ci.ok, cv.ok, `compile().isValid and compile().validate disagree: ${ci.error?.message ?? cv.error?.message}`);
      if (ci.ok) {
        assert.equal(typeof ci.value, 'boolean', `compile().isValid returned ${JSON.stringify(ci.value)}`);
        assert.equal(ci.value, m.isValid(cv.value), 'compile().isValid is not isValid(report)');
      } else {
        assert.equal(ci.error.category, cv.error.category);
      }
    } else {
      assert.equal(v.ok, false, 'compile threw where validate did not');
    }
    const withId = o && plainObject(o) && !Object.hasOwn(o, 'requestId') ? { ...o, requestId: 'req-1' } : o;
    const e = attempt('apiError', (a) => a.apiError(input, withId));
    if (e.ok) checkEnvelope('apiError', e.value);
    // Both ran with the same options: the envelope is there exactly when
    // the report has an error finding.
    if (plainObject(o) && v.ok) {
      assert.ok(e.ok, `apiError threw where validate did not: ${e.error?.message}`);
      assert.equal(e.value === null, m.isValid(v.value), 'apiError is null but the report has an error (or the reverse)');
    }
    const n = attempt('normalize', (a) => a.normalize(input, o));
    if (n.ok) {
      assert.ok(KINDS.includes(n.value.kind));
      assert.equal(typeof n.value.text, 'string');
      for (const f of n.value.filled) assert.ok(typeof f.pointer === 'string' && typeof f.value === 'string');
    }
    calls += 6;
  }
  const r = attempt('redact', (a) => a.redact(input));
  if (r.ok) assert.equal(typeof r.value, 'string');
  if (typeof m.detectKind === 'function') {
    const d = attempt('detectKind', (a) => a.detectKind(input));
    if (d.ok) assert.ok(KINDS.includes(d.value), `detectKind: ${d.value}`);
  }
  calls += 2;
}

// ---- Inputs

const exampleDir = new URL('examples/valid/', root);
const VALID = readdirSync(exampleDir)
  .filter((n) => n.endsWith('.json'))
  .sort()
  .map((name) => ({ name, text: readFileSync(new URL(name, exampleDir), 'utf8') }));
const exportDir = new URL('examples/export/', root);
const EXPORTS = readdirSync(exportDir)
  .filter((n) => n.endsWith('.json'))
  .sort()
  .map((name) => ({ name, text: readFileSync(new URL(name, exportDir), 'utf8') }));
const PAYLOADS = [...VALID, ...EXPORTS];

// Every key the payload kinds know (and the secret ones), so random
// objects reach the rules rather than stopping at detection.
const KEYS = [
  '$schema', 'id', 'name', 'mfa_cert_profile', 'mfa_vendor_type', 'folder', 'snippet', 'device', 'query', 'body', 'position',
  'okta_adaptive_v1', 'ping_identity_v1', 'rsa_securid_access_v1', 'duo_security_v2',
  'okta_api_host', 'okta_baseuri', 'okta_token', 'okta_org', 'okta_timeout',
  'ping_api_host', 'ping_baseuri', 'ping_use_base64_key', 'ping_token', 'ping_org_alias', 'ping_org', 'ping_timeout',
  'rsa_api_host', 'rsa_baseuri', 'rsa_accesskey', 'rsa_accessid', 'rsa_assurancepolicyid', 'rsa_timeout',
  'duo_api_host', 'duo_baseuri', 'duo_timeout', 'duo_integration_key', 'duo_secret_key',
  'mfaMethod', 'enabled', 'host', 'accessKey', 'identityAttribute', 'configProperties', 'skey', 'ikey', 'state', 'error',
  'okta_tokne', 'OKTA_TOKEN', 'sKey', 'accesskey', '', ' ', '__proto__', 'constructor', 'a/b~c', '\u0000', '\uD800',
];

const NUMBER_TEXT = [
  '1e400', '-1e400', '1e-400', '-0', '0.0', '30.0', '3e1', '1E+308', '-30', '0', '3600', '3601', '4294967296',
  '18446744073709551616', '9'.repeat(400), `0.${'0'.repeat(400)}1`, '1e999999999999', '2.5', '-2147483649',
  // not JSON numbers:
  '01', '.5', '1.', '+1', '1e', '--1', 'NaN', 'Infinity', '0x1E', '1_000',
];
const numberText = fc.oneof(
  fc.constantFrom(...NUMBER_TEXT),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.integer().map(String),
);

// Any UTF-16 code unit, lone surrogates included.
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyString = (max = 64) =>
  fc.oneof(
    fc.string({ maxLength: max }),
    fc.string({ maxLength: max, unit: 'binary' }),
    fc.string({ maxLength: max, unit: 'binary-ascii' }),
    fc.string({ maxLength: max, unit: 'grapheme' }),
    fc.string({ maxLength: max, unit: codeUnit }),
    fc.string({ maxLength: max, unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', ',', ' ', 'u', '0', 'a', 'e', '-', '.', '\uD800', '\uDC00', '\n') }),
  );

const INSERTS = ['\\', '"', '{', '}', '[', ']', ',', ':', '\u0000', '\u001f', '\uD800', '\uDFFF', '\uFEFF', '\\u', '\\uD800', '\\uDC00x', '\\ud83d\\ude00', '\\x', '1e400', '-', ' ', '\n', '\r', '\t', 'null', 'true', '/*', '\u2028', '\u00e9', '\u{1F600}'];

// One change to a JSON text. Positions are taken modulo the text's length.
const mutation = fc.oneof(
  fc.record({ op: fc.constant('truncate'), at: fc.nat() }),
  fc.record({ op: fc.constant('insert'), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 3, unit: codeUnit })) }),
  fc.record({ op: fc.constant('delete'), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('backslash-before-quote'), nth: fc.nat() }),
  fc.record({ op: fc.constant('drop-closer'), nth: fc.nat() }),
  fc.record({ op: fc.constant('extra-opener'), at: fc.nat(), text: fc.constantFrom('{', '[', '{"a":', '["') }),
  fc.record({ op: fc.constant('number'), nth: fc.nat(), text: numberText }),
  fc.record({ op: fc.constant('repeat'), at: fc.nat(), len: fc.nat(60), times: fc.integer({ min: 2, max: 4 }) }),
);

function nthIndex(text, re, nth) {
  const hits = [...text.matchAll(re)];
  return hits.length === 0 ? undefined : hits[nth % hits.length];
}

function mutate(text, mu) {
  const at = (n) => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (mu.op) {
    case 'truncate':
      return text.slice(0, at(mu.at));
    case 'insert':
    case 'extra-opener':
      return text.slice(0, at(mu.at)) + mu.text + text.slice(at(mu.at));
    case 'delete':
      return text.slice(0, at(mu.at)) + text.slice(at(mu.at) + mu.len);
    case 'backslash-before-quote': {
      const hit = nthIndex(text, /"/g, mu.nth);
      return hit ? `${text.slice(0, hit.index)}\\${text.slice(hit.index)}` : text;
    }
    case 'drop-closer': {
      const hit = nthIndex(text, /[}\]]/g, mu.nth);
      return hit ? text.slice(0, hit.index) + text.slice(hit.index + 1) : text;
    }
    case 'number': {
      // A member's value (string, number or literal) becomes number text.
      const hit = nthIndex(text, /(:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)/g, mu.nth);
      return hit ? text.slice(0, hit.index) + hit[1] + mu.text + text.slice(hit.index + hit[0].length) : text;
    }
    case 'repeat': {
      const i = at(mu.at);
      return text.slice(0, i) + text.slice(i, i + mu.len).repeat(mu.times) + text.slice(i + mu.len);
    }
    default:
      throw new Error(mu.op);
  }
}

const damagedJson = fc
  .tuple(fc.constantFrom(...PAYLOADS.map((p) => p.text)), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([text, ms]) => ms.reduce(mutate, text));

// A scalar worth putting where the rules look.
const scalar = fc.oneof(
  fc.jsonValue({ maxDepth: 0 }),
  anyString(40),
  fc.constantFrom('acme.okta.com', 'https://bad_host:443/x', 'Shared', 'Mobile Users', 'okta-verify', 'duo-web', 'SUCCESS', 'FAILED', '30', '30s', ' 30', '0030', '3601', '', 'x'.repeat(300), '123e4567-e89b-12d3-a456-426614174000', 'a\u0663b', '\u00A0', 'Z******N', '********'),
  fc.constantFrom(1e400, -1e400, NaN, -0, 2 ** 53, 2 ** 64, 30.5, Number.MAX_VALUE, Number.MIN_VALUE),
  numberText,
);

const jsonLike = fc.oneof(
  fc.jsonValue(),
  fc.jsonValue({ stringUnit: 'binary' }),
  fc.object(),
  fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withDate: true, withNullPrototype: true, withSparseArray: true }),
  fc.object({ key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 })), values: [scalar], maxDepth: 4, maxKeys: 10 }),
);

// A valid example with a few values replaced (by path).
function paths(value, prefix = [], out = []) {
  out.push(prefix);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

function setAt(value, path, v) {
  if (path.length === 0) return v;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  copy[path[0]] = setAt(value?.[path[0]] ?? {}, path.slice(1), v);
  return copy;
}

const PARSED = PAYLOADS.map((p) => JSON.parse(p.text));
const editedExample = fc
  .tuple(
    fc.nat(PARSED.length - 1),
    fc.array(fc.record({ nth: fc.nat(), key: fc.option(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 }))), value: fc.oneof(scalar, jsonLike) }), { minLength: 1, maxLength: 4 }),
  )
  .map(([i, edits]) =>
    edits.reduce((doc, { nth, key, value }) => {
      const all = paths(doc);
      const path = all[nth % all.length];
      return setAt(doc, key === null ? path : [...path, key], value);
    }, PARSED[i]),
  );

// `depth` levels of arrays/objects around a payload part.
const NESTS = {
  array: (inner) => [inner],
  object: (inner) => ({ a: inner }),
  vendor: (inner) => ({ name: 'p', mfa_cert_profile: 'c', folder: 'Shared', mfa_vendor_type: { okta_adaptive_v1: inner } }),
  secret: (inner) => ({ okta_token: inner }),
  config: (inner) => ({ mfaMethod: 'duo-web', configProperties: inner }),
  body: (inner) => ({ query: { folder: 'Shared' }, body: inner }),
};
const deepValue = fc
  .record({ depth: fc.integer({ min: 1, max: 300 }), shapes: fc.array(fc.constantFrom(...Object.keys(NESTS)), { minLength: 1, maxLength: 3 }), leaf: fc.oneof(scalar, fc.jsonValue({ maxDepth: 2 })) })
  .map(({ depth, shapes, leaf }) => {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = NESTS[shapes[i % shapes.length]](v);
    return v;
  });
// Nesting as text, also far past the depth limit, closed or not.
const deepText = fc
  .record({ depth: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 100, max: 300 }) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 3000 }) }, { weight: 1, arbitrary: fc.constant(100000) }), open: fc.constantFrom('[', '{"a":', '{"okta_token":', '[{"skey":', '{"mfa_vendor_type":{"okta_adaptive_v1":'), close: fc.boolean(), leaf: fc.constantFrom('1', '"x"', '', '{}', '1e400') })
  .map(({ depth, open, close, leaf }) => {
    const closer = [...open].filter((c) => c === '[' || c === '{').reverse().map((c) => (c === '[' ? ']' : '}')).join('');
    return open.repeat(depth) + leaf + (close ? closer.repeat(depth) : '');
  });

// A huge string at one place in a valid example.
const STRING_FIELDS = ['name', 'folder', 'mfa_cert_profile', 'host', 'accessKey', 'okta_token', 'okta_api_host', 'identityAttribute', 'error', 'skey'];
const hugeString = fc
  .record({
    example: fc.nat(PARSED.length - 1),
    field: fc.constantFrom(...STRING_FIELDS),
    unit: fc.string({ minLength: 1, maxLength: 4, unit: codeUnit }),
    // Log-uniform: mostly tens of KiB, a few near 1 MiB.
    size: fc.tuple(fc.integer({ min: 12, max: 20 }), fc.nat(4095)).map(([bits, jitter]) => (1 << bits) + jitter),
    asKey: fc.boolean(),
  })
  .map(({ example, field, unit, size, asKey }) => {
    const big = unit.repeat(Math.ceil(size / unit.length));
    const doc = structuredClone(PARSED[example]);
    if (asKey) doc[big] = 1;
    else if (doc.mfa_vendor_type) Object.values(doc.mfa_vendor_type)[0][field] = big;
    else doc[field] = big;
    return doc;
  });

// Random options, mostly well formed enough to get past the first check.
const selector = fc.oneof(
  fc.constantFrom(...RULES.map((r) => r.code), ...RULES.map((r) => r.name), 'ALL', 'MFA0', 'MFA04', 'MFA', 'mfa040', 'MFA999', ''),
  fc.string({ maxLength: 8 }),
);
const selectors = fc.oneof({ weight: 5, arbitrary: fc.array(selector, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constant(null), fc.integer(), fc.array(fc.anything(), { maxLength: 2 })) });
const limit = fc.oneof(
  fc.nat(),
  fc.integer({ min: 0, max: 300 }),
  fc.constantFrom(0, 1, 2, 128, 256, 257, 2 ** 31, 2 ** 32, 2 ** 53, -1, 1.5, 1e400, NaN, -0),
  fc.string({ maxLength: 4 }),
  fc.constant(null),
);
const goodSelector = fc.constantFrom(...RULES.map((r) => r.code), ...RULES.map((r) => r.name), 'ALL', 'MFA0', 'MFA04', 'MFA08');
const optionsArb = fc.oneof(
  // Options the core accepts, so the modes, selectors and limits are used.
  {
    weight: 6,
    arbitrary: fc.record(
      {
        kind: fc.constantFrom(...KINDS),
        mode: fc.constantFrom('request', 'export'),
        select: fc.array(goodSelector, { maxLength: 3 }),
        only: fc.array(goodSelector, { maxLength: 3 }),
        ignore: fc.array(goodSelector, { maxLength: 2 }),
        severity: fc.dictionary(goodSelector, fc.constantFrom('error', 'warning', 'off'), { maxKeys: 3 }),
        maxBytes: fc.oneof(fc.integer({ min: 0, max: 4096 }), fc.constant(2 ** 32 - 1)),
        maxDepth: fc.integer({ min: 0, max: 1000 }),
      },
      { requiredKeys: [] },
    ),
  },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        kind: fc.oneof(fc.constantFrom(...KINDS), fc.constantFrom('toString', '__proto__', 'SCM-MFA-SERVER', ''), fc.string({ maxLength: 8 }), fc.constant(null), fc.integer()),
        mode: fc.oneof(fc.constantFrom('request', 'export'), fc.constantFrom('Export', ''), fc.string({ maxLength: 6 }), fc.integer()),
        select: selectors,
        only: selectors,
        ignore: selectors,
        severity: fc.oneof(
          fc.dictionary(selector, fc.oneof(fc.constantFrom('error', 'warning', 'off'), fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null), fc.boolean()), { maxKeys: 4 }),
          fc.constant(null),
          fc.array(fc.string(), { maxLength: 2 }),
          fc.string(),
        ),
        maxBytes: limit,
        maxDepth: limit,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom('kind', 'Kind', 'requestId', 'max_bytes', '__proto__'), fc.string({ maxLength: 6 })), fc.anything(), { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.anything() },
);

// Bytes: random, damaged UTF-8 of the examples, byte order marks,
// UTF-16, and views into larger buffers (a Node Buffer is one).
const BAD_UTF8 = [[0xff], [0xfe], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xef, 0xbb, 0xbf], [0x00]];
const encoder = new TextEncoder();
const bytesArb = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc
    .tuple(fc.constantFrom(...PAYLOADS.map((p) => encoder.encode(p.text))), fc.array(fc.record({ at: fc.nat(), bytes: fc.oneof(fc.constantFrom(...BAD_UTF8), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 3 })), replace: fc.boolean() }), { minLength: 1, maxLength: 4 }))
    .map(([b, edits]) =>
      edits.reduce((acc, { at, bytes, replace }) => {
        const i = at % (acc.length + 1);
        return Uint8Array.from([...acc.subarray(0, i), ...bytes, ...acc.subarray(replace ? i + bytes.length : i)]);
      }, b),
    ),
  fc.constantFrom(...PAYLOADS.map((p) => Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode(p.text)]))),
  fc.constantFrom(...PAYLOADS.map((p) => new Uint8Array(Buffer.from(p.text, 'utf16le')))),
  fc.tuple(fc.constantFrom(...PAYLOADS.map((p) => encoder.encode(p.text))), fc.nat(), fc.nat()).map(([b, s, e]) => b.subarray(s % (b.length + 1), Math.max(s % (b.length + 1), e % (b.length + 1)))),
  fc.tuple(fc.uint8Array({ maxLength: 20 }), fc.constantFrom(...PAYLOADS.map((p) => p.text))).map(([pad, t]) => Buffer.concat([Buffer.from(pad), Buffer.from(t)]).subarray(pad.length)),
);

// ---- Properties

function timed(name, numRuns, arb, body = (input, options) => exercise(input, options)) {
  test(`${name} (${RUNS ?? numRuns} runs)`, () => {
    const before = calls;
    outcomes = {};
    const start = performance.now();
    check(fc.property(arb, optionsArb, body), numRuns);
    const ms = performance.now() - start;
    const seen = Object.entries(outcomes).map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(`property ${name}: ${RUNS ?? numRuns} runs, ${calls - before} calls, ${ms.toFixed(0)} ms; validate: ${seen}`);
  });
}

// Recorded before anything hostile ran.
const BASELINE = VALID.map((p) => snapshot(p.text));

function snapshot(text) {
  const out = { validate: api.validate(text), export: api.validate(text, { mode: 'export', select: ['ALL'] }) };
  out.kinded = api.validate(text, { kind: out.validate.kind });
  out.compiled = api.compile({ kind: out.validate.kind }).validate(text);
  out.isValid = api.compile().isValid(text);
  out.bytes = api.validate(encoder.encode(text));
  out.apiError = api.apiError(text, { requestId: 'req-stable' });
  out.redact = api.redact(text);
  out.normalize = api.normalize(text);
  out.detectKind = api.detectKind(text);
  return out;
}

timed('arbitrary strings', 500, anyString(200));
timed('damaged copies of the examples', 1000, damagedJson);
timed('JSON-like values', 400, jsonLike);
timed('examples with values replaced', 600, editedExample);
timed('deep nesting as values (1..300 levels)', 150, deepValue);
timed('deep nesting as text (up to 100000 levels)', 100, deepText);
timed('huge strings (4 KiB..1 MiB)', 40, hugeString, (input, options) => exercise(input, options, { everyKind: false }));
timed('bytes and invalid UTF-8', 500, bytesArb);

test('options objects alone: a result or an MfalintError, never a crash (1000 runs)', () => {
  const text = VALID[0].text;
  check(
    fc.property(optionsArb, fc.boolean(), (options, bytes) => {
      const input = bytes ? encoder.encode(text) : text;
      for (const [label, fn] of [
        ['validate', (a) => a.validate(input, options)],
        ['compile', (a) => a.compile(options).isValid(input)],
        ['apiError', (a) => a.apiError(input, options)],
        ['normalize', (a) => a.normalize(input, options)],
        ['checkId', (a) => a.checkId('x', options)],
        ['checkMethod', (a) => a.checkMethod('okta', options)],
        ['checkSaseQuery', (a) => a.checkSaseQuery({ folder: 'Shared', position: 'pre' }, options)],
      ]) {
        attempt(label, fn);
      }
    }),
    1000,
  );
});

test('the valid examples: no error, and the same results twice in a row and after all of the above', () => {
  assert.ok(VALID.length >= 9);
  VALID.forEach((p, i) => {
    const first = snapshot(p.text);
    const second = snapshot(p.text);
    assert.deepEqual(second, first, `${p.name}: two runs differ`);
    assert.deepEqual(first, BASELINE[i], `${p.name}: differs from before the properties ran`);
    assert.ok(m.isValid(first.validate), `${p.name}: ${JSON.stringify(first.validate)}`);
    assert.equal(first.isValid, true, p.name);
    assert.equal(first.apiError, null, p.name);
    assert.deepEqual(first.compiled, first.validate, p.name);
    assert.deepEqual(first.kinded, first.validate, p.name);
    assert.deepEqual(first.bytes, first.validate, p.name);
    assert.equal(first.detectKind, first.validate.kind, p.name);
    // Redacting is idempotent.
    assert.equal(api.redact(first.redact), first.redact, `${p.name}: redact twice`);
  });
  // The instance in use is still the package's own: nothing crashed it.
  assert.ok(api === m, 'a call crashed the .wasm instance (see the failures above)');
});
