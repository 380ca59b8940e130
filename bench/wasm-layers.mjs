// Where the time of compile().validate(text) goes on invalid payloads
// (BENCHMARKS.md section 2): the raw wasm-bindgen exports under pkg/lib/api.js
// called layer by layer, fastest of 15 rounds over the invalid part of
// bench/corpus.json. Two ways out for a report with findings: JSON text
// (validateInput, then JSON.parse) and the compact form the package reads
// (reportInput, the text read from WASM memory, then its decoder: the
// package's own compile().validate).
//
//   node bench/wasm-layers.mjs      (after scripts/bench-wasm.sh wrote the corpus)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('../', import.meta.url);
const raw = createRequire(new URL('pkg/node/x.js', root))('./mfalint.js');
const mfalint = await import(new URL('pkg/node.js', root).href);
const corpus = JSON.parse(readFileSync(new URL('bench/corpus.json', root), 'utf8'));
const invalid = corpus.payloads.filter((p) => !p.valid);
const bytes = invalid.map((p) => new TextEncoder().encode(p.text));
const memory = raw.wasmMemory();
const validators = {};
for (const p of invalid) validators[p.kind] ??= new raw.Validator(JSON.stringify({ kind: p.kind }));
const decoder = new TextDecoder();
const capacity = 1 << 16;
const ptr = raw.inputBuffer(capacity);
const write = (b) => {
  new Uint8Array(memory.buffer, ptr, capacity).set(b);
  return b.length;
};

let sink = 0;
const compiled = {};
for (const p of invalid) compiled[p.kind] ??= mfalint.compile({ kind: p.kind });
const layers = {
  'copy the bytes into WASM memory': (v, b) => write(b),
  '+ validate, verdict only (isValidInput)': (v, b) => (v.isValidInput(write(b)) ? 1 : 0),
  'JSON: + report as JSON text, handed over (validateInput)': (v, b) => v.validateInput(write(b)).length,
  'JSON: + JSON.parse': (v, b) => JSON.parse(v.validateInput(write(b))).ok.findings.length,
  'compact: + report in compact form, handed over (reportInput, decoded from memory)': (v, b) => {
    const n = -2 - v.reportInput(write(b));
    return decoder.decode(new Uint8Array(memory.buffer, raw.outputPtr(), n)).length;
  },
  'compact: + decoded (the package: compile().validate(bytes))': (v, b, kind) => compiled[kind].validate(b).findings.length,
};
const best = {};
for (let round = 0; round < 15; round += 1) {
  for (const [name, layer] of Object.entries(layers)) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < invalid.length; i += 1) sink += layer(validators[invalid[i].kind], bytes[i], invalid[i].kind);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    best[name] = Math.min(best[name] ?? Infinity, ms);
  }
}
console.log(`${invalid.length} invalid payloads; µs per payload, cumulative within each path, fastest of 15 rounds`);
for (const [name, ms] of Object.entries(best)) console.log(`| ${name} | ${((ms * 1e3) / invalid.length).toFixed(2)} |`);
if (sink === -1) console.log(sink);
