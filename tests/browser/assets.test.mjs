// `assets`: the CDN-ready site of cmake/www_assets.cmake. out/www has content-hashed .js, .wasm,
// loader, stylesheet and fonts (one of each, the hash of its bytes), index.html names exactly
// those, the server serves them; every .br/.gz sibling decompresses to its file's bytes, small
// files have none; and the script run again on an unhashed copy gives the same names and clears
// the stale hashes of an earlier build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { useSuite, skipReason, wwwDir, repoRoot, parseSiteAssets, siteAssetsIn } from './lib/index.mjs';

const suite = useSuite();

const HASH = /^[0-9a-f]{10}$/;
// Unhashed name -> where index.html names it (cmake/www_assets.cmake, NOVATALK_HASHED_FILES).
const HASHED = {
  'novatalk.js': (a) => a.js,
  'novatalk.wasm': (a) => a.wasm,
  'loader.js': (a) => a.loader,
  'app.css': (a) => a.css,
  'fonts/novatalk-sans.ttf': (a) => a.fonts[0],
  'fonts/novatalk-sans-bold.ttf': (a) => a.fonts[1],
};
// Files that keep their names: partners' snippets and bookmarks point at them.
const UNHASHED = ['index.html', 'config.json', 'style.css', 'faq.html', 'privacy.html'];
const COMPRESSIBLE = new Set(['.js', '.wasm', '.html', '.css', '.json', '.ttf', '.svg', '.txt', '.xml', '.map']);
const MIN_COMPRESS_BYTES = 1024;

const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');
function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  }).sort();
}
/** 'fonts/novatalk-sans.ttf' -> /^fonts\/novatalk-sans\.([0-9a-f]+)\.ttf$/ */
function hashedPattern(rel) {
  const ext = path.extname(rel);
  const stem = rel.slice(0, -ext.length).replace(/[.]/g, '\\.');
  return new RegExp(`^${stem}\\.([0-9a-f]+)${ext.replace('.', '\\.')}$`);
}

test('out/www: hashed js, wasm, loader, css and fonts, named by index.html and served', { skip: skipReason }, async (t) => {
  const files = listFiles(wwwDir);
  const assets = siteAssetsIn(wwwDir);
  for (const [rel, named] of Object.entries(HASHED)) {
    assert.ok(!files.includes(rel), `${rel}: the unhashed name is still in out/www`);
    const versions = files.filter((f) => hashedPattern(rel).test(f));
    assert.equal(versions.length, 1, `${rel}: expected one hashed version, found ${JSON.stringify(versions)}`);
    const [file] = versions;
    const hash = file.match(hashedPattern(rel))[1];
    assert.match(hash, HASH, `${file}: hash part`);
    const bytes = fs.readFileSync(path.join(wwwDir, file));
    assert.equal(hash, sha256(bytes).slice(0, 10), `${file}: the name is not the hash of its bytes`);
    assert.equal(named(assets), file, `index.html names ${named(assets)} for ${rel}`);
    const r = await fetch(`${suite.server.origin}/${file}`);
    assert.equal(r.status, 200, `${file}: HTTP ${r.status}`);
    assert.ok(Buffer.from(await r.arrayBuffer()).equals(bytes), `${file}: served bytes differ`);
    t.diagnostic(`${rel} -> ${file} (${bytes.length} bytes)`);
  }
  assert.equal(assets.wasmBytes, fs.statSync(path.join(wwwDir, assets.wasm)).size,
    'data-wasm-bytes is the size of the .wasm');
  for (const f of UNHASHED) assert.ok(files.includes(f), `${f}: must keep its name`);
  const html = fs.readFileSync(path.join(wwwDir, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /"novatalk\.(js|wasm)"|"loader\.js"|"app\.css"|novatalk-sans(-bold)?\.ttf/,
    'index.html still names an unhashed file');
});

test('every .br and .gz decompresses to its file; compressible files above 1 KiB have both', { skip: skipReason }, async (t) => {
  const files = listFiles(wwwDir);
  const set = new Set(files);
  let checked = 0;
  for (const f of files) {
    if (/\.(br|gz)$/.test(f)) {
      assert.ok(set.has(f.slice(0, -3)), `${f}: no ${f.slice(0, -3)} beside it`);
      continue;
    }
    const bytes = fs.readFileSync(path.join(wwwDir, f));
    const wanted = COMPRESSIBLE.has(path.extname(f)) && bytes.length >= MIN_COMPRESS_BYTES;
    for (const enc of ['br', 'gz']) {
      assert.equal(set.has(`${f}.${enc}`), wanted, `${f} (${bytes.length} bytes): .${enc} ${wanted ? 'missing' : 'not wanted'}`);
    }
    if (!wanted) continue;
    const br = fs.readFileSync(path.join(wwwDir, `${f}.br`));
    const gz = fs.readFileSync(path.join(wwwDir, `${f}.gz`));
    assert.ok(zlib.brotliDecompressSync(br).equals(bytes), `${f}.br does not decompress to ${f}`);
    assert.ok(zlib.gunzipSync(gz).equals(bytes), `${f}.gz does not decompress to ${f}`);
    // gzip -n: no name or time in the header (bytes 4-7 are the mtime).
    assert.equal(gz.readUInt32LE(4), 0, `${f}.gz: has a timestamp`);
    assert.ok(br.length < bytes.length && gz.length < bytes.length, `${f}: compression did not help`);
    checked++;
  }
  assert.ok(checked >= 8, `only ${checked} files were compressed`);
  t.diagnostic(`${checked} files with .br and .gz`);
});

test('run again on an unhashed copy: same names, stale hashes of an earlier build removed', { skip: skipReason }, async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'novatalk-www-'));
  try {
    fs.cpSync(wwwDir, tmp, { recursive: true });
    const before = siteAssetsIn(tmp);
    // Back to what `cmake --install` copies before the script runs: unhashed names, the page as written.
    for (const [rel, named] of Object.entries(HASHED)) fs.renameSync(path.join(tmp, named(before)), path.join(tmp, rel));
    fs.copyFileSync(path.join(repoRoot, 'shell/index.html'), path.join(tmp, 'index.html'));
    // An earlier build's files, and a sibling whose file is gone.
    const stale = ['novatalk.0123456789.js', 'novatalk.0123456789.js.br', 'novatalk.abcdefabcd.wasm.gz',
      'fonts/novatalk-sans.0000000000.ttf', 'gone.html.br'];
    for (const s of stale) fs.writeFileSync(path.join(tmp, s), 'old');
    const r = spawnSync('cmake', [`-DWWW=${tmp}`, '-P', path.join(repoRoot, 'cmake/www_assets.cmake')], { encoding: 'utf8' });
    assert.equal(r.status, 0, `cmake -P cmake/www_assets.cmake failed:\n${r.stdout}\n${r.stderr}`);
    assert.deepEqual(siteAssetsIn(tmp), before, 'the same content gives the same names');
    assert.deepEqual(listFiles(tmp), listFiles(wwwDir), 'the same files as out/www (stale ones removed)');
    assert.deepEqual(parseSiteAssets(fs.readFileSync(path.join(tmp, 'index.html'), 'utf8')), before);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
