// Latency of `mfalint server`: the time from a `didChange` to the
// `publishDiagnostics` of that version, measured by a real LSP client
// (vscode-jsonrpc over stdio, tests/lsp/client.mjs). A measurement, not a
// test: it prints p50/p99 and fails only if the server stops answering.
//
//   cargo build --release --locked
//   MFALINT_BIN=target/release/mfalint node bench/lsp-latency.mjs [typical-iterations] [large-iterations]
//
// Documents (written to a temporary directory, with an `mfalint.toml` of
// `mode = "export"` next to the large one, as for exported responses):
//   typical  a ~1 KB pretty-printed SCM Okta profile with four findings; each
//            change types one character into its `okta_timeout` string;
//   large    a ~1 MB GET list response (`{"data": [...]}`) of SCM profiles
//            of every vendor, one finding in every 10th item; each change
//            edits one timeout digit in the middle item;
//   large, unsafe fixes  the same with a misspelled `*_baseuri` key instead
//            (an unsafe rename fix each), at most 10 changes.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { start, fileUri, position } from '../tests/lsp/client.mjs';

const typicalIterations = Number(process.argv[2] ?? 200);
const largeIterations = Number(process.argv[3] ?? 30);

const typical = `{
  "name": "okta-prod-east",
  "id": "0b8f2a5e-7c1d-4e2f-9a3b-5c6d7e8f9a0b",
  "mfa_cert_profile": "okta-ca-profile",
  "folder": "Mobile Users",
  "mfa_vendor_type": {
    "okta_adaptive_v1": {
      "okta_api_host": "acme-east.okta.com",
      "okta_baseuri": "/api/v1",
      "okta_token": "\${OKTA_TOKEN}",
      "okta_org": "acme",
      "okta_timeout": "30"
    }
  },
  "description": "Okta Verify push for the east region's mobile users and remote networks; \
managed by the identity team, rotated quarterly, see the runbook before changing the host or the timeout. \
Push is the default factor; TOTP is the fallback when push fails or the device is offline.",
  "comment": "Keep in sync with the west profile: same org, same base URI, same certificate profile, \
different API host. The token is injected at deploy time from the vault, never written here. \
Owner: identity-platform@example.com; change ticket required."
}
`;

function vendor(i) {
  switch (i % 4) {
    case 0:
      return { okta_adaptive_v1: { okta_api_host: `tenant${i}.okta.com`, okta_baseuri: '/api/v1',
        okta_token: '-AQ==evdypN5IrznU/9l3Lsgcrbl1QpU=74yjbQmIQSQOhC/NOoYYa3vDwbFpg65iCsFKhql9nIg=',
        okta_org: `org${i}`, okta_timeout: 30 } };
    case 1:
      return { duo_security_v2: { duo_api_host: `api-${String(i).padStart(8, '0')}.duosecurity.com`,
        duo_baseuri: '/auth/v2', duo_timeout: 30, duo_integration_key: `DIXXXXXXXXXX${String(i).padStart(8, '0')}`,
        duo_secret_key: '-AQ==evdypN5IrznU/9l3Lsgcrbl1QpU=74yjbQmIQSQOhC/NOoYYa3vDwbFpg65iCsFKhql9nIg=' } };
    case 2:
      return { rsa_securid_access_v1: { rsa_api_host: `rsa${i}.example.com`, rsa_baseuri: '/mfa/v1_1',
        rsa_accessid: `access-${i}`, rsa_timeout: 30 } };
    default:
      return { ping_identity_v1: { ping_api_host: 'idpxny3lm.pingidentity.com', ping_baseuri: '/pingid/rest/4',
        ping_org_alias: `alias-${String(i).padStart(8, '0')}`, ping_timeout: 30,
        ping_token: '-AQ==evdypN5IrznU/9l3Lsgcrbl1QpU=74yjbQmIQSQOhC/NOoYYa3vDwbFpg65iCsFKhql9nIg=',
        ping_use_base64_key: '-AQ==evdypN5IrznU/9l3Lsgcrbl1QpU=74yjbQmIQSQOhC/NOoYYa3vDwbFpg65iCsFKhql9nIg=' } };
  }
}

