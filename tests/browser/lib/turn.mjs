// Starts Debian's coturn (`turnserver`) on loopback for a test: free listening port, a relay port
// range of its own, a generated secret in a temporary file (the form --turn-secret-file reads),
// `use-auth-secret` (TURN REST API credentials). Stopped by its pid, also when the test dies.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HelperProcess, freePort } from './process.mjs';

export const turnBinary = process.env.NOVATALK_TURNSERVER || '/usr/bin/turnserver';

export class TurnServer {
  constructor() {
    this.secret = crypto.randomBytes(24).toString('hex');
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'novatalk-turn-'));
    this.secretFile = path.join(this.dir, 'secret');
    fs.writeFileSync(this.secretFile, `${this.secret}\n`, { mode: 0o600 });
    this.process = new HelperProcess('turnserver');
    this.port = null;
  }

  /** Everything coturn wrote so far. */
  get output() { return this.process.output; }

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
    await this.process.spawn(turnBinary, args, this.port);
    return this;
  }

  async stop() {
    await this.process.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
