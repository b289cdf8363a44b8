// Waits shared by the tests: what "in a call" means as seen through the page's events.
import assert from 'node:assert/strict';
import { ms } from './env.mjs';

export const CANDIDATE_TYPES = ['host', 'srflx', 'prflx', 'relay'];

/**
 * Waits for two stats events (after `since`) with framesDecoded > 0 and growing, i.e. the
 * stranger's video is being decoded. Returns [first, second].
 */
export async function waitForFramesGrowing(client, { since = 0, timeoutMs = ms(45000) } = {}) {
  const first = await client.waitForEvent('stats', (e) => Number(e.framesDecoded) > 0, { since, timeoutMs });
  const second = await client.waitForEvent('stats', (e) => Number(e.framesDecoded) > Number(first.framesDecoded),
    { since: first._index + 1, timeoutMs });
  return [first, second];
}

/**
 * A page's whole way into a call from `since`: matched, connected, video decoded.
 * Returns {matched, connected, stats}.
 */
export async function waitForCall(client, { since = 0, timeoutMs = ms(45000) } = {}) {
  const matched = await client.waitForEvent('matched', undefined, { since, timeoutMs });
  const connected = await client.waitForEvent('connected', undefined, { since: matched._index + 1, timeoutMs });
  const stats = await waitForFramesGrowing(client, { since: connected._index + 1, timeoutMs });
  for (const s of stats) {
    assert.ok(CANDIDATE_TYPES.includes(s.candidateType),
      `${client.label}: stats.candidateType ${JSON.stringify(s.candidateType)} is not one of ${CANDIDATE_TYPES.join('/')}: ${JSON.stringify(s)}`);
  }
  return { matched, connected, stats };
}

/** Roles are optional in the matched event; when present, exactly one side is the initiator. */
export function assertOneInitiator(...matchedEvents) {
  const roles = matchedEvents.map((e) => e.role);
  if (roles.every((r) => r === undefined)) return false;
  assert.ok(roles.every((r) => r === 'initiator' || r === 'responder'),
    `matched.role must be "initiator" or "responder" on both sides, got ${JSON.stringify(roles)}`);
  assert.equal(roles.filter((r) => r === 'initiator').length, 1,
    `exactly one side must be the initiator, got ${JSON.stringify(roles)}`);
  return true;
}

/** Runs fn(), and on failure appends every client's events and console to the error. */
export async function withDiagnostics(clients, fn, server) {
  try {
    return await fn();
  } catch (e) {
    await Promise.all(clients.filter(Boolean).map((c) => c.events().catch(() => {})));
    const extra = clients.filter(Boolean).map((c) => c.describe()).join('\n');
    const srv = server ? `\n  server stderr (last 40 lines):\n${server.stderrText.trimEnd().split('\n').slice(-40).map((l) => '    ' + l).join('\n')}` : '';
    e.message += `\n--- diagnostics ---\n${extra}${srv}`;
    throw e;
  }
}
