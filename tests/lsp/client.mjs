// A real LSP client for `mfalint server`: vscode-jsonrpc (the transport of
// VS Code's language client) over the server's stdio. Shared by the test
// (tests/lsp/lsp.test.mjs) and the latency benchmark (bench/lsp-latency.mjs).

import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import rpc from 'vscode-jsonrpc/node';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = rpc;

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The binary: $MFALINT_BIN, else target/debug/mfalint. */
export function binary() {
  return process.env.MFALINT_BIN ?? path.join(root, 'target/debug/mfalint');
}

export const fileUri = (p) => pathToFileURL(p).href;

/**
 * Starts `mfalint server` and initializes it. Everything the server writes
 * (stdout and stderr) is kept in `raw`, for checks that no byte of a secret
 * ever leaves it.
 */
export async function start({ env = {}, bin = binary() } = {}) {
  const child = spawn(bin, ['server'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const raw = [];
  child.stdout.on('data', (c) => raw.push(c));
  child.stderr.on('data', (c) => raw.push(c));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const conn = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const published = [];
  const waiters = [];
  const logs = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    published.push(p);
    for (const w of [...waiters]) {
      if (w.match(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  conn.onNotification('window/logMessage', (p) => logs.push(p));
  conn.listen();
  const init = await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
  });
  conn.sendNotification('initialized', {});

  const versions = new Map();
  const texts = new Map();
  const client = {
    conn,
    child,
    raw,
    logs,
    published,
    init,
    exited,
    text: (uri) => texts.get(uri),
    /** The next publishDiagnostics for `uri` (of `version` when given). */
    diagnostics(uri, version) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 20000);
        waiters.push({
          match: (p) => p.uri === uri && (version === undefined || p.version === version),
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    /** Opens a document; resolves with its first diagnostics. */
    open(uri, text, languageId = 'json') {
      versions.set(uri, 1);
      texts.set(uri, text);
      const d = client.diagnostics(uri, 1);
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return d;
    },
    /** Sends incremental edits (TextEdits in UTF-16 positions); resolves with the diagnostics of the new version. */
    edit(uri, edits) {
      const version = versions.get(uri) + 1;
      versions.set(uri, version);
      // Applied from the last to the first so earlier ranges stay valid.
      const sorted = [...edits].sort((a, b) => offset(texts.get(uri), b.range.start) - offset(texts.get(uri), a.range.start));
      texts.set(uri, applyEdits(texts.get(uri), sorted));
      const d = client.diagnostics(uri, version);
      conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
      });
      return d;
    },
    /** Replaces the whole text; resolves with the new diagnostics. */
    replace(uri, text) {
      const version = versions.get(uri) + 1;
      versions.set(uri, version);
      texts.set(uri, text);
      const d = client.diagnostics(uri, version);
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      return d;
    },
    close(uri) {
      const d = client.diagnostics(uri);
      conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      return d;
    },
    actions(uri, range, only) {
      return conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: { diagnostics: [], ...(only ? { only } : {}) },
      });
    },
    async stop() {
      await conn.sendRequest('shutdown');
      conn.sendNotification('exit');
      const status = await exited;
      conn.dispose();
      return status;
    },
  };
  return client;
}

/** The UTF-16 offset (a JS string index) of an LSP position in `text`. */
export function offset(text, pos) {
  let line = 0;
  let i = 0;
  while (line < pos.line && i < text.length) {
    const c = text[i];
    i += 1;
    if (c === '\n' || (c === '\r' && text[i] !== '\n')) line += 1;
  }
  return Math.min(i + pos.character, text.length);
}

/** `text` with TextEdits applied (non-overlapping; any order). */
export function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => offset(text, b.range.start) - offset(text, a.range.start));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offset(out, e.range.start)) + e.newText + out.slice(offset(out, e.range.end));
  }
  return out;
}

/** The position (UTF-16) of string index `i` in `text`. */
export function position(text, i) {
  const before = text.slice(0, i);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
