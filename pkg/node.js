// Node.js (>= 20) entry: the wasm-bindgen `nodejs` glue loads the .wasm
// synchronously at import time.
import raw from './node/mfalint.js';
import { createApi } from './lib/api.js';

export { MfalintError, KINDS } from './lib/api.js';

const api = createApi(raw);
export const {
  compile, validate, isValid, detectKind, normalize, redact, apiError, rules, rule,
  checkId, checkMethod, checkSaseQuery, schema, version,
} = api;
