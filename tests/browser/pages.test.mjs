// `pages`: the static pages of web/ as the real server serves them: each loads with 200, has a
// title, one h1 and the shared stylesheet and nav, every link resolves, nothing leaves 127.0.0.1,
// nothing scrolls sideways on a phone. Screenshots of the FAQ at phone and desktop width. And the
// UI fonts of cmake/font.cmake: their type, size budget, tables and coverage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { useSuite, skipReason, analyzePng, assertNotBlank, fmtStats, outDir, repoRoot, ms, wwwDir, siteAssetsIn } from './lib/index.mjs';
import { readTrueType, parseGlyphRanges } from './lib/ttf.mjs';

const suite = useSuite();

// Every page of the site, and the paths the app's UI links to (they must stay where they are).
const PAGES = ['/privacy.html', '/safety.html', '/faq.html', '/terms.html', '/blog/',
  '/blog/webrtc-privacy.html'];
const APP_LINKS = ['/privacy.html', '/terms.html', '/safety.html', '/faq.html', '/blog/'];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const MIN_BODY_PX = 16;
const MIN_CONTRAST = 4.5;  // WCAG AA for body text

/** Opens `pathname` in a fresh context; records every request the page makes. */
async function openPage(pathname, viewport) {
  const context = await suite.browser.newContext({ viewport });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const response = await page.goto(`${suite.server.origin}${pathname}`, { waitUntil: 'load', timeout: ms(30000) });
  return { context, page, response, requests };
}

// What the page looks like to a reader and a screen reader, measured in the page.
function describePage() {
  const luminance = (rgb) => {
    const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const body = getComputedStyle(document.body);
  // The smallest text a reader gets (inline code aside): paragraphs, list items, nav and footer.
  const texts = [...document.querySelectorAll('main p, main li, header a, footer p, footer a')];
  const link = document.querySelector('main a');
  return {
    title: document.title,
    lang: document.documentElement.lang,
    h1s: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
    landmarks: ['header', 'nav', 'main', 'footer'].filter((s) => document.querySelector(s)),
    stylesheets: [...document.styleSheets].map((s) => s.href),
    background: body.backgroundColor,
    bodyPx: parseFloat(body.fontSize),
    smallestPx: Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize))),
    textContrast: contrast(body.color, body.backgroundColor),
    linkContrast: link ? contrast(getComputedStyle(link).color, body.backgroundColor) : 99,
    nav: [...document.querySelectorAll('header nav a')].map((a) => a.getAttribute('href')),
    current: [...document.querySelectorAll('header nav a[aria-current="page"]')].map((a) => a.getAttribute('href')),
    footer: [...document.querySelectorAll('footer a')].map((a) => a.getAttribute('href')),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    images: [...document.images].filter((i) => !i.alt).length,
    overflowPx: document.documentElement.scrollWidth - window.innerWidth,
  };
}

