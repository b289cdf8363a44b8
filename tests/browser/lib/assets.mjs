// The built site's content-hashed files as index.html names them: the <link> stylesheet, the
// loader <script> and its data-* attributes (shell/index.html, cmake/www_assets.cmake).
import fs from 'node:fs';
import path from 'node:path';

/** Attributes of the first tag matching `tagRe` in `html` (a plain parser: our own markup). */
function attributesOf(html, tagRe, what) {
  const tag = html.match(tagRe);
  if (!tag) throw new Error(`index.html: no ${what}`);
  return Object.fromEntries([...tag[0].matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/**
 * What index.html loads: {loader, css, js, wasm, wasmBytes, fonts: [regular, bold]}, each a path
 * relative to the site's root.
 */
export function parseSiteAssets(html) {
  const loader = attributesOf(html, /<script\b[^>]*\bid="nt-loader"[^>]*>/, 'loader <script id="nt-loader">');
  const css = attributesOf(html, /<link\b[^>]*\brel="stylesheet"[^>]*>/, '<link rel="stylesheet">');
  return {
    loader: loader.src,
    css: css.href,
    js: loader['data-js'],
    wasm: loader['data-wasm'],
    wasmBytes: Number(loader['data-wasm-bytes']),
    fonts: (loader['data-fonts'] || '').split(/\s+/).filter(Boolean),
  };
}

/** The assets of the installed site in `wwwDir`. */
export function siteAssetsIn(wwwDir) {
  return parseSiteAssets(fs.readFileSync(path.join(wwwDir, 'index.html'), 'utf8'));
}
