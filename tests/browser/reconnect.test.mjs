// The signaling server goes away and comes back on the same port: pages reconnect by themselves
// (backoff, core/reconnect) and are in the queue again without anyone touching them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, waitForCall, withDiagnostics, ms } from './lib/index.mjs';

const suite = useSuite();
const sleep = (n) => new Promise((r) => setTimeout(r, n));

test('a searching page survives a server restart and is paired afterwards', { skip: skipReason }, async (t) => {
  const a = await suite.open('A');
  await withDiagnostics([a], async () => {
    await a.waitForEvent('searching', undefined, { timeoutMs: ms(30000), failOn: ['error'] });
    const ma = await a.mark();
    await suite.server.kill();  // a crash: no goodbye to anyone
    // The page notices the lost socket (the client emits `reconnecting` with the attempt).
    const lost = await a.waitForEvent('reconnecting', undefined, { since: ma, timeoutMs: ms(10000) });
    t.diagnostic(`A on losing the server: ${JSON.stringify((await a.events()).slice(ma).map((e) => e.event))}`);
    assert.equal(lost.attempt, 1, `first reconnecting event: ${JSON.stringify(lost)}`);
    // Leave it failing a couple of times, then the server is back on the same port.
    await sleep(ms(2000));
    await suite.server.start();
    assert.equal((await suite.server.healthz()).body, 'ok');
    const back = await a.mark();
    // Nothing tells the test when the page reconnected, so a newcomer proves A is queued again.
    const b = await suite.open('B');
    await withDiagnostics([a, b], async () => {
      await Promise.all([waitForCall(a, { since: back, timeoutMs: ms(60000) }), waitForCall(b, { timeoutMs: ms(60000) })]);
    });
    const seen = (await a.events()).slice(ma).map((e) => e.event).filter((e) => e !== 'stats');
    t.diagnostic(`A from the kill to the new call: ${seen.join(', ')}`);
    const errs = (await a.events()).slice(ma).filter((e) => e.event === 'error');
    assert.deepEqual(errs, [], 'no error events for a server restart while searching');
  }, suite.server);
  await suite.closeAll();
});

// The restarted server has a new resume key (none given): the pages' resume tokens are refused, so
// the call ends (partner_left disconnect) once they are back, and both are paired again. With a
// server that offers no resume at all the call ends at the drop already; either way it ends.
test('a call cut by a server restart without its resume key: both pages search again and are paired again', { skip: skipReason }, async (t) => {
  const a = await suite.open('C');
  const b = await suite.open('D');
  await withDiagnostics([a, b], async () => {
    await Promise.all([waitForCall(a), waitForCall(b)]);
    const [ma, mb] = [await a.mark(), await b.mark()];
    await suite.server.kill();
    for (const [p, m] of [[a, ma], [b, mb]]) {
      await p.waitForEvent('reconnecting', undefined, { since: m, timeoutMs: ms(10000) });
    }
    await sleep(ms(1000));
    await suite.server.start();
    const searchedFrom = [];
    for (const [p, m] of [[a, ma], [b, mb]]) {
      const left = await p.waitForEvent('partner_left', undefined, { since: m, timeoutMs: ms(30000) });
      assert.equal(left.reason, 'disconnect', `${p.label}: ${JSON.stringify(left)}`);
      const searching = await p.waitForEvent('searching', undefined, { since: left._index + 1, timeoutMs: ms(10000) });
      searchedFrom.push(searching._index + 1);  // the new match may come before we look
    }
    await Promise.all([waitForCall(a, { since: searchedFrom[0], timeoutMs: ms(60000) }), waitForCall(b, { since: searchedFrom[1], timeoutMs: ms(60000) })]);
    t.diagnostic(`C: ${(await a.events()).slice(ma).map((e) => e.event).filter((e) => e !== 'stats').join(', ')}`);
  }, suite.server);
  await suite.closeAll();
});

// Counts the page's WebSocket constructions (each one is a connection attempt) and openings.
function countSockets() {
  window.__ntSockets = 0;
  window.__ntOpened = 0;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      window.__ntSockets++;
      super(...args);
      this.addEventListener('open', () => { window.__ntOpened++; });
    }
  };
}
const sockets = (c) => c.page.evaluate(() => window.__ntSockets);
const opened = (c) => c.page.evaluate(() => window.__ntOpened);

test('no reconnect attempts while the browser is offline; one at once when it is back online', { skip: skipReason }, async (t) => {
  const a = await suite.open('E', { initScript: countSockets });
  await withDiagnostics([a], async () => {
    await a.waitForEvent('searching', undefined, { timeoutMs: ms(30000), failOn: ['error'] });
    // `searching` comes before the socket is open; a connection still being made when the
    // browser goes offline can hang in Chromium's offline emulation instead of failing.
    const openBy = Date.now() + ms(10000);
    while ((await opened(a)) < 1) {
      assert.ok(Date.now() < openBy, 'the page\'s WebSocket did not open within 10 s');
      await sleep(50);
    }
    assert.equal(await sockets(a), 1);
    const m = await a.mark();
    await a.context.setOffline(true);
    assert.equal(await a.page.evaluate(() => navigator.onLine), false, 'navigator.onLine after setOffline(true)');
    // The server goes away too, so the page's socket surely closes while it is offline.
    await suite.server.kill();
    // (Chromium may close the socket itself when it goes offline, before or after the page's
    // `offline` event: the event's fields depend on that order, the attempts below do not.)
    const lost = await a.waitForEvent('reconnecting', undefined, { since: m, timeoutMs: ms(10000) });
    t.diagnostic(`reconnecting: ${JSON.stringify(lost)}`);
    const before = await sockets(a);
    // Online the backoff (500 ms, 1 s, 2 s, … windows) would have tried several times by now;
    // the server is back meanwhile, so only the offline state can hold the page back.
    await sleep(ms(3000));
    await suite.server.start();
    await sleep(ms(3000));
    const during = await sockets(a);
    t.diagnostic(`WebSocket attempts: ${before} when the socket closed, ${during} after 6 s offline`);
    assert.equal(during, before, 'a WebSocket was opened while the browser was offline');
    const back = await a.mark();
    await a.context.setOffline(false);
    const deadline = Date.now() + ms(10000);
    while ((await sockets(a)) === during) {
      assert.ok(Date.now() < deadline, 'no WebSocket attempt within 10 s of going back online');
      await sleep(100);
    }
    t.diagnostic(`back online: ${(await sockets(a)) - during} attempt(s)`);
    // Queued again: a newcomer is paired with it.
    const b = await suite.open('F');
    await withDiagnostics([a, b], async () => {
      await Promise.all([waitForCall(a, { since: back, timeoutMs: ms(60000) }), waitForCall(b, { timeoutMs: ms(60000) })]);
    });
  }, suite.server);
  await suite.closeAll();
});
