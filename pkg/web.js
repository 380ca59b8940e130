// Browser entry without a bundler (`<script type="module">`): call
// `await init()` once (it fetches mfalint_bg.wasm next to web/mfalint.js, or
// what you pass), or `initSync({ module })` with bytes or a WebAssembly.Module.
import initWasm, * as raw from './web/mfalint.js';
import { createApi, MfalintError } from './lib/api.js';

export { MfalintError, KINDS } from './lib/api.js';

let ready = false;

/** Loads and instantiates the .wasm; later calls return at once. */
export default async function init(options) {
  if (ready) return;
  await initWasm(options === undefined ? undefined : { module_or_path: options.module_or_path });
  ready = true;
}

/** Instantiates the .wasm from bytes or a compiled module, synchronously. */
export function initSync(options) {
  if (ready) return;
  raw.initSync({ module: options.module });
  ready = true;
}

const api = createApi(raw, () => {
  if (!ready) {
    throw new MfalintError('init', 'mfalint is not initialized: call `await init()` (or `initSync`) from "mfalint/web" first');
  }
});
export const {
  compile, validate, isValid, detectKind, normalize, redact, apiError, rules, rule,
  checkId, checkMethod, checkSaseQuery, schema, version,
} = api;
