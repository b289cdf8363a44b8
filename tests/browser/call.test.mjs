// `call`: two strangers are paired, connect peer-to-peer and see each other's (fake) camera.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  useSuite, useBlueCameraBrowser, skipReason, waitForCall, assertOneInitiator, withDiagnostics,
  analyzePng, openClient, fakeCameraComponents, blueCameraComponents, box, assertNotBlank,
  fmtStats, outDir, ms,
} from './lib/index.mjs';

const suite = useSuite();
const sleep = (n) => new Promise((r) => setTimeout(r, n));

// B films with a blue camera of our own, A with Chromium's green one: on A's screen the stranger
// is the blue area, on B's the green one, whatever the page's layout and whether it shows a self
// view. Each page's own camera never counts as its stranger's video.
const blue = useBlueCameraBrowser('call');

/**
 * Takes two screenshots 700 ms apart and finds the stranger's video on them: the largest area
 * of the stranger's camera colour. Checks it is big enough, not blank, and live (it changes).
 */
async function checkStrangerOnScreen(t, client, { strangerColour, file }) {
  const shot1 = await client.page.screenshot();
  await sleep(ms(700));
  const shot2 = await client.page.screenshot();
  const dir = path.join(outDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), shot1);
  t.diagnostic(`${client.label}: screenshot ${path.join(dir, file)}`);

  const res = await analyzePng(suite.browser, [shot1, shot2], { grid: [64, 36] });  // 20 px cells at 1280x720
  assertNotBlank(res.whole, `${client.label}: the whole page`);
  const green = fakeCameraComponents(res.cells), blue = blueCameraComponents(res.cells);
  t.diagnostic(`${client.label}: green areas ${JSON.stringify(green.map(box))}, blue areas ${JSON.stringify(blue.map(box))}`);
  const areas = strangerColour === 'blue' ? blue : green;
  assert.ok(areas.length > 0, `${client.label}: no ${strangerColour} area on screen: the stranger's video is not drawn [whole page: ${fmtStats(res.whole)}]`);
  const video = areas[0];
  assert.ok(video.width * video.height >= 0.03 * res.width * res.height,
    `${client.label}: the stranger's video is tiny: ${JSON.stringify(box(video))} of ${res.width}x${res.height}`);
  const s = (await analyzePng(suite.browser, shot1, { regions: [video] })).regions[0];
  t.diagnostic(`${client.label}: stranger's video ${JSON.stringify(box(video))}: ${fmtStats(s)}`);
  assertNotBlank(s, `${client.label}: the stranger's video area`);
  const movingCells = video.members.filter((c) => (c.diff ?? 0) > 2).length;
  t.diagnostic(`${client.label}: cells of it that changed in 700 ms: ${movingCells}/${video.cells}`);
  assert.ok(movingCells >= 2, `${client.label}: the stranger's video did not change in 700 ms (frozen?): ${movingCells} of ${video.cells} cells changed`);
}

test('two pages are paired, connect, decode video, and the stranger is on screen', { skip: skipReason }, async (t) => {
  const a = await suite.open('A', { interests: ['music'] });
  const b = await openClient(blue.browser, suite.server, { label: 'B', interests: ['music', 'art'] });
  suite.clients.push(b);
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
    // What a person sees, on both sides.
    await sleep(ms(1000));
    await checkStrangerOnScreen(t, a, { strangerColour: 'blue', file: 'call.png' });
    await checkStrangerOnScreen(t, b, { strangerColour: 'green', file: 'call-b.png' });
  }, suite.server);
  await suite.closeAll();
});
