// `leave`: when one of two strangers closes the page (or presses stop), the other hears of it at once
// (partner_left {reason: disconnect}), searches again, and is paired with the next newcomer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, waitForCall, withDiagnostics, ms } from './lib/index.mjs';

// A long resume grace, so a stranger freed by the call itself (below) cannot be the grace ending.
const GRACE_S = 120;
const suite = useSuite({ serverArgs: ['--ice-servers', '[]', '--resume-grace', String(GRACE_S)] });

test('closing a page frees its stranger, who is paired with the next newcomer', { skip: skipReason }, async (t) => {
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
    t.diagnostic(`partner_left ${delay} ms after B closed`);
    assert.ok(delay < ms(5000), `partner_left came ${delay} ms after B closed (expected promptly, < ${ms(5000)} ms)`);
    await a.waitForEvent('searching', undefined, { since: left._index + 1, timeoutMs: ms(10000) });
  }, suite.server);

  const c = await suite.open('C');
  await withDiagnostics([a, c], async () => {
    const ma = await a.mark();
    const [ra, rc] = await Promise.all([waitForCall(a, { since: ma }), waitForCall(c)]);
    assert.ok(ra.matched && rc.matched);
  }, suite.server);
  await suite.closeAll();
});

// A close frame can be lost (the page is torn down before it goes out, a proxy drops it): the
// server then takes the drop for a blip and keeps the pairing for the resume grace. The page also
// closes its peer connection as it goes, so the stranger's browser learns it from the call (its
// data channel closes) and leaves within seconds (docs/client.md, "Resume").
function noCloseFrame() {
  WebSocket.prototype.close = function () {};  // the close frame never goes out
}

test('a page gone without a close frame still frees its stranger, long before the resume grace', { skip: skipReason }, async (t) => {
  const a = await suite.open('F');
  await a.waitForEvent('searching', undefined, { timeoutMs: ms(30000), failOn: ['error'] });
  const b = await suite.open('G', { initScript: noCloseFrame });
  await withDiagnostics([a, b], async () => {
    await Promise.all([waitForCall(a), waitForCall(b)]);
    const ma = await a.mark();
    const closedAt = Date.now();
    await b.close();
    const left = await a.waitForEvent('partner_left', undefined, { since: ma, timeoutMs: ms(GRACE_S * 1000) / 2 });
    assert.equal(left.reason, 'disconnect', `F's partner_left reason: ${JSON.stringify(left)}`);
    const delay = left._t - closedAt;
    t.diagnostic(`partner_left ${delay} ms after G closed (resume grace ${GRACE_S} s)`);
    // Not a timing test: only "not the grace" (seconds against minutes).
    assert.ok(delay < GRACE_S * 1000 / 2, `partner_left came ${delay} ms after G closed: that is the grace ending`);
    assert.ok(suite.server.stderrText.includes('event=detached'),
      'the server should have taken the drop for a blip (no close frame), else this proves nothing');
    await a.waitForEvent('searching', undefined, { since: left._index + 1, timeoutMs: ms(10000) });
  }, suite.server);
  await suite.closeAll();
});

test('stop ends the call for both (the other hears "leave"); start searches again', { skip: skipReason }, async () => {
  const a = await suite.open('D');
  await a.waitForEvent('searching', undefined, { timeoutMs: ms(30000), failOn: ['error'] });
  const b = await suite.open('E');
  await withDiagnostics([a, b], async () => {
    await Promise.all([waitForCall(a), waitForCall(b)]);
    const [ma, mb] = [await a.mark(), await b.mark()];
    await b.send('stop');
    await b.waitForEvent('stopped', undefined, { since: mb, timeoutMs: ms(10000) });
    const left = await a.waitForEvent('partner_left', undefined, { since: ma, timeoutMs: ms(10000) });
    assert.equal(left.reason, 'leave', `D's partner_left reason: ${JSON.stringify(left)}`);
    await a.waitForEvent('searching', undefined, { since: left._index + 1, timeoutMs: ms(10000) });
    // B stays out of the queue: nothing happens to it until it starts again.
    await new Promise((r) => setTimeout(r, ms(1500)));
    const bAfter = (await b.events()).slice(mb).map((e) => e.event).filter((e) => e !== 'stats');
    assert.deepEqual(bAfter, ['stopped'], 'after stop, E only reports stopped');

    const [ra, rb] = [await a.mark(), await b.mark()];
    await b.send('start');
    await b.waitForEvent('searching', undefined, { since: rb, timeoutMs: ms(15000) });
    // Nobody else is waiting, so the two meet again (docs/protocol.md, Pairing 5).
    await Promise.all([waitForCall(a, { since: ra }), waitForCall(b, { since: rb })]);
  }, suite.server);
  await suite.closeAll();
});
