// What tools/bench/client.mjs measures inside a page (an init script: runs before the page's own
// scripts, the same for NovaTalk and the plain-JS page, neither of which knows about it).
// Times are performance.timeOrigin + performance.now(): one clock for every page of the browser.

/** Installed with context.addInitScript(probe): fills window.__bench. */
export function probe() {
  const now = () => performance.timeOrigin + performance.now();
  const bench = { events: [], remoteFrames: [] };
  window.__bench = bench;
  // The page API events ({source:"novatalk", event}) with their arrival time.
  window.addEventListener('message', (e) => {
    const d = e.data;
    if (d && typeof d === 'object' && d.source === 'novatalk' && typeof d.event === 'string') {
      bench.events.push({ event: d.event, t: now(), sinceNavigation: performance.now() });
    }
  });
  // Which tracks are the stranger's: those an RTCPeerConnection hands out in its track event.
  const remoteTracks = new WeakSet();
  const Native = window.RTCPeerConnection;
  if (typeof Native === 'function') {
    class Watched extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('track', (e) => remoteTracks.add(e.track));
      }
    }
    window.RTCPeerConnection = Watched;
  }
  // The first presented frame of each stream given to a <video> (requestVideoFrameCallback),
  // counted only when the stream holds a stranger's track by then.
  const desc = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    configurable: true,
    enumerable: desc.enumerable,
    get() { return desc.get.call(this); },
    set(stream) {
      desc.set.call(this, stream);
      if (!stream || !(this instanceof HTMLVideoElement) ||
          typeof this.requestVideoFrameCallback !== 'function') return;
      const video = this;
      const onFrame = () => {
        if (desc.get.call(video) !== stream) return;  // replaced meanwhile
        if (stream.getTracks().some((t) => remoteTracks.has(t))) bench.remoteFrames.push(now());
        else video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    },
  });
}

/** The first event `name` (at or after time `after`), or null. */
export function firstEvent(bench, name, after = 0) {
  return bench.events.find((e) => e.event === name && e.t >= after) || null;
}
