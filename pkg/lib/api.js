// The JavaScript API of mfalint, shared by the node, bundler and web
// entry points. `raw` is a wasm-bindgen module whose functions take JSON
// text and return `{"ok": value}` or `{"error": {...}}` as JSON text
// (crates/mfalint-wasm/src/). Types: ../index.d.ts.
// Nothing here compiles strings to code: under a CSP the only need is
// 'wasm-unsafe-eval' (for WebAssembly.instantiate).

/** Thrown when a payload cannot be validated at all, or a call is wrong. */
export class MfalintError extends Error {
  constructor(category, message, line, column) {
    super(message);
    this.name = 'MfalintError';
    this.category = category;
    if (line !== undefined) {
      this.line = line;
      this.column = column;
    }
  }
}

import { KINDS } from './kinds.js';

export { KINDS };

function describe(value) {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** The payload as JSON text: strings as they are, bytes (a Uint8Array such
 * as a Node Buffer) decoded by the core (UTF-8 checked, as `validate_bytes`),
 * anything else through JSON.stringify, i.e. exactly what
 * `fetch(url, {body: JSON.stringify(x)})` would send. */
function payloadText(raw, input) {
  if (typeof input === 'string') return input;
  if (input instanceof Uint8Array) return unwrap(raw.decode(input));
  let text;
  try {
    text = JSON.stringify(input);
  } catch (e) {
    throw new MfalintError('input', `the payload cannot be written as JSON: ${e.message}`);
  }
  if (text === undefined) {
    throw new MfalintError('input', `expected JSON text or a JSON-serializable value, got ${describe(input)}`);
  }
  return text;
}

function optionsText(options, allowed) {
  if (options === undefined || options === null) return '';
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new MfalintError('options', `invalid options: expected an object, got ${describe(options)}`);
  }
  const picked = {};
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new MfalintError('options', `invalid options: unknown field \`${key}\`, expected one of ${allowed.map((k) => `\`${k}\``).join(', ')}`);
    }
    if (options[key] !== undefined) picked[key] = options[key];
  }
  return JSON.stringify(picked);
}

// `options.kind` when it is a string and the only own enumerable key.
function kindOnly(options) {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return undefined;
  if (typeof options.kind !== 'string') return undefined;
  if (!Object.hasOwn(options, 'kind')) return undefined;
  for (const key in options) if (key !== 'kind') return undefined;
  return options.kind;
}

const VALIDATE_KEYS = ['kind', 'mode', 'select', 'only', 'ignore', 'severity', 'maxBytes', 'maxDepth'];

// Writes a payload into the .wasm's input buffer and returns its length in
// bytes: `TextEncoder.encodeInto` copies natively, where wasm-bindgen's
// string hand-off loops over the characters in JavaScript.
function inputWriter(raw) {
  const encoder = new TextEncoder();
  let memory;
  let ptr = 0;
  let capacity = 0;
  let view = new Uint8Array(0);
  function reserve(bytes) {
    memory ??= raw.wasmMemory();
    if (bytes > capacity) {
      capacity = Math.max(bytes, 2 * capacity, 4096);
      ptr = raw.inputBuffer(capacity);
    }
    // A view of memory that has grown since is detached (length 0).
    if (view.byteLength !== capacity) view = new Uint8Array(memory.buffer, ptr, capacity);
    return view;
  }
  return function write(input) {
    if (input instanceof Uint8Array) {
      reserve(input.length).set(input);
      return input.length;
    }
    const text = payloadText(raw, input);
    // At most 3 UTF-8 bytes per UTF-16 code unit.
    return encoder.encodeInto(text, reserve(text.length * 3)).written;
  };
}

// Reads the compact report the .wasm left at `outputPtr()` (`bytes` long):
// decoded in place, where wasm-bindgen's string return would copy it out
// and free it through two more calls.
function outputReader(raw) {
  const decoder = new TextDecoder();
  let memory;
  return function read(bytes) {
    memory ??= raw.wasmMemory();
    return decoder.decode(new Uint8Array(memory.buffer, raw.outputPtr(), bytes));
  };
}

// One object literal per constraint key: objects of a stable shape, where a
// computed key (`{[key]: value}`) measured 2x slower to build. The .wasm
// numbers the keys (`constraintKeys()`); `makers` puts these in its order.
const CONSTRAINTS = {
  min_length: (v) => ({ min_length: v }),
  max_length: (v) => ({ max_length: v }),
  pattern: (v) => ({ pattern: v }),
  format: (v) => ({ format: v }),
  type: (v) => ({ type: v }),
  enum: (v) => ({ enum: v }),
  exactly_one_of: (v) => ({ exactly_one_of: v }),
  required: (v) => ({ required: v }),
  const: (v) => ({ const: v }),
  read_only: (v) => ({ read_only: v }),
  unique_keys: (v) => ({ unique_keys: v }),
  unique: (v) => ({ unique: v }),
  secret: (v) => ({ secret: v }),
};

// The constraint factories in the order the .wasm numbers their keys.
function makers(keys) {
  return keys.split(';').map((key) => CONSTRAINTS[key] ?? ((v) => ({ [key]: v })));
}

// A report with findings in the .wasm's compact form (`compact` in
// crates/mfalint-wasm/src/wire.rs): `kind;count;`, then per finding the
// number of its rule (its place in `rules()`, looked up in `rulesByNumber`),
// its severity's initial, pointer and message each as `length;text` (lengths
// in UTF-16 code units), and the constraint: a tag, then the number of its
// JSON key (in `constraintMakers`) and its value (`-` none, `n` number, `s`
// text, `b` boolean, `a` texts, `r` range). Objects come out with the keys
// in the order of the JSON report.
function decodeReport(text, rulesByNumber, constraintMakers) {
  let at = 0;
  // Numbers digit by digit: no substring or Number() for each.
  function num() {
    let c = text.charCodeAt(at++);
    const negative = c === 45; // '-'
    if (negative) c = text.charCodeAt(at++);
    let n = 0;
    for (; c !== 59; c = text.charCodeAt(at++)) n = n * 10 + (c - 48); // up to ';'
    return negative ? -n : n;
  }
  function sized() {
    const length = num();
    const value = text.slice(at, at + length);
    at += length;
    return value;
  }
  function constraint() {
    const tag = text[at++];
    if (tag === '-') return undefined;
    if (tag === 'r') {
      const minimum = num();
      return { range: { minimum, maximum: num() } };
    }
    const make = constraintMakers[num()];
    let value;
    if (tag === 'n') value = num();
    else if (tag === 's') value = sized();
    else if (tag === 'b') value = num() === 1;
    else {
      value = [];
      for (let n = num(); n > 0; n -= 1) value.push(sized());
    }
    return make(value);
  }
  const kind = KINDS[num()];
  const count = num();
  const findings = [];
  for (let i = 0; i < count; i += 1) {
    const [code, rule] = rulesByNumber[num()];
    const severity = text[at++] === 'e' ? 'error' : 'warning';
    const finding = { code, rule, severity, pointer: sized(), message: sized() };
    const c = constraint();
    if (c !== undefined) finding.constraint = c;
    findings.push(finding);
  }
  return { kind, findings };
}

// [code, name] of each rule by its number: its place in the registry,
// which is the order of rules().
function numbered(rules) {
  return rules.map((r) => [r.code, r.name]);
}

function unwrap(resultText) {
  const result = JSON.parse(resultText);
  if ('error' in result) {
    const e = result.error;
    throw new MfalintError(e.category, e.message, e.line, e.column);
  }
  return result.ok;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A v4 UUID: crypto.randomUUID where available (secure contexts, Node),
 * else built from crypto.getRandomValues (also in plain-http pages). */
function randomUuid() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  if (!c || typeof c.getRandomValues !== 'function') {
    throw new MfalintError('options', 'no crypto.getRandomValues to generate a request id; pass options.requestId');
  }
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => HEX[x]).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Builds the API over a wasm-bindgen module. `check` runs before every call
 * (the web entry uses it to insist on `await init()`).
 */
export function createApi(raw, check = () => {}) {
  let ruleList;
  let write;
  let read;
  let rulesByNumber;
  let constraintMakers;
  function compileText(text) {
    let validator;
    try {
      validator = new raw.Validator(text);
    } catch (e) {
      // Bad options: the `{"error": ...}` text, thrown as an MfalintError.
      if (typeof e !== 'string') throw e;
      unwrap(e);
    }
    write ??= inputWriter(raw);
    read ??= outputReader(raw);
    rulesByNumber ??= numbered(api.rules());
    constraintMakers ??= makers(raw.constraintKeys());
    return Object.freeze({
      validate(input) {
        const answer = validator.reportInput(write(input));
        // No finding: the kind's index; -1: an error; findings: -2 - the
        // length of their compact form.
        if (answer >= 0) return { kind: KINDS[answer], findings: [] };
        return answer === -1 ? unwrap(raw.takeOutput()) : decodeReport(read(-2 - answer), rulesByNumber, constraintMakers);
      },
      isValid(input) {
        const len = write(input);
        const verdict = validator.isValidInput(len);
        // Not validated: the report call throws why (parse, detect, size).
        return verdict === undefined ? unwrap(validator.validateInput(len)) : verdict;
      },
    });
  }
  // validate(input, options) compiles its options once per distinct options
  // text (a form validates with the same ones on every change); the 16
  // latest compiled are kept.
  const recent = new Map();
  const byKind = new Map();
  function compiled(options) {
    // Options that are `{kind}` alone, the usual call, are looked up by the
    // kind: no JSON.stringify per call. Only valid kinds get in (a bad one
    // throws), so this map holds at most one entry per kind.
    const kind = kindOnly(options);
    if (kind !== undefined) {
      let v = byKind.get(kind);
      if (v === undefined) {
        v = compileText(optionsText(options, VALIDATE_KEYS));
        byKind.set(kind, v);
      }
      return v;
    }
    const text = optionsText(options, VALIDATE_KEYS);
    let v = recent.get(text);
    if (v === undefined) {
      v = compileText(text);
      if (recent.size >= 16) recent.delete(recent.keys().next().value);
      recent.set(text, v);
    }
    return v;
  }
  const api = {
    compile(options) {
      check();
      return compileText(optionsText(options, VALIDATE_KEYS));
    },
    validate(input, options) {
      check();
      return compiled(options).validate(input);
    },
    isValid(report) {
      return !report.findings.some((f) => f.severity === 'error');
    },
    detectKind(input) {
      check();
      return unwrap(raw.detectKind(payloadText(raw, input), ''));
    },
    normalize(input, options) {
      check();
      return unwrap(raw.normalize(payloadText(raw, input), optionsText(options, ['kind'])));
    },
    redact(input) {
      check();
      return unwrap(raw.redact(payloadText(raw, input), ''));
    },
    apiError(input, options) {
      check();
      const { requestId, ...rest } = options ?? {};
      if (requestId !== undefined && typeof requestId !== 'string') {
        throw new MfalintError('options', `invalid options: requestId must be a string, got ${describe(requestId)}`);
      }
      const text = optionsText(options == null ? options : rest, VALIDATE_KEYS);
      return unwrap(raw.apiError(payloadText(raw, input), text, requestId, randomUuid()));
    },
    rules() {
      check();
      ruleList ??= deepFreeze(unwrap(raw.rules()));
      return ruleList;
    },
    rule(codeOrName) {
      return api.rules().find((r) => r.code === codeOrName || r.name === codeOrName);
    },
    checkId(id, options) {
      check();
      return unwrap(raw.checkId(String(id), optionsText(options, VALIDATE_KEYS)));
    },
    checkMethod(method, options) {
      check();
      return unwrap(raw.checkMethod(String(method), optionsText(options, VALIDATE_KEYS)));
    },
    checkSaseQuery(query, options) {
      check();
      const { folder, position } = query ?? {};
      const str = (v) => (v === undefined || v === null ? undefined : String(v));
      return unwrap(raw.checkSaseQuery(str(folder), str(position), optionsText(options, VALIDATE_KEYS)));
    },
    schema(kind) {
      check();
      return unwrap(raw.schema(String(kind)));
    },
    version() {
      check();
      return raw.version();
    },
  };
  return api;
}
