// Starts Debian's redis-server on a free loopback port for a test (no persistence), stopped by
// its pid, also when the test dies. The shared pool of `novatalk-server --redis` uses it.
import { HelperProcess, freePort } from './process.mjs';

export const redisBinary = process.env.NOVATALK_REDIS_SERVER || '/usr/bin/redis-server';

export class RedisServer {
  constructor() {
    this.process = new HelperProcess('redis-server');
    this.port = null;
  }

  /** The --redis value for novatalk-server. */
  get url() { return `redis://127.0.0.1:${this.port}`; }

  async start() {
    this.port = await freePort();
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--loglevel', 'warning'];
    await this.process.spawn(redisBinary, args, this.port, 50);
    return this;
  }

  async stop() { await this.process.stop(); }
}
