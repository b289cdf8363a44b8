// `embed_origins`: the framed page's own origin checks, with the app served without any CSP (a CDN
// that forgot frame-ancestors), so only the page stands between it and a stranger's site. A page
// on a non-allowed origin frames the app and posts commands: nothing happens, no event reaches it,
// and the console says once why; the allowed partner doing the same is obeyed (the control).
// An iframe without allow="camera; microphone" yields `permission_denied` naming the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { usePartnerSuite, skipReason, withDiagnostics, ms, EXAMPLE_APP_ORIGIN } from './lib/index.mjs';

const NO_ALLOW = `<!doctype html><html lang="en"><title>Forgot allow</title><body>
<script>
  // A partner who wrote the iframe by hand and forgot allow="camera; microphone".
  const f = document.createElement('iframe');
  f.src = '${EXAMPLE_APP_ORIGIN}/?autostart=1';
  f.style.cssText = 'width:800px;height:600px;border:0';
  document.body.appendChild(f);
</script></body></html>`;

const BLANK = '<!doctype html><html lang="en"><title>A site</title><body><h1>Some site</h1></body></html>';

const suite = usePartnerSuite({ pages: { 'noallow.html': NO_ALLOW, 'blank.html': BLANK } });
const NOTICE = /no events are posted to the embedding page/;

/** Frames `url` in c's page; returns the Playwright frame once the app in it drew its landing. */
async function frameApp(c, url) {
  await c.page.evaluate((u) => {
    const f = document.createElement('iframe');
    f.allow = 'camera; microphone';
    f.src = u;
    f.style.cssText = 'width:900px;height:640px;border:0';
    document.body.appendChild(f);
  }, url);
  const origin = new URL(url).origin;
  const deadline = Date.now() + ms(30000);
  let frame;
  while (!(frame = c.page.frames().find((f) => f.url().startsWith(origin)))) {
    if (Date.now() > deadline) throw new Error(`${c.label}: no frame of ${origin}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // The landing screen with Start offered: the app runs and the age gate is not in the way.
  await frame.waitForFunction(() => /Ready/.test(document.getElementById('nt-status')?.textContent ?? '') &&
    !document.querySelector('[data-nt-action="start"]').hidden, null, { timeout: ms(45000), polling: 100 });
  return frame;
}

/** Posts commands from c's page to its iframe, then waits until the frame has received them all. */
async function postCommands(c, frame, commands) {
  await frame.evaluate(() => {
    window.__received = 0;
    window.addEventListener('message', () => { window.__received++; });
  });
  await c.page.evaluate((cmds) => {
    const w = document.querySelector('iframe').contentWindow;
    for (const m of cmds) w.postMessage(m, '*');
  }, commands);
  await frame.waitForFunction((n) => window.__received >= n, commands.length, { timeout: ms(10000), polling: 50 });
  // Whatever the commands did is drawn by the next frames.
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
}

const status = (frame) => frame.evaluate(() => document.getElementById('nt-status').textContent);
const COMMANDS = [
  { target: 'novatalk', cmd: 'start', mode: 'text' },
  { target: 'novatalk', cmd: 'send_chat', text: 'hello' },
];

test('a page on a non-allowed origin cannot drive the app, and hears nothing from it', { skip: skipReason }, async () => {
  // The site copy allows only the partner's origin; here it is served with plain headers.
  const app = await suite.site(path.join(suite.tmp, 'www'));
  const evilDir = path.join(suite.tmp, 'elsewhere');
  fs.mkdirSync(evilDir);
  fs.writeFileSync(path.join(evilDir, 'index.html'), BLANK);
  const evil = await suite.site(evilDir);
  const url = `${app.origin}/?signal=${suite.app.wsUrl}`;

  const x = await suite.open('X (not allowed)', `${evil.origin}/`);
  const p = await suite.open('P (partner)', `${suite.partner.origin}/blank.html`);
  await withDiagnostics([x, p], async () => {
    const xFrame = await frameApp(x, url);
    await postCommands(x, xFrame, COMMANDS);
    assert.match(await status(xFrame), /Ready/, 'the app obeyed a non-allowed origin');
    assert.equal(await xFrame.evaluate(() => document.querySelector('[data-nt-action="stop"]').hidden), true);

    // The control: the allowed partner, same app, same commands.
    const pFrame = await frameApp(p, url);
    await postCommands(p, pFrame, COMMANDS);
    await p.waitForEvent('searching', undefined, { timeoutMs: ms(20000) });
    assert.match(await status(pFrame), /Searching/);
    assert.ok((await p.events()).some((e) => e.event === 'ready' && e._origin === app.origin));

    // By now the other frame would have posted ready, mode, ... several times over.
    assert.deepEqual(await x.events(), [], 'events reached a non-allowed parent');
    const notices = x.logs.filter((l) => NOTICE.test(l));
    assert.equal(notices.length, 1, `the console says once why: ${JSON.stringify(x.logs)}`);
    assert.ok(notices[0].includes(evil.origin), notices[0]);
    assert.equal(p.logs.filter((l) => NOTICE.test(l)).length, 0);
  }, suite.app);
  await suite.closeAll();
});

test('an iframe without allow="camera; microphone" yields permission_denied naming the fix', { skip: skipReason }, async () => {
  const c = await suite.open('no-allow', `${suite.partner.origin}/noallow.html`);
  await withDiagnostics([c], async () => {
    const denied = await c.waitForEvent('permission_denied', undefined, { timeoutMs: ms(45000) });
    assert.equal(denied.policy, true);
    assert.match(denied.message, /the page embedding NovaTalk must add allow="camera; microphone" to its iframe/);
    assert.equal(denied._origin, suite.app.origin);
    // The old error event is still there for pages that listen to it.
    await c.waitForEvent('error', (e) => e.code === 'media_denied');
  }, suite.app);
  await suite.closeAll();
});
