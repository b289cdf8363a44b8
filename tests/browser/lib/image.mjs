// PNG analysis done by the browser itself: the PNG is loaded as an <img> into a 2D canvas of a
// blank page and read back with getImageData, so no image library is needed.

/**
 * @typedef {{x:number,y:number,width:number,height:number}} Rect
 * @typedef {{distinctColors:number, lumaMean:number, lumaStd:number, nonDarkFraction:number,
 *            dominantFraction:number, greenFraction:number, pixels:number, meanRgb:number[],
 *            minLuma:number, maxLuma:number}} Stats
 * greenFraction: share of clearly green pixels; Chromium's fake camera paints a green picture
 * (a moving "pacman" and a running clock on plain green), so its video is mostly green.
 * blueFraction: the same for blue, the colour of the camera made by y4m.mjs.
 */

// Runs inside the page.
async function analyzeInPage({ images, regions, grid }) {
  async function decode(b64) {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d', { willReadFrequently: true });
    g.drawImage(img, 0, 0);
    return g.getImageData(0, 0, c.width, c.height);
  }
  function stats(d, r) {
    const x0 = Math.max(0, Math.floor(r.x)), y0 = Math.max(0, Math.floor(r.y));
    const x1 = Math.min(d.width, Math.floor(r.x + r.width)), y1 = Math.min(d.height, Math.floor(r.y + r.height));
    const counts = new Map();
    let n = 0, sum = 0, sum2 = 0, nonDark = 0, green = 0, blue = 0, sr = 0, sg = 0, sb = 0;
    let minLuma = 255, maxLuma = 0;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * d.width + x) * 4;
        const R = d.data[i], G = d.data[i + 1], B = d.data[i + 2];
        const key = (R << 16) | (G << 8) | B;
        counts.set(key, (counts.get(key) || 0) + 1);
        const l = 0.2126 * R + 0.7152 * G + 0.0722 * B;
        sum += l; sum2 += l * l; n++;
        sr += R; sg += G; sb += B;
        minLuma = Math.min(minLuma, l); maxLuma = Math.max(maxLuma, l);
        if (l > 24) nonDark++;
        if (G > R + 40 && G > B + 40) green++;
        if (B > R + 40 && B > G + 40) blue++;
      }
    }
    let dominant = 0;
    for (const v of counts.values()) dominant = Math.max(dominant, v);
    const mean = n ? sum / n : 0;
    return {
      pixels: n, distinctColors: counts.size, lumaMean: mean,
      lumaStd: n ? Math.sqrt(Math.max(0, sum2 / n - mean * mean)) : 0,
      meanRgb: n ? [sr / n, sg / n, sb / n] : [0, 0, 0], minLuma, maxLuma,
      nonDarkFraction: n ? nonDark / n : 0, greenFraction: n ? green / n : 0, blueFraction: n ? blue / n : 0, dominantFraction: n ? dominant / n : 0,
    };
  }
  function meanAbsDiff(a, b, r) {
    const x0 = Math.floor(r.x), y0 = Math.floor(r.y), x1 = Math.floor(r.x + r.width), y1 = Math.floor(r.y + r.height);
    let s = 0, n = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
      const i = (y * a.width + x) * 4;
      s += Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]);
      n++;
    }
    return n ? s / (3 * n) : 0;
  }
  const decoded = [];
  for (const b64 of images) decoded.push(await decode(b64));
  const first = decoded[0];
  const out = {
    width: first.width, height: first.height,
    whole: stats(first, { x: 0, y: 0, width: first.width, height: first.height }),
    regions: (regions || []).map((r) => stats(first, r)),
  };
  if (grid) {
    const [cols, rows] = grid;
    const cw = first.width / cols, ch = first.height / rows;
    out.cells = [];
    for (let row = 0; row < rows; row++) for (let col = 0; col < cols; col++) {
      const r = { x: col * cw, y: row * ch, width: cw, height: ch };
      const cell = { col, row, rect: r, ...stats(first, r) };
      if (decoded.length > 1 && decoded[1].width === first.width && decoded[1].height === first.height) {
        cell.diff = meanAbsDiff(first, decoded[1], r);
      }
      out.cells.push(cell);
    }
  }
  return out;
}

/**
 * Decodes one PNG (or two same-sized ones, to find what moved between them) in a blank page.
 * @param {import('playwright-core').Browser} browser
 * @param {Buffer|Buffer[]} pngs
 * @param {{regions?: Rect[], grid?: [number, number]}} [opts]
 */
