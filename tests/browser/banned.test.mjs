// `banned`: three strangers at three addresses report one page; the page is banned at once and
// says so on the canvas and in its live region (the minutes left, no Start offered), refuses
// Start until the ban ends, and tells the embedding site with the event `banned`. The reporters
// are small Node WebSocket clients "behind a proxy" (X-Forwarded-For, trusted for 127.0.0.1);
// the page connects directly, so its address is 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSuite, skipReason, withDiagnostics, ms, outDir, WsClient } from './lib/index.mjs';

const suite = useSuite({
  serverArgs: ['--ice-servers', '[]', '--trusted-proxies', '127.0.0.1', '--interest-wait', '0'],
});
const status = (c) => c.page.evaluate(() => document.getElementById('nt-status')?.textContent ?? '');

// A stranger at `ip` meets the page (the only other one searching), reports it and goes. Its
// leave is confirmed (a probe's answer comes after it) before the next stranger comes.
async function reportFrom(ip, page) {
  const mark = await page.mark();
  const ws = await WsClient.connect(suite.server.wsUrl, { 'X-Forwarded-For': ip });
  try {
    await ws.waitFor('welcome');
    ws.send({ type: 'join', mode: 'video' });
    await ws.waitFor('matched', { timeoutMs: ms(30000) });
    await page.waitForEvent('matched', undefined, { since: mark, timeoutMs: ms(30000) });
    ws.send({ type: 'report', reason: 'harassment' });
    ws.send({ type: 'leave' });
    const before = ws.messages.length;
    ws.send({ type: 'probe' });
    await ws.waitFor('error', { since: before, pred: (m) => m.code === 'bad_message' });
  } finally {
    ws.close();
  }
}

test('a page reported by three addresses is banned and says so', { skip: skipReason }, async (t) => {
  const x = await suite.open('X');
  await withDiagnostics([x], async () => {
    await x.waitForEvent('searching', undefined, { timeoutMs: ms(60000) });
    for (const ip of ['198.51.100.1', '198.51.100.2']) {
      const m = await x.mark();
      await reportFrom(ip, x);
      // Told as a skip, and searching again by itself.
      const left = await x.waitForEvent('partner_left', undefined, { since: m, timeoutMs: ms(15000) });
      assert.equal(left.reason, 'next');
      await x.waitForEvent('searching', undefined, { since: left._index + 1, timeoutMs: ms(15000) });
    }
    const m = await x.mark();
    await reportFrom('198.51.100.3', x);
    const banned = await x.waitForEvent('banned', undefined, { since: m, timeoutMs: ms(15000) });
    assert.equal(banned.retry_after, 3600);
    // It stays on the landing screen: no search after the call ended.
    await x.waitForEvent('partner_left', undefined, { since: m, timeoutMs: ms(15000) });
    await x.page.waitForFunction(() => /start again in 60 minutes/.test(
      document.getElementById('nt-status')?.textContent ?? ''), null, { timeout: ms(15000) });
    assert.match(await status(x), /Several people reported this connection/);

    // Start is refused while banned: the event again, no search, no join sent.
    const m2 = await x.mark();
    await x.send('start');
    const again = await x.waitForEvent('banned', undefined, { since: m2, timeoutMs: ms(10000) });
    assert.ok(again.retry_after > 3500 && again.retry_after <= 3600, JSON.stringify(again));
    const after = (await x.events()).slice(m2);
    assert.deepEqual(after.filter((e) => e.event === 'searching'), []);

    // What a person sees: the notice above a disabled Start.
    const dir = path.join(outDir, 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'banned.png');
    await x.page.screenshot({ path: file });
    t.diagnostic(`screenshot ${file}`);

    // The server logged ids and seconds, never an address.
    assert.match(suite.server.stderrText, /event=banned id=\d+ retry_after=3600/);
    assert.doesNotMatch(suite.server.stderrText, /198\.51\.100/);
  }, suite.server);
  await suite.closeAll();
});
