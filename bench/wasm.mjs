// mfalint's WASM package vs ajv 8 (Ajv2020, compiled on schemas/) over the
// benchmark corpus (bench/corpus.json, written by
// `cargo bench --bench dump_corpus -- --json bench/corpus.json`).
//
//   node bench/wasm.mjs [--corpus FILE] [--rounds N] [--pkg DIR] [--json OUT]
//                       [--variant NAME=path/to/nodejs/mfalint.js]...
//
// Each case runs over the whole corpus (or its invalid part) per round,
// rounds interleaved, and the fastest round is reported (robust to other
// load on the machine). Cases:
//   text:   JSON text in, a report / verdict out
//     mfalint validate(text, {kind})         the public API: report object
//     mfalint compile({kind}).validate(text) options parsed once: report
//     mfalint compile({kind}).isValid(text)  the verdict alone (like ajv's)
//     ajv JSON.parse + validate              allErrors: false (first error)
//     ajv JSON.parse + validate, allErrors   (errors collected)
//   object: a parsed object in (parsing is the caller's)
//     mfalint validate(object, {kind})       JSON.stringify inside
//     mfalint compile({kind}).isValid(object)
//     ajv validate(object)
// Goal (issue 5): mfalint at least as fast as ajv.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const corpusPath = resolve(opt('--corpus', join(root, 'bench', 'corpus.json')));
const rounds = Number(opt('--rounds', '15'));
const pkgDir = resolve(opt('--pkg', join(root, 'pkg')));
const jsonOut = opt('--json', null);

// ajv: the root devDependency (package-lock.json), else bench/node_modules.
const require = createRequire(join(root, 'package.json'));
const Ajv2020 = require('ajv/dist/2020.js').default;
const ajvVersion = require('ajv/package.json').version;

const mfalint = await import(pathToFileURL(join(pkgDir, 'node.js')).href);
// The package's JavaScript layer, to wrap other builds (--variant) the same way.
const { createApi } = await import(pathToFileURL(join(pkgDir, 'lib', 'api.js')).href);

const corpus = JSON.parse(readFileSync(corpusPath, 'utf8'));
const all = corpus.payloads.map((p) => ({ ...p, object: JSON.parse(p.text) }));
const invalid = all.filter((p) => !p.valid);
const bytes = (set) => set.reduce((n, p) => n + Buffer.byteLength(p.text), 0);

const schemas = {};
for (const f of readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.schema.json'))) {
  schemas[f.replace('.schema.json', '')] = JSON.parse(readFileSync(join(root, 'schemas', f), 'utf8'));
}
function compile(allErrors) {
  const out = {};
  for (const [kind, schema] of Object.entries(schemas)) {
    out[kind] = new Ajv2020({ strict: true, allErrors }).compile(schema);
  }
  return out;
}
const first = compile(false);
const every = compile(true);
const kindOptions = Object.fromEntries(Object.keys(schemas).map((k) => [k, { kind: k }]));

// Agreement check (and warm-up): the schemas and mfalint give one verdict.
let agree = 0;
for (const p of all) {
  const r = mfalint.validate(p.text, kindOptions[p.kind]);
  const ok = !r.findings.some((f) => f.severity === 'error');
  if (ok !== p.valid) throw new Error(`mfalint WASM disagrees with the native verdict on a ${p.kind} payload`);
  if (every[p.kind](JSON.parse(p.text)) === ok) agree += 1;
}

