// `scale`: two novatalk-server nodes sharing one pool through a real redis-server (all on free
// loopback ports, stopped by pid). A page whose signaling goes to node 1 and a page whose
// signaling goes to node 2 meet, reach a video call and decode each other's video.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  skipReason, missingPrerequisite, NovaServer, RedisServer, launchBrowser, openClient, waitForCall,
  withDiagnostics,
} from './lib/index.mjs';

let redis = null;
const nodes = [];
let browser = null;
const clients = [];

before(async () => {
  if (skipReason) return;
  const why = missingPrerequisite();
  if (why) throw new Error(why);
  redis = await new RedisServer().start();
  for (const name of ['n1', 'n2']) {
    nodes.push(await new NovaServer({ args: ['--redis', redis.url, '--node-id', name] }).start());
  }
  browser = await launchBrowser();
});
after(async () => {
  for (const c of clients) await c.close().catch(() => {});
  await browser?.close().catch(() => {});
  for (const n of nodes) await n.stop();
  await redis?.stop();
});

test('pages on two nodes meet through the shared pool and talk', { skip: skipReason }, async (t) => {
  const a = await openClient(browser, nodes[0], { label: 'A' });
  clients.push(a);
  const b = await openClient(browser, nodes[1], { label: 'B' });
  clients.push(b);
  await withDiagnostics([a, b], async () => {
    const [ca, cb] = await Promise.all([waitForCall(a), waitForCall(b)]);
    for (const [c, call] of [[a, ca], [b, cb]]) {
      const frames = call.stats.map((s) => s.framesDecoded);
      assert.ok(frames[frames.length - 1] > frames[0], `${c.label}: video frames decoded grow: ${frames}`);
      t.diagnostic(`${c.label}: framesDecoded ${frames.join(' -> ')}`);
    }
    // Each node saw one of them: the pairing crossed nodes.
    for (const n of nodes) assert.match(n.stderrText, /event=join /, 'a join reached each node');
  }, nodes[0]);
});
