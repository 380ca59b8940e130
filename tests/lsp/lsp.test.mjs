// `mfalint server` driven by a real LSP client (vscode-jsonrpc over stdio).
// Needs the binary: `cargo build --locked` first (or MFALINT_BIN=path).
// Run: node --test tests/lsp/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { start, binary, fileUri, applyEdits, position } from './client.mjs';

const SECRET = 'S3cr3t-V4lue-do-not-leak';

// One line, with characters of 1, 2 and 4 UTF-8 bytes (1, 1 and 2 UTF-16
// units) before the findings: their columns are UTF-16 string indexes.
const PAYLOAD =
  '{"name": "Ökta 東京 😀", "id": "0b8f2a5e-7c1d-4e2f-9a3b-5c6d7e8f9a0b", "mfa_cert_profile": "cp", "folder": "Shared", ' +
  '"mfa_vendor_type": {"okta_adaptive_v1": {"okta_api_host": "acme.okta.com", "okta_baseuri": "/api/v1", ' +
  '"okta_token": "${OKTA_TOKEN}", "okta_org": "acme", "okta_timeout": "30"}}}\n';

const SECRET_PAYLOAD = `{
  "name": "okta-prod",
  "mfa_cert_profile": "okta-ca-profile",
  "folder": "Mobile Users",
  "mfa_vendor_type": {
    "okta_adaptive_v1": {
      "okta_api_host": "acme.okta.com",
      "okta_baseuri": "/api/v1",
      "okta_tokne": "${SECRET}",
      "okta_org": "acme",
      "okta_timeout": 30
    }
  }
}
`;

let dir;
let client;
const codes = (p) => p.diagnostics.map((d) => d.code).sort();

before(async () => {
  assert.ok(existsSync(binary()), `${binary()} is missing: run cargo build first (or set MFALINT_BIN)`);
  dir = mkdtempSync(path.join(tmpdir(), 'mfalint-lsp-'));
  client = await start();
});

after(async () => {
  if (client) {
    const status = await client.stop();
    assert.equal(status.code, 0, 'exit after shutdown is status 0');
    const all = Buffer.concat(client.raw).toString('utf8');
    assert.ok(!all.includes(SECRET), 'no message from the server holds the secret');
  }
  rmSync(dir, { recursive: true, force: true });
});

test('initialize announces incremental sync and the code action kinds', () => {
  const caps = client.init.capabilities;
  assert.equal(caps.textDocumentSync.change, 2);
  assert.equal(caps.textDocumentSync.openClose, true);
  assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll', 'source.fixAll.mfalint']);
  assert.equal(client.init.serverInfo.name, 'mfalint');
});

test('diagnostics, a quick fix, fix all, a broken edit and its repair', async () => {
  const file = path.join(dir, 'okta.json');
  writeFileSync(file, PAYLOAD);
  const uri = fileUri(file);
  let p = await client.open(uri, PAYLOAD);
  assert.deepEqual(codes(p), ['MFA004', 'MFA051']);
  const timeout = p.diagnostics.find((d) => d.code === 'MFA051');
  const at = PAYLOAD.indexOf('"30"');
  assert.deepEqual(timeout.range, { start: { line: 0, character: at }, end: { line: 0, character: at + 4 } });
  assert.equal(timeout.severity, 2);
  assert.equal(timeout.source, 'mfalint');
  assert.match(timeout.codeDescription.href, /docs\/rules\.md#mfa051$/);
  assert.match(timeout.message, /okta_timeout/);
  const id = p.diagnostics.find((d) => d.code === 'MFA004');
  assert.equal(id.range.start.character, PAYLOAD.indexOf('"id"'));

  // The quick fix of the timeout: safe, preferred, one edit.
  const actions = await client.actions(uri, timeout.range, ['quickfix']);
  assert.equal(actions.length, 1);
  const [fix] = actions;
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.isPreferred, true);
  assert.doesNotMatch(fix.title, /unsafe/);
  assert.equal(fix.diagnostics[0].code, 'MFA051');
  p = await client.edit(uri, fix.edit.changes[uri]);
  assert.deepEqual(codes(p), ['MFA004']);
  assert.match(client.text(uri), /"okta_timeout": 30\}/);

  // Fix all safe: the read-only id goes.
  const all = await client.actions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [
    'source.fixAll',
  ]);
  assert.equal(all.length, 1);
  assert.equal(all[0].kind, 'source.fixAll.mfalint');
  assert.equal(all[0].title, 'Fix all safe mfalint problems');
  p = await client.edit(uri, all[0].edit.changes[uri]);
  assert.deepEqual(p.diagnostics, []);
  assert.ok(!client.text(uri).includes('"id"'));

  // Typing: the last `}` deleted is one parse error at the end.
  const text = client.text(uri);
  const last = text.lastIndexOf('}');
  p = await client.edit(uri, [{ range: { start: position(text, last), end: position(text, last + 1) }, newText: '' }]);
  assert.equal(p.diagnostics.length, 1);
  assert.equal(p.diagnostics[0].code, 'MFA000');
  assert.equal(p.diagnostics[0].severity, 1);
  // Where the parser stopped: the end of the text.
  const broken = client.text(uri);
  assert.deepEqual(p.diagnostics[0].range.start, position(broken, broken.length));
  // Repaired.
  p = await client.edit(uri, [{ range: { start: position(text, last), end: position(text, last) }, newText: '}' }]);
  assert.deepEqual(p.diagnostics, []);
  assert.equal(client.text(uri), text);

  // Closed: cleared.
  p = await client.close(uri);
  assert.deepEqual(p.diagnostics, []);
});

