// Bundler entry (webpack 5 `experiments.asyncWebAssembly`, Vite with a wasm
// plugin, ...): the wasm-bindgen `bundler` glue imports the .wasm as an ES
// module, so it is ready once this module is.
import * as raw from './bundler/mfalint.js';
import { createApi } from './lib/api.js';

export { MfalintError, KINDS } from './lib/api.js';

const api = createApi(raw);
export const {
  compile, validate, isValid, detectKind, normalize, redact, apiError, rules, rule,
  checkId, checkMethod, checkSaseQuery, schema, version,
} = api;
