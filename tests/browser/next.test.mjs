// `next`: A and B are in a call, C waits. A presses next: A is paired with C (never again with B
// while C waits), B is told its stranger left for `next` and searches again by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, waitForCall, assertOneInitiator, withDiagnostics, ms } from './lib/index.mjs';

const suite = useSuite();

test('next re-pairs with the one waiting; the one left behind searches again', { skip: skipReason }, async () => {
  const a = await suite.open('A');
  await a.waitForEvent('searching', undefined, { timeoutMs: ms(30000), failOn: ['error'] });
  const b = await suite.open('B');
  await withDiagnostics([a, b], async () => {
    const [ca, cb] = await Promise.all([waitForCall(a), waitForCall(b)]);
    assertOneInitiator(ca.matched, cb.matched);
  }, suite.server);

  const c = await suite.open('C');
  const all = [a, b, c];
  await withDiagnostics(all, async () => {
    await c.waitForEvent('searching', undefined, { timeoutMs: ms(30000), failOn: ['error', 'matched'] });
    const [ma, mb, mc] = [await a.mark(), await b.mark(), await c.mark()];
    await a.send('next');

    // A: searching (at once, from the page), then matched with C, then connected.
    const s = await a.waitForEvent('searching', undefined, { since: ma, timeoutMs: ms(10000) });
    const [ra, rc] = await Promise.all([waitForCall(a, { since: s._index + 1 }), waitForCall(c, { since: mc })]);
    assertOneInitiator(ra.matched, rc.matched);

    // B: partner_left {reason: next}, then searching again.
    const left = await b.waitForEvent('partner_left', undefined, { since: mb, timeoutMs: ms(10000) });
    assert.equal(left.reason, 'next', `B's partner_left reason: ${JSON.stringify(left)}`);
    await b.waitForEvent('searching', undefined, { since: left._index + 1, timeoutMs: ms(10000) });

    // Nobody else is there: B stays alone, and A (who left) is not told its old stranger left.
    await new Promise((r) => setTimeout(r, ms(2000)));
    const bAfter = (await b.events()).slice(left._index + 1).filter((e) => e.event === 'matched');
    assert.deepEqual(bAfter, [], 'B must not be matched again: A and C are busy');
    const aAfter = (await a.events()).slice(ma).filter((e) => e.event === 'partner_left' || e.event === 'error');
    assert.deepEqual(aAfter, [], 'A pressed next: no partner_left or error for its own leaving');
  }, suite.server);
  await suite.closeAll();
});
