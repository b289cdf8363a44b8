// One server and one browser per test file, torn down whatever happens.
import { before, after } from 'node:test';
import { missingPrerequisite } from './env.mjs';
import { NovaServer } from './server.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, openClient } from './browser.mjs';
import { writeBlueCamera } from './y4m.mjs';

/**
 * Why this file's tests cannot run here (pass it as test()'s `skip`), or false. Under ctest
 * (NOVATALK_REQUIRE=1) a missing part is a failure instead: the before() hook throws.
 */
export const skipReason = (() => {
  const why = missingPrerequisite();
  return why && !process.env.NOVATALK_REQUIRE ? why : false;
})();

/**
 * Registers before/after hooks; returns the suite whose fields are set once before() ran:
 * suite.server (a NovaServer), suite.browser, suite.open(label, opts) -> Client.
 */
// No STUN/TURN by default: nothing outside this machine is reachable, host candidates suffice.
export function useSuite({ serverArgs = ['--ice-servers', '[]'] } = {}) {
  const suite = { server: null, browser: null, clients: [] };
  before(async () => {
    if (skipReason) return;
    const why = missingPrerequisite();
    if (why) throw new Error(why);
    suite.server = new NovaServer({ args: serverArgs });
    await suite.server.start();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    for (const c of suite.clients) await c.close().catch(() => {});
    await suite.browser?.close().catch(() => {});
    await suite.server?.stop();
    if (process.env.NOVATALK_ECHO_SERVER_AT_END && suite.server) process.stderr.write(suite.server.stderrText);
  });
  // Closes every page opened so far (end of a test: the next one starts with an empty queue).
  suite.closeAll = async () => {
    for (const c of suite.clients.splice(0)) await c.close().catch(() => {});
  };
  suite.open = async (label, opts = {}) => {
    const c = await openClient(suite.browser, suite.server, { label, ...opts });
    suite.clients.push(c);
    return c;
  };
  return suite;
}

/**
 * A second browser whose fake camera is the blue one of y4m.mjs (registers before/after hooks).
 * Its pages film blue, so on the other page's screen the stranger is the blue area.
 * Returns {browser} once before() ran.
 */
export function useBlueCameraBrowser(name = 'blue') {
  const holder = { browser: null };
  let file = null;
  before(async () => {
    if (skipReason) return;
    file = writeBlueCamera(path.join(os.tmpdir(), `novatalk-${name}-camera-${process.pid}.y4m`));
    holder.browser = await launchBrowser({ args: [`--use-file-for-fake-video-capture=${file}`] });
  });
  after(async () => {
    await holder.browser?.close().catch(() => {});
    if (file) fs.rmSync(file, { force: true });
  });
  return holder;
}
