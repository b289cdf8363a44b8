// Partner sites for the embed tests: the app on one origin (a NovaServer with a copy of the site
// whose config.json lists the partner), partner pages on another (tools/partner_site.mjs, with
// embed.js loaded from the app's origin), more origins on demand. Torn down whatever happens.
import { before, after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { missingPrerequisite, repoRoot, wwwDir } from './env.mjs';
import { NovaServer } from './server.mjs';
import { launchBrowser, Client } from './browser.mjs';
import { servePartnerSite } from '../../../tools/partner_site.mjs';

// The app's address as written in web/partner-example.html; replaced by the test app's.
export const EXAMPLE_APP_ORIGIN = 'http://127.0.0.1:8080';

/** A copy of the built site whose config.json lists `allowedParents`. */
export function siteCopy(dir, allowedParents) {
  fs.cpSync(wwwDir, dir, { recursive: true });
  const file = path.join(dir, 'config.json');
  const config = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { signal: '/ws' };
  config.allowedParents = allowedParents;
  fs.writeFileSync(file, JSON.stringify(config));
  return dir;
}

/**
 * Registers before/after hooks; returns {app, partner, browser, tmp, site(dir, opts), open(label, url)}
 * once before() ran. `pages` ({name: html}) are written beside the partner example (index.html);
 * EXAMPLE_APP_ORIGIN in any served page becomes the app's origin.
 */
export function usePartnerSuite({ pages = {}, serverArgs = ['--ice-servers', '[]'] } = {}) {
  const suite = { app: null, partner: null, browser: null, tmp: null, sites: [], clients: [] };
  /** Serves `dir` on a new loopback origin (plain headers, no NovaTalk CSP). */
  suite.site = async (dir) => {
    const s = await servePartnerSite({ dir, rewrite: (name, text) => text.split(EXAMPLE_APP_ORIGIN).join(suite.app.origin) });
    suite.sites.push(s);
    return s;
  };
  /**
   * Opens `url` in a fresh context (camera allowed, age gate accepted in every frame).
   * `setup(context)` runs before the page loads (routes, more init scripts).
   */
  suite.open = async (label, url, { setup } = {}) => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['camera', 'microphone']).catch(() => {});
    // Runs in every frame, the app's cross-origin iframe too (its storage is partitioned).
    await context.addInitScript(() => { try { localStorage.setItem('novatalk.adult', '1'); } catch { /* none */ } });
    // What reaches the partner's window from NovaTalk, before and beside embed.js.
    await context.addInitScript(() => {
      window.__novatalkEvents = [];
      window.addEventListener('message', (e) => {
        const d = e.data;
        if (!d || typeof d !== 'object' || d.source !== 'novatalk') return;
        window.__novatalkEvents.push({ ...JSON.parse(JSON.stringify(d)), _origin: e.origin, _t: Date.now() });
      });
    });
    if (setup) await setup(context);
    const page = await context.newPage();
    const client = new Client(label, context, page);
    client.url = url;
    suite.clients.push(client);
    await page.goto(url, { waitUntil: 'load' });
    return client;
  };
  suite.closeAll = async () => {
    for (const c of suite.clients.splice(0)) await c.close().catch(() => {});
  };
  before(async () => {
    if (missingPrerequisite() && !process.env.NOVATALK_REQUIRE) return;
    const why = missingPrerequisite();
    if (why) throw new Error(why);
    suite.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'novatalk-embed-'));
    const partnerDir = path.join(suite.tmp, 'partner');
    fs.mkdirSync(partnerDir);
    // Not part of the shipped site: it is the partner's page.
    fs.copyFileSync(path.join(repoRoot, 'web/partner-example.html'), path.join(partnerDir, 'index.html'));
    for (const [name, html] of Object.entries(pages)) fs.writeFileSync(path.join(partnerDir, name), html);
    suite.partner = await suite.site(partnerDir);
    suite.app = new NovaServer({ www: siteCopy(path.join(suite.tmp, 'www'), [suite.partner.origin]), args: serverArgs });
    await suite.app.start();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    for (const c of suite.clients) await c.close().catch(() => {});
    await suite.browser?.close().catch(() => {});
    await suite.app?.stop();
    for (const s of suite.sites) await s.close().catch(() => {});
    if (suite.tmp) fs.rmSync(suite.tmp, { recursive: true, force: true });
  });
  return suite;
}
