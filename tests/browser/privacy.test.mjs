// The server relays SDP and ICE candidates but must never write them, or anyone's address, to
// its log (docs/protocol.md: "it stores nothing and logs none of it").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import { useSuite, skipReason, waitForCall, withDiagnostics, ms } from './lib/index.mjs';

const suite = useSuite();

// Every address of this machine: the host candidates that the pages exchanged.
const localAddresses = Object.values(os.networkInterfaces()).flat()
  .map((i) => i.address.replace(/%.*$/, ''))
  .filter((a) => a && a !== '::1');

test('after a full call the server log holds no address, candidate or SDP', { skip: skipReason }, async (t) => {
  const a = await suite.open('A', { interests: ['privacy'] });
  await a.waitForEvent('searching', undefined, { timeoutMs: ms(30000), failOn: ['error'] });
  const b = await suite.open('B', { interests: ['privacy'] });
  await withDiagnostics([a, b], async () => {
    await Promise.all([waitForCall(a), waitForCall(b)]);
    await a.send('next');  // one more handshake-free path through the server: next and partner_left
    await b.waitForEvent('partner_left', undefined, { timeoutMs: ms(10000) });
  }, suite.server);
  await a.close();
  await b.close();
  await new Promise((r) => setTimeout(r, 500));
  await suite.server.stop();  // SIGTERM: whatever it logs on the way out counts too

  const log = suite.server.stderrText + suite.server.stdoutText;
  t.diagnostic(`server log: ${log.split('\n').length} lines, ${log.length} bytes`);
  assert.ok(log.length > 0, 'the server logged nothing at all (not even event=listening?)');
  const forbidden = [
    ['127.0.0.1', /127\.0\.0\.1/],
    ['candidate:', /candidate:/i],
    ['SDP text v=0', /v=0/],
    ['SDP attribute', /a=(fingerprint|ice-ufrag|ice-pwd|candidate|rtpmap)/i],
    ...localAddresses.map((addr) => [`this machine's address ${addr}`, new RegExp(addr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')]),
  ];
  const found = [];
  for (const [what, re] of forbidden) {
    const lines = log.split('\n').filter((l) => re.test(l));
    if (lines.length) found.push(`${what}: ${lines.length} line(s), e.g.\n    ${lines.slice(0, 3).join('\n    ')}`);
  }
  assert.deepEqual(found, [], `the server log leaks:\n${found.join('\n')}`);
});
