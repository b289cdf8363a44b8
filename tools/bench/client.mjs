// tools/dev bench-client: NovaTalk's page beside a plain-JavaScript page of the same protocol
// (tools/bench/plain/), in Debian's headless Chromium with fake cameras, each served by the real
// server on a free port. Reports bundle sizes, time to `ready`, call setup (matched -> connected,
// matched -> first remote video frame), CPU on the idle landing screen and in a call, and the
// wasm time per UI frame; medians over --runs. docs/performance.md ("Client") explains each.
//   node tools/bench/client.mjs [--runs N] [--seconds S] [--www DIR] [--base DIR] [--only NAME]
// --base DIR adds another built site (e.g. an earlier build's out/www) as the variant "base".
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openClient } from '../../tests/browser/lib/browser.mjs';
import { NovaServer } from '../../tests/browser/lib/server.mjs';
import { bundleSizes } from './sizes.mjs';
import { measureCpu } from './cpu.mjs';
import { probe, firstEvent } from './probe.mjs';
import { printReport } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

function options(argv) {
  const o = { runs: 3, seconds: 10, www: path.join(root, 'out/www'), base: null, only: null };
  for (let i = 0; i < argv.length; i++) {
    const next = () => argv[++i];
    if (argv[i] === '--runs') o.runs = Math.max(1, Number(next()) || 1);
    else if (argv[i] === '--seconds') o.seconds = Math.max(1, Number(next()) || 1);
    else if (argv[i] === '--www') o.www = path.resolve(next());
    else if (argv[i] === '--base') o.base = path.resolve(next());
    else if (argv[i] === '--only') o.only = next();
    else throw new Error(`unknown argument ${argv[i]} (--runs N, --seconds S, --www DIR, --base DIR, --only NAME)`);
  }
  return o;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const benchOf = (client) => client.page.evaluate(() => window.__bench);
// The client's own frame counters (wasm/frame_stats.cpp), null for a page without them.
const frameStats = (client) => client.page.evaluate(
  () => (window.Module && typeof window.Module.ntFrameStats === 'function' ? window.Module.ntFrameStats() : null));

async function waitFor(client, check, what, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const bench = await benchOf(client);
    const v = check(bench);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${client.label}: no ${what} within ${timeoutMs} ms\n${client.describe()}`);
    await sleep(50);
  }
}

// Wasm time per frame over a window: mean ms per drawn frame, and frames drawn per second.
function frameDelta(a, b, seconds) {
  if (!a || !b) return null;
  const drawn = b.drawn - a.drawn;
  return {
    ms_per_frame: drawn > 0 ? Math.round(((b.draw_ms - a.draw_ms) / drawn) * 100) / 100 : 0,
    frames_per_s: Math.round((drawn / seconds) * 10) / 10,
    max_ms: b.max_ms,
  };
}

// One page on the landing screen: time to ready, then CPU while nobody touches it. In video
// mode NovaTalk's landing shows the camera preview (new frames are a reason to draw); in text
// mode (`params: {mode: 'text'}`) nothing on it changes. The plain page has no preview.
async function landing(browser, server, variant, seconds, params = {}) {
  const page = await openClient(browser, server, { label: `${variant}-landing`, autostart: false, initScript: probe, params });
  try {
    const ready = await waitFor(page, (b) => firstEvent(b, 'ready'), 'ready');
    await sleep(3000);  // fonts, the camera preview, the first online count: then idle
    const f0 = await frameStats(page);
    const cpu = await measureCpu(browser, [page.page], seconds);
    const f1 = await frameStats(page);
    return { ready_ms: Math.round(ready.sinceNavigation), cpu, frame: frameDelta(f0, f1, seconds) };
  } finally {
    await page.close();
  }
}

// Two pages calling each other: setup times (the slower page's), then CPU during the call.
async function call(browser, server, variant, seconds) {
  const a = await openClient(browser, server, { label: `${variant}-A`, initScript: probe });
  const b = await openClient(browser, server, { label: `${variant}-B`, initScript: probe });
  try {
    const setup = [];
    for (const c of [a, b]) {
      const matched = await waitFor(c, (x) => firstEvent(x, 'matched'), 'matched');
      const connected = await waitFor(c, (x) => firstEvent(x, 'connected', matched.t), 'connected');
      const frame = await waitFor(c, (x) => x.remoteFrames.find((t) => t >= matched.t), 'remote frame');
      setup.push({ connected: connected.t - matched.t, frame: frame - matched.t });
    }
    await sleep(2000);
    const f0 = await Promise.all([a, b].map(frameStats));
    const cpu = await measureCpu(browser, [a.page, b.page], seconds);
    const f1 = await Promise.all([a, b].map(frameStats));
    return {
      matched_to_connected_ms: Math.round(Math.max(...setup.map((s) => s.connected))),
      matched_to_first_frame_ms: Math.round(Math.max(...setup.map((s) => s.frame))),
      cpu,
      frame: frameDelta(f0[0], f1[0], seconds),
    };
  } finally {
    await a.close();
    await b.close();
  }
}

function median(values) {
  const v = values.filter((x) => typeof x === 'number').sort((x, y) => x - y);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : Math.round(((v[m - 1] + v[m]) / 2) * 100) / 100;
}

// The median of every numeric leaf across runs (same shape as one run).
function medianOf(runs) {
  const first = runs.find((r) => r != null);
  if (first == null || typeof first !== 'object') return median(runs);
  const out = {};
  for (const k of Object.keys(first)) out[k] = medianOf(runs.map((r) => (r ? r[k] : null)));
  return out;
}

async function main() {
  const o = options(process.argv.slice(2));
  if (!fs.existsSync(path.join(o.www, 'index.html'))) throw new Error(`no built site in ${o.www} (tools/dev build)`);
  const variants = [
    { name: 'ours', www: o.www },
    ...(o.base ? [{ name: 'base', www: o.base }] : []),
    { name: 'plain', www: path.join(here, 'plain') },
  ].filter((v) => !o.only || v.name === o.only);
  const servers = {};
  for (const v of variants) {
    servers[v.name] = new NovaServer({ www: v.www, args: ['--ice-servers', '[]'] });
    await servers[v.name].start();
  }
  const browser = await launchBrowser();
  const runs = Object.fromEntries(variants.map((v) => [v.name, []]));
  try {
    for (let r = 0; r < o.runs; r++) {
      for (const v of variants) {  // interleaved: a noisy moment of the machine hits both
        const l = await landing(browser, servers[v.name], v.name, o.seconds);
        const t = await landing(browser, servers[v.name], v.name, o.seconds, { mode: 'text' });
        const c = await call(browser, servers[v.name], v.name, o.seconds);
        runs[v.name].push({ landing: l, landing_text: t, call: c });
        process.stderr.write(`[bench-client] run ${r + 1}/${o.runs} ${v.name}: ready ${l.ready_ms} ms, ` +
          `first frame ${c.matched_to_first_frame_ms} ms after matched\n`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    for (const s of Object.values(servers)) await s.stop();
  }
  const result = { runs: o.runs, seconds: o.seconds, cpus: (await import('node:os')).cpus().length, variants: {} };
  for (const v of variants) {
    result.variants[v.name] = { bundle: bundleSizes(v.www), ...medianOf(runs[v.name]) };
  }
  printReport(result);
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
