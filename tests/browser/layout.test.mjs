// `layout`: the screens at a phone's 390x844 (devicePixelRatio 3, touch) and a laptop's 1280x800
// (ratio 1 and 2): screenshots of the landing and of a call, saved under out/screenshots/, not
// blank, the stranger's video where the layout puts it (phone: on top; laptop: the large area on
// the left) and its <video> element exactly under the UI's box (our own too, mirrored), hidden
// once the call ends, the canvas in device pixels, and taps working on the phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  useSuite, useBlueCameraBrowser, skipReason, withDiagnostics, analyzePng, openClient,
  blueCameraComponents, box, assertNotBlank, fmtStats, outDir, ms,
} from './lib/index.mjs';

const suite = useSuite();
const sleep = (n) => new Promise((r) => setTimeout(r, n));

const PHONE = { viewport: { width: 390, height: 844 }, context: { deviceScaleFactor: 3, isMobile: true, hasTouch: true } };
const LAPTOP = { viewport: { width: 1280, height: 800 } };
// The landing is dark by design (text and controls on a near-black page, the camera preview):
// "not blank" there means many colours and contrast, not mostly bright pixels.
const LANDING_NOT_BLANK = { minNonDark: 0.1, minColors: 64, minStd: 10 };
const LAPTOP_2X = { viewport: { width: 1280, height: 800 }, context: { deviceScaleFactor: 2 } };

// The stranger (page B) films with the blue camera of y4m.mjs, so on A's screen the stranger is
// the blue area and A's own (green) preview never counts.
const blue = useBlueCameraBrowser('layout');

function save(t, file, png) {
  const dir = path.join(outDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), png);
  t.diagnostic(`screenshot ${path.join(dir, file)}`);
}

/** The parts of the screen the UI says it drew this frame (CSS px), once `names` are all there. */
async function regions(client, names, timeoutMs = ms(20000)) {
  const handle = await client.page.waitForFunction((want) => {
    const r = window.Module && Module.ntUi && Module.ntUi.regions;
    return r && want.every((n) => r[n]) ? r : null;
  }, names, { timeout: timeoutMs, polling: 100 });
  return handle.jsonValue();
}

/** A <video> of the page (wasm/video_view: #nt-self, #nt-stranger): where it is (CSS px), shown
 * or hidden, how it is cropped and mirrored. */
async function videoElement(client, id) {
  return client.page.evaluate((id) => {
    const v = document.getElementById(id);
    const r = v.getBoundingClientRect();
    const cs = getComputedStyle(v);
    return { x: r.x, y: r.y, width: r.width, height: r.height, shown: cs.visibility === 'visible', fit: cs.objectFit,
      mirrored: cs.transform === 'matrix(-1, 0, 0, 1, 0, 0)', under: document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.id };
  }, id);
}

/** The video `id` shows where the UI's region `name` is, within a pixel, under the canvas (which
 * takes the clicks), cropped to fill it, mirrored when it is our own, and new frames keep coming
 * (requestVideoFrameCallback: frames the compositor presented). */
async function assertVideoAt(client, id, region, mirrored) {
  const v = await videoElement(client, id);
  const what = `${client.label}: #${id} ${JSON.stringify(v)} vs the UI's box ${JSON.stringify(region)}`;
  assert.ok(v.shown, `${what}: hidden`);
  for (const k of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(v[k] - region[k]) <= 1, `${what}: ${k} differs`);
  assert.equal(v.fit, 'cover', `${what}: not cropped to fill`);
  assert.equal(v.mirrored, mirrored, `${what}: mirrored must be ${mirrored}`);
  assert.equal(v.under, 'canvas', `${what}: the canvas is not on top of it (clicks)`);
  const frames = await client.page.evaluate((id) => new Promise((resolve) => {
    const el = document.getElementById(id);
    let n = 0;
    const onFrame = () => (++n >= 3 ? resolve(n) : el.requestVideoFrameCallback(onFrame));
    el.requestVideoFrameCallback(onFrame);
    setTimeout(() => resolve(n), 10000);
  }), id);
  assert.equal(frames, 3, `${what}: ${frames} frames presented in 10 s`);
}

/** The stranger's video is hidden (privacy: shown only in a call, once it has a picture). */
async function assertStrangerHidden(client) {
  const shown = await client.page.waitForFunction(() => getComputedStyle(document.getElementById('nt-stranger')).visibility === 'hidden',
    null, { timeout: ms(10000) }).then(() => false, () => true);
  assert.equal(shown, false, `${client.label}: the stranger's video is still shown`);
}

/** The canvas's backing store follows the CSS size times devicePixelRatio (crisp on HiDPI). */
async function assertCanvasInDevicePixels(client, { width, height }, ratio) {
  const size = await client.page.waitForFunction(([w, h]) => {
    const c = document.getElementById('canvas');
    return c.width === w && c.height === h ? { w: c.width, h: c.height } : null;
  }, [Math.round(width * ratio), Math.round(height * ratio)], { timeout: ms(15000) }).then((h) => h.jsonValue())
    .catch(async () => client.page.evaluate(() => ({ w: canvas.width, h: canvas.height, dpr: devicePixelRatio })));
  assert.deepEqual([size.w, size.h], [Math.round(width * ratio), Math.round(height * ratio)],
    `${client.label}: canvas is ${JSON.stringify(size)}, not ${width}x${height} times ${ratio}`);
}

