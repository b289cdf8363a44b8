// `partner`: the page's URL parameter `partner` reaches the server in `join` and is counted per
// partner at GET /metrics (docs/server.md, "Metrics"). Visitors of different partners still share
// one pool, and an id the protocol refuses is dropped by the page (the chat works, it counts for
// no partner).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, withDiagnostics, ms } from './lib/index.mjs';

const suite = useSuite();

test('partner ids from the URL are counted per partner; partners share the pool', { skip: skipReason }, async () => {
  const a = await suite.open('A', { params: { partner: 'shop.example' } });
  const b = await suite.open('B', { params: { partner: 'Not A Valid Id' } });
  await withDiagnostics([a, b], async () => {
    // One pool: the two partners' visitors meet each other.
    await Promise.all([a, b].map((c) => c.waitForEvent('matched', undefined, { timeoutMs: ms(60000), failOn: ['error'] })));
    const res = await fetch(`${suite.server.origin}/metrics`);
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.match(text, /^novatalk_online 2$/m, text);
    assert.match(text, /^novatalk_partner_online\{partner="shop\.example"\} 1$/m, text);
    assert.equal((text.match(/^novatalk_partner_online\{/gm) ?? []).length, 1, `only shop.example is a partner:\n${text}`);
    const log = suite.server.stderrText;
    assert.match(log, /event=join id=\d+ mode=video interests=0 partner=shop\.example/, log);
    assert.match(log, /event=join id=\d+ mode=video interests=0 partner=none/, log);
    assert.doesNotMatch(log, /Not A Valid Id|client_error/, log);
  });
});
