// Prints the benchmark's side-by-side table from the JSON lines bench.sh saved in a folder:
// NovaTalk, the Node.js + ws reference, how many times better NovaTalk is, and NovaTalk on two
// nodes with Redis.   node compare.mjs out/bench/<time>
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
function load(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'));
  } catch {
    return null;
  }
}
const runs = {};
for (const kind of ['novatalk', 'node']) {
  for (const name of ['idle', 'idle-joined', 'setups', 'relay']) runs[`${kind}-${name}`] = load(`${kind}-${name}`);
}
runs['redis-setups'] = load('redis-setups');
runs['redis-relay'] = load('redis-relay');

const get = (run, keys) => keys.split('.').reduce((v, k) => (v == null ? undefined : v[k]), run);
const fmt = (v) => (v == null ? '-' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(v >= 100 ? 0 : 1)) : String(v));

// [label, run name, field, better: 'higher' | 'lower' | null]
const rows = [
  ['idle: connections held', 'idle', 'held', null],
  ['idle: server RSS per connection (B)', 'idle', 'server.rss_per_conn_bytes', 'lower'],
  ['idle in a call: RSS per connection (B)', 'idle-joined', 'server.rss_per_conn_bytes', 'lower'],
  ['idle: kernel TCP buffers/conn, both ends (B)', 'idle', 'kernel.tcp_mem_per_conn_bytes_both_ends', null],
  ['idle: kernel slab/conn, both ends (B)', 'idle', 'kernel.slab_per_conn_bytes_both_ends', null],
  ['idle: errors', 'idle', 'errors', null],
  ['setups per second', 'setups', 'setups_per_s', 'higher'],
  ['setups per server CPU-second', 'setups', 'server.setups_per_cpu_second', 'higher'],
  ['setups: server CPU share', 'setups', 'server.cpu_share', null],
  ['join->matched p50 (us)', 'setups', 'join_matched_us.p50', 'lower'],
  ['join->matched p99 (us)', 'setups', 'join_matched_us.p99', 'lower'],
  ['join->matched p99.9 (us)', 'setups', 'join_matched_us.p999', 'lower'],
  ['setups: errors', 'setups', 'errors', null],
  ['relay: messages received', 'relay', 'received', null],
  ['relay p50 (us)', 'relay', 'latency_us.p50', 'lower'],
  ['relay p99 (us)', 'relay', 'latency_us.p99', 'lower'],
  ['relay p99.9 (us)', 'relay', 'latency_us.p999', 'lower'],
  ['relay max (us)', 'relay', 'latency_us.max', 'lower'],
  ['relay: server CPU share', 'relay', 'server.cpu_share', 'lower'],
  ['relay: errors + lost', 'relay', null, null],
];

const value = (run, field) => (field ? get(run, field) : run ? run.errors + run.lost : undefined);
const out = [];
out.push(`${'metric'.padEnd(42)}${'NovaTalk'.padStart(12)}${'Node ws'.padStart(12)}${'NovaTalk is'.padStart(16)}${'2 nodes+Redis'.padStart(15)}`);
for (const [label, name, field, better] of rows) {
  const a = value(runs[`novatalk-${name}`], field);
  const b = value(runs[`node-${name}`], field);
  const redisRun = runs[`redis-${name}`];
  const r = redisRun ? value(redisRun, field) : undefined;
  let ratio = '';
  if (better && typeof a === 'number' && typeof b === 'number' && a > 0 && b > 0) {
    const x = better === 'higher' ? a / b : b / a;
    ratio = x >= 1 ? `${x.toFixed(1)}x better` : `${(1 / x).toFixed(1)}x worse`;
  }
  out.push(`${label.padEnd(42)}${fmt(a).padStart(12)}${fmt(b).padStart(12)}${ratio.padStart(16)}${fmt(r).padStart(15)}`);
}
console.log(out.join('\n'));
