// `report`: a report ends the call for both; the two are never paired again, even when they are
// the only two waiting; a third page that arrives is paired with one of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, waitForCall, withDiagnostics, ms } from './lib/index.mjs';

const suite = useSuite();
const sleep = (n) => new Promise((r) => setTimeout(r, n));

test('report ends the call and the two are not paired again', { skip: skipReason }, async (t) => {
  const a = await suite.open('A');
  const b = await suite.open('B');
  await withDiagnostics([a, b], async () => {
    await Promise.all([waitForCall(a), waitForCall(b)]);
    const [ma, mb] = [await a.mark(), await b.mark()];
    await a.send('report', { reason: 'harassment' });
    await a.waitForEvent('reported', (e) => e.reason === 'harassment', { since: ma, timeoutMs: ms(5000) });
    await a.waitForEvent('searching', undefined, { since: ma, timeoutMs: ms(5000) });
    // B is told its stranger left (not that it was reported), and searches again.
    const left = await b.waitForEvent('partner_left', undefined, { since: mb, timeoutMs: ms(10000) });
    assert.equal(left.reason, 'next');
    await b.waitForEvent('searching', undefined, { since: left._index + 1, timeoutMs: ms(10000) });

    // Only A and B wait now, and they must not meet again (longer than the interest wait).
    await sleep(ms(4000));
    for (const [c, m] of [[a, ma], [b, mb]]) {
      const again = (await c.events()).slice(m).filter((e) => e.event === 'matched');
      assert.deepEqual(again, [], `${c.label} was paired again with the stranger it reported / was reported by`);
    }
  }, suite.server);

  const c = await suite.open('C');
  await withDiagnostics([a, b, c], async () => {
    const mc = await waitForCall(c);
    t.diagnostic(`C paired (${mc.matched.role})`);
    // Exactly one of A and B got C; the other still waits alone.
    await sleep(ms(1500));
    const matchedNow = [];
    for (const x of [a, b]) {
      const evs = await x.events();
      const last = evs.filter((e) => e.event === 'matched' || e.event === 'partner_left').pop();
      if (last && last.event === 'matched') matchedNow.push(x.label);
    }
    assert.equal(matchedNow.length, 1, `exactly one of A and B is with C, got ${JSON.stringify(matchedNow)}`);
    // The server kept the report in memory and logged ids only.
    assert.match(suite.server.stderrText, /event=report id=\d+ by=\d+ reason=harassment reports=1/);
  }, suite.server);
  await suite.closeAll();
});
