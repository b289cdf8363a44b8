// `chat`: text chat goes browser to browser over the RTCDataChannel, never through the server.
// A video pair chats both ways (with the typing indicator); a text-only pair connects and chats
// without any camera; every frame the pages sent to the server is scanned for the messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, waitForCall, withDiagnostics, ms } from './lib/index.mjs';

const suite = useSuite();

// Every WebSocket frame a page sends, as text (Playwright sees them in the browser). Listening
// starts before the page loads, so the signaling socket's first frame is recorded too.
function frameRecorder() {
  const frames = [];
  const onPage = (page) => page.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(String(f.payload))));
  return { frames, onPage };
}

// Counts getUserMedia calls, in the page before its own scripts.
function countCameraRequests() {
  window.__novatalkGumCalls = 0;
  const md = navigator.mediaDevices;
  if (!md) return;
  const original = md.getUserMedia.bind(md);
  md.getUserMedia = (c) => { window.__novatalkGumCalls++; return original(c); };
}

async function chatBothWays(a, b) {
  const secretA = `hello from A ${Math.random().toString(36).slice(2)} привет καλημέρα`;
  const secretB = `reply from B ${Math.random().toString(36).slice(2)} ✓`;
  const [ma, mb] = [await a.mark(), await b.mark()];
  await a.send('send_chat', { text: secretA });
  const own = await a.waitForEvent('chat', (e) => e.from === 'me', { since: ma, timeoutMs: ms(5000) });
  assert.equal(own.text, secretA);
  const got = await b.waitForEvent('chat', (e) => e.from === 'stranger', { since: mb, timeoutMs: ms(10000) });
  assert.equal(got.text, secretA, 'B gets exactly what A sent');
  await b.send('send_chat', { text: secretB });
  const back = await a.waitForEvent('chat', (e) => e.from === 'stranger', { since: ma, timeoutMs: ms(10000) });
  assert.equal(back.text, secretB);
  return [secretA, secretB];
}

function assertServerNeverSaw(frames, secrets, label) {
  assert.ok(frames.length > 0, `${label}: no frames recorded (the recorder is broken)`);
  for (const s of secrets) {
    for (const f of frames) {
      assert.ok(!f.includes(s) && !f.includes(s.slice(0, 20)), `${label} sent chat text to the server: ${f.slice(0, 200)}`);
    }
  }
}

test('a video pair chats over the data channel; the server never sees the text', { skip: skipReason }, async (t) => {
  const ra = frameRecorder(), rb = frameRecorder();
  const a = await suite.open('A', { onPage: ra.onPage });
  const b = await suite.open('B', { onPage: rb.onPage });
  await withDiagnostics([a, b], async () => {
    await Promise.all([waitForCall(a), waitForCall(b)]);
    for (const c of [a, b]) await c.waitForEvent('chat_ready', undefined, { timeoutMs: ms(10000) });

    // Typing indicator: B sees A typing, and it goes away when A's message comes.
    const mb = await b.mark();
    await a.send('typing');
    await b.waitForEvent('typing', (e) => e.active === true, { since: mb, timeoutMs: ms(10000) });
    const secrets = await chatBothWays(a, b);
    await b.waitForEvent('typing', (e) => e.active === false, { since: mb, timeoutMs: ms(10000) });
    assertServerNeverSaw(ra.frames, secrets, 'A');
    assertServerNeverSaw(rb.frames, secrets, 'B');
    // A's offer may have gone out while it waited, as a queued_offer (docs/protocol.md).
    const handshake = ['"webrtc_offer"', '"webrtc_answer"', '"queued_offer"'];
    assert.ok(ra.frames.some((f) => handshake.some((h) => f.includes(h))),
      'the recorder saw the handshake, so it would have seen chat text too');
    t.diagnostic(`frames to the server: A ${ra.frames.length}, B ${rb.frames.length}`);

    // Hostile text: control characters are dropped, length is capped at 1,000 characters.
    const m = await b.mark();
    await a.send('send_chat', { text: `bell\u0007 and \u202Eevil` + 'x'.repeat(5000) });
    const got = await b.waitForEvent('chat', (e) => e.from === 'stranger', { since: m, timeoutMs: ms(10000) });
    assert.ok(!/[\u0007\u202E]/.test(got.text), 'control and bidi characters are dropped');
    assert.equal([...got.text].length, 1000, 'capped at 1,000 characters');
  }, suite.server);
  await suite.closeAll();
});

test('a text-only pair connects and chats without any camera', { skip: skipReason }, async () => {
  const a = await suite.open('A', { params: { mode: 'text' }, initScript: countCameraRequests });
  const b = await suite.open('B', { params: { mode: 'text' }, initScript: countCameraRequests });
  // A video page waiting at the same time must not be paired with them (equal modes only).
  const v = await suite.open('V');
  await withDiagnostics([a, b, v], async () => {
    await Promise.all([a, b].map((c) => c.waitForEvent('connected', undefined, { timeoutMs: ms(30000), failOn: ['error'] })));
    for (const c of [a, b]) await c.waitForEvent('chat_ready', undefined, { timeoutMs: ms(10000) });
    await chatBothWays(a, b);
    // The page never asked for a camera or microphone.
    for (const c of [a, b]) {
      const asked = await c.page.evaluate(() => window.__novatalkGumCalls ?? 0);
      assert.equal(asked, 0, `${c.label} called getUserMedia in text mode`);
    }
    const vm = (await v.events()).filter((e) => e.event === 'matched');
    assert.deepEqual(vm, [], 'the video page is not paired with a text page');
  }, suite.server);
  await suite.closeAll();
});
