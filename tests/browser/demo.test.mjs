// Real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) loads the demo admin form, served from 127.0.0.1 under a
// strict CSP, types into it and checks that findings appear next to their
// field and go away; then runs the example corpus in the page and compares
// with the Rust core. Screenshots: target/browser/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = `${root}target/browser`;
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
let server;
let browser;
let page;
const problems = [];

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serve(root);
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  page = await browser.newPage({ viewport: { width: 1180, height: 860 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${server.url}/demo/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const findingsAt = (id) => page.locator(`.field:has(#${id}) .finding, #scope-field:has(#${id}) .finding`);
const codesAt = async (id) => findingsAt(id).evaluateAll((els) => els.map((e) => e.dataset.code));

test('the page loads under the CSP without errors', async () => {
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv]').content);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.deepEqual(problems, []);
});

test('an empty required token is reported next to the token field', async () => {
  assert.deepEqual(await codesAt('okta_token'), ['MFA010']);
  assert.match(await page.textContent('#status'), /API would reject/);
});

test('typing a short token shows min-length; a long enough one clears it', async () => {
  const token = page.locator('#okta_token');
  await token.click();
  await token.pressSequentially('abc12');
  assert.deepEqual(await codesAt('okta_token'), ['MFA040']);
  assert.match(await findingsAt('okta_token').first().textContent(), /shorter than the minimum of 8/);
  // The message names the field and the constraint, never the value.
  assert.ok(!(await page.locator('.findings').allTextContents()).join(' ').includes('abc12'));
  await token.pressSequentially('345');
  assert.deepEqual(await codesAt('okta_token'), []);
});

test('timeout out of range, then fixed', async () => {
  const timeout = page.locator('#okta_timeout');
  await timeout.fill('');
  await timeout.pressSequentially('900');
  assert.deepEqual(await codesAt('okta_timeout'), ['MFA050']);
  await timeout.press('Backspace');
  await timeout.press('Backspace');
  assert.deepEqual(await codesAt('okta_timeout'), []);
  await timeout.pressSequentially('0'); // 90
  assert.deepEqual(await codesAt('okta_timeout'), []);
});

test('folder pattern and host format appear together; screenshot', async () => {
  const folder = page.locator('#scope_value');
  await folder.fill('Mobile Users/EU');
  const host = page.locator('#okta_api_host');
  await host.fill('https://acme.okta.com');
  assert.deepEqual(await codesAt('scope_value'), ['MFA022']);
  assert.deepEqual(await codesAt('okta_api_host'), ['MFA041']);
  assert.match(await page.textContent('#envelope'), /"code": "E003"/);
  await page.screenshot({ path: `${shots}/demo.png`, fullPage: true });
  await folder.fill('Mobile Users');
  await host.fill('acme.okta.com');
  assert.deepEqual(await page.locator('.finding').count(), 0);
  assert.match(await page.textContent('#status'), /^Valid: the API would accept/);
  assert.equal(await page.textContent('#envelope'), '201 Created');
  await page.screenshot({ path: `${shots}/demo-valid.png`, fullPage: true });
});

test('switching vendor re-renders its fields and validates them', async () => {
  await page.selectOption('#vendor', 'duo_security_v2');
  assert.deepEqual(await codesAt('duo_api_host'), ['MFA010']);
  assert.deepEqual(await codesAt('duo_secret_key'), ['MFA010']);
  await page.locator('#duo_api_host').fill('api-12345678.duosecurity.com');
  assert.deepEqual(await codesAt('duo_api_host'), []);
  await page.selectOption('#vendor', 'okta_adaptive_v1');
});

test('in Chromium, the corpus gives exactly the Rust findings', async () => {
  const path = process.env.MFALINT_EXPECTED ?? `${root}target/wasm-tests/expected.json`;
  if (!existsSync(path)) {
    assert.fail(`${path} missing: run scripts/test-wasm.sh (it writes the Rust dump first)`);
  }
  const expected = JSON.parse(readFileSync(path, 'utf8')).files;
  const utf8 = Object.entries(expected).filter(([, want]) => want.variants);
  const cases = utf8.map(([file, want]) => ({
    file,
    kind: want.kind,
    text: readFileSync(join(root, file), 'utf8'),
  }));
  const got = await page.evaluate(async (cases) => {
    const m = await import('/pkg/web.js');
    await m.default();
    const variants = {
      default: {},
      export: { mode: 'export' },
      all: { select: ['ALL'] },
      custom: { select: ['MFA081'], ignore: ['MFA003'], severity: { MFA04: 'warning' } },
    };
    const run = (fn) => {
      try {
        return { ok: fn() };
      } catch (e) {
        return { error: e.message };
      }
    };
    const out = {};
    for (const c of cases) {
      const variantsOut = {};
      for (const [name, o] of Object.entries(variants)) {
        variantsOut[name] = run(() => m.validate(c.text, c.kind ? { ...o, kind: c.kind } : o));
      }
      out[c.file] = {
        kind: c.kind,
        variants: variantsOut,
        normalize: run(() => m.normalize(c.text, c.kind ? { kind: c.kind } : undefined)),
        redact: run(() => m.redact(c.text)),
      };
    }
    return out;
  }, cases);
  assert.ok(cases.length >= 20);
  for (const [file, { bytes, ...want }] of utf8) {
    assert.deepStrictEqual(got[file], want, file);
  }
  assert.deepEqual(problems, []);
});
