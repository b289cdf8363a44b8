#!/usr/bin/env node
// A partner's web server, to try the embed as a partner would (tools/dev up) and for the browser
// tests: serves one folder's files on loopback with plain headers (a partner's site sends its own,
// not NovaTalk's). Usage: node tools/partner_site.mjs DIR [PORT] [HOST]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.ttf': 'font/ttf',
  '.png': 'image/png', '.svg': 'image/svg+xml',
};

/**
 * Serves `dir` until close(). `headers` go on every response; `rewrite(name, text)` may change a
 * text file as it is served (the tests point the page's embed.js at their app server's port).
 * @returns {Promise<{port:number, origin:string, close:() => Promise<void>}>}
 */
export async function servePartnerSite({ dir, port = 0, host = '127.0.0.1', headers = {}, rewrite } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let name;
    try {
      name = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (name.endsWith('/')) name += 'index.html';
    const file = path.resolve(root, '.' + name);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain', ...headers }).end('not found\n');
      return;
    }
    const type = types[path.extname(file)] || 'application/octet-stream';
    let body = fs.readFileSync(file);
    if (rewrite && /^text\//.test(type)) body = Buffer.from(rewrite(name, body.toString('utf8')));
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  return {
    port: actual,
    origin: `http://${host}:${actual}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, port = '8081', host = '127.0.0.1'] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: node tools/partner_site.mjs DIR [PORT] [HOST]\n');
    process.exit(2);
  }
  const site = await servePartnerSite({ dir, port: Number(port), host });
  process.stderr.write(`[partner] ${dir} on ${site.origin}/\n`);
}
