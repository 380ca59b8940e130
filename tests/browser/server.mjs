// A tiny static server on 127.0.0.1 for the demo: /demo/ from demo/, /pkg/
// from pkg/, with the CSP the README documents. `node tests/browser/server.mjs`
// serves it for a manual look.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export async function serve(root = fileURLToPath(new URL('../../', import.meta.url)), port = 0) {
  const mounts = { '/demo/': join(root, 'demo'), '/pkg/': join(root, 'pkg') };
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/') {
      res.writeHead(302, { location: '/demo/' }).end();
      return;
    }
    const mount = Object.keys(mounts).find((m) => path.startsWith(m));
    const rel = mount && normalize(path.slice(mount.length) || 'index.html');
    if (!mount || rel.startsWith('..') || rel.split(sep).includes('..')) {
      res.writeHead(404).end('not found');
      return;
    }
    const file = join(mounts[mount], rel.endsWith(sep) || rel === '.' ? 'index.html' : rel);
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(undefined, Number(process.env.PORT ?? 8080));
  console.log(`demo: ${url}/demo/`);
}
