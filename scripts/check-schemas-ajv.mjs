// Compiles every schema in schemas/ with ajv 8 (draft 2020-12) in strict
// mode and fails on any error, warning or log line: no unknown keywords or
// formats, no union types beyond `[T, "null"]`, every keyword under its type.
// Then checks the upstream examples against the schemas.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = join(root, "schemas");
const problems = [];
const logger = {
  log: (...args) => problems.push(`log: ${args.join(" ")}`),
  warn: (...args) => problems.push(`warn: ${args.join(" ")}`),
  error: (...args) => problems.push(`error: ${args.join(" ")}`),
};

const KINDS = [
  "scm-mfa-server",
  "sase-mfa-server",
  "sailpoint-okta-config",
  "sailpoint-duo-config",
  "sailpoint-test-result",
];
const files = readdirSync(dir).filter((f) => f.endsWith(".schema.json")).sort();
const expected = KINDS.map((k) => `${k}.schema.json`).sort();
if (JSON.stringify(files) !== JSON.stringify(expected)) {
  problems.push(`schemas/ holds ${files.join(", ")}; expected ${expected.join(", ")}`);
}

const validators = {};
for (const file of files) {
  const schema = JSON.parse(readFileSync(join(dir, file), "utf8"));
  // A fresh instance per schema, so that one schema's $id cannot shadow another's.
  const ajv = new Ajv2020({ strict: true, allErrors: true, logger });
  const before = problems.length;
  try {
    validators[file.replace(".schema.json", "")] = ajv.compile(schema);
  } catch (e) {
    problems.push(`${file}: ${e.message}`);
  }
  const kind = file.replace(".schema.json", "");
  if (schema.$id !== `https://mfalint.dev/schemas/${file}`) problems.push(`${file}: $id is ${schema.$id}`);
  if (schema.$schema !== "https://json-schema.org/draft/2020-12/schema") problems.push(`${file}: $schema is ${schema.$schema}`);
  if (!schema.title || !schema.description) problems.push(`${file}: needs title and description`);
  console.log(`${problems.length === before ? "ok  " : "FAIL"} ${file} (${kind})`);
}

// Upstream examples: what each must be under the schema (request mode).
const examples = join(root, "tests", "fixtures", "upstream");
const cases = [
  ["sailpoint-okta-verify-config.put-request.json", "sailpoint-okta-config", true],
  ["sailpoint-okta-verify-config.get-response.masked.json", "sailpoint-okta-config", false],
  ["sailpoint-duo-web-config.put-request.json", "sailpoint-duo-config", true],
  ["sailpoint-duo-web-config.get-response.masked.json", "sailpoint-duo-config", false],
  ["sailpoint-duo-web-config.put-response.masked.json", "sailpoint-duo-config", false],
  ["sailpoint-mfa-config-test.response.json", "sailpoint-test-result", true],
];
let checked = 0;
for (const [file, kind, valid] of cases) {
  let data;
  data = JSON.parse(readFileSync(join(examples, file), "utf8"));
  const validate = validators[kind];
  if (!validate) continue;
  checked += 1;
  if (validate(data) !== valid) problems.push(`${file}: expected ${valid ? "valid" : "invalid"} under ${kind}`);
}
console.log(`ok   ${checked} upstream examples (tests/fixtures/upstream)`);

// Edge cases (hostnames, scope digits and lengths, timeouts, masks with
// astral characters): ajv's ECMA-262 regexes and code-point lengths must
// give the verdicts the Rust validators give (tests/schemas.rs checks the
// same file against mfalint and the jsonschema crate).
const edge = JSON.parse(readFileSync(join(root, "tests", "fixtures", "schema-cases", "cases.json"), "utf8"));
let failed = 0;
for (const c of edge) {
  const validate = validators[c.kind];
  if (!validate) {
    problems.push(`schema-cases: no schema for ${c.kind}`);
    continue;
  }
  if (validate(c.payload) !== c.valid) {
    failed += 1;
    problems.push(`schema-cases: ${c.kind} "${c.what}": ajv says ${!c.valid ? "valid" : "invalid"}, expected ${c.valid ? "valid" : "invalid"}`);
  }
}
console.log(`${failed ? "FAIL" : "ok  "} ${edge.length} edge cases (tests/fixtures/schema-cases/cases.json)`);

if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log("ajv strict: all schemas compile without warnings");
