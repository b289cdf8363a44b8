// CPU use of pages for tools/bench/client.mjs, two ways over the same window:
// - the page's own work: DevTools Performance.getMetrics TaskDuration (seconds the renderer's
//   main thread spent in tasks for this page: script, wasm, style, layout, paint, GL command
//   submission). It is what the page's code causes, whatever else runs on the machine.
// - the browser's processes: SystemInfo.getProcessInfo cpuTime per process type (renderer, GPU).
//   Also counts WebRTC's encoder/decoder threads and SwiftShader (software WebGL in the GPU
//   process), which a real GPU and hardware codecs would mostly take off the CPU.

async function taskSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => (metrics.find((m) => m.name === name) || { value: 0 }).value;
  return { task: get('TaskDuration'), stamp: get('Timestamp') };
}

async function processSeconds(browserCdp) {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  const by = { renderer: 0, gpu: 0, browser: 0, other: 0 };
  for (const p of processInfo) {
    const kind = p.type === 'renderer' ? 'renderer' : p.type === 'GPU' ? 'gpu'
      : p.type === 'browser' ? 'browser' : 'other';
    by[kind] += p.cpuTime;
  }
  return by;
}

/**
 * Runs `during(seconds)` (e.g. a sleep) and returns, as a percentage of one core over that
 * window: `page` (mean TaskDuration share of the given pages), and `renderer`, `gpu`, `browser`
 * (whole processes, divided by the number of pages).
 */
export async function measureCpu(browser, pages, seconds) {
  const browserCdp = await browser.newBrowserCDPSession();
  const cdps = [];
  for (const page of pages) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => cdp.send('Performance.enable'));
    cdps.push(cdp);
  }
  const before = await Promise.all(cdps.map(taskSeconds));
  const procBefore = await processSeconds(browserCdp);
  const wallStart = Date.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const after = await Promise.all(cdps.map(taskSeconds));
  const procAfter = await processSeconds(browserCdp);
  const wall = (Date.now() - wallStart) / 1000;
  const share = before.map((b, i) => (after[i].task - b.task) / (after[i].stamp - b.stamp || wall));
  const pct = (x) => Math.round(x * 1000) / 10;
  const perPage = (kind) => pct((procAfter[kind] - procBefore[kind]) / wall / pages.length);
  for (const cdp of cdps) await cdp.detach().catch(() => {});
  await browserCdp.detach().catch(() => {});
  return {
    page: pct(share.reduce((a, b) => a + b, 0) / share.length),
    renderer: perPage('renderer'),
    gpu: perPage('gpu'),
    browser: perPage('browser'),
  };
}
