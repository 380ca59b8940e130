// A real bundler consumer of the npm package (issue 4): webpack 5 builds
// src/index.js, which imports `mfalint` (the file:../../pkg devDependency,
// resolved through pkg/package.json's exports to the wasm-bindgen `bundler`
// entry), into target/bundler-test/; headless Chromium (Debian's
// /usr/bin/chromium via playwright-core from the root node_modules) loads it
// from 127.0.0.1 under the README's CSP and the page reports the finding
// codes. Needs pkg/ built (scripts/test-wasm.sh builds it first) and
// `npm ci` in tests/bundler/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync, realpathSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';
import { chromium } from 'playwright-core';
import { CSP } from '../browser/server.mjs';
import config from './webpack.config.mjs';
import { rules } from '../../pkg/node.js';

const out = config.output.path;
const pkg = join(realpathSync(fileURLToPath(new URL('../../pkg/', import.meta.url))), '/');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };
const PAGE = '<!doctype html><meta charset="utf-8"><title>mfalint bundler test</title><script defer src="/main.js"></script>';

let stats;
let server;
let url;
let browser;
const problems = [];
const wasmResponses = [];

function build() {
  return new Promise((resolve, reject) => {
    webpack(config, (err, s) => {
      if (err) return reject(err);
      if (s.hasErrors() || s.hasWarnings()) {
        return reject(new Error(s.toString({ all: false, errors: true, warnings: true })));
      }
      resolve(s);
    });
  });
}

before(async () => {
  stats = await build();
  server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const headers = { 'content-security-policy': CSP, 'cache-control': 'no-store' };
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    const name = path.slice(1);
    if (!/^[\w.-]+$/.test(name) || !TYPES[extname(name)]) {
      res.writeHead(404).end('not found');
      return;
    }
    try {
      const body = await readFile(join(out, name));
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(name)] }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

test('webpack bundles the bundler entry and its .wasm', () => {
  const files = [...stats.compilation.fileDependencies].filter((f) => f.startsWith(pkg));
  // Resolved through exports["."].default to the bundler entry, not the node one.
  for (const f of ['bundler.js', 'lib/api.js', 'bundler/mfalint.js', 'bundler/mfalint_bg.js', 'bundler/mfalint_bg.wasm']) {
    assert.ok(files.includes(join(pkg, f)), `${f} not bundled: ${files.join(', ')}`);
  }
  assert.ok(!files.some((f) => /^(node|web)(\.js|\/)/.test(f.slice(pkg.length))), files.join(', '));
  const assets = Object.keys(stats.compilation.assets);
  assert.ok(assets.includes('main.js'), assets.join());
  assert.equal(assets.filter((a) => a.endsWith('.wasm')).length, 1, assets.join());
  assert.ok(existsSync(join(out, 'main.js')));
});

test('the bundle validates in headless Chromium with the Rust core findings', async () => {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) wasmResponses.push([r.status(), r.headers()['content-type']]);
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 20000 });
  const data = await page.evaluate(() => ({ ...document.body.dataset }));
  // `cargo run -q -- check --format json --ignore MFA081
  // examples/invalid/scm-okta-constraints.json` (the library default has
  // MFA081 plaintext-secret off): MFA041, MFA040, MFA050, in that order.
  assert.equal(data.kind, 'scm-mfa-server');
  assert.equal(data.codes, 'MFA041,MFA040,MFA050');
  assert.equal(Number(data.rules), rules().length);
  assert.deepEqual(wasmResponses, [[200, 'application/wasm']]);
  assert.deepEqual(problems, []);
  await page.close();
});
