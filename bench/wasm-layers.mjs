// Where the time of compile().validate(text) goes on invalid payloads
// (BENCHMARKS.md section 2): the raw wasm-bindgen exports under pkg/lib/api.js
// called layer by layer, fastest of 15 rounds over the invalid part of
// bench/corpus.json.
//
//   node bench/wasm-layers.mjs      (after scripts/bench-wasm.sh wrote the corpus)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('../', import.meta.url);
const raw = createRequire(new URL('pkg/node/x.js', root))('./mfalint.js');
const corpus = JSON.parse(readFileSync(new URL('bench/corpus.json', root), 'utf8'));
const invalid = corpus.payloads.filter((p) => !p.valid);
const bytes = invalid.map((p) => new TextEncoder().encode(p.text));
const memory = raw.wasmMemory();
const validators = {};
for (const p of invalid) validators[p.kind] ??= new raw.Validator(JSON.stringify({ kind: p.kind }));
const capacity = 1 << 16;
const ptr = raw.inputBuffer(capacity);
const write = (b) => {
  new Uint8Array(memory.buffer, ptr, capacity).set(b);
  return b.length;
};

let sink = 0;
const layers = {
  'copy the bytes into WASM memory': (v, b) => write(b),
  '+ validate, verdict only (isValidInput)': (v, b) => (v.isValidInput(write(b)) ? 1 : 0),
  '+ serialize the report to JSON (reportInput)': (v, b) => v.reportInput(write(b)),
  '+ hand the text to JavaScript (takeOutput)': (v, b) => (v.reportInput(write(b)), raw.takeOutput().length),
  '+ JSON.parse': (v, b) => (v.reportInput(write(b)), JSON.parse(raw.takeOutput()).ok.findings.length),
};
const best = {};
for (let round = 0; round < 15; round += 1) {
  for (const [name, layer] of Object.entries(layers)) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < invalid.length; i += 1) sink += layer(validators[invalid[i].kind], bytes[i]);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    best[name] = Math.min(best[name] ?? Infinity, ms);
  }
}
console.log(`${invalid.length} invalid payloads; µs per payload, cumulative, fastest of 15 rounds`);
for (const [name, ms] of Object.entries(best)) console.log(`| ${name} | ${((ms * 1e3) / invalid.length).toFixed(2)} |`);
if (sink === -1) console.log(sink);