function large(target, nearMiss = false) {
  const data = [];
  let size = 0;
  for (let i = 0; size < target; i++) {
    const hex = i.toString(16).padStart(12, '0');
    const item = {
      id: `0b8f2a5e-7c1d-4e2f-9a3b-${hex}`,
      name: `profile-${i}`,
      mfa_cert_profile: 'corp-ca-profile',
      folder: 'Mobile Users',
      mfa_vendor_type: vendor(i),
    };
    // One finding in every 10th item: a numeric-string timeout (a safe
    // fix), or with `nearMiss` a misspelled key (an unsafe fix, which the
    // core only offers after re-checking the document with it applied).
    if (i % 10 === 5 && nearMiss) {
      const v = Object.values(item.mfa_vendor_type)[0];
      const key = Object.keys(v).find((k) => k.endsWith('_baseuri'));
      v[`${key}x`] = v[key];
      delete v[key];
    } else if (i % 10 === 5) {
      const v = Object.values(item.mfa_vendor_type)[0];
      const key = Object.keys(v).find((k) => k.endsWith('_timeout'));
      v[key] = '45';
    }
    data.push(item);
    size += JSON.stringify(item, null, 2).length + 4;
  }
  return JSON.stringify({ data, offset: 0, total: data.length, limit: data.length }, null, 2) + '\n';
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function measure(client, uri, text, at, iterations, warmup) {
  await client.open(uri, text);
  const times = [];
  // Each change rewrites the character at `at`: a digit that alternates.
  let current = text;
  for (let i = 0; i < warmup + iterations; i++) {
    const digit = String(i % 10);
    const range = { start: position(current, at), end: position(current, at + 1) };
    const t0 = performance.now();
    const p = await client.edit(uri, [{ range, newText: digit }]);
    const t1 = performance.now();
    current = client.text(uri);
    if (!Array.isArray(p.diagnostics)) throw new Error('no diagnostics');
    if (i >= warmup) times.push(t1 - t0);
  }
  times.sort((a, b) => a - b);
  const last = await client.edit(uri, [{ range: { start: position(current, at), end: position(current, at + 1) }, newText: '3' }]);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: times[times.length - 1], n: times.length,
    bytes: Buffer.byteLength(text), diagnostics: last.diagnostics.length };
}

const dir = mkdtempSync(path.join(tmpdir(), 'mfalint-lsp-bench-'));
const client = await start();
try {
  const typicalFile = path.join(dir, 'okta.json');
  writeFileSync(typicalFile, typical);
  // The `0` of "30" in the timeout string.
  const t = await measure(client, fileUri(typicalFile), typical, typical.indexOf('"30"') + 2, typicalIterations, 20);

  const exportDir = path.join(dir, 'export');
  mkdirSync(exportDir);
  writeFileSync(path.join(exportDir, 'mfalint.toml'), 'mode = "export"\n');
  const big = large(910_000);
  const bigFile = path.join(exportDir, 'mfa-servers.json');
  writeFileSync(bigFile, big);
  const mid = big.indexOf('"okta_timeout": 30', big.length / 2) + '"okta_timeout": '.length + 1;
  const l = await measure(client, fileUri(bigFile), big, mid, largeIterations, 3);
  const nearMiss = large(910_000, true);
  const nearMissFile = path.join(exportDir, 'near-miss.json');
  writeFileSync(nearMissFile, nearMiss);
  const mid2 = nearMiss.indexOf('"okta_timeout": 30', nearMiss.length / 2) + '"okta_timeout": '.length + 1;
  const n = await measure(client, fileUri(nearMissFile), nearMiss, mid2, Math.min(largeIterations, 10), 1);

  const row = (name, r) =>
    `| ${name} | ${(r.bytes / 1024).toFixed(r.bytes > 1e5 ? 0 : 1)} KB | ${r.diagnostics} | ${r.n} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms | ${r.max.toFixed(2)} ms |`;
  console.log(`mfalint server: ${process.env.MFALINT_BIN ?? 'target/debug/mfalint'}`);
  console.log('| document | size | diagnostics | changes | p50 | p99 | max |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  console.log(row('typical (one SCM profile)', t));
  console.log(row('large (GET list response)', l));
  console.log(row('large, unsafe fixes (misspelled keys)', n));
} finally {
  const status = await client.stop();
  rmSync(dir, { recursive: true, force: true });
  if (status.code !== 0) process.exitCode = 1;
}
