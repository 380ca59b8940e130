// The WASM package must say exactly what the Rust core says about every
// file of the example corpus: same kind, findings (code, rule, severity,
// pointer, message, constraint) in the same order, same error messages.
// The expected side is written by the native Rust example
// `cargo run -p mfalint-wasm --example expected` (scripts/test-wasm.sh), which
// calls the core API directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url);
const expectedPath = process.env.MFALINT_EXPECTED ?? new URL('target/wasm-tests/expected.json', root);
const entry = process.env.MFALINT_ENTRY ?? new URL('pkg/node.js', root).href;
const mfalint = await import(entry.startsWith('file:') ? entry : pathToFileURL(entry).href);
const expected = JSON.parse(readFileSync(expectedPath, 'utf8')).files;

// Same names as `variants()` in crates/mfalint-wasm/examples/expected.rs.
const VARIANTS = {
  default: {},
  export: { mode: 'export' },
  all: { select: ['ALL'] },
  custom: { select: ['MFA081'], ignore: ['MFA003'], severity: { MFA04: 'warning' } },
};

function run(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    if (!(e instanceof mfalint.MfalintError)) throw e;
    return { error: e.message };
  }
}

// What `isValid` must answer for an expected `run` result: the verdict, or
// the same error.
function verdict(result) {
  return 'ok' in result ? { ok: !result.ok.findings.some((f) => f.severity === 'error') } : result;
}

function jsonFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsonFiles(path));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

process.chdir(new URL('.', root).pathname);

test('the corpus is the shared examples/ and more', () => {
  const files = Object.keys(expected);
  assert.ok(files.length >= 20, `only ${files.length} files in ${expectedPath}`);
  for (const f of jsonFiles('examples')) assert.ok(f in expected, `${f} missing from the expected dump`);
  const variety = new Set();
  for (const { variants, bytes } of Object.values(expected)) {
    if (bytes.error?.includes('invalid UTF-8')) variety.add('utf-8');
    for (const r of Object.values(variants ?? {})) {
      if (r.error) variety.add('error');
      for (const f of r.ok?.findings ?? []) variety.add(f.code);
    }
  }
  assert.ok(variety.has('error') && variety.has('utf-8') && variety.size >= 15, `corpus covers only ${[...variety]}`);
});

// Every constraint (each is encoded by its own case in the compact report
// form the package decodes) appears in some expected report.
test('the corpus has a finding with every kind of constraint', () => {
  const keys = new Set();
  for (const { variants, bytes } of Object.values(expected)) {
    for (const r of [bytes, ...Object.values(variants ?? {})]) {
      for (const f of r.ok?.findings ?? []) if (f.constraint) keys.add(Object.keys(f.constraint)[0]);
    }
  }
  const all = ['const', 'enum', 'exactly_one_of', 'format', 'max_length', 'min_length', 'pattern', 'range', 'read_only', 'required', 'secret', 'type', 'unique_keys'];
  assert.deepStrictEqual([...keys].sort(), all);
});

for (const [file, want] of Object.entries(expected)) {
  test(file, () => {
    const kindOption = want.kind ? { kind: want.kind } : undefined;
    assert.deepStrictEqual(run(() => mfalint.validate(readFileSync(file), kindOption)), want.bytes, `${file} (bytes)`);
    // A compiled validator gives the same report, and its verdict agrees.
    const compiled = mfalint.compile(kindOption);
    assert.deepStrictEqual(run(() => compiled.validate(readFileSync(file))), want.bytes, `${file} (compiled, bytes)`);
    assert.deepStrictEqual(run(() => compiled.isValid(readFileSync(file))), verdict(want.bytes), `${file} (compiled isValid)`);
    if (!want.variants) return; // not UTF-8: bytes only
    const text = readFileSync(file, 'utf8');
    for (const [name, options] of Object.entries(VARIANTS)) {
      const opts = want.kind ? { ...options, kind: want.kind } : options;
      assert.deepStrictEqual(run(() => mfalint.validate(text, opts)), want.variants[name], `${file} (${name})`);
      const v = mfalint.compile(opts);
      assert.deepStrictEqual(run(() => v.validate(text)), want.variants[name], `${file} (compiled, ${name})`);
      assert.deepStrictEqual(run(() => v.isValid(text)), verdict(want.variants[name]), `${file} (compiled isValid, ${name})`);
    }
    assert.deepStrictEqual(run(() => mfalint.normalize(text, kindOption)), want.normalize, `${file} (normalize)`);
    assert.deepStrictEqual(run(() => mfalint.redact(text)), want.redact, `${file} (redact)`);
  });
}
