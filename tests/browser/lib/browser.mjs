// Debian's Chromium driven by playwright-core, and the NovaTalk page API: events the page posts
// ({source:"novatalk", event, ...}) are collected into window.__novatalkEvents by an init script;
// commands ({target:"novatalk", cmd}) are posted to the page's window.
import { chromium } from 'playwright-core';
import { chromiumPath, ms } from './env.mjs';

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  '--disable-features=WebRtcHideLocalIpsWithMdns', '--enable-unsafe-swiftshader',
  '--autoplay-policy=no-user-gesture-required',
  // Several pages share 2 cores: keep the ones not in front running at full speed.
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

const echoConsole = !!process.env.NOVATALK_ECHO_CONSOLE;

/** A fresh headless Chromium (playwright gives it a fresh temporary profile). */
export async function launchBrowser({ args = [] } = {}) {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs, ...args],
    timeout: ms(60000),
  });
}

// Runs in the page before any of its scripts.
function collectEvents() {
  window.__novatalkEvents = [];
  window.addEventListener('message', (e) => {
    const d = e.data;
    // Only the page's own events: our commands ({target:"novatalk"}) come through here too.
    if (!d || typeof d !== 'object' || d.source !== 'novatalk' || typeof d.event !== 'string') return;
    let copy;
    try { copy = JSON.parse(JSON.stringify(d)); } catch { copy = { source: d.source, event: d.event }; }
    copy._t = Date.now();
    window.__novatalkEvents.push(copy);
  });
  // Playwright's pageerror loses the message of some errors (embind's BindingError): say it here.
  window.addEventListener('error', (e) => {
    console.error(`[uncaught] ${e.message}${e.error && e.error.stack ? '\n' + e.error.stack : ''}`);
  });
  window.addEventListener('unhandledrejection', (e) => {
    const r = e.reason;
    console.error(`[unhandled rejection] ${r && r.stack ? r.stack : String(r)}`);
  });
}

const clients = new WeakMap();  // page -> Client

/** The Client of a page opened by openClient (for the page-level helpers below). */
export function clientOf(page) {
  const c = clients.get(page);
  if (!c) throw new Error('page was not opened with openClient');
  return c;
}

/**
 * Opens the NovaTalk page in its own browser context (own storage, own camera grant).
 * @param {import('playwright-core').Browser} browser
 * @param {{origin:string, wsUrl:string}} server   a NovaServer, or anything with origin and wsUrl
 * @param {object} [opts]
 * @param {string} [opts.label]          name in logs and failure messages
 * @param {boolean} [opts.autostart=true]
 * @param {string[]} [opts.interests]
 * @param {object} [opts.params]         more URL parameters
 * @param {string} [opts.path='/']
 * @param {Function} [opts.initScript]  runs in the page before its scripts (like collectEvents)
 * @param {(page) => void} [opts.onPage] called (and awaited) with the page before it navigates (listeners)
 * @param {boolean} [opts.adult=true]  the age gate was accepted on an earlier visit (localStorage);
 *                                     false: the page shows the gate, as on a first visit
 * @param {object} [opts.context]     more browser context options (deviceScaleFactor, isMobile, hasTouch)
 */
export async function openClient(browser, server, opts = {}) {
  const { label = 'page', autostart = true, interests, params = {}, path = '/',
          viewport = { width: 1280, height: 720 }, waitUntil = 'load', initScript, onPage,
          adult = true, context: contextOptions = {} } = opts;
  const context = await browser.newContext({ viewport, ...contextOptions });
  await context.grantPermissions(['camera', 'microphone']).catch(() => {});
  await context.addInitScript(collectEvents);
  // The age gate (docs/client.md) blocks every start until accepted; most tests are about
  // something else, so their pages come as returning visitors who accepted it.
  if (adult) await context.addInitScript(() => { try { localStorage.setItem('novatalk.adult', '1'); } catch { /* none */ } });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  if (onPage) await onPage(page);
  const client = new Client(label, context, page);
  clients.set(page, client);

  const q = new URLSearchParams();
  if (autostart) q.set('autostart', '1');
  if (interests && interests.length) q.set('interests', interests.join(','));
  if (server.wsUrl) q.set('signal', server.wsUrl);
  for (const [k, v] of Object.entries(params)) q.set(k, String(v));
  const qs = q.toString();
  // URLSearchParams encodes ',' and ':' and '/': keep the URL readable (all are legal in a query).
  const url = `${server.origin}${path}${qs ? '?' + decodeURIComponent(qs) : ''}`;
  client.url = url;
  await page.goto(url, { waitUntil, timeout: ms(60000) });
  return client;
}

