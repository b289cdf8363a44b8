// Self-test of the harness in lib/, against a stand-in server (fixtures/fake-server.mjs) and a
// page that speaks the page API with a loopback call (fixtures/fake-www). Needs neither the real
// server nor the real client, so it tells a broken harness from a broken product.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  NovaServer, launchBrowser, openClient, waitForEvent, sendCommand, analyzePng, movingBox,
  assertNotBlank, waitForCall, ms,
} from './lib/index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fake = (opts = {}) => new NovaServer({
  binary: process.execPath, prefixArgs: [path.join(here, 'fixtures/fake-server.mjs')],
  www: path.join(here, 'fixtures/fake-www'), ...opts,
});

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('server: free port, healthz, stderr, restart on the same port, stop', async () => {
  const server = fake();
  await server.start();
  try {
    assert.ok(server.port > 0);
    assert.deepEqual(await server.healthz(), { status: 200, body: 'ok' });
    const port = server.port;
    await server.kill();
    await assert.rejects(server.healthz());
    await server.start();
    assert.equal(server.port, port);
    assert.deepEqual(await server.healthz(), { status: 200, body: 'ok' });
    assert.equal(server.stderrText.match(/event=listening/g).length, 2);
  } finally {
    await server.stop();
  }
  assert.equal(server.running, false);
});

test('server: a binary that never listens fails with its stderr', async () => {
  const s = new NovaServer({ binary: process.execPath, prefixArgs: ['-e', 'console.error("boom"); setTimeout(()=>{}, 60000)', '--'], timeoutMs: 1500 });
  await assert.rejects(s.start(), /did not log "event=listening port=N".*\n.*boom/s);
  assert.equal(s.running, false);
});

test('page: events, commands, stats, waitForEvent failures, screenshot analysis', async () => {
  const server = fake();
  await server.start();
  const a = await openClient(browser, server, { label: 'fake', interests: ['music', 'cats'] });
  try {
    assert.match(a.url, /autostart=1&interests=music,cats&signal=ws:\/\/127\.0\.0\.1:\d+\/ws/);
    await waitForEvent(a.page, 'ready', undefined, ms(10000));
    const { matched } = await waitForCall(a);
    assert.deepEqual(matched.common, ['music', 'cats']);

    // Screenshots: the received video is drawn at a known place; it is not blank and it moves.
    const rect = await a.page.evaluate(() => window.__fakeRemoteRect);
    const shot1 = await a.page.screenshot();
    if (process.env.HARNESS_SHOT) (await import('node:fs')).writeFileSync(process.env.HARNESS_SHOT, shot1);
    await new Promise((r) => setTimeout(r, 700));
    const shot2 = await a.page.screenshot();
    const res = await analyzePng(browser, [shot1, shot2], { regions: [rect], grid: [16, 9] });
    assert.equal(res.width, 1280);
    assertNotBlank(res.regions[0], 'received video');
    const box = movingBox(res.cells);
    assert.ok(box, 'something moved between two screenshots');
    // The moving area lies within the video rectangle (one grid cell of slack).
    assert.ok(box.x >= rect.x - 80 && box.y >= rect.y - 80 &&
              box.x + box.width <= rect.x + rect.width + 80 && box.y + box.height <= rect.y + rect.height + 80,
              `moving box ${JSON.stringify(box)} outside ${JSON.stringify(rect)}`);
    // A region outside the video (flat background) is recognised as blank.
    const bg = await analyzePng(browser, shot1, { regions: [{ x: 800, y: 100, width: 400, height: 400 }] });
    assert.throws(() => assertNotBlank(bg.regions[0], 'background'), /looks blank/);

    // Commands reach the page and are not collected as events.
    const mark = await a.mark();
    await sendCommand(a.page, 'stop');
    await a.waitForEvent('stopped', undefined, { since: mark, timeoutMs: ms(5000) });
    assert.ok((await a.events()).every((e) => e.source === 'novatalk' && !('target' in e)));

    // A wait that times out names what it waited for and lists what it saw.
    await assert.rejects(a.waitForEvent('partner_left', undefined, { timeoutMs: 300 }),
      (e) => /no "partner_left" event within 300 ms/.test(e.message) && /"event":"matched"/.test(e.message) &&
             /stats event\(s\)/.test(e.message));
    // failOn stops a wait at once.
    const before = await a.mark();
    await sendCommand(a.page, 'bogus');
    await assert.rejects(a.waitForEvent('connected', undefined, { since: before, timeoutMs: ms(5000), failOn: ['error'] }),
      /got "error" while waiting for "connected"/);
  } finally {
    await a.close();
    await server.stop();
  }
});
