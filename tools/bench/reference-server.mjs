// The reference signaling server of the benchmarks: protocol v1's core (welcome, join/next/leave,
// matched with roles, relay of offer/answer/candidates, partner_left, online, errors) written the
// way most stranger-chat sites are: Node.js, the `ws` package, an in-memory FIFO queue per mode.
// Idiomatic and honest, not tuned for or against anything. Usage:
//   node reference-server.mjs [--port N (0: a free one)] [--host 127.0.0.1] [--ping-interval S (20, 0 off)]
// Prints `event=listening port=N` on stderr once it accepts connections; SIGTERM/SIGINT stop it.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const args = process.argv.slice(2);
function flag(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const port = Number(flag('--port', '8090'));
const host = flag('--host', '127.0.0.1');
const pingInterval = Number(flag('--ping-interval', '20'));
const iceServers = [{ urls: 'stun:stun.l.google.com:19302' }];

const clients = new Set();
const queues = { video: [], text: [] }; // waiting clients, oldest first

function send(client, message) {
  if (client.ws.readyState === client.ws.OPEN) client.ws.send(JSON.stringify(message));
}

function sendError(client, code, message) {
  send(client, { type: 'error', code, message });
}

function dequeue(client) {
  if (!client.waiting) return;
  const queue = queues[client.mode];
  const i = queue.indexOf(client);
  if (i >= 0) queue.splice(i, 1);
  client.waiting = false;
}

// Ends the client's call (the stranger hears why) or takes it out of the queue.
function part(client, reason) {
  if (client.partner) {
    const stranger = client.partner;
    client.partner = null;
    stranger.partner = null;
    send(stranger, { type: 'partner_left', reason });
  }
  dequeue(client);
}

function enqueue(client) {
  const queue = queues[client.mode];
  const stranger = queue.shift();
  if (!stranger) {
    queue.push(client);
    client.waiting = true;
    return;
  }
  stranger.waiting = false;
  client.partner = stranger;
  stranger.partner = client;
  const common = client.interests.filter((tag) => stranger.interests.includes(tag));
  // The one who waited longer makes the offer.
  send(stranger, { type: 'matched', role: 'initiator', common });
  send(client, { type: 'matched', role: 'responder', common });
}

function onJoin(client, message) {
  const interests = message.interests ?? [];
  const mode = message.mode ?? 'video';
  if (!Array.isArray(interests) || interests.length > 10 ||
      !interests.every((tag) => typeof tag === 'string' && tag.length > 0 && tag.length <= 32)) {
    return sendError(client, 'bad_message', 'bad interests');
  }
  if (mode !== 'video' && mode !== 'text') return sendError(client, 'bad_message', 'bad mode');
  part(client, 'next');
  client.joined = true;
  client.interests = [...new Set(interests.map((tag) => tag.toLowerCase()))];
  client.mode = mode;
  enqueue(client);
}

function relay(client, message) {
  if (!client.partner) return sendError(client, 'not_matched', 'no stranger to send to');
  // Only the protocol's fields go on, as the protocol says.
  if (message.type === 'webrtc_ice_candidate') {
    send(client.partner, { type: message.type, candidate: message.candidate ?? null });
  } else if (typeof message.sdp === 'string') {
    send(client.partner, { type: message.type, sdp: message.sdp });
  } else {
    sendError(client, 'bad_message', 'sdp must be a string');
  }
}

function onMessage(client, data, isBinary) {
  let message;
  try {
    message = isBinary ? null : JSON.parse(data.toString());
  } catch {
    message = null;
  }
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') {
    return sendError(client, 'bad_message', 'not a protocol message');
  }
  switch (message.type) {
    case 'join': return onJoin(client, message);
    case 'next':
      if (!client.joined) return;
      part(client, 'next');
      return enqueue(client);
    case 'leave': return part(client, 'leave');
    case 'webrtc_offer':
    case 'webrtc_answer':
    case 'webrtc_ice_candidate':
      return relay(client, message);
    default: return sendError(client, 'bad_message', 'unknown type');
  }
}

const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'text/plain' });
  res.end(req.url === '/healthz' ? 'ok' : 'not found');
});
const wss = new WebSocketServer({ server, path: '/ws', maxPayload: 64 * 1024 });

wss.on('connection', (ws) => {
  const client = { ws, partner: null, waiting: false, joined: false, interests: [], mode: 'video', alive: true };
  clients.add(client);
  ws.on('message', (data, isBinary) => onMessage(client, data, isBinary));
  ws.on('pong', () => { client.alive = true; });
  ws.on('close', () => {
    clients.delete(client);
    part(client, 'disconnect');
  });
  ws.on('error', () => ws.terminate());
  send(client, { type: 'welcome', online: clients.size, iceServers });
});

// The usual heartbeat: a client that did not answer the last ping is dropped.
if (pingInterval > 0) {
  setInterval(() => {
    for (const client of clients) {
      if (!client.alive) { client.ws.terminate(); continue; }
      client.alive = false;
      client.ws.ping();
    }
  }, pingInterval * 1000).unref();
}

// `online` to everyone, at most every 5 s and only when the count changed (as NovaTalk does).
let lastOnline = 0;
setInterval(() => {
  if (clients.size === lastOnline) return;
  lastOnline = clients.size;
  for (const client of clients) send(client, { type: 'online', count: lastOnline });
}, 5000).unref();

server.listen(port, host, () => {
  process.stderr.write(`event=listening port=${server.address().port}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const client of clients) client.ws.terminate();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
