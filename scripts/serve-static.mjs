#!/usr/bin/env node
// A tiny static file server with no dependencies, for trying the built app the way a plain web server hosts it:
// under a sub-path, with no special headers (the Content-Security-Policy is in the page). The offline
// end-to-end tests (e2e/offline.spec.ts) start one per test; by hand:
//
//   node scripts/serve-static.mjs [DIR=dist] [--base /some/sub/path/] [--port 8080] [--host 127.0.0.1]
//
// Only GET and HEAD, only files under DIR, served at BASE (a folder gets its index.html); everything else 404.
// Every request is recorded (method, path, time), so a test can check what the page asked for.

import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * Serves `root` at `base` on `host:port` (port 0: any free one).
 * @param {{ root: string, base?: string, port?: number, host?: string }} options
 */
export function serveStatic({ root, base = '/', port = 0, host = '127.0.0.1' }) {
  const dir = resolve(root);
  const prefix = base.endsWith('/') ? base : base + '/';
  /** @type {{ method: string, path: string, at: number }[]} */
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ method: req.method ?? '', path, at: Date.now() });
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (path === prefix.slice(0, -1)) {
      res.writeHead(301, { location: prefix });
      res.end();
      return;
    }
    if (!path.startsWith(prefix)) return notFound();
    let file = resolve(dir, '.' + sep + path.slice(prefix.length));
    if (file !== dir && !file.startsWith(dir + sep)) return notFound();
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        file = join(file, 'index.html');
        stat = statSync(file);
      }
    } catch {
      return notFound();
    }
    if (!stat.isFile()) return notFound();
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      done({
        url: `http://${host}:${actualPort}${prefix}`,
        origin: `http://${host}:${actualPort}`,
        requests,
        close: () =>
          new Promise((closed) => {
            server.closeAllConnections();
            server.close(() => closed(undefined));
          }),
      });
    });
  });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    const value = args[i + 1];
    args.splice(i, 2);
    return value;
  };
  const base = option('--base', '/');
  const port = Number(option('--port', '8080'));
  const host = option('--host', '127.0.0.1');
  const root = args[0] ?? 'dist';
  const s = await serveStatic({ root, base, port, host });
  console.log(`serving ${resolve(root)} at ${s.url}`);
}