test('every page loads from the server, is complete, styled, self-contained and linked', { skip: skipReason }, async (t) => {
  const origin = suite.server.origin;
  const seen = new Map();  // path -> description
  for (const pathname of PAGES) {
    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page, response, requests } = await openPage(pathname, viewport);
      try {
        const where = `${pathname} at ${viewport.width}px`;
        assert.equal(response.status(), 200, `${where}: HTTP ${response.status()}`);
        assert.match(response.headers()['content-type'] ?? '', /^text\/html/, `${where}: content-type`);
        const d = await page.evaluate(describePage);
        const offsite = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
        assert.deepEqual(offsite, [], `${where}: requests that leave ${origin}`);
        assert.ok(requests.includes(`${origin}/style.css`), `${where}: style.css was not requested: ${requests.join(', ')}`);
        assert.ok(d.title.length > 0 && /NovaTalk/.test(d.title), `${where}: title ${JSON.stringify(d.title)}`);
        assert.equal(d.h1s.length, 1, `${where}: expected one h1, got ${JSON.stringify(d.h1s)}`);
        assert.equal(d.lang, 'en', `${where}: <html lang>`);
        assert.deepEqual(d.landmarks, ['header', 'nav', 'main', 'footer'], `${where}: landmarks`);
        assert.deepEqual(d.stylesheets, [`${origin}/style.css`], `${where}: stylesheets`);
        // Applied, not just linked: the stylesheet's background, type size and contrast.
        assert.equal(d.background, 'rgb(18, 20, 26)', `${where}: body background (style.css not applied?)`);
        assert.ok(d.bodyPx >= MIN_BODY_PX && d.smallestPx >= MIN_BODY_PX,
          `${where}: body text ${d.bodyPx}px, smallest text ${d.smallestPx}px (< ${MIN_BODY_PX})`);
        assert.ok(d.textContrast >= MIN_CONTRAST && d.linkContrast >= MIN_CONTRAST,
          `${where}: contrast text ${d.textContrast.toFixed(1)}, links ${d.linkContrast.toFixed(1)} (< ${MIN_CONTRAST})`);
        assert.ok(d.overflowPx <= 0, `${where}: the page scrolls sideways by ${d.overflowPx}px`);
        assert.equal(d.images, 0, `${where}: images without alt text`);
        assert.ok(d.footer.includes('/'), `${where}: the footer has no way back to the app`);
        seen.set(pathname, d);
      } finally {
        await context.close();
      }
    }
  }

  // One nav for all: the same links everywhere, the current page marked where it is in the nav.
  const first = seen.get(PAGES[0]);
  for (const [pathname, d] of seen) {
    assert.deepEqual(d.nav, first.nav, `${pathname}: its nav differs from ${PAGES[0]}'s`);
    assert.deepEqual(d.footer, first.footer, `${pathname}: its footer differs from ${PAGES[0]}'s`);
    assert.deepEqual(d.current, first.nav.includes(pathname) ? [pathname] : [],
      `${pathname}: aria-current marks ${JSON.stringify(d.current)}`);
  }
  for (const p of APP_LINKS) assert.ok(first.nav.includes(p), `the nav does not link ${p}`);

  // Every link on every page resolves on this server, anchors included; none leaves the site.
  const targets = new Set([...seen.values()].flatMap((d) => d.links));
  for (const href of targets) {
    const url = new URL(href);
    assert.equal(url.origin, origin, `a link leaves the site: ${href}`);
    const r = await fetch(`${origin}${url.pathname}`);
    assert.equal(r.status, 200, `link ${href}: HTTP ${r.status}`);
    if (url.hash) {
      const d = seen.get(url.pathname);
      assert.ok(d, `link ${href}: anchor on a page that is not one of the site's pages`);
      assert.ok(d.ids.includes(url.hash.slice(1)), `link ${href}: no element with id ${url.hash.slice(1)}`);
    }
  }
  // The blog without its slash still works (its links are absolute).
  assert.equal((await fetch(`${origin}/blog`)).status, 200, '/blog');
  t.diagnostic(`${seen.size} pages at ${PHONE.width} and ${DESKTOP.width} px; ${targets.size} distinct links resolved`);
});

test('the FAQ at phone and desktop width: screenshots are not blank', { skip: skipReason }, async (t) => {
  const dir = path.join(outDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, viewport] of [['faq-phone.png', PHONE], ['faq-desktop.png', DESKTOP]]) {
    const { context, page } = await openPage('/faq.html', viewport);
    try {
      const shot = await page.screenshot({ fullPage: true });
      const file = path.join(dir, name);
      fs.writeFileSync(file, shot);
      const first = await page.screenshot();  // the first screen, as a reader lands on it
      const res = await analyzePng(suite.browser, first);
      t.diagnostic(`${file} (${viewport.width}x${viewport.height}): first screen ${fmtStats(res.whole)}`);
      // A dark page: mostly background, but text makes many colours and a wide luma spread.
      assertNotBlank(res.whole, `faq.html at ${viewport.width}px`, { minNonDark: 0, maxDominant: 0.95 });
    } finally {
      await context.close();
    }
  }
});

