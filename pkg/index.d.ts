// Types of the mfalint JavaScript API (pkg/lib/api.js). The report shapes
// are the Rust crate's serde output, field for field. Kinds, rule codes and
// names, and the payload shapes are generated from the Rust description of
// the APIs into ./generated.d.ts.

import type { JsonValue, Kind, RuleCode, RuleName } from './generated.js';

export * from './generated.js';

export declare const KINDS: readonly Kind[];

/** `error`: the API would reject the payload. */
export type Severity = 'error' | 'warning';

/** `request`: a body about to be sent (masked secrets are errors);
 * `export`: a GET response or exported file (masked secrets expected). */
export type Mode = 'request' | 'export';

/** A rule code (`MFA040`), a code prefix (`MFA04`), a rule name
 * (`min-length`) or `ALL`. Unknown selectors throw an `options` error. */
export type Selector = RuleCode | RuleName | 'ALL' | `MFA${string}`;

/** The JSON types the `type` constraint names. */
export type ExpectedType = 'object' | 'string' | 'string or null' | 'object or null' | 'boolean' | 'integer';

/** The documented constraint a finding is about: exactly one key. */
export type Constraint =
  | { min_length: number }
  | { max_length: number }
  | { pattern: string }
  | { format: 'hostname' | 'uuid' }
  | { range: { minimum: number; maximum: number } }
  | { type: ExpectedType }
  | { enum: string[] }
  | { exactly_one_of: string[] }
  | { required: boolean }
  | { const: 'okta-verify' | 'duo-web' }
  | { read_only: boolean }
  | { unique_keys: boolean }
  | { unique: string }
  | { secret: 'not masked' | 'not in files' };

/** One problem found in a payload. */
export interface Finding {
  /** Stable rule code, e.g. `MFA040`. */
  code: RuleCode;
  /** Stable rule name, e.g. `min-length`. */
  rule: RuleName;
  severity: Severity;
  /** JSON Pointer (RFC 6901) to the value; for a missing key, where it
   * would be. `""` is the whole document. */
  pointer: string;
  /** Names the field and the constraint; never contains a secret's value. */
  message: string;
  /** Absent when the rule has no single constraint. */
  constraint?: Constraint;
}

/** Every finding for one payload, in document order. */
export interface Report {
  kind: Kind;
  findings: Finding[];
}

export interface ValidateOptions {
  /** Omitted: detected from `$schema` or the payload's shape (an
   * ambiguous or unknown shape throws a `detect` error). */
  kind?: Kind;
  /** Default `request`. */
  mode?: Mode;
  /** Turns rules on, e.g. `['MFA081']` (plaintext-secret is off by default
   * in the library). */
  select?: Selector[];
  /** Runs only these rules (applied first). */
  only?: Selector[];
  /** Turns rules off (applied after `only` and `select`). */
  ignore?: Selector[];
  /** Per selector, in insertion order, applied last; `off` turns it off. A
   * severity set here is not softened for legacy SASE. */
  severity?: Partial<Record<Selector, Severity | 'off'>>;
  /** Largest input accepted, in bytes (default 67108864, 64 MiB); larger
   * input throws a `parse` error. */
  maxBytes?: number;
  /** Deepest nesting of arrays/objects accepted (default 128, capped at
   * 256); deeper input throws a `parse` error. */
  maxDepth?: number;
}

export interface ApiErrorOptions extends ValidateOptions {
  /** SCM `_request_id` / SailPoint `trackingId`. Default: a fresh
   * `crypto.randomUUID()` (SailPoint: its 32 hex digits). */
  requestId?: string;
}

export interface NormalizeOptions {
  kind?: Kind;
}

/**
 * A payload: JSON text (validated exactly as written, so duplicate keys and
 * `30.0` are seen, and `line`/`column` are given for syntax errors), its
 * bytes (a `Uint8Array` such as a Node `Buffer`: UTF-8 is checked and a BOM
 * rejected, as the CLI does for files), or any JSON-serializable value
 * (validated as `JSON.stringify` writes it, i.e. as `fetch` would send it).
 */
export type Input = string | Uint8Array | object;

/** Why a call failed: `input` (not JSON-serializable), `parse` (not JSON;
 * `line` and `column`, 1-based, columns in characters), `detect` (kind not
 * given and not detectable), `options` (unknown kind, mode, selector,
 * severity or option name), `init` (`mfalint/web` used before `init()`). */
