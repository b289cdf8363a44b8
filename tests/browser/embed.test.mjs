// `embed`: NovaTalk framed by a partner site on another origin through embed.js. Two partner
// pages (web/partner-example.html, on its own origin) start a search through the SDK before the
// app is ready, both hear `matched`, `connected` and `stats` through on(), sendChat arrives as
// `chat` on the other side; messages forged by the partner page itself never reach on(); the
// iframe has the attributes and URL parameters the options ask for; destroy() ends the call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePartnerSuite, skipReason, withDiagnostics, ms } from './lib/index.mjs';

const suite = usePartnerSuite();

// Records what on() delivers, for every event name the test looks at, before anything starts.
function listen(c) {
  return c.page.evaluate(() => {
    window.__viaOn = [];
    for (const name of ['ready', 'searching', 'matched', 'connected', 'chat', 'stats', 'partner_left', 'error', 'permission_denied']) {
      window.novatalk.on(name, (e) => window.__viaOn.push(JSON.parse(JSON.stringify(e))));
    }
  });
}

/** Waits until on() delivered `name` (matching `pred`); returns it. */
async function viaOn(c, name, pred = () => true, timeoutMs = ms(45000)) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await c.page.evaluate(() => window.__viaOn);
    const hit = got.find((e) => e.event === name && pred(e));
    if (hit) return hit;
    if (Date.now() > deadline) {
      throw new Error(`${c.label}: on("${name}") not called within ${timeoutMs} ms; on() saw: ` +
        JSON.stringify(got.filter((e) => e.event !== 'stats').map((e) => e.event)));
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

test('two partner pages meet through embed.js: connected, stats and chat through on()', { skip: skipReason }, async () => {
  // A's app cannot be ready before the test says so: its config.json is held back until then.
  let release;
  const held = new Promise((r) => { release = r; });
  const a = await suite.open('A', `${suite.partner.origin}/`, {
    setup: (context) => context.route(`${suite.app.origin}/config.json`, async (route) => { await held; await route.continue(); }),
  });
  const b = await suite.open('B', `${suite.partner.origin}/`);
  await withDiagnostics([a, b], async () => {
    // The iframe as embed.js made it.
    const frame = await a.page.evaluate(() => {
      const f = document.querySelector('#novatalk iframe');
      return { allow: f.getAttribute('allow'), referrer: f.referrerPolicy, src: f.src, width: f.getBoundingClientRect().width,
               container: f.parentElement.getBoundingClientRect().width, origin: window.novatalk.origin };
    });
    assert.equal(frame.allow, 'camera; microphone; autoplay; fullscreen');
    assert.equal(frame.referrer, 'origin', 'the app can learn its parent without ancestorOrigins');
    assert.equal(frame.origin, suite.app.origin, 'default url: where embed.js came from');
    const src = new URL(frame.src);
    assert.equal(src.origin, suite.app.origin);
    assert.equal(src.searchParams.get('partner'), 'ridgeline');
    assert.equal(src.searchParams.get('interests'), 'hiking,camping');
    assert.equal(src.searchParams.get('minimal'), '1');
    assert.equal(src.searchParams.get('autostart'), null);
    assert.equal(frame.width, frame.container, 'the iframe fills its container');

    // Called before A's app is ready: embed.js holds the call until `ready`.
    await listen(a);
    await listen(b);
    await a.page.evaluate(() => window.novatalk.start());
    assert.equal(await a.page.evaluate(() => window.novatalkLog.length), 0, 'A\'s app was ready too early');
    release();
    await b.page.evaluate(() => window.novatalk.start());
    await viaOn(a, 'ready');
    for (const c of [a, b]) {
      await viaOn(c, 'searching');
      const matched = await viaOn(c, 'matched');
      assert.ok(matched.common.includes('hiking'), `${c.label}: the partner's interests were used: ${JSON.stringify(matched)}`);
      await viaOn(c, 'connected');
      await viaOn(c, 'stats', (e) => Number(e.framesDecoded) > 0);
    }
    // Everything the partner's window received came from the app's exact origin.
    const origins = new Set((await a.events()).map((e) => e._origin));
    assert.deepEqual([...origins], [suite.app.origin]);

    // A message forged by the partner page itself (not from the iframe) never reaches on().
    const secret = `trail at dawn? ${Math.random().toString(36).slice(2)}`;
    await b.page.evaluate(() => window.postMessage({ source: 'novatalk', event: 'chat', from: 'stranger', text: 'forged' }, '*'));
    await a.page.evaluate((t) => window.novatalk.sendChat(t), secret);
    const got = await viaOn(b, 'chat', (e) => e.from === 'stranger');
    assert.equal(got.text, secret, 'B hears exactly what A sent');
    const own = await viaOn(a, 'chat', (e) => e.from === 'me');
    assert.equal(own.text, secret);
    const chats = (await b.page.evaluate(() => window.__viaOn)).filter((e) => e.event === 'chat');
    assert.ok(chats.every((e) => e.text !== 'forged'), `a forged message reached on(): ${JSON.stringify(chats)}`);

    // off() stops a listener; destroy() removes the frame, and the stranger is told.
    const count = await a.page.evaluate(() => {
      let n = 0;
      const fn = () => { n++; };
      window.novatalk.on('stats', fn).off('stats', fn);
      window.__offCount = () => n;
      return n;
    });
    assert.equal(count, 0);
    const before = (await b.events()).length;
    await a.page.evaluate(() => window.novatalk.destroy());
    assert.equal(await a.page.evaluate(() => document.querySelectorAll('iframe').length), 0);
    await b.waitForEvent('partner_left', undefined, { since: before, timeoutMs: ms(20000) });
    assert.equal(await a.page.evaluate(() => window.__offCount()), 0, 'off() listener was called');
  }, suite.app);
  await suite.closeAll();
});
