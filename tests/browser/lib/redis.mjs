// Starts Debian's redis-server on a free loopback port for a test (no persistence), stopped by
// its pid, also when the test dies. The shared pool of `novatalk-server --redis` uses it.
import { spawn } from 'node:child_process';
import { ms } from './env.mjs';
import { freePort, accepts } from './turn.mjs';

const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
});

export const redisBinary = process.env.NOVATALK_REDIS_SERVER || '/usr/bin/redis-server';

export class RedisServer {
  constructor() {
    this.child = null;
    this.port = null;
    this.output = '';
  }

  /** The --redis value for novatalk-server. */
  get url() { return `redis://127.0.0.1:${this.port}`; }

  async start() {
    this.port = await freePort();
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--loglevel', 'warning'];
    const child = spawn(redisBinary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    running.add(child);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => { this.output += d; });
    child.stderr.on('data', (d) => { this.output += d; });
    child.on('exit', () => { running.delete(child); if (this.child === child) this.child = null; });
    const deadline = Date.now() + ms(15000);
    while (!(await accepts(this.port))) {
      if (!this.child) throw new Error(`redis-server exited at start:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${this.port}:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this;
  }

  async stop() {
    const child = this.child;
    if (!child) return;
    const gone = new Promise((r) => child.once('exit', r));
    try { process.kill(child.pid, 'SIGTERM'); } catch { /* gone */ }
    const t = setTimeout(() => { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
    await gone;
    clearTimeout(t);
  }
}
