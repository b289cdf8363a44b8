// `loading`: the shell's loading screen (shell/loader.js). With the network throttled, the bar's
// value climbs through the .wasm's bytes up to its size and the screen goes once the app is
// `ready`; a 404 and a broken connection each give a message with Retry, and Retry then loads
// the app; a browser without WebAssembly, without RTCPeerConnection or without getUserMedia gets
// a clear message before anything big is downloaded (and the last one can go on in text mode);
// with theme=light the screen is light.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, withDiagnostics, ms, wwwDir, siteAssetsIn } from './lib/index.mjs';

const suite = useSuite();

// Bytes per second while the .wasm downloads: seconds for it, so the bar is seen moving.
const THROTTLE_BYTES_PER_S = 300 * 1024;

// Runs in the page before its scripts: every change of the progress bar, in order.
function recordProgress() {
  window.__progress = [];
  new MutationObserver(() => {
    const bar = document.getElementById('nt-progress');
    if (!bar) return;
    const entry = { value: bar.hasAttribute('value') ? bar.value : null, max: bar.max,
      text: document.getElementById('nt-loading-text').textContent };
    const last = window.__progress[window.__progress.length - 1];
    if (!last || last.value !== entry.value || last.max !== entry.max) window.__progress.push(entry);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['value', 'max'] });
}

const loadingText = (page) => page.locator('#nt-loading-text').textContent();
const screenVisible = (page) => page.locator('#nt-loading').isVisible();

/** Waits until the loading screen's text matches `re` (and returns it). */
async function waitForText(page, re, timeoutMs = ms(30000)) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await loadingText(page);
    if (re.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`loading screen never said ${re}; it says ${JSON.stringify(text)}`);
}

test('the bar follows the .wasm download, then the screen goes at ready', { skip: skipReason }, async (t) => {
  const { wasmBytes } = siteAssetsIn(wwwDir);
  const c = await suite.open('throttled', {
    initScript: recordProgress,
    autostart: false,
    onPage: async (page) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: 20, uploadThroughput: -1, downloadThroughput: THROTTLE_BYTES_PER_S,
      });
    },
  });
  await withDiagnostics([c], async () => {
    await c.waitForEvent('ready', undefined, { timeoutMs: ms(120000) });
    await c.page.locator('#nt-loading').waitFor({ state: 'hidden', timeout: ms(10000) });
    const seen = await c.page.evaluate(() => window.__progress);
    const values = seen.filter((p) => p.value !== null && p.max === wasmBytes).map((p) => p.value);
    t.diagnostic(`${values.length} bar values out of ${wasmBytes}: ${values.slice(0, 8).join(', ')}…`);
    const between = values.filter((v) => v > 0 && v < wasmBytes);
    assert.ok(between.length >= 3, `the bar moved through only ${between.length} values: ${JSON.stringify(seen)}`);
    for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1], `the bar went back: ${values}`);
    assert.equal(values[values.length - 1], wasmBytes, 'the bar ends full');
    assert.ok(seen.some((p) => /Loading NovaTalk… \d+%/.test(p.text)), 'a percentage was shown');
    assert.equal(await screenVisible(c.page), false, 'the loading screen is gone');
  });
  await suite.closeAll();
});

test('a 404 and a broken connection say so with Retry; Retry then loads the app', { skip: skipReason }, async () => {
  let failures = ['404', 'abort'];
  const c = await suite.open('retry', {
    autostart: false,
    onPage: (page) => page.route((url) => /\/novatalk\.[0-9a-f]+\.wasm$/.test(url.pathname), (route) => {
      const how = failures.shift();
      if (how === '404') return route.fulfill({ status: 404, body: 'not found' });
      if (how === 'abort') return route.abort('connectionfailed');
      return route.continue();
    }),
  });
  await withDiagnostics([c], async () => {
    const retry = c.page.locator('#nt-retry');
    assert.match(await waitForText(c.page, /could not be loaded/), /HTTP 404/);
    assert.equal(await retry.isVisible(), true, 'Retry is offered');
    assert.equal(await c.page.locator('#nt-loading-text').getAttribute('role'), 'alert');
    await retry.click();
    assert.match(await waitForText(c.page, /could not be loaded.*connection failed/i), /try again/);
    await retry.click();
    await c.waitForEvent('ready', undefined, { timeoutMs: ms(60000) });
    await c.page.locator('#nt-loading').waitFor({ state: 'hidden', timeout: ms(10000) });
    assert.deepEqual(failures, [], 'both failures were served');
  });
  await suite.closeAll();
});

// What each missing part looks like, and what the page must say.
const MISSING = [
  { what: 'WebAssembly', remove: () => { delete window.WebAssembly; }, says: /cannot run NovaTalk.*WebAssembly/ },
  { what: 'RTCPeerConnection', remove: () => { delete window.RTCPeerConnection; delete window.webkitRTCPeerConnection; },
    says: /cannot connect you to a stranger.*WebRTC/ },
  { what: 'getUserMedia', remove: () => { delete MediaDevices.prototype.getUserMedia; },
    says: /no camera or microphone.*Text chat needs only WebRTC/ },
];

for (const { what, remove, says } of MISSING) {
  test(`without ${what}: a clear message, and the app is not downloaded`, { skip: skipReason }, async () => {
    const requests = [];
    const c = await suite.open(`no-${what}`, {
      initScript: remove,
      autostart: false,
      onPage: (page) => page.on('request', (r) => requests.push(new URL(r.url()).pathname)),
    });
    await withDiagnostics([c], async () => {
      const text = await waitForText(c.page, says);
      assert.equal(await screenVisible(c.page), true);
      assert.equal(await c.page.locator('#nt-progress').isVisible(), false, 'no progress bar with the message');
      assert.deepEqual(requests.filter((p) => /novatalk\.[0-9a-f]+\.(js|wasm)$/.test(p)), [],
        `the app was downloaded anyway (${text})`);
      if (what !== 'getUserMedia') {
        assert.equal(await c.page.locator('#nt-actions').isVisible(), false, 'nothing to press');
        return;
      }
      // Text chat needs no camera: the offered link loads the app in text mode.
      const link = c.page.locator('#nt-text-only');
      assert.equal(await link.isVisible(), true, 'the text chat link is offered');
      await link.click();
      await c.page.waitForURL(/[?&]mode=text/, { timeout: ms(10000) });
      await c.waitForEvent('ready', undefined, { timeoutMs: ms(60000) });
      await c.page.locator('#nt-loading').waitFor({ state: 'hidden', timeout: ms(10000) });
    });
    await suite.closeAll();
  });
}

test('theme=light: the loading screen is light too (no dark flash before a light app)', { skip: skipReason }, async () => {
  const look = (page) => page.evaluate(() => {
    const s = getComputedStyle(document.getElementById('nt-loading'));
    return { background: s.backgroundColor, color: s.color };
  });
  // Without WebAssembly the screen stays up (with its message): nothing races the check.
  const light = await suite.open('light', { initScript: () => { delete window.WebAssembly; }, autostart: false,
    params: { theme: 'light' } });
  const dark = await suite.open('dark', { initScript: () => { delete window.WebAssembly; }, autostart: false });
  await waitForText(light.page, /cannot run NovaTalk/);
  await waitForText(dark.page, /cannot run NovaTalk/);
  assert.deepEqual(await look(light.page), { background: 'rgb(246, 247, 251)', color: 'rgb(21, 24, 36)' });
  assert.deepEqual(await look(dark.page), { background: 'rgb(11, 13, 20)', color: 'rgb(242, 244, 250)' });
  await suite.closeAll();
});
