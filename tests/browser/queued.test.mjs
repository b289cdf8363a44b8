// `queued`: the queued offer (docs/protocol.md, "Queued offer"). A page waiting in the queue
// prepares its offer and the server hands it to the stranger with `matched`; pages of the older
// protocol (the plain-JavaScript client of tools/bench/plain/, which never sends queued_offer)
// call NovaTalk pages in either role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  useSuite, skipReason, waitForCall, withDiagnostics, NovaServer, openClient, repoRoot, wwwDir,
  ms, WsClient,
} from './lib/index.mjs';

const suite = useSuite();
const sleep = (n) => new Promise((r) => setTimeout(r, n));

// The server's log, waited for: lines are `event=NAME key=value ...`.
async function waitForLog(server, pattern, timeoutMs = ms(30000)) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = server.stderrText.split('\n').find((l) => pattern.test(l));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no log line ${pattern} within ${timeoutMs} ms:\n${server.stderrText.slice(-4000)}`);
    await sleep(100);
  }
}
const countLines = (server, pattern) => server.stderrText.split('\n').filter((l) => pattern.test(l)).length;

// The plain page is served beside NovaTalk's by one server (the site's CSP allows only its own
// origin for WebSockets): a copy of the built site with tools/bench/plain/ as /plain/.
let mixed = null;
let mixedDir = null;
async function mixedServer() {
  if (!mixed) {
    mixedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'novatalk-mixed-'));
    fs.cpSync(wwwDir, mixedDir, { recursive: true });
    fs.cpSync(path.join(repoRoot, 'tools/bench/plain'), path.join(mixedDir, 'plain'), { recursive: true });
    mixed = new NovaServer({ www: mixedDir, args: ['--ice-servers', '[]'] });
    await mixed.start();
  }
  return mixed;
}
async function openOn(server, label, opts = {}) {
  const c = await openClient(suite.browser, server, { label, ...opts });
  suite.clients.push(c);
  return c;
}
test.after(async () => {
  await mixed?.stop();
  if (mixedDir) fs.rmSync(mixedDir, { recursive: true, force: true });
});

test('a waiting page hands its offer over with matched, and the call connects', { skip: skipReason }, async () => {
  const a = await suite.open('A');
  await withDiagnostics([a], async () => {
    // A waits alone: its prepared offer reaches the server and is kept.
    await waitForLog(suite.server, /event=queued_offer .*kept=yes/);
    const b = await suite.open('B');
    await withDiagnostics([a, b], async () => {
      const [ca, cb] = await Promise.all([waitForCall(a), waitForCall(b)]);
      assert.equal(ca.matched.role, 'initiator');
      assert.equal(cb.matched.role, 'responder');
      const line = await waitForLog(suite.server, /event=matched /);
      assert.match(line, /offer=queued/, `the match did not use the queued offer: ${line}`);
    }, suite.server);
  }, suite.server);
  await suite.closeAll();
});

test('an older client as responder gets a plain offer, then candidates', { skip: skipReason }, async () => {
  const before = countLines(suite.server, /event=queued_offer .*kept=yes/);
  const a = await suite.open('A');
  await withDiagnostics([a], async () => {
    const deadline = Date.now() + ms(30000);
    while (countLines(suite.server, /event=queued_offer .*kept=yes/) <= before) {
      assert.ok(Date.now() < deadline, 'A never queued its offer');
      await sleep(100);
    }
    const old = await WsClient.connect(suite.server.wsUrl, { Origin: suite.server.origin });
    try {
      await old.waitFor('welcome');
      old.send({ type: 'join', mode: 'video' });
      const matched = await old.waitFor('matched');
      assert.equal(matched.role, 'responder');
      assert.equal(matched.offer_sent, undefined);
      const at = old.messages.indexOf(matched);
      // The very next frame is the offer, as a relayed one; candidates follow it.
      const offer = old.messages[at + 1] ?? await old.waitFor('webrtc_offer', { since: at + 1 });
      assert.equal(offer.type, 'webrtc_offer');
      assert.match(offer.sdp, /^v=0/);
      assert.match(offer.sdp, /m=video/);
      assert.deepEqual(Object.keys(offer).sort(), ['sdp', 'type']);
      await old.waitFor('webrtc_ice_candidate', { since: at + 2 });
      const m = await a.waitForEvent('matched');
      assert.equal(m.role, 'initiator');
    } finally {
      old.close();
    }
  }, suite.server);
  await suite.closeAll();
});

test('an older page and a NovaTalk page call each other in both roles', { skip: skipReason }, async () => {
  const server = await mixedServer();
  // The NovaTalk page waits (initiator, queued offer); the plain page answers the offer it gets.
  const a = await openOn(server, 'A');
  await withDiagnostics([a], async () => {
    await waitForLog(server, /event=queued_offer .*kept=yes/);
    const old = await openOn(server, 'old-B', { path: '/plain/index.html' });
    await withDiagnostics([a, old], async () => {
      const ca = await waitForCall(a);
      assert.equal(ca.matched.role, 'initiator');
      await old.waitForEvent('connected', undefined, { timeoutMs: ms(45000) });
      assert.equal(countLines(server, /event=matched .*offer=queued/), 1);
    }, server);
  }, server);
  await suite.closeAll();

  // The plain page waits (initiator, no queued offer); the NovaTalk page drops the connection it
  // prepared and answers on a new one.
  const joins = countLines(server, /event=join /);
  const old = await openOn(server, 'old-A', { path: '/plain/index.html' });
  await withDiagnostics([old], async () => {
    await old.waitForEvent('ready');  // it starts by itself (autostart=1)
    const deadline = Date.now() + ms(30000);
    while (countLines(server, /event=join /) <= joins) {
      assert.ok(Date.now() < deadline, 'the plain page never joined');
      await sleep(100);
    }
    const b = await openOn(server, 'B');
    await withDiagnostics([old, b], async () => {
      const cb = await waitForCall(b);
      assert.equal(cb.matched.role, 'responder');
      await old.waitForEvent('connected', undefined, { timeoutMs: ms(45000) });
      const lines = server.stderrText.split('\n').filter((l) => /event=matched /.test(l));
      assert.equal(lines.length, 2);
      assert.doesNotMatch(lines[1], /offer=queued/);
    }, server);
  }, server);
  await suite.closeAll();
});