test('a duplicate key points at its first occurrence', async () => {
  const text = '{"state": "SUCCESS",\n "state": "FAILED"}\n';
  const uri = fileUri(path.join(dir, 'dup.json'));
  const p = await client.open(uri, text);
  const dup = p.diagnostics.find((d) => d.relatedInformation);
  assert.ok(dup, JSON.stringify(p.diagnostics));
  assert.equal(dup.range.start.line, 1);
  assert.equal(dup.relatedInformation[0].location.uri, uri);
  assert.deepEqual(dup.relatedInformation[0].location.range.start, { line: 0, character: 1 });
});

test('a secret is never sent back, in diagnostics, code actions or logs', async () => {
  const uri = fileUri(path.join(dir, 'secret.json'));
  const p = await client.open(uri, SECRET_PAYLOAD);
  assert.deepEqual(codes(p), ['MFA003', 'MFA010']);
  const end = position(SECRET_PAYLOAD, SECRET_PAYLOAD.length);
  const actions = await client.actions(uri, { start: { line: 0, character: 0 }, end });
  const rename = actions.find((a) => a.kind === 'quickfix');
  assert.ok(rename, JSON.stringify(actions));
  assert.match(rename.title, /\(unsafe\)$/);
  assert.equal(rename.isPreferred, false);
  const q = await client.edit(uri, rename.edit.changes[uri]);
  // Renamed into place, the token is a plaintext secret in a file.
  assert.deepEqual(codes(q), ['MFA081']);
  assert.ok(client.text(uri).includes(`"okta_token": "${SECRET}"`));
  // Hover is not offered: an error, not the value.
  await assert.rejects(client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 22 } }));
  const all = Buffer.concat(client.raw).toString('utf8');
  assert.ok(!all.includes(SECRET));
  assert.ok(!all.includes(SECRET.slice(0, 12)));
});

test('files that are not payloads get no diagnostics', async () => {
  const uri = fileUri(path.join(dir, 'package.json'));
  let p = await client.open(uri, '{"name": "my-app", "version": "1.0.0"}\n');
  assert.deepEqual(p.diagnostics, []);
  // Half-typed: still quiet.
  p = await client.replace(uri, '{"name": "my-app", "version": \n');
  assert.deepEqual(p.diagnostics, []);
  // A list of things that are not payloads.
  p = await client.open(fileUri(path.join(dir, 'data.json')), '[1, 2, {"a": 3}]\n');
  assert.deepEqual(p.diagnostics, []);
  // Not JSON or YAML: nothing, even for a payload.
  p = await client.open(fileUri(path.join(dir, 'notes.txt')), '{"state": "SUCCEEDED"}', 'plaintext');
  assert.deepEqual(p.diagnostics, []);
  p = await client.open(fileUri(path.join(dir, 'tsconfig.json')), '{"state": "SUCCEEDED"} // c', 'jsonc');
  assert.deepEqual(p.diagnostics, []);
});

