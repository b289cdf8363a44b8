// Reads what the UI-font test needs from a TrueType file: the sfnt version, the table tags, and the
// code points of its Unicode cmap (formats 4 and 12). Throws on a file too short for what it says.

/** @returns {{version:number, tables:Map<string,{offset:number,length:number}>, codePoints:Set<number>}} */
export function readTrueType(bytes) {
  const buf = Buffer.from(bytes);
  const need = (end, what) => {
    if (end > buf.length) throw new Error(`truncated font: ${what} ends at ${end}, file has ${buf.length} bytes`);
  };
  need(12, 'offset table');
  const version = buf.readUInt32BE(0);
  const numTables = buf.readUInt16BE(4);
  need(12 + 16 * numTables, 'table directory');
  const tables = new Map();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const tag = buf.toString('latin1', at, at + 4);
    const offset = buf.readUInt32BE(at + 8), length = buf.readUInt32BE(at + 12);
    need(offset + length, `table ${tag}`);
    tables.set(tag, { offset, length });
  }
  return { version, tables, codePoints: tables.has('cmap') ? cmapCodePoints(buf, tables.get('cmap').offset) : new Set() };
}

// The union of the Unicode subtables (platform 0, or 3 with encoding 1 or 10).
function cmapCodePoints(buf, cmap) {
  const out = new Set();
  const count = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < count; i++) {
    const platform = buf.readUInt16BE(cmap + 4 + 8 * i), encoding = buf.readUInt16BE(cmap + 6 + 8 * i);
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const sub = cmap + buf.readUInt32BE(cmap + 8 + 8 * i);
    const format = buf.readUInt16BE(sub);
    if (format === 4) readFormat4(buf, sub, out);
    else if (format === 12) readFormat12(buf, sub, out);
  }
  return out;
}

// Segments of (end, start, delta, rangeOffset); a code point maps if its glyph id is not 0.
function readFormat4(buf, sub, out) {
  const segs = buf.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14, starts = ends + 2 * segs + 2, deltas = starts + 2 * segs, offsets = deltas + 2 * segs;
  for (let s = 0; s < segs; s++) {
    const end = buf.readUInt16BE(ends + 2 * s), start = buf.readUInt16BE(starts + 2 * s);
    const delta = buf.readInt16BE(deltas + 2 * s), rangeOffset = buf.readUInt16BE(offsets + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = buf.readUInt16BE(offsets + 2 * s + rangeOffset + 2 * (c - start));
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(c);
    }
  }
}

function readFormat12(buf, sub, out) {
  const groups = buf.readUInt32BE(sub + 12);
  for (let i = 0; i < groups; i++) {
    const at = sub + 16 + 12 * i;
    const start = buf.readUInt32BE(at), end = buf.readUInt32BE(at + 4), glyph = buf.readUInt32BE(at + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) out.add(c);
  }
}

/** The `0xAAAA, 0xBBBB,` range lines of wasm/font_ranges.hpp, as [first, last] pairs. */
export function parseGlyphRanges(headerText) {
  return [...headerText.matchAll(/^\s*0x([0-9A-Fa-f]+),\s*0x([0-9A-Fa-f]+),/gm)]
    .map((m) => [parseInt(m[1], 16), parseInt(m[2], 16)]);
}
