// A helper server process for a test (coturn, redis-server): started, waited for until it
// accepts TCP on its loopback port, stopped by its pid, and SIGKILLed if the test dies.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { ms } from './env.mjs';

const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
});

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

/** A running helper: `output` collects its stdout and stderr; `child` is null once it exited. */
export class HelperProcess {
  constructor(name) {
    this.name = name;
    this.child = null;
    this.output = '';
  }

  /** Spawns `binary args` and waits until 127.0.0.1:`port` accepts connections. */
  async spawn(binary, args, port, pollMs = 100) {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    running.add(child);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => { this.output += d; });
    child.stderr.on('data', (d) => { this.output += d; });
    child.on('exit', () => { running.delete(child); if (this.child === child) this.child = null; });
    const deadline = Date.now() + ms(15000);
    while (!(await accepts(port))) {
      if (!this.child) throw new Error(`${this.name} exited at start:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not listen on ${port}:\n${this.output}`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  /** SIGTERM, SIGKILL after 3 s; resolves once it exited. */
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
