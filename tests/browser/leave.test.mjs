// `leave`: when one of two strangers closes the page, the other hears of it at once
// (partner_left {reason: disconnect}), searches again, and is paired with the next newcomer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, waitForCall, withDiagnostics, ms } from './lib/index.mjs';

const suite = useSuite();

test('closing a page frees its stranger, who is paired with the next newcomer', { skip: skipReason }, async () => {
  const a = await suite.open('A');
  await a.waitForEvent('searching', undefined, { timeoutMs: ms(30000), failOn: ['error'] });
  const b = await suite.open('B');
  await withDiagnostics([a, b], async () => {
    await Promise.all([waitForCall(a), waitForCall(b)]);
  }, suite.server);

  await withDiagnostics([a, b], async () => {
    const ma = await a.mark();
    const closedAt = Date.now();
    await b.close();  // the tab goes away: its WebSocket and peer connection with it

    const left = await a.waitForEvent('partner_left', undefined, { since: ma, timeoutMs: ms(10000) });
    assert.equal(left.reason, 'disconnect', `A's partner_left reason: ${JSON.stringify(left)}`);
    const delay = left._t - closedAt;
    // The server notices a closed socket at once (docs/protocol.md, Pairing 7), not by ping.
    assert.ok(delay < ms(5000), `partner_left came ${delay} ms after B closed (expected promptly, < ${ms(5000)} ms)`);
    await a.waitForEvent('searching', undefined, { since: left._index + 1, timeoutMs: ms(10000) });
  }, suite.server);

  const c = await suite.open('C');
  await withDiagnostics([a, c], async () => {
    const ma = await a.mark();
    const [ra, rc] = await Promise.all([waitForCall(a, { since: ma }), waitForCall(c)]);
    assert.ok(ra.matched && rc.matched);
  }, suite.server);
});
