// `devices`: switching the camera during a call replaces the track (RTCRtpSender.replaceTrack):
// the stranger's decoder keeps counting frames and no new offer is sent. Page A's browser has
// three fake cameras (--use-fake-device-for-media-stream=device-count=3); A switches from
// fake_device_0 to fake_device_2. Not to fake_device_1: Chromium's second fake camera delivers
// Y16 (depth) frames, which play in a <video> but never reach the encoder, with any client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, waitForCall, withDiagnostics, launchBrowser, openClient, ms } from './lib/index.mjs';

const suite = useSuite();
let twoCameras = null;
before(async () => {
  if (skipReason) return;
  twoCameras = await launchBrowser({ args: ['--use-fake-device-for-media-stream=device-count=3'] });
});
after(async () => { await twoCameras?.close().catch(() => {}); });

test('a camera switch mid-call keeps the stranger decoding, without renegotiating', { skip: skipReason }, async (t) => {
  const sentByA = [];
  const a = await openClient(twoCameras, suite.server, {
    label: 'A',
    onPage: (page) => page.on('websocket', (ws) => ws.on('framesent', (f) => sentByA.push(String(f.payload)))),
  });
  suite.clients.push(a);
  const b = await suite.open('B');
  await withDiagnostics([a, b], async () => {
    await Promise.all([waitForCall(a), waitForCall(b)]);
    // The list comes again once the camera is granted (labels and ids are known then).
    const listed = await a.waitForEvent('devices', (e) => e.cameras.length >= 3, { timeoutMs: ms(10000) });
    t.diagnostic(`A's cameras: ${listed.cameras.map((c) => c.label).join(', ')}`);
    const track = await a.page.evaluate(() => [...document.querySelectorAll('video')].map((v) => v.srcObject?.getVideoTracks?.()[0]?.label).filter(Boolean));
    t.diagnostic(`A's video tracks before: ${JSON.stringify(track)}`);
    assert.ok(track.includes('fake_device_0'), 'A starts on the default camera');
    const other = listed.cameras.find((c) => c.label === 'fake_device_2');
    assert.ok(other, `no fake_device_2 in ${JSON.stringify(listed.cameras)}`);

    const offersBefore = sentByA.filter((f) => f.includes('"webrtc_offer"')).length;
    const [ma, mb] = [await a.mark(), await b.mark()];
    await a.send('select_device', { kind: 'video', deviceId: other.deviceId });
    const switched = await a.waitForEvent('device', undefined, { since: ma, timeoutMs: ms(10000) });
    assert.equal(switched.ok, true, `switch failed: ${JSON.stringify(switched)}`);
    const after = await a.page.evaluate(() => [...document.querySelectorAll('video')].map((v) => v.srcObject?.getVideoTracks?.()[0]?.label).filter(Boolean));
    t.diagnostic(`A's video tracks after: ${JSON.stringify(after)}`);
    assert.ok(after.includes(other.label), `A's local video now shows ${other.label}`);

    // B keeps decoding: framesDecoded grows over the next stats events, and the call stays up.
    const s1 = await b.waitForEvent('stats', undefined, { since: mb, timeoutMs: ms(5000) });
    const s2 = await b.waitForEvent('stats', (e) => e.framesDecoded > s1.framesDecoded + 10, { since: s1._index + 1, timeoutMs: ms(15000) });
    t.diagnostic(`B framesDecoded ${s1.framesDecoded} -> ${s2.framesDecoded} after the switch`);
    const ended = (await b.events()).slice(mb).filter((e) => e.event === 'partner_left' || e.event === 'searching');
    assert.deepEqual(ended, [], 'the call must not end');
    const offersAfter = sentByA.filter((f) => f.includes('"webrtc_offer"')).length;
    assert.equal(offersAfter, offersBefore, 'replaceTrack needs no new offer');
  }, suite.server);
  await suite.closeAll();
});