/** Finds the largest blue area (the stranger) on a screenshot; checks it is large and not blank. */
async function strangerArea(t, client, png, minShare) {
  const res = await analyzePng(suite.browser, png, { grid: [39, 40] });
  assertNotBlank(res.whole, `${client.label}: the whole page`);
  const blue = blueCameraComponents(res.cells);
  t.diagnostic(`${client.label}: blue areas ${JSON.stringify(blue.map(box))} of ${res.width}x${res.height}`);
  assert.ok(blue.length > 0, `${client.label}: the stranger's video is not on screen [${fmtStats(res.whole)}]`);
  const v = blue[0];
  const share = (v.width * v.height) / (res.width * res.height);
  assert.ok(share >= minShare, `${client.label}: the stranger's video covers ${(100 * share).toFixed(0)}% of the screen (< ${100 * minShare}%)`);
  const s = (await analyzePng(suite.browser, png, { regions: [v] })).regions[0];
  assertNotBlank(s, `${client.label}: the stranger's video`);
  return { ...v, imageWidth: res.width, imageHeight: res.height };
}

/** A (the page under test) and B (blue camera, laptop) in a call with each other. */
async function call(aOpts) {
  const a = await suite.open('A', { interests: ['music'], ...aOpts });
  const b = await openClient(blue.browser, suite.server, { label: 'B', interests: ['music'], ...LAPTOP });
  suite.clients.push(b);
  await Promise.all([a, b].map((c) => c.waitForEvent('connected', undefined, { timeoutMs: ms(45000) })));
  // Frames flowing on A's side (the stranger's video is drawn only once one arrived).
  const first = await a.waitForEvent('stats', (e) => Number(e.framesDecoded) > 0, { timeoutMs: ms(45000) });
  await a.waitForEvent('stats', (e) => Number(e.framesDecoded) > Number(first.framesDecoded), { since: first._index + 1, timeoutMs: ms(45000) });
  // A short conversation, so the screenshots show the chat as people see it.
  for (const c of [a, b]) await c.waitForEvent('chat_ready', undefined, { timeoutMs: ms(20000) });
  for (const [from, to, text] of [[b, a, 'Hi! Where are you from?'], [a, b, 'Hello! Lisbon. And you?'],
    [b, a, 'Berlin. You like music too, what do you play?']]) {
    const mark = await to.mark();
    await from.send('send_chat', { text });
    await to.waitForEvent('chat', (e) => e.from === 'stranger' && e.text === text, { since: mark, timeoutMs: ms(10000) });
  }
  await b.send('typing');  // "Stranger is typing…" on A's screen
  await sleep(ms(800));
  return { a, b };
}

test('phone 390x844 at 3x: landing, portrait call with the stranger on top, taps work', { skip: skipReason }, async (t) => {
  const landing = await suite.open('landing', { autostart: false, interests: ['music', 'chess'], ...PHONE });
  await withDiagnostics([landing], async () => {
    await landing.waitForEvent('ready');
    await regions(landing, ['start', 'preview']);
    await assertCanvasInDevicePixels(landing, PHONE.viewport, 3);
    await sleep(ms(1500));  // the font and the camera preview
    const shot = await landing.page.screenshot();
    save(t, 'landing-mobile.png', shot);
    assertNotBlank((await analyzePng(suite.browser, shot)).whole, 'phone landing', LANDING_NOT_BLANK);
    await assertVideoAt(landing, 'nt-self', (await regions(landing, ['preview'])).preview, true);
  }, suite.server);
  await suite.closeAll();

  const { a, b } = await call(PHONE);
  await withDiagnostics([a, b], async () => {
    const r = await regions(a, ['hero', 'chat', 'next', 'controls', 'pip']);
    const shot = await a.page.screenshot();
    save(t, 'mobile-call.png', shot);
    await assertVideoAt(a, 'nt-stranger', r.hero, false);
    await assertVideoAt(a, 'nt-self', r.pip, true);
    const v = await strangerArea(t, a, shot, 0.15);
    const scale = v.imageWidth / PHONE.viewport.width;
    // Portrait: the stranger on top (upper half), nearly as wide as the screen, chat below it.
    assert.ok(v.y + v.height / 2 < v.imageHeight / 2, `A: the stranger's video is not in the upper half: ${JSON.stringify(box(v))}`);
    assert.ok(v.width >= 0.8 * v.imageWidth, `A: the stranger's video is narrow on a phone: ${JSON.stringify(box(v))}`);
    assert.ok(r.chat.y > r.hero.y + r.hero.height, `A: chat ${JSON.stringify(r.chat)} is not below the video ${JSON.stringify(r.hero)}`);
    assert.ok(Math.abs(v.y / scale - r.hero.y) < 40, `A: blue area at y=${v.y / scale} CSS px, hero at ${r.hero.y}`);

    // Tap the chat box: the hidden input gets the focus inside the tap (the on-screen keyboard).
    const ci = r.chat_input ?? (await regions(a, ['chat_input'])).chat_input;
    await a.page.touchscreen.tap(ci.x + ci.width / 2, ci.y + ci.height / 2);
    await a.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'nt-input', null, { timeout: ms(10000) });
    // What the phone's keyboard types goes to the stranger.
    const mb = await b.mark();
    await a.page.keyboard.type('Guitar, since school');
    await a.page.keyboard.press('Enter');
    await b.waitForEvent('chat', (e) => e.from === 'stranger' && e.text === 'Guitar, since school', { since: mb, timeoutMs: ms(10000) });
    // Tap Next: the call ends and A searches again.
    const since = await a.mark();
    await a.page.touchscreen.tap(r.next.x + r.next.width / 2, r.next.y + r.next.height / 2);
    await a.waitForEvent('searching', undefined, { since, timeoutMs: ms(15000) });
    await assertStrangerHidden(a);
  }, suite.server);
  await suite.closeAll();
});