export class Client {
  constructor(label, context, page) {
    this.label = label;
    this.context = context;
    this.page = page;
    this.logs = [];     // every console line, page error, crash and failed request
    this.seen = [];     // the events fetched from the page so far (kept after it closed)
    this.closed = false;
    const log = (line, loud) => {
      this.logs.push(line);
      if (loud || echoConsole) process.stderr.write(`[${label}] ${line}\n`);
    };
    page.on('console', (m) => {
      // SwiftShader's performance notes ("GPU stall due to ReadPixels") are noise here.
      if (/GL Driver Message/.test(m.text())) return;
      const loc = m.location();
      const where = loc && loc.url ? ` (${loc.url}${loc.lineNumber ? ':' + loc.lineNumber : ''})` : '';
      log(`console.${m.type()}: ${m.text()}${where}`, m.type() === 'error' && !/favicon\.ico/.test(where));
    });
    page.on('pageerror', (e) => log(`pageerror: ${e.stack || e.message || e.name}`, false));  // [uncaught] says it loudly
    page.on('crash', () => log('page crashed', true));
    page.on('requestfailed', (r) => log(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`, false));
    page.on('close', () => { this.closed = true; });
  }

  /** Fetches new events from the page into this.seen; returns all seen. */
  async events() {
    if (this.closed) return this.seen;
    try {
      const fresh = await this.page.evaluate((from) => (window.__novatalkEvents || []).slice(from), this.seen.length);
      this.seen.push(...fresh);
    } catch (e) {
      // A navigation in progress or a closed page: keep what we have.
      if (!this.closed && !/Execution context was destroyed|Target closed|has been closed/i.test(String(e))) throw e;
    }
    return this.seen;
  }

  /** An index to pass as `since`: only events after this moment count. */
  async mark() { return (await this.events()).length; }

  /**
   * Waits until an event `name` for which predicate(event) is true arrives (at index >= since).
   * Fails with every event seen so far and the recent console output.
   * @returns {Promise<object>} the event (with _index and _t added)
   */
  async waitForEvent(name, predicate = () => true, { timeoutMs = ms(30000), since = 0, failOn = [], pollMs = 100 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const evs = await this.events();
      for (let i = since; i < evs.length; i++) {
        const ev = evs[i];
        if (ev.event === name && predicate(ev)) return { ...ev, _index: i };
        if (failOn.includes(ev.event)) {
          throw new Error(`${this.label}: got "${ev.event}" while waiting for "${name}": ${JSON.stringify(ev)}\n${this.describe(since)}`);
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.label}: no "${name}" event${predicate.toString() !== '() => true' ? ' matching ' + predicate.toString() : ''} within ${timeoutMs} ms (counting from event #${since})\n${this.describe(since)}`);
      }
      if (this.closed) throw new Error(`${this.label}: page closed while waiting for "${name}"\n${this.describe(since)}`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  /** Posts {target:"novatalk", cmd} to the page. */
  async send(cmd, extra = {}) {
    await this.page.evaluate(([c, x]) => window.postMessage({ target: 'novatalk', cmd: c, ...x }, '*'), [cmd, extra]);
  }

  /** The events seen (stats runs folded) and the last console lines, for failure messages. */
  describe(since = 0, consoleLines = 40) {
    const lines = [];
    let statsRun = 0;
    let lastStats = null;
    const flush = () => {
      if (statsRun) lines.push(`    ... ${statsRun} stats event(s), last: ${JSON.stringify(lastStats)}`);
      statsRun = 0;
    };
    this.seen.forEach((ev, i) => {
      if (ev.event === 'stats') { statsRun++; lastStats = ev; return; }
      flush();
      lines.push(`  ${i < since ? ' ' : '*'}#${i} ${JSON.stringify(ev)}`);
    });
    flush();
    const logs = this.logs.slice(-consoleLines).map((l) => `    ${l}`);
    return `  events seen by ${this.label} (${this.url}), * = counted:\n${lines.join('\n') || '  (none)'}\n` +
           `  last console output of ${this.label}:\n${logs.join('\n') || '    (none)'}`;
  }

  async close() {
    if (this.closed) return;
    await this.events().catch(() => {});
    this.closed = true;
    // As a person closes a tab: the page's pagehide runs (the client says goodbye there), then
    // the context goes. Closing the context alone can tear the page down without it.
    await this.page.close().catch(() => {});
    await this.context.close().catch(() => {});
  }
}

// Page-level forms of the helpers, as named in the test plan.
export const waitForEvent = (page, name, predicate, timeoutMs, opts = {}) =>
  clientOf(page).waitForEvent(name, predicate, { ...opts, ...(timeoutMs ? { timeoutMs } : {}) });
export const sendCommand = (page, cmd, extra) => clientOf(page).send(cmd, extra);
