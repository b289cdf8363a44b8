// `call`: two strangers are paired, connect peer-to-peer and see each other's (fake) camera.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  useSuite, skipReason, waitForCall, assertOneInitiator, withDiagnostics, analyzePng,
  movingComponents, assertNotBlank, fmtStats, outDir, ms,
} from './lib/index.mjs';

const suite = useSuite();
const sleep = (n) => new Promise((r) => setTimeout(r, n));

test('two pages are paired, connect, decode video, and the stranger is on screen', { skip: skipReason }, async (t) => {
  const a = await suite.open('A', { interests: ['music'] });
  const b = await suite.open('B', { interests: ['music', 'art'] });
  await withDiagnostics([a, b], async () => {
    for (const c of [a, b]) await c.waitForEvent('ready', undefined, { timeoutMs: ms(30000) });
    const [ca, cb] = await Promise.all([waitForCall(a), waitForCall(b)]);
    const roles = assertOneInitiator(ca.matched, cb.matched);
    t.diagnostic(`roles: ${roles ? `${ca.matched.role}/${cb.matched.role}` : '(not in the matched event)'}`);
    if (ca.matched.common !== undefined) assert.deepEqual(ca.matched.common, ['music']);
    if (cb.matched.common !== undefined) assert.deepEqual(cb.matched.common, ['music']);
    for (const [c, s] of [[a, ca.stats], [b, cb.stats]]) {
      t.diagnostic(`${c.label} stats: ${s.map((e) => `frames=${e.framesDecoded} fps=${e.framesPerSecond} rtt=${e.rttMs} ${e.candidateType}`).join(' -> ')}`);
    }

    // What a person sees: a screenshot in the call, checked where the stranger's video is drawn.
    await sleep(ms(1000));
    const shot1 = await a.page.screenshot();
    await sleep(ms(700));
    const shot2 = await a.page.screenshot();
    const dir = path.join(outDir, 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'call.png'), shot1);
    t.diagnostic(`screenshot: ${path.join(dir, 'call.png')}`);

    const grid = [32, 18];
    const res = await analyzePng(suite.browser, [shot1, shot2], { grid });
    assertNotBlank(res.whole, 'the whole page');
    const moving = movingComponents(res.cells, 2);
    t.diagnostic(`moving areas: ${JSON.stringify(moving)}`);
    assert.ok(moving.length > 0, `nothing on screen moved in 700 ms: the stranger's video is not drawn (or frozen) [${fmtStats(res.whole)}]`);
    // The stranger's video is the largest moving area (a self view, if any, is smaller).
    const video = moving[0];
    const inVideo = await analyzePng(suite.browser, shot1, { regions: [video] });
    const s = inVideo.regions[0];
    t.diagnostic(`stranger's video area ${JSON.stringify(video)}: ${fmtStats(s)}`);
    assertNotBlank(s, "the stranger's video area");
    // Chromium's fake camera paints green: its frames, decoded, are what is on screen.
    assert.ok(s.greenFraction > 0.3, `the moving area is not the fake camera's green picture: ${fmtStats(s)}`);
    assert.ok(video.width * video.height >= 0.02 * res.width * res.height,
      `the stranger's video area is tiny: ${JSON.stringify(video)} of ${res.width}x${res.height}`);
  }, suite.server);
});
