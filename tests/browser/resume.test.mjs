// Session resume across a server restart (docs/client.md "Resume", docs/protocol.md "Resume after
// a dropped socket"): two pages in a video call; the server is stopped with SIGTERM and a new one
// starts on the same port with the same --resume-key-file. Both pages resume, the video never
// stops decoding, nobody is told partner_left; afterwards Next from one still reaches the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useSuite, skipReason, waitForCall, waitForFramesGrowing, withDiagnostics, outDir, ms } from './lib/index.mjs';

const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'novatalk-resume-'));
const keyFile = path.join(keyDir, 'resume.key');  // created by the first server (mode 0600)
const suite = useSuite({ serverArgs: ['--ice-servers', '[]', '--resume-key-file', keyFile] });
after(() => fs.rmSync(keyDir, { recursive: true, force: true }));
const sleep = (n) => new Promise((r) => setTimeout(r, n));
const lastFrames = async (c) => {
  const stats = (await c.events()).filter((e) => e.event === 'stats');
  return stats.length ? Number(stats[stats.length - 1].framesDecoded) : 0;
};

test('a server restart with the same resume key: both pages resume, video goes on, Next still reaches the stranger', { skip: skipReason }, async (t) => {
  const a = await suite.open('A');
  const b = await suite.open('B');
  await withDiagnostics([a, b], async () => {
    await Promise.all([waitForCall(a), waitForCall(b)]);
    const [ma, mb] = [await a.mark(), await b.mark()];
    const framesBefore = [await lastFrames(a), await lastFrames(b)];

    // SIGTERM: the server drains (close 1001 "retry:<ms>") and exits; the calls are peer to peer.
    await suite.server.stop({ graceMs: ms(35000) });
    for (const [p, m] of [[a, ma], [b, mb]]) {
      const r = await p.waitForEvent('reconnecting', undefined, { since: m, timeoutMs: ms(10000) });
      t.diagnostic(`${p.label}: ${JSON.stringify(r)}`);
      assert.equal(r.call_kept, true, `${p.label} must keep its call: ${JSON.stringify(r)}`);
    }
    // Meanwhile the video is still decoded, with no server at all.
    for (const [p, m] of [[a, ma], [b, mb]]) await waitForFramesGrowing(p, { since: m, timeoutMs: ms(20000) });
    // What the person sees while the server is away: the call, and a small notice.
    const dir = path.join(outDir, 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'resume-notice.png'), await a.page.screenshot());
    t.diagnostic(`screenshot ${path.join(dir, 'resume-notice.png')}`);

    await suite.server.start();  // same port, same key file
    const resumed = [];
    for (const [p, m] of [[a, ma], [b, mb]]) {
      resumed.push(await p.waitForEvent('resumed', undefined, { since: m, timeoutMs: ms(30000) }));
    }
    // Still decoding after the resume, and more than before the restart.
    for (const [p, r, before] of [[a, resumed[0], framesBefore[0]], [b, resumed[1], framesBefore[1]]]) {
      const [, second] = await waitForFramesGrowing(p, { since: r._index + 1, timeoutMs: ms(20000) });
      t.diagnostic(`${p.label}: framesDecoded ${before} before the restart, ${second.framesDecoded} after the resume`);
      assert.ok(Number(second.framesDecoded) > before, `${p.label}: video did not go on`);
    }
    for (const [p, m] of [[a, ma], [b, mb]]) {
      const bad = (await p.events()).slice(m).filter((e) => ['partner_left', 'matched', 'searching'].includes(e.event));
      assert.deepEqual(bad, [], `${p.label} must not notice the restart beyond reconnecting/resumed`);
    }

    // The two are still each other's stranger: Next from A reaches B as `next`.
    const [na, nb] = [await a.mark(), await b.mark()];
    await a.send('next');
    await a.waitForEvent('searching', undefined, { since: na, timeoutMs: ms(10000) });
    const left = await b.waitForEvent('partner_left', undefined, { since: nb, timeoutMs: ms(10000) });
    assert.equal(left.reason, 'next', `B's partner_left: ${JSON.stringify(left)}`);
    await b.waitForEvent('searching', undefined, { since: left._index + 1, timeoutMs: ms(10000) });
    const errors = [...(await a.events()).slice(ma), ...(await b.events()).slice(mb)].filter((e) => e.event === 'error');
    assert.deepEqual(errors, [], 'no error events through the restart and the Next');
    // Both search again, and (alone together) are paired again.
    await Promise.all([waitForCall(a, { since: na, timeoutMs: ms(60000) }), waitForCall(b, { since: left._index + 1, timeoutMs: ms(60000) })]);
  }, suite.server);
  await suite.closeAll();
});
