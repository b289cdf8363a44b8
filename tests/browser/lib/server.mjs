// Starts the signaling server as a child process on a free loopback port and stops it by pid.
import { spawn } from 'node:child_process';
import { serverBinary, wwwDir, ms } from './env.mjs';

const running = new Set();
function killAll() {
  for (const child of running) {
    try { process.kill(child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  running.clear();
}
// Whatever way the test process ends, the servers it started end with it.
process.on('exit', killAll);
for (const [sig, num] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.on(sig, () => { killAll(); process.exit(128 + num); });
}

/**
 * @param {object} [opts]
 * @param {number} [opts.port=0]      0 = any free port
 * @param {string[]} [opts.args]      extra flags
 * @param {number} [opts.timeoutMs]   how long to wait for `event=listening`
 * @returns {Promise<NovaServer>}
 */
export async function startServer(opts = {}) {
  const server = new NovaServer(opts);
  await server.start();
  return server;
}

export class NovaServer {
  constructor({ port = 0, args = [], timeoutMs = ms(15000), binary = serverBinary, prefixArgs = [], www = wwwDir, echo } = {}) {
    this.prefixArgs = prefixArgs;  // e.g. a script, when binary is an interpreter
    this.requestedPort = port;
    this.extraArgs = args;
    this.timeoutMs = timeoutMs;
    this.binary = binary;
    this.www = www;
    this.echo = echo ?? !!process.env.NOVATALK_ECHO_SERVER;
    this.stderrText = '';   // every run's stderr, concatenated (restarts included)
    this.stdoutText = '';
    this.child = null;
    this.port = null;
    this.exits = [];        // {code, signal} of each run that ended
  }

  get origin() { return `http://127.0.0.1:${this.port}`; }
  get wsUrl() { return `ws://127.0.0.1:${this.port}/ws`; }
  get running() { return !!this.child; }

  /** Starts (or restarts, on the same port once one was chosen) and waits for `event=listening`. */
  async start() {
    if (this.child) throw new Error('server already running');
    const port = this.port ?? this.requestedPort;
    const args = [...this.prefixArgs, '--listen', `127.0.0.1:${port}`, '--www', this.www, ...this.extraArgs];
    const child = spawn(this.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    running.add(child);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => { this.stdoutText += d; });

    let runText = '';
    const listening = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(
        `server did not log "event=listening port=N" within ${this.timeoutMs} ms; stderr so far:\n${runText}`)), this.timeoutMs);
      child.stderr.on('data', (d) => {
        runText += d;
        this.stderrText += d;
        if (this.echo) process.stderr.write(d.replace(/^/gm, '[server] '));
        const m = /event=listening\b.*?\bport=(\d+)/.exec(runText);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      });
      child.on('error', (e) => { clearTimeout(timer); reject(new Error(`cannot start ${this.binary}: ${e.message}`)); });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited (code ${code}, signal ${signal}) before listening; stderr:\n${runText}`));
      });
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      this.exits.push({ code, signal });
      if (this.child === child) this.child = null;
    });
    try {
      this.port = await listening;
    } catch (e) {
      await this.kill();
      throw e;
    }
    return this;
  }

  /** Ends the server (SIGTERM, then SIGKILL after graceMs) and waits for it to be gone. */
  async stop({ signal = 'SIGTERM', graceMs = 3000 } = {}) {
    const child = this.child;
    if (!child) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    try { process.kill(child.pid, signal); } catch { /* gone */ }
    const t = setTimeout(() => { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }, graceMs);
    await gone;
    clearTimeout(t);
  }

  /** SIGKILL at once: a crash, as far as the clients can tell. */
  async kill() { return this.stop({ signal: 'SIGKILL' }); }

  async healthz() {
    const r = await fetch(`${this.origin}/healthz`);
    return { status: r.status, body: (await r.text()).trim() };
  }
}
