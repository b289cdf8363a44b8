// `csp`: the app works under the Content-Security-Policy the server sends (docs/cdn.md): two
// pages start, pair and connect by video, with zero `securitypolicyviolation` events (counted by
// an init script from the first moment) and no CSP complaint on the console. The policy has no
// 'unsafe-eval' and no 'unsafe-inline'. And the check can fail: the same page and header with an
// inline script, an inline style and an eval() report violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, waitForCall, withDiagnostics, ms } from './lib/index.mjs';

const suite = useSuite();

// Runs in the page before its scripts: every violation, as the page itself would report it.
function countViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI,
      source: e.sourceFile, line: e.lineNumber, sample: e.sample });
  });
}

/** The CSP the server sends with the app page (enforced, not Report-Only). */
async function serverPolicy() {
  const r = await fetch(`${suite.server.origin}/`);
  assert.equal(r.status, 200);
  const policy = r.headers.get('content-security-policy');
  assert.ok(policy, `no Content-Security-Policy header on /: ${JSON.stringify([...r.headers])}`);
  return policy;
}

/** The response's headers with `extra`, minus those that describe the encoded body (we send it decoded). */
function headersWith(response, extra) {
  const h = { ...response.headers(), ...extra };
  delete h['content-encoding'];
  delete h['content-length'];
  return h;
}

const cspConsole = (client) => client.logs.filter((l) => /Content Security Policy|Refused to/i.test(l));
const violations = (page) => page.evaluate(() => window.__cspViolations);

test('the policy needs neither unsafe-eval nor unsafe-inline', { skip: skipReason }, async (t) => {
  const policy = await serverPolicy();
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0])
    .map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"], `script-src in ${policy}`);
  assert.deepEqual(directives['style-src'], ["'self'"], `style-src in ${policy}`);
  assert.doesNotMatch(policy, /'unsafe-eval'|'unsafe-inline'|\*/, policy);
  t.diagnostic(policy);
});

test('two pages start, pair and connect under the CSP with no violation', { skip: skipReason }, async (t) => {
  const policy = await serverPolicy();
  const open = (label) => suite.open(label, { initScript: countViolations });
  const clients = [await open('a'), await open('b')];
  await withDiagnostics(clients, async () => {
    for (const c of clients) {
      await c.waitForEvent('ready', undefined, { timeoutMs: ms(60000) });
    }
    await Promise.all(clients.map((c) => waitForCall(c)));
    // The fonts come after the first frame (fetch: connect-src): wait for the atlas built with them.
    for (const c of clients) {
      const deadline = Date.now() + ms(30000);
      while (!c.logs.some((l) => /font atlas .*DejaVu/.test(l)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(c.logs.some((l) => /font atlas .*DejaVu/.test(l)), `${c.label}: the UI fonts did not load`);
    }
    for (const c of clients) {
      const header = await c.page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
      assert.equal(header, policy, `${c.label}: the page was not served with the server's CSP`);
      assert.deepEqual(await violations(c.page), [], `${c.label}: CSP violations`);
      assert.deepEqual(cspConsole(c), [], `${c.label}: CSP messages on the console`);
    }
  }, suite.server);
  await suite.closeAll();
});

test('the check can fail: an inline script, an inline style and eval() are reported', { skip: skipReason }, async (t) => {
  const policy = await serverPolicy();
  const context = await suite.browser.newContext();
  try {
    await context.addInitScript(countViolations);
    // The real page and the real header, with three things the policy forbids added.
    await context.route((url) => url.pathname === '/', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('</head>',
        '<script>window.inlineRan = true;</script><style>body{color:red}</style>' +
        '<script src="/eval-canary.js"></script></head>');
      await route.fulfill({ response, body: html,
        headers: headersWith(response, { 'content-security-policy': policy }) });
    });
    await context.route((url) => url.pathname === '/eval-canary.js', (route) => route.fulfill({
      contentType: 'text/javascript',
      body: 'try { window.evalRan = eval("1 + 1") === 2; } catch (e) { window.evalRan = false; }',
    }));
    const page = await context.newPage();
    await page.goto(`${suite.server.origin}/`, { waitUntil: 'load', timeout: ms(60000) });
    let seen = [];
    const deadline = Date.now() + ms(15000);
    while (Date.now() < deadline) {
      seen = await violations(page);
      if (['script-src-elem', 'style-src-elem', 'script-src'].every((d) => seen.some((v) => v.directive === d))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const directives = seen.map((v) => `${v.directive} ${v.blocked}`);
    assert.ok(seen.some((v) => v.directive === 'script-src-elem' && v.blocked === 'inline'), `inline script not reported: ${directives}`);
    assert.ok(seen.some((v) => v.directive === 'style-src-elem' && v.blocked === 'inline'), `inline style not reported: ${directives}`);
    assert.ok(seen.some((v) => v.directive === 'script-src' && v.blocked === 'eval'), `eval not reported: ${directives}`);
    assert.equal(await page.evaluate(() => window.inlineRan), undefined, 'the inline script ran');
    assert.equal(await page.evaluate(() => window.evalRan), false, 'eval ran');
    t.diagnostic(`reported: ${directives.join(', ')}`);
  } finally {
    await context.close();
  }
});
