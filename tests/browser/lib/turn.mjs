// Starts Debian's coturn (`turnserver`) on loopback for a test: free listening port, a relay port
// range of its own, a generated secret in a temporary file (the form --turn-secret-file reads),
// `use-auth-secret` (TURN REST API credentials). Stopped by its pid, also when the test dies.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ms } from './env.mjs';

const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
});

export const turnBinary = process.env.NOVATALK_TURNSERVER || '/usr/bin/turnserver';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

export async function accepts(port) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.on('connect', () => { c.destroy(); resolve(true); });
    c.on('error', () => resolve(false));
  });
}

export class TurnServer {
  constructor() {
    this.secret = crypto.randomBytes(24).toString('hex');
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'novatalk-turn-'));
    this.secretFile = path.join(this.dir, 'secret');
    fs.writeFileSync(this.secretFile, `${this.secret}\n`, { mode: 0o600 });
    this.child = null;
    this.port = null;
    this.output = '';
  }

  /** The --turn-uris value for novatalk-server. */
  get uris() { return `turn:127.0.0.1:${this.port}?transport=udp,turn:127.0.0.1:${this.port}?transport=tcp`; }

  /** A credential as the TURN REST API defines it, valid until `expiry` (unix seconds). */
  credential(expiry, id = 'test') {
    const username = `${expiry}:${id}`;
    return { username, credential: crypto.createHmac('sha1', this.secret).update(username).digest('base64') };
  }

  async start() {
    this.port = await freePort();
    // A relay range of its own, away from the ephemeral ports the OS hands out.
    const min = 20000 + Math.floor(Math.random() * 200) * 100;
    const args = ['-n', '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${this.port}`,
      `--min-port=${min}`, `--max-port=${min + 99}`, '--use-auth-secret', `--static-auth-secret=${this.secret}`,
      '--realm=novatalk.test', '--no-tls', '--no-dtls', '--no-cli', '--allow-loopback-peers', '--fingerprint',
      '--log-file=stdout', '--simple-log', `--pidfile=${path.join(this.dir, 'pid')}`];
    const child = spawn(turnBinary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    running.add(child);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => { this.output += d; });
    child.stderr.on('data', (d) => { this.output += d; });
    child.on('exit', () => { running.delete(child); if (this.child === child) this.child = null; });
    const deadline = Date.now() + ms(15000);
    while (!(await accepts(this.port))) {
      if (!this.child) throw new Error(`turnserver exited at start:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`turnserver did not listen on ${this.port}:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this;
  }

  async stop() {
    const child = this.child;
    if (child) {
      const gone = new Promise((r) => child.once('exit', r));
      try { process.kill(child.pid, 'SIGTERM'); } catch { /* gone */ }
      const t = setTimeout(() => { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
      await gone;
      clearTimeout(t);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
