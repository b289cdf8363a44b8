// A small WebSocket client for tests that need a stranger without a browser, and request
// headers a browser cannot set (X-Forwarded-For, to be "another address" behind a trusted
// proxy). Text frames only, as the protocol; Node 20 has no WebSocket client of its own.
import http from 'node:http';
import crypto from 'node:crypto';
import { ms } from './env.mjs';

export class WsClient {
  /** Connects to `url` (ws://host:port/path) with extra request `headers`; resolves when open. */
  static connect(url, headers = {}) {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: u.hostname, port: u.port, path: u.pathname + u.search,
        headers: {
          Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64'), ...headers,
        },
      });
      req.on('upgrade', (res, socket, head) => resolve(new WsClient(socket, head)));
      req.on('response', (res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
      req.on('error', reject);
      req.end();
    });
  }

  constructor(socket, head) {
    this.socket = socket;
    this.buffer = head && head.length ? Buffer.from(head) : Buffer.alloc(0);
    this.messages = [];   // parsed JSON of every text frame, in order
    this.waiters = [];
    this.closed = false;
    socket.on('data', (d) => { this.buffer = Buffer.concat([this.buffer, d]); this.parse(); this.wake(); });
    socket.on('close', () => { this.closed = true; this.wake(); });
    socket.on('error', () => {});
    this.parse();
  }

  parse() {
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) return;
      const opcode = b[0] & 0x0f;
      let len = b[1] & 0x7f;
      let at = 2;
      if (len === 126) { if (b.length < 4) return; len = b.readUInt16BE(2); at = 4; }
      else if (len === 127) { if (b.length < 10) return; len = Number(b.readBigUInt64BE(2)); at = 10; }
      if (b.length < at + len) return;
      const payload = b.subarray(at, at + len);
      this.buffer = b.subarray(at + len);
      // A long message (an SDP offer) comes as a text frame and continuations (opcode 0).
      if (opcode === 1 || opcode === 0) {
        this.partial = opcode === 1 ? [payload] : [...(this.partial ?? []), payload];
        if (b[0] & 0x80) this.messages.push(JSON.parse(Buffer.concat(this.partial).toString('utf8')));
      }
      else if (opcode === 9) this.frame(10, payload);  // ping: pong
      else if (opcode === 8) this.socket.end();
    }
  }

  wake() { for (const w of this.waiters.splice(0)) w(); }

  frame(opcode, payload) {
    const mask = crypto.randomBytes(4);
    const n = payload.length;
    const header = n < 126 ? Buffer.from([0x80 | opcode, 0x80 | n])
      : Buffer.from([0x80 | opcode, 0x80 | 126, n >> 8, n & 255]);
    const body = Buffer.from(payload);
    for (let i = 0; i < body.length; ++i) body[i] ^= mask[i % 4];
    this.socket.write(Buffer.concat([header, mask, body]));
  }

  send(message) { this.frame(1, Buffer.from(JSON.stringify(message), 'utf8')); }

  /** The first message from index `since` on whose type is `type` (and that `pred` accepts). */
  async waitFor(type, { since = 0, pred = () => true, timeoutMs = ms(20000) } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(since).find((m) => m.type === type && pred(m));
      if (found) return found;
      if (this.closed) throw new Error(`socket closed while waiting for ${type}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise((r) => { this.waiters.push(r); setTimeout(r, Math.min(left, 200)); });
    }
  }

  close() { if (!this.closed) { this.frame(8, Buffer.alloc(0)); this.socket.end(); } }
}