for (const [label, opts, ratio, file] of [['1x', LAPTOP, 1, 'desktop-call.png'], ['2x', LAPTOP_2X, 2, 'desktop-call-2x.png']]) {
  test(`laptop 1280x800 at ${label}: landing, the stranger as the hero on the left, chat beside`, { skip: skipReason }, async (t) => {
    const landing = await suite.open('landing', { autostart: false, interests: ['music', 'chess'], ...opts });
    await withDiagnostics([landing], async () => {
      await landing.waitForEvent('ready');
      await regions(landing, ['start', 'preview']);
      await assertCanvasInDevicePixels(landing, opts.viewport, ratio);
      await sleep(ms(1500));
      const shot = await landing.page.screenshot();
      save(t, `landing-desktop${ratio === 1 ? '' : '-2x'}.png`, shot);
      assertNotBlank((await analyzePng(suite.browser, shot)).whole, 'laptop landing', LANDING_NOT_BLANK);
      await assertVideoAt(landing, 'nt-self', (await regions(landing, ['preview'])).preview, true);
    }, suite.server);
    await suite.closeAll();

    const { a, b } = await call(opts);
    await withDiagnostics([a, b], async () => {
      const r = await regions(a, ['hero', 'chat', 'next', 'report', 'pip']);
      const shot = await a.page.screenshot();
      save(t, file, shot);
      const v = await strangerArea(t, a, shot, 0.3);
      const scale = v.imageWidth / opts.viewport.width;
      assert.ok(v.x + v.width / 2 < v.imageWidth / 2, `A: the stranger's video is not on the left: ${JSON.stringify(box(v))}`);
      assert.ok(r.chat.x >= r.hero.x + r.hero.width, `A: chat ${JSON.stringify(r.chat)} is not beside the video ${JSON.stringify(r.hero)}`);
      assert.ok(Math.abs(v.x / scale - r.hero.x) < 40, `A: blue area at x=${v.x / scale} CSS px, hero at ${r.hero.x}`);
      await assertVideoAt(a, 'nt-stranger', r.hero, false);
      await assertVideoAt(a, 'nt-self', r.pip, true);
      if (ratio !== 1) return;
      // Our own video opens the camera and microphone pickers; Esc closes them (and skips nothing).
      const mark = await a.mark();
      await a.page.mouse.click(r.pip.x + r.pip.width / 2, r.pip.y + r.pip.height / 2);
      await regions(a, ['camera_picker', 'mic_picker']);
      await sleep(ms(300));
      save(t, 'desktop-devices.png', await a.page.screenshot());
      await a.page.keyboard.press('Escape');
      await a.page.waitForFunction(() => !Module.ntUi.regions.camera_picker, null, { timeout: ms(5000) });
      assert.deepEqual((await a.events()).slice(mark).filter((e) => e.event === 'searching'), [], 'Esc on the menu skipped');
      // The Report menu, with the mouse: the flag opens it, a reason reports and moves on.
      const since = await a.mark();
      await a.page.mouse.click(r.report.x + r.report.width / 2, r.report.y + r.report.height / 2);
      // A popup sizes itself on its first frames: take its place once it stopped moving.
      let menu = await regions(a, ['spam']);
      for (let prev = null; JSON.stringify(prev) !== JSON.stringify(menu.spam);) {
        prev = menu.spam;
        await sleep(ms(250));
        menu = await regions(a, ['spam']);
      }
      save(t, 'desktop-report.png', await a.page.screenshot());
      await a.page.mouse.click(menu.spam.x + menu.spam.width / 2, menu.spam.y + menu.spam.height / 2);
      await a.waitForEvent('reported', (e) => e.reason === 'spam', { since, timeoutMs: ms(10000) });
      await a.waitForEvent('searching', undefined, { since, timeoutMs: ms(10000) });
      await assertStrangerHidden(a);
    }, suite.server);
    await suite.closeAll();
  });
}
