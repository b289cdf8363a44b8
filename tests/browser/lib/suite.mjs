// One server and one browser per test file, torn down whatever happens.
import { before, after } from 'node:test';
import { missingPrerequisite } from './env.mjs';
import { NovaServer } from './server.mjs';
import { launchBrowser, openClient } from './browser.mjs';

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