export async function analyzePng(browser, pngs, { regions = [], grid } = {}) {
  const list = Array.isArray(pngs) ? pngs : [pngs];
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent('<!doctype html><title>png analysis</title>');
    return await page.evaluate(analyzeInPage, { images: list.map((b) => b.toString('base64')), regions, grid });
  } finally {
    await context.close();
  }
}

/** The bounding box of the grid cells whose content changed by more than `threshold`. */
export function movingBox(cells, threshold = 2) {
  const moving = cells.filter((c) => (c.diff ?? 0) > threshold);
  if (!moving.length) return null;
  const x0 = Math.min(...moving.map((c) => c.rect.x)), y0 = Math.min(...moving.map((c) => c.rect.y));
  const x1 = Math.max(...moving.map((c) => c.rect.x + c.rect.width)), y1 = Math.max(...moving.map((c) => c.rect.y + c.rect.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0, cells: moving.length };
}

/** Human-readable one-liner of a Stats. */
export const fmtStats = (s) =>
  `${s.distinctColors} colours, luma ${s.lumaMean.toFixed(1)}±${s.lumaStd.toFixed(1)}, ` +
  `${(100 * s.nonDarkFraction).toFixed(0)}% non-dark, ${(100 * s.greenFraction).toFixed(0)}% green, ${(100 * s.blueFraction).toFixed(0)}% blue, dominant colour ${(100 * s.dominantFraction).toFixed(0)}%`;

/**
 * Throws unless the stats look like a picture: not black, not one colour. The defaults fit the
 * fake camera's frame (plain green with a pacman and a clock: a few dozen colours after the
 * codec, one of them covering ~85%); a black or single-colour region fails them all.
 */
export function assertNotBlank(s, what, { minColors = 16, minStd = 4, maxDominant = 0.97, minNonDark = 0.5 } = {}) {
  const problems = [];
  if (s.nonDarkFraction < minNonDark) problems.push(`${(100 * s.nonDarkFraction).toFixed(0)}% non-dark pixels (< ${100 * minNonDark}%)`);
  if (s.distinctColors < minColors) problems.push(`only ${s.distinctColors} distinct colours (< ${minColors})`);
  if (s.lumaStd < minStd) problems.push(`luma std ${s.lumaStd.toFixed(1)} (< ${minStd})`);
  if (s.dominantFraction > maxDominant) problems.push(`one colour covers ${(100 * s.dominantFraction).toFixed(0)}% (> ${100 * maxDominant}%)`);
  if (problems.length) throw new Error(`${what} looks blank: ${problems.join('; ')} [${fmtStats(s)}]`);
}

/**
 * Groups the grid cells for which `pred(cell)` holds into 4-connected (or, with diagonal, 8-connected) components, largest first;
 * each with its bounding box and its cells.
 */
export function components(cells, pred, { diagonal = false } = {}) {
  const key = (c, r) => `${c},${r}`;
  const chosen = new Map(cells.filter(pred).map((c) => [key(c.col, c.row), c]));
  const done = new Set();
  const comps = [];
  for (const [k, start] of chosen) {
    if (done.has(k)) continue;
    const members = [];
    const stack = [start];
    done.add(k);
    while (stack.length) {
      const cur = stack.pop();
      members.push(cur);
      for (let dc = -1; dc <= 1; dc++) for (let dr = -1; dr <= 1; dr++) {
        if (!diagonal && dc && dr) continue;
        const nk = key(cur.col + dc, cur.row + dr);
        if (chosen.has(nk) && !done.has(nk)) { done.add(nk); stack.push(chosen.get(nk)); }
      }
    }
    const x0 = Math.min(...members.map((c) => c.rect.x)), y0 = Math.min(...members.map((c) => c.rect.y));
    const x1 = Math.max(...members.map((c) => c.rect.x + c.rect.width)), y1 = Math.max(...members.map((c) => c.rect.y + c.rect.height));
    comps.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0, cells: members.length, members });
  }
  return comps.sort((a, b) => b.cells - a.cells);
}

/** Areas that changed between the two screenshots by more than `threshold` (mean abs, 0..255). */
export const movingComponents = (cells, threshold = 2) => components(cells, (c) => (c.diff ?? 0) > threshold, { diagonal: true });

/**
 * Areas showing Chromium's fake camera: mostly green cells. The whole video rectangle is one such
 * area (its background is plain green), however little of it moves.
 */
export const fakeCameraComponents = (cells, minGreen = 0.8) => components(cells, (c) => c.greenFraction >= minGreen);

/** Areas showing the blue camera of y4m.mjs. */
export const blueCameraComponents = (cells, minBlue = 0.8) => components(cells, (c) => c.blueFraction >= minBlue);

/** Drops the member cells, for printing. */
export const box = ({ members, ...rest }) => rest;