let sink = 0;
const cases = {
  'mfalint validate(text)': (set) => {
    for (const p of set) sink += mfalint.validate(p.text, kindOptions[p.kind]).findings.length;
  },
  'ajv JSON.parse + validate': (set) => {
    for (const p of set) sink += first[p.kind](JSON.parse(p.text)) ? 1 : 0;
  },
  'ajv JSON.parse + validate (allErrors)': (set) => {
    for (const p of set) {
      const v = every[p.kind];
      sink += v(JSON.parse(p.text)) ? 0 : v.errors.length;
    }
  },
  'mfalint validate(object)': (set) => {
    for (const p of set) sink += mfalint.validate(p.object, kindOptions[p.kind]).findings.length;
  },
  'ajv validate(object)': (set) => {
    for (const p of set) sink += first[p.kind](p.object) ? 1 : 0;
  },
  'ajv validate(object) (allErrors)': (set) => {
    for (const p of set) {
      const v = every[p.kind];
      sink += v(p.object) ? 0 : v.errors.length;
    }
  },
};
// Compiled validators (options parsed once, like ajv.compile); payloads go
// into WASM memory with TextEncoder.encodeInto.
const compiled = Object.fromEntries(Object.keys(schemas).map((k) => [k, mfalint.compile({ kind: k })]));
for (const p of all) {
  if (compiled[p.kind].isValid(p.text) !== p.valid) throw new Error(`compile().isValid disagrees on a ${p.kind} payload`);
}
Object.assign(cases, {
  'mfalint compile().validate(text)': (set) => {
    for (const p of set) sink += compiled[p.kind].validate(p.text).findings.length;
  },
  'mfalint compile().isValid(text)': (set) => {
    for (const p of set) sink += compiled[p.kind].isValid(p.text) ? 1 : 0;
  },
  'mfalint compile().isValid(object)': (set) => {
    for (const p of set) sink += compiled[p.kind].isValid(p.object) ? 1 : 0;
  },
});
// Other builds of the same crate (scripts/bench-wasm.sh --variants), e.g.
// everything at opt-level s or 3 instead of the shipped mix: --variant NAME=GLUE.js
for (let i = 0; i < args.length; i += 1) {
  if (args[i] !== '--variant') continue;
  const [name, glue] = args[i + 1].split('=');
  const v = createApi(createRequire(import.meta.url)(resolve(glue)));
  const byKind = Object.fromEntries(Object.keys(schemas).map((k) => [k, v.compile({ kind: k })]));
  cases[`[${name}] compile().validate(text)`] = (set) => {
    for (const p of set) sink += byKind[p.kind].validate(p.text).findings.length;
  };
  cases[`[${name}] compile().isValid(text)`] = (set) => {
    for (const p of set) sink += byKind[p.kind].isValid(p.text) ? 1 : 0;
  };
}

const results = {};
for (const [setName, set] of [['all', all], ['invalid', invalid]]) {
  const best = Object.fromEntries(Object.keys(cases).map((c) => [c, Infinity]));
  for (let r = 0; r < rounds; r += 1) {
    for (const [name, fn] of Object.entries(cases)) {
      const t = process.hrtime.bigint();
      fn(set);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (ms < best[name]) best[name] = ms;
    }
  }
  results[setName] = { payloads: set.length, bytes: bytes(set), ms: best };
}

const fmt = (x) => x.toFixed(2);
console.log(
  `corpus: ${all.length} payloads (${invalid.length} invalid), ${bytes(all)} bytes, seed ${corpus.seed}; ` +
    `ajv ${ajvVersion} (allErrors) agrees with mfalint on ${agree}; node ${process.version}; ` +
    `mfalint ${mfalint.version()}; fastest of ${rounds} rounds`,
);
for (const [setName, r] of Object.entries(results)) {
  const base = r.ms['mfalint validate(text)'];
  console.log(`\n### ${setName}: ${r.payloads} payloads, ${r.bytes} bytes`);
  console.log('| case | ms per pass | µs per payload | MB/s | vs mfalint validate(text) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, ms] of Object.entries(r.ms)) {
    const mbs = r.bytes / 1e6 / (ms / 1e3);
    console.log(`| ${name} | ${fmt(ms)} | ${fmt((ms * 1e3) / r.payloads)} | ${mbs.toFixed(1)} | ${(ms / base).toFixed(2)}x |`);
  }
}
const a = results.all.ms;
const vs = (name, peer) => (a[name] === undefined ? null : `${name}: ${(a[peer] / a[name]).toFixed(2)}x the speed of ${peer}`);
console.log('\nGoal (mfalint at least as fast as ajv), all payloads:');
for (const line of [
  vs('mfalint validate(text)', 'ajv JSON.parse + validate'),
  vs('mfalint validate(text)', 'ajv JSON.parse + validate (allErrors)'),
  vs('mfalint compile().isValid(text)', 'ajv JSON.parse + validate'),
  vs('mfalint compile().validate(text)', 'ajv JSON.parse + validate (allErrors)'),
  vs('mfalint validate(object)', 'ajv validate(object)'),
  vs('mfalint compile().isValid(object)', 'ajv validate(object)'),
  ...Object.keys(a).filter((k) => k.startsWith('[')).map((k) => vs(k, 'ajv JSON.parse + validate')),
]) {
  if (line) console.log(`- ${line}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ results, agree, node: process.version, ajv: ajvVersion }, null, 2));
if (sink === -1) console.log(sink);