export type MfalintErrorCategory = 'input' | 'parse' | 'detect' | 'options' | 'init';

export declare class MfalintError extends Error {
  readonly name: 'MfalintError';
  readonly category: MfalintErrorCategory;
  /** Parse errors only. */
  readonly line?: number;
  readonly column?: number;
}

/** A default `normalize` filled in. */
export interface Filled {
  pointer: string;
  /** The value as JSON text, e.g. `30` or `"/mfa/v1_1"`. */
  value: string;
}

export interface Normalized {
  kind: Kind;
  /** The payload, pretty-printed, with the defaults added. */
  text: string;
  filled: Filled[];
}

/** A rule's public, stable metadata. */
export interface RuleInfo {
  code: RuleCode;
  name: RuleName;
  severity: Severity;
  /** Off unless selected when false (MFA081 in the library). MFA000
   * parse-error and MFA009 unknown-kind are always on: in this package a
   * document that cannot be checked throws an `MfalintError` instead. */
  default_enabled: boolean;
  summary: string;
  doc: string;
  source: string;
}

/** SCM / legacy SASE 400 body. */
export interface ScmApiError {
  _errors: [
    {
      code: 'E003';
      message: 'Invalid Object';
      details: { errors: Finding[] };
    },
  ];
  _request_id: string;
}

export interface SailpointMessage {
  locale: 'en-US';
  localeOrigin: 'DEFAULT';
  text: string;
}

/** SailPoint ISC 400 body. */
export interface SailpointApiError {
  detailCode: '400.1 Bad Request Content';
  trackingId: string;
  messages: SailpointMessage[];
  causes: SailpointMessage[];
}

export type ApiError = ScmApiError | SailpointApiError;

/** A JSON Schema document (draft 2020-12). */
export interface JsonSchema {
  $schema: string;
  $id: string;
  title?: string;
  description?: string;
  [keyword: string]: JsonValue | undefined;
}

// ---- Functions

/** Validates a payload. Throws `MfalintError` when it cannot be validated
 * at all (not JSON, kind not detectable, bad options); findings are data. */
export declare function validate(input: Input, options?: ValidateOptions): Report;

/** True when no finding is an error: the API would accept the payload. */
export declare function isValid(report: Report): boolean;

/** Options checked and parsed once, for validating many payloads (form
 * fields on every change, bulk imports): like `ajv.compile`. */
export interface Validator {
  /** The report, exactly as `validate(input, options)` gives it. */
  validate(input: Input): Report;
  /** `isValid(validate(input))` without building a report: the fastest
   * check. Throws like `validate` when the input cannot be validated. */
  isValid(input: Input): boolean;
}

/** A `Validator` for these options; throws an `options` error at once when
 * they are bad. Later changes to the `options` object do not affect it. */
export declare function compile(options?: ValidateOptions): Validator;

/** The payload's kind from `$schema` or its shape; throws a `detect` error
 * when it is ambiguous or unknown. */
export declare function detectKind(input: Input): Kind;

/** Fills documented defaults of absent optional fields (never required
 * ones) and says what it filled. */
export declare function normalize(input: Input, options?: NormalizeOptions): Normalized;

/** The payload pretty-printed with every secret masked the way SailPoint
 * does (`x******y`, or `********` under 8 characters). */
export declare function redact(input: Input): string;

/** The API's own 400 body for the payload's error findings, or `null` when
 * the API would accept it. */
export declare function apiError(input: Input, options?: ApiErrorOptions): ApiError | null;

/** Every rule, in code order (frozen). */
export declare function rules(): readonly RuleInfo[];

/** A rule by code or name. */
export declare function rule(codeOrName: string): RuleInfo | undefined;

/** The `id` path parameter of /mfa-servers/:id (a UUID); findings point at `/id`. */
export declare function checkId(id: string, options?: ValidateOptions): Finding[];

/** The SailPoint `method` path parameter; findings point at `/method`. */
export declare function checkMethod(method: string, options?: ValidateOptions): Finding[];

/** The legacy SASE POST query; findings point at `/folder`, `/position`. */
export declare function checkSaseQuery(
  query: { folder?: string | null; position?: string | null },
  options?: ValidateOptions,
): Finding[];

/** The JSON Schema (draft 2020-12) of a kind, as shipped in the crate's
 * `schemas/` (throws an `options` error for an unknown kind). */
export declare function schema(kind: Kind): JsonSchema;

/** The version of the Rust crate inside the .wasm. */
export declare function version(): string;
