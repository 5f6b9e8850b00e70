/**
 * One static server, one origin, two builds: the app (bench/.build/app) at `/` with exactly the headers the app
 * is deployed with (vite.config.ts `preview.headers`), and the benchmark page at `/bench/`. Sharing the origin lets
 * the app open the tables the benchmark page made (the slider workload) in the same OPFS + IndexedDB.
 * DuckDB-WASM's worker alone gets a wider CSP ('wasm-unsafe-eval', and 'unsafe-eval' for Emscripten's EM_ASM); every
 * other file, our workers included, runs under the app's policy.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.csv': 'text/csv',
};

const DUCKDB_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; worker-src 'self' blob:; connect-src 'self' blob: data:";

function fileFor(root, urlPath) {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  let path = join(root, clean);
  try {
    if (statSync(path).isDirectory()) path = join(path, 'index.html');
    statSync(path);
    return path;
  } catch {
    return null;
  }
}

/** Starts the server on a free port; resolves to { url, close }. */
export function serve({ appDir, pageDir, appHeaders }) {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    const inPage = pathname === '/bench' || pathname.startsWith('/bench/');
    const root = inPage ? pageDir : appDir;
    const rel = inPage ? pathname.slice('/bench'.length) || '/' : pathname;
    // The app is a single page: unknown paths get its index.html.
    const path = fileFor(root, rel) ?? (inPage ? null : fileFor(root, '/index.html'));
    if (!path) {
      res.writeHead(404).end();
      return;
    }
    const headers = { ...appHeaders, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' };
    headers['Cache-Control'] = 'no-store';
    if (inPage && /duckdb-browser-.*\.worker/.test(path)) headers['Content-Security-Policy'] = DUCKDB_CSP;
    res.writeHead(200, headers);
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