// The UI fonts. Budgets per face (docs/client.md, "Fonts"): raw as served, and gzip -9 as a CDN
// would send it. Both faces are about 197 KB raw and 113 KB gzipped today. Their names carry a
// content hash (cmake/www_assets.cmake): the ones index.html names.
const FONT_NAMES = [/^fonts\/novatalk-sans\.[0-9a-f]{10}\.ttf$/, /^fonts\/novatalk-sans-bold\.[0-9a-f]{10}\.ttf$/];
const FONT_MAX_BYTES = 224 * 1024;
const FONT_MAX_GZIP_BYTES = 128 * 1024;
// Characters the issue names, one or more from each range (U+FFFD: ImGui's fallback glyph).
const MUST_DISPLAY = 'AzÀÿŁžƒșΩαβЖяЁ…•–“”€₽₴→⇒≠∞■●☺★✓✔\uFFFD';
const REQUIRED_TABLES = ['cmap', 'glyf', 'loca', 'head', 'hhea', 'hmtx', 'maxp', 'name'];
// Hinting programs and layout tables: stb_truetype and ImGui 1.86 use none of them.
const DROPPED_TABLES = ['fpgm', 'prep', 'cvt ', 'hdmx', 'gasp', 'GSUB', 'GPOS', 'GDEF', 'kern'];

test('the UI fonts are font/ttf, within budget, and cover exactly wasm/font_ranges.hpp', { skip: skipReason }, async (t) => {
  const ranges = parseGlyphRanges(fs.readFileSync(path.join(repoRoot, 'wasm/font_ranges.hpp'), 'utf8'));
  assert.ok(ranges.length >= 10, `wasm/font_ranges.hpp: only ${ranges.length} ranges parsed`);
  const inRanges = (c) => ranges.some(([a, b]) => a <= c && c <= b);
  const hex = (c) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  const named = siteAssetsIn(wwwDir).fonts;
  assert.equal(named.length, FONT_NAMES.length, `index.html names ${JSON.stringify(named)}`);
  named.forEach((f, i) => assert.match(f, FONT_NAMES[i], 'the font index.html names'));
  const FONTS = named.map((f) => `/${f}`);
  for (const url of FONTS) {
    const r = await fetch(`${suite.server.origin}${url}`);
    assert.equal(r.status, 200, `${url}: HTTP ${r.status}`);
    assert.equal(r.headers.get('content-type'), 'font/ttf', `${url}: content-type`);
    const bytes = Buffer.from(await r.arrayBuffer());
    const gzipped = zlib.gzipSync(bytes, { level: 9 }).length;
    t.diagnostic(`${url}: ${bytes.length} bytes, ${gzipped} gzip -9`);
    assert.ok(bytes.length <= FONT_MAX_BYTES, `${url}: ${bytes.length} bytes > budget ${FONT_MAX_BYTES}`);
    assert.ok(gzipped <= FONT_MAX_GZIP_BYTES, `${url}: ${gzipped} bytes gzipped > budget ${FONT_MAX_GZIP_BYTES}`);

    const font = readTrueType(bytes);
    assert.equal(font.version, 0x00010000, `${url}: not TrueType outlines (sfnt version 0x${font.version.toString(16)})`);
    assert.deepEqual(REQUIRED_TABLES.filter((tag) => !font.tables.has(tag)), [], `${url}: tables missing`);
    assert.deepEqual(DROPPED_TABLES.filter((tag) => font.tables.has(tag)), [], `${url}: tables that should be dropped`);
    const outside = [...font.codePoints].filter((c) => !inRanges(c));
    assert.deepEqual(outside.map(hex), [], `${url}: code points outside wasm/font_ranges.hpp`);
    const empty = ranges.filter(([a, b]) => ![...font.codePoints].some((c) => a <= c && c <= b));
    assert.deepEqual(empty.map(([a, b]) => `${hex(a)}-${hex(b)}`), [], `${url}: ranges without a single glyph`);
    const missing = [...MUST_DISPLAY].filter((ch) => !font.codePoints.has(ch.codePointAt(0)));
    assert.deepEqual(missing.map((ch) => `${ch} ${hex(ch.codePointAt(0))}`), [], `${url}: characters missing`);
    t.diagnostic(`${url}: ${font.codePoints.size} code points in ${ranges.length} ranges; tables ${[...font.tables.keys()].join(' ')}`);
  }
  // Chromium's font sanitiser (OTS) is strict: a subset it refuses is broken.
  const context = await suite.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${suite.server.origin}/faq.html`);
    for (const url of FONTS) {
      const status = await page.evaluate(async (u) => {
        try { return (await new FontFace('check', `url(${u})`).load()).status; } catch (e) { return String(e); }
      }, url);
      assert.equal(status, 'loaded', `${url}: Chromium refused the font`);
    }
  } finally {
    await context.close();
  }
});
