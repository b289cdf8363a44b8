// `redraw`: what the page spends on frames while nothing changes (docs/client.md "Redraws",
// docs/performance.md "Client"). An idle landing draws its heartbeat frames but hands none of
// them to WebGL (the canvas keeps showing the same picture); while searching, the spinners are
// elements the compositor turns, so the page draws next to no frames. Counts, never timings:
// Module.ntFrameStats() (wasm/frame_stats.cpp) counts drawn and submitted frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, withDiagnostics, ms } from './lib/index.mjs';

const suite = useSuite();
const sleep = (n) => new Promise((r) => setTimeout(r, n));
const stats = (c) => c.page.evaluate(() => Module.ntFrameStats());

/** Waits until no frame reached WebGL for a second (fonts in, first online count drawn). */
async function settled(c) {
  const deadline = Date.now() + ms(20000);
  let last = await stats(c);
  for (;;) {
    await sleep(1000);
    const now = await stats(c);
    if (now.submitted === last.submitted) return now;
    if (Date.now() > deadline) throw new Error(`${c.label}: frames keep reaching WebGL: ${JSON.stringify(now)}`);
    last = now;
  }
}

/** The spinner elements on screen: their boxes and what turns them. */
const visibleSpinners = (c) => c.page.evaluate(() => [...document.querySelectorAll('.nt-spin')]
  .filter((e) => getComputedStyle(e).display !== 'none')
  .map((e) => {
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return { x: r.x, y: r.y, width: r.width, height: r.height, animation: s.animationName, arc: s.borderTopColor };
  }));

test('an idle landing draws its heartbeat but hands WebGL nothing, and still shows the landing', { skip: skipReason }, async () => {
  const a = await suite.open('A', { autostart: false, params: { mode: 'text' } });
  await withDiagnostics([a], async () => {
    await a.waitForEvent('ready');
    await a.page.waitForFunction(() => Module.ntUi && Module.ntUi.regions && Module.ntUi.regions.start,
      null, { timeout: ms(20000), polling: 100 });
    const before = await settled(a);
    const shot = await a.page.screenshot();
    await sleep(2500);
    const after = await stats(a);
    assert.ok(after.drawn - before.drawn >= 2, `no heartbeat frames drawn: ${JSON.stringify({ before, after })}`);
    assert.equal(after.submitted, before.submitted, `frames reached WebGL though nothing changed: ${JSON.stringify({ before, after })}`);
    assert.ok(shot.equals(await a.page.screenshot()), 'the landing on screen changed while no frame was submitted');
    assert.deepEqual(await visibleSpinners(a), [], 'a spinner on the landing');
  }, suite.server);
  await suite.closeAll();
});

test('searching: the spinners are elements the compositor turns; the page draws next to no frames', { skip: skipReason }, async () => {
  const a = await suite.open('A');
  await withDiagnostics([a], async () => {
    await a.waitForEvent('searching', undefined, { timeoutMs: ms(20000) });
    await a.page.waitForFunction(() => Module.ntUi.regions && Module.ntUi.regions.hero, null, { timeout: ms(20000), polling: 100 });
    const before = await settled(a);
    await sleep(3000);
    const after = await stats(a);
    // The spinner used to be drawn in the canvas: about 30 frames a second, 90 here.
    assert.ok(after.drawn - before.drawn <= 15, `${after.drawn - before.drawn} frames drawn in 3 s while searching`);
    const spinners = await visibleSpinners(a);
    assert.ok(spinners.length >= 1, 'no spinner while searching');
    const hero = await a.page.evaluate(() => Module.ntUi.regions.hero);
    const inHero = spinners.filter((s) => s.x >= hero.x && s.y >= hero.y &&
      s.x + s.width <= hero.x + hero.width && s.y + s.height <= hero.y + hero.height);
    assert.equal(inHero.length, 1, `the hero's spinner: ${JSON.stringify({ spinners, hero })}`);
    for (const s of spinners) {
      assert.equal(s.animation, 'nt-spin');
      assert.ok(s.width >= 10 && s.width === s.height, `spinner size ${JSON.stringify(s)}`);
      assert.notEqual(s.arc, 'rgba(0, 0, 0, 0)', 'the spinner has no colour');
    }
    // Found: the spinners go once the call is up.
    const b = await suite.open('B');
    await Promise.all([a, b].map((c) => c.waitForEvent('connected', undefined, { timeoutMs: ms(45000) })));
    await a.page.waitForFunction(() => [...document.querySelectorAll('.nt-spin')].every((e) => getComputedStyle(e).display === 'none'),
      null, { timeout: ms(10000), polling: 100 });
  }, suite.server);
  await suite.closeAll();
});
