// Bundle sizes for tools/bench/client.mjs: the files a page's first load fetches (read from its
// index.html, so hashed names need no guessing), each raw, gzip -9 and brotli -q 11. The .gz/.br
// siblings the build wrote are what a CDN sends, so they are used when present.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

function compressed(file, ext, make) {
  const sibling = `${file}.${ext}`;
  if (fs.existsSync(sibling)) return fs.statSync(sibling).size;
  return make(fs.readFileSync(file)).length;
}

function sizeOf(dir, name) {
  const file = path.join(dir, name);
  const raw = fs.statSync(file).size;
  const gzip = compressed(file, 'gz', (b) => zlib.gzipSync(b, { level: 9 }));
  const brotli = compressed(file, 'br', (b) => zlib.brotliCompressSync(b, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length },
  }));
  return { file: name, raw, gzip, brotli };
}

const attr = (tag, name) => (new RegExp(`\\b${name}="([^"]*)"`).exec(tag) || [])[1];

/**
 * The files of `dir`'s index.html: `first` (needed before the page is ready: the page, its
 * stylesheets and scripts, and the .js/.wasm its loader names) and `later` (fonts, fetched
 * after the first frame). Totals over each, and `firstScripts`: JS + wasm of the first load.
 */
export function bundleSizes(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const first = ['index.html'];
  const later = [];
  for (const tag of html.match(/<(link|script)\b[^>]*>/g) || []) {
    const href = attr(tag, 'href');
    if (/^<link/.test(tag) && attr(tag, 'rel') === 'stylesheet' && href) first.push(href);
    const src = attr(tag, 'src');
    if (/^<script/.test(tag) && src) first.push(src);
    for (const name of [attr(tag, 'data-js'), attr(tag, 'data-wasm')]) if (name) first.push(name);
    for (const name of (attr(tag, 'data-fonts') || '').split(/\s+/)) if (name) later.push(name);
  }
  const files = [...first.map((f) => ({ ...sizeOf(dir, f), load: 'first' })),
    ...later.map((f) => ({ ...sizeOf(dir, f), load: 'later' }))];
  const total = (pick) => {
    const sum = { raw: 0, gzip: 0, brotli: 0 };
    for (const f of files.filter(pick)) for (const k of Object.keys(sum)) sum[k] += f[k];
    return sum;
  };
  return {
    files,
    first: total((f) => f.load === 'first'),
    firstScripts: total((f) => f.load === 'first' && /\.(js|wasm)$/.test(f.file)),
    later: total((f) => f.load === 'later'),
  };
}
