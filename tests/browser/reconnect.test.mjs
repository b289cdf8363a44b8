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

test('a call cut by a server restart: both pages search again and are paired again', { skip: skipReason }, async (t) => {
  const a = await suite.open('C');
  const b = await suite.open('D');
  await withDiagnostics([a, b], async () => {
    await Promise.all([waitForCall(a), waitForCall(b)]);
    const [ma, mb] = [await a.mark(), await b.mark()];
    await suite.server.kill();
    for (const [p, m] of [[a, ma], [b, mb]]) {
      const left = await p.waitForEvent('partner_left', undefined, { since: m, timeoutMs: ms(10000) });
      assert.equal(left.reason, 'disconnect', `${p.label}: ${JSON.stringify(left)}`);
      await p.waitForEvent('searching', undefined, { since: left._index + 1, timeoutMs: ms(10000) });
      await p.waitForEvent('reconnecting', undefined, { since: m, timeoutMs: ms(10000) });
    }
    await sleep(ms(1000));
    await suite.server.start();
    const [ra, rb] = [await a.mark(), await b.mark()];
    await Promise.all([waitForCall(a, { since: ra, timeoutMs: ms(60000) }), waitForCall(b, { since: rb, timeoutMs: ms(60000) })]);
    t.diagnostic(`C: ${(await a.events()).slice(ma).map((e) => e.event).filter((e) => e !== 'stats').join(', ')}`);
  }, suite.server);
  await suite.closeAll();
});
