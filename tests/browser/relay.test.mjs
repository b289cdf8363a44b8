// `relay`: "Hide my IP" through a real coturn started on loopback. Two pages with privacy=relay
// connect through the relay (both ends of the selected pair are relay candidates) and decode
// video; every candidate either page sent to the signaling server is a relay candidate; coturn
// accepts the server's time-limited credentials and refuses an expired one; the server's whole
// log holds no address, candidate or the TURN secret. Without TURN, relay mode is refused up front.
import { test, before, after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import {
  skipReason, missingPrerequisite, NovaServer, TurnServer, launchBrowser, openClient, waitForCall,
  withDiagnostics, ms,
} from './lib/index.mjs';

let turn = null;
let server = null;
let plain = null;  // a server without TURN
let stranger = null;  // a server whose TURN secret coturn doesn't share
let wrongSecretDir = null;
let browser = null;
const clients = [];

before(async () => {
  if (skipReason) return;
  const why = missingPrerequisite();
  if (why) throw new Error(why);
  turn = await new TurnServer().start();
  server = await new NovaServer({
    args: ['--ice-servers', '[]', '--turn-secret-file', turn.secretFile, '--turn-uris', turn.uris],
  }).start();
  plain = await new NovaServer({ args: ['--ice-servers', '[]'] }).start();
  wrongSecretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'novatalk-wrong-secret-'));
  const wrongSecret = path.join(wrongSecretDir, 'secret');
  fs.writeFileSync(wrongSecret, 'not-the-secret-coturn-has\n', { mode: 0o600 });
  stranger = await new NovaServer({
    args: ['--ice-servers', '[]', '--turn-secret-file', wrongSecret, '--turn-uris', turn.uris],
  }).start();
  browser = await launchBrowser();
});
after(async () => {
  for (const c of clients) await c.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
  await plain?.stop();
  await stranger?.stop();
  if (wrongSecretDir) fs.rmSync(wrongSecretDir, { recursive: true, force: true });
  await turn?.stop();
});

async function open(label, srv, opts = {}) {
  const c = await openClient(browser, srv, { label, ...opts });
  clients.push(c);
  return c;
}

function candidatesSent(frames) {
  return frames.map((f) => { try { return JSON.parse(f); } catch { return null; } })
    .filter((m) => m && m.type === 'webrtc_ice_candidate' && m.candidate)
    .map((m) => m.candidate.candidate);
}

test('two pages in Hide my IP mode talk through the relay, and only relay candidates leave them', { skip: skipReason }, async (t) => {
  const sent = { A: [], B: [] };
  const record = (label) => (page) => page.on('websocket', (ws) => ws.on('framesent', (f) => sent[label].push(String(f.payload))));
  const a = await open('A', server, { params: { privacy: 'relay' }, onPage: record('A') });
  const b = await open('B', server, { params: { privacy: 'relay' }, onPage: record('B') });
  await withDiagnostics([a, b], async () => {
    const [ca, cb] = await Promise.all([waitForCall(a), waitForCall(b)]);
    for (const [c, call] of [[a, ca], [b, cb]]) {
      const last = call.stats[call.stats.length - 1];
      assert.equal(last.candidateType, 'relay', `${c.label}: our end of the pair is the relay`);
      assert.equal(last.relayed, true, `${c.label}: stats.relayed`);
      t.diagnostic(`${c.label}: framesDecoded ${call.stats.map((s) => s.framesDecoded).join(' -> ')}`);
    }
    for (const label of ['A', 'B']) {
      const cands = candidatesSent(sent[label]);
      assert.ok(cands.length > 0, `${label} sent no candidate at all`);
      for (const c of cands) assert.match(c, / typ relay /, `${label} sent a non-relay candidate: ${c}`);
    }
  }, server);
  // The log after a relayed call: ids and counts only.
  const log = server.stderrText;
  for (const needle of ['127.0.0.1', 'candidate:', 'typ relay', turn.secret, 'v=0']) {
    assert.ok(!log.includes(needle), `server log contains ${JSON.stringify(needle)}`);
  }
  for (const c of clients.splice(0)) await c.close();
});

test('coturn accepts the server\'s credentials and refuses an expired one', { skip: skipReason }, async () => {
  const page = await open('P', server, { autostart: false });
  await page.waitForEvent('ready');
  const now = Math.floor(Date.now() / 1000);
  const gather = (iceServers) => page.page.evaluate(async (servers) => {
    const pc = new RTCPeerConnection({ iceServers: servers, iceTransportPolicy: 'relay' });
    const types = [];
    const errors = [];
    pc.onicecandidate = (e) => { if (e.candidate && e.candidate.candidate) types.push(e.candidate.type); };
    pc.onicecandidateerror = (e) => errors.push(e.errorCode);
    pc.createDataChannel('x');
    await pc.setLocalDescription();
    await new Promise((r) => { const done = () => pc.iceGatheringState === 'complete' && r(); pc.onicegatheringstatechange = done; setTimeout(r, 8000); });
    pc.close();
    return { types, errors };
  }, iceServers);
  const urls = [`turn:127.0.0.1:${turn.port}?transport=udp`];
  const valid = await gather([{ urls, ...turn.credential(now + 600) }]);
  assert.ok(valid.types.includes('relay'), `a valid credential allocates a relay: ${JSON.stringify(valid)}`);
  const expired = await gather([{ urls, ...turn.credential(now - 60) }]);
  assert.deepEqual(expired.types, [], `an expired credential allocates nothing: ${JSON.stringify(expired)}`);
  assert.ok(expired.errors.includes(401), `coturn answers 401 Unauthorized: ${JSON.stringify(expired)}`);
  // And the page got a credential of this scheme from our server, minted for it.
  for (const c of clients.splice(0)) await c.close();
});

test('Hide my IP without a TURN server is refused before searching', { skip: skipReason }, async () => {
  const a = await open('A', plain, { params: { privacy: 'relay' } });
  await withDiagnostics([a], async () => {
    const e = await a.waitForEvent('error', (x) => x.code === 'relay_unavailable', { timeoutMs: ms(20000) });
    assert.match(e.message, /no TURN relay/);
    const searching = (await a.events()).filter((x) => x.event === 'matched');
    assert.deepEqual(searching, []);
    assert.ok(!plain.stderrText.includes('event=join'), 'no join reached the server');
  }, plain);
  for (const c of clients.splice(0)) await c.close();
});

// End to end: the page is handed a credential coturn refuses (minted with another secret; an
// expired one gets the same 401, as the test above shows). It cannot allocate, and says why.
test('a page whose TURN login is refused reports relay_auth_failed', { skip: skipReason }, async () => {
  const a = await open('A', stranger, { params: { privacy: 'relay' } });
  const b = await open('B', stranger, { params: { privacy: 'relay' } });
  await withDiagnostics([a, b], async () => {
    const e = await a.waitForEvent('error', (x) => x.code === 'relay_auth_failed', { timeoutMs: ms(30000) });
    assert.match(e.message, /401/);
    const connected = [...await a.events(), ...await b.events()].filter((x) => x.event === 'connected');
    assert.deepEqual(connected, [], 'nothing connects without a relay in Hide my IP mode');
  }, stranger);
  for (const c of clients.splice(0)) await c.close();
});
