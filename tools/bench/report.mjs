// The readable tables and the one JSON line of tools/bench/client.mjs (stdout; the JSON line is
// last, so `tail -1` gives it to a script).

const kb = (n) => (n / 1000).toFixed(1);
const pad = (s, n) => String(s ?? '-').padEnd(n);
const padL = (s, n) => String(s ?? '-').padStart(n);

function bundleTable(name, bundle) {
  const lines = [`${name}: bundle (KB = 1000 bytes)`,
    `  ${pad('file', 44)}${padL('raw', 9)}${padL('gzip', 9)}${padL('brotli', 9)}  load`];
  for (const f of bundle.files) {
    lines.push(`  ${pad(f.file, 44)}${padL(kb(f.raw), 9)}${padL(kb(f.gzip), 9)}${padL(kb(f.brotli), 9)}  ${f.load}`);
  }
  const row = (label, t) => `  ${pad(label, 44)}${padL(kb(t.raw), 9)}${padL(kb(t.gzip), 9)}${padL(kb(t.brotli), 9)}`;
  lines.push(row('first load (all)', bundle.first), row('first load JS + wasm', bundle.firstScripts),
    row('after the first frame (fonts)', bundle.later));
  return lines.join('\n');
}

export function printReport(result) {
  const names = Object.keys(result.variants);
  const v = result.variants;
  const out = [];
  for (const n of names) out.push(bundleTable(n, v[n].bundle), '');
  const rows = [
    ['ready (ms after navigation)', (x) => x.landing.ready_ms],
    ['matched -> connected (ms)', (x) => x.call.matched_to_connected_ms],
    ['matched -> first remote frame (ms)', (x) => x.call.matched_to_first_frame_ms],
    ['landing idle: page main thread (% core)', (x) => x.landing.cpu.page],
    ['landing idle: renderer process (% core)', (x) => x.landing.cpu.renderer],
    ['landing idle: GPU process (% core)', (x) => x.landing.cpu.gpu],
    ['landing idle: frames drawn / s', (x) => x.landing.frame?.frames_per_s],
    ['landing idle: wasm ms per frame', (x) => x.landing.frame?.ms_per_frame],
    ['text-mode landing idle: page (% core)', (x) => x.landing_text.cpu.page],
    ['text-mode landing idle: renderer (% core)', (x) => x.landing_text.cpu.renderer],
    ['text-mode landing idle: frames drawn / s', (x) => x.landing_text.frame?.frames_per_s],
    ['call: page main thread (% core, per page)', (x) => x.call.cpu.page],
    ['call: renderer process (% core, per page)', (x) => x.call.cpu.renderer],
    ['call: GPU process (% core, per page)', (x) => x.call.cpu.gpu],
    ['call: frames drawn / s', (x) => x.call.frame?.frames_per_s],
    ['call: wasm ms per frame', (x) => x.call.frame?.ms_per_frame],
  ];
  out.push(`medians of ${result.runs} run(s), CPU over ${result.seconds} s windows, ${result.cpus} cores`);
  out.push(`  ${pad('', 44)}${names.map((n) => padL(n, 10)).join('')}`);
  for (const [label, get] of rows) {
    out.push(`  ${pad(label, 44)}${names.map((n) => padL(get(v[n]), 10)).join('')}`);
  }
  process.stdout.write(`${out.join('\n')}\n${JSON.stringify(result)}\n`);
}