test('YAML files go through the core too', async () => {
  const p = await client.open(fileUri(path.join(dir, 'okta.yaml')), 'state: SUCCEEDED\n', 'yaml');
  // Until the YAML front end lands the core reports it as not built
  // (MFA000); then the payload's own findings.
  assert.ok(p.diagnostics.length >= 1);
  assert.ok(['MFA000', 'MFA070'].includes(p.diagnostics[0].code), JSON.stringify(p.diagnostics));
});

test('settings come from the nearest mfalint.toml; untitled documents use defaults', async () => {
  const sub = path.join(dir, 'configured');
  mkdirSync(sub);
  writeFileSync(path.join(sub, 'mfalint.toml'), 'ignore = ["MFA051"]\nkind = "sailpoint-test-result"\n');
  const uri = fileUri(path.join(sub, 'okta.json'));
  let p = await client.open(uri, PAYLOAD);
  // Checked as the configured kind: the SCM payload is not a test result.
  assert.ok(p.diagnostics.length > 0);
  assert.ok(!codes(p).includes('MFA051'));
  // Configured kind: even a file with no recognizable shape is a payload.
  p = await client.open(fileUri(path.join(sub, 'other.json')), '{"name": "x"}');
  assert.ok(p.diagnostics.length > 0);
  // An edited configuration applies at the next check.
  writeFileSync(path.join(sub, 'mfalint.toml'), 'ignore = ["MFA051"]\n');
  p = await client.replace(uri, PAYLOAD);
  assert.deepEqual(codes(p), ['MFA004']);
  // A configuration that cannot be read: one diagnostic saying so.
  writeFileSync(path.join(sub, 'mfalint.toml'), 'ignore = [\n');
  p = await client.replace(uri, PAYLOAD);
  assert.equal(p.diagnostics.length, 1);
  assert.match(p.diagnostics[0].message, /mfalint configuration: .*mfalint\.toml/);

  p = await client.open('untitled:Untitled-1', PAYLOAD);
  assert.deepEqual(codes(p), ['MFA004', 'MFA051']);
});

test('a panic while checking is contained, logged without content, and the server goes on', async () => {
  const file = path.join(dir, 'boom.json');
  const other = await start({ env: { MFALINT_TEST_PANIC_ON: file } });
  try {
    const p = await other.open(fileUri(file), SECRET_PAYLOAD);
    assert.deepEqual(p.diagnostics, []);
    assert.ok(other.logs.some((l) => /internal error while checking/.test(l.message)), JSON.stringify(other.logs));
    const q = await other.open(fileUri(path.join(dir, 'fine.json')), '{"state": "SUCCEEDED"}');
    assert.deepEqual(codes(q), ['MFA070']);
    const actions = await other.actions(fileUri(file), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(actions, []);
  } finally {
    const status = await other.stop();
    assert.equal(status.code, 0);
    const all = Buffer.concat(other.raw).toString('utf8');
    assert.ok(!all.includes(SECRET), 'the panic message quoting the input is withheld');
  }
});

test('edits keep UTF-16 columns right across surrogate pairs', async () => {
  const text = '{"state": "😀😀"}';
  const uri = fileUri(path.join(dir, 'emoji.json'));
  let p = await client.open(uri, text);
  assert.equal(p.diagnostics[0].code, 'MFA070');
  assert.deepEqual(p.diagnostics[0].range.start, { line: 0, character: text.indexOf('"😀') });
  // Replace the second emoji (two UTF-16 units) with text.
  const i = text.indexOf('😀') + 2;
  p = await client.edit(uri, [{ range: { start: position(text, i), end: position(text, i + 2) }, newText: 'x' }]);
  assert.equal(client.text(uri), applyEdits(text, [{ range: { start: position(text, i), end: position(text, i + 2) }, newText: 'x' }]));
  p = await client.replace(uri, '{"state": "SUCCESS"}');
  assert.deepEqual(p.diagnostics, []);
});
