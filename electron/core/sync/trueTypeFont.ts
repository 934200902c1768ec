/**
 * A TrueType font read for the certificate PDF (certificatePdf.ts): which glyph shows a character,
 * how wide it is, and a subset of the font holding only the glyphs a page uses, to embed as a
 * PDF FontFile2 (ISO 32000-1 §9.9). Only what that needs is read: the tables of the OpenType spec
 * (`head`, `hhea`, `maxp`, `hmtx`, `cmap` formats 4 and 12, `loca`, `glyf`, `OS/2`, `post`,
 * `name`). A font with PostScript outlines (CFF), a collection, or one whose licence forbids
 * embedding is refused: the PDF then falls back to the standard font.
 *
 * The subset keeps every glyph id (a glyph not used is left empty), so the PDF's CIDs are the
 * font's glyph ids (`/CIDToGIDMap /Identity`); a composite glyph (most Vietnamese letters with two
 * marks are made of a base letter and its marks) keeps the glyphs it is made of.
 */
import { concatBytes } from '../../../shared/crypto/bytes.js';

export interface TrueTypeFont {
  /** The PostScript name (name id 6), e.g. "DejaVuSans". */
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly bbox: readonly [number, number, number, number];
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly italicAngle: number;
  readonly numGlyphs: number;
  /** The glyph of a Unicode code point; 0 (.notdef) when the font has none. */
  glyphOf(codePoint: number): number;
  /** A glyph's advance width, in font units. */
  advance(glyph: number): number;
  /** The font with only `glyphs` (and .notdef and the parts of composites) drawn: glyph ids kept. */
  subset(glyphs: Iterable<number>): Uint8Array;
}

export class FontError extends Error {}

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

/** Tables the subset carries: the outlines and metrics, and the hinting programs that go with them. */
const SUBSET_TABLES = ['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'];

// Composite glyph flags (OpenType `glyf`).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** OS/2 fsType: restricted licence embedding (bit 1), and bitmap-only embedding (bit 9). */
const FS_TYPE_RESTRICTED = 0x0002;
const FS_TYPE_BITMAP_ONLY = 0x0200;

export function parseTrueType(bytes: Uint8Array): TrueTypeFont {
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, n: number, what: string): void => {
    if (at < 0 || at + n > bytes.length) throw new FontError(`font file cut short in ${what}`);
  };
  need(0, 12, 'the table directory');
  const version = data.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) {
    throw new FontError(version === 0x4f54544f ? 'a font with PostScript (CFF) outlines, not TrueType' : 'not a TrueType font');
  }
  const numTables = data.getUint16(4);
  need(12, numTables * 16, 'the table directory');
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    const offset = data.getUint32(at + 8);
    const length = data.getUint32(at + 12);
    need(offset, length, `table ${tag}`);
    tables.set(tag, { tag, offset, length });
  }
  const table = (tag: string): TableRecord => {
    const t = tables.get(tag);
    if (t === undefined) throw new FontError(`the font has no ${tag} table`);
    return t;
  };

  const head = table('head');
  const unitsPerEm = data.getUint16(head.offset + 18);
  const bbox = [data.getInt16(head.offset + 36), data.getInt16(head.offset + 38), data.getInt16(head.offset + 40), data.getInt16(head.offset + 42)] as const;
  const longLoca = data.getInt16(head.offset + 50) === 1;
  const hhea = table('hhea');
  const numberOfHMetrics = data.getUint16(hhea.offset + 34);
  const numGlyphs = data.getUint16(table('maxp').offset + 4);
  if (numberOfHMetrics === 0 || numberOfHMetrics > numGlyphs) throw new FontError('the font has no usable horizontal metrics');
  const hmtx = table('hmtx');
  need(hmtx.offset, numberOfHMetrics * 4, 'hmtx');

  const os2 = tables.get('OS/2');
  if (os2 !== undefined) {
    const fsType = data.getUint16(os2.offset + 8);
    if ((fsType & 0x000f) === FS_TYPE_RESTRICTED || (fsType & FS_TYPE_BITMAP_ONLY) !== 0) throw new FontError('the font’s licence does not allow embedding');
  }
  const ascent = os2 !== undefined ? data.getInt16(os2.offset + 68) : data.getInt16(hhea.offset + 4);
  const descent = os2 !== undefined ? data.getInt16(os2.offset + 70) : data.getInt16(hhea.offset + 6);
  const capHeight = os2 !== undefined && data.getUint16(os2.offset) >= 2 && os2.length >= 90 ? data.getInt16(os2.offset + 88) : ascent;
  const post = tables.get('post');
  const italicAngle = post !== undefined ? data.getInt32(post.offset + 4) / 65536 : 0;

  const loca = table('loca');
  need(loca.offset, (numGlyphs + 1) * (longLoca ? 4 : 2), 'loca');
  const glyf = table('glyf');
  const glyphRange = (g: number): [number, number] => {
    const start = longLoca ? data.getUint32(loca.offset + g * 4) : data.getUint16(loca.offset + g * 2) * 2;
    const end = longLoca ? data.getUint32(loca.offset + g * 4 + 4) : data.getUint16(loca.offset + g * 2 + 2) * 2;
    if (end < start || end > glyf.length) throw new FontError(`glyph ${g} lies outside the glyf table`);
    return [glyf.offset + start, glyf.offset + end];
  };

  const lookup = readCmap(bytes, data, table('cmap'));

  return {
    postscriptName: readPostscriptName(bytes, data, tables.get('name')) ?? 'Font',
    unitsPerEm,
    bbox,
    ascent,
    descent,
    capHeight,
    italicAngle,
    numGlyphs,
    glyphOf: (cp) => {
      const g = lookup(cp);
      return g < numGlyphs ? g : 0;
    },
    advance: (g) => data.getUint16(hmtx.offset + Math.min(g, numberOfHMetrics - 1) * 4),
    subset(glyphs) {
      const keep = new Set<number>();
      const pending = [0, ...[...glyphs].filter((g) => Number.isInteger(g) && g >= 0 && g < numGlyphs)];
      while (pending.length > 0) {
        const g = pending.pop()!;
        if (keep.has(g)) continue;
        keep.add(g);
        for (const part of componentsOf(data, ...glyphRange(g))) if (!keep.has(part) && part < numGlyphs) pending.push(part);
      }
      // The glyf table with only the kept glyphs' outlines, each at a 4-byte boundary; loca long.
      const pieces: Uint8Array[] = [];
      const newLoca = new Uint8Array((numGlyphs + 1) * 4);
      const locaView = new DataView(newLoca.buffer);
      let at = 0;
      for (let g = 0; g < numGlyphs; g++) {
        locaView.setUint32(g * 4, at);
        if (!keep.has(g)) continue;
        const [start, end] = glyphRange(g);
        const padded = (end - start + 3) & ~3;
        const piece = new Uint8Array(padded);
        piece.set(bytes.subarray(start, end));
        pieces.push(piece);
        at += padded;
      }
      locaView.setUint32(numGlyphs * 4, at);
      const newGlyf = concatBytes(...pieces);
      // A copy (a Node Buffer's slice would be a view of the font itself).
      const newHead = new Uint8Array(head.length);
      newHead.set(bytes.subarray(head.offset, head.offset + head.length));
      const headView = new DataView(newHead.buffer);
      headView.setUint32(8, 0); // checkSumAdjustment, set below
      headView.setInt16(50, 1); // indexToLocFormat: long offsets
      const out: [string, Uint8Array][] = [];
      for (const tag of SUBSET_TABLES) {
        if (tag === 'glyf') out.push([tag, newGlyf]);
        else if (tag === 'loca') out.push([tag, newLoca]);
        else if (tag === 'head') out.push([tag, newHead]);
        else {
          const t = tables.get(tag);
          if (t !== undefined) out.push([tag, bytes.subarray(t.offset, t.offset + t.length)]);
        }
      }
      return writeSfnt(out);
    },
  };
}

/** The glyphs a composite glyph is made of (none for a simple or empty glyph). */
function componentsOf(data: DataView, start: number, end: number): number[] {
  if (end - start < 10 || data.getInt16(start) >= 0) return [];
  const parts: number[] = [];
  let at = start + 10;
  for (;;) {
    if (at + 4 > end) throw new FontError('a composite glyph is cut short');
    const flags = data.getUint16(at);
    parts.push(data.getUint16(at + 2));
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) return parts;
  }
}

/** The code point → glyph lookup of the best Unicode subtable: format 12 (full range) before format 4 (BMP). */
function readCmap(bytes: Uint8Array, data: DataView, cmap: TableRecord): (cp: number) => number {
  const count = data.getUint16(cmap.offset + 2);
  let format4 = -1;
  let format12 = -1;
  for (let i = 0; i < count; i++) {
    const rec = cmap.offset + 4 + i * 8;
    const platform = data.getUint16(rec);
    const encoding = data.getUint16(rec + 2);
    const at = cmap.offset + data.getUint32(rec + 4);
    if (at + 2 > bytes.length) continue;
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = data.getUint16(at);
    if (format === 12 && format12 < 0) format12 = at;
    if (format === 4 && format4 < 0) format4 = at;
  }
  if (format12 >= 0) {
    const groups = data.getUint32(format12 + 12);
    if (format12 + 16 + groups * 12 > bytes.length) throw new FontError('the cmap table is cut short');
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = format12 + 16 + mid * 12;
        const first = data.getUint32(g);
        const last = data.getUint32(g + 4);
        if (cp < first) hi = mid - 1;
        else if (cp > last) lo = mid + 1;
        else return data.getUint32(g + 8) + (cp - first);
      }
      return 0;
    };
  }
  if (format4 < 0) throw new FontError('the font has no Unicode cmap');
  const segments = data.getUint16(format4 + 6) / 2;
  const ends = format4 + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  if (rangeOffsets + segments * 2 > bytes.length) throw new FontError('the cmap table is cut short');
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segments; s++) {
      if (cp > data.getUint16(ends + s * 2)) continue;
      const start = data.getUint16(starts + s * 2);
      if (cp < start) return 0;
      const delta = data.getInt16(deltas + s * 2);
      const rangeOffset = data.getUint16(rangeOffsets + s * 2);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const at = rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2;
      if (at + 2 > bytes.length) return 0;
      const g = data.getUint16(at);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}

/** Name id 6, from the Windows (UTF-16BE) or Macintosh (Roman) record. */
function readPostscriptName(bytes: Uint8Array, data: DataView, name: TableRecord | undefined): string | null {
  if (name === undefined) return null;
  const count = data.getUint16(name.offset + 2);
  const strings = name.offset + data.getUint16(name.offset + 4);
  for (let i = 0; i < count; i++) {
    const rec = name.offset + 6 + i * 12;
    if (data.getUint16(rec + 6) !== 6) continue;
    const platform = data.getUint16(rec);
    const length = data.getUint16(rec + 8);
    const at = strings + data.getUint16(rec + 10);
    if (at + length > bytes.length) continue;
    let text = '';
    if (platform === 3) for (let j = 0; j + 1 < length; j += 2) text += String.fromCharCode(data.getUint16(at + j));
    else for (let j = 0; j < length; j++) text += String.fromCharCode(bytes[at + j]!);
    // A PDF name: printable ASCII without delimiters (§7.3.5).
    const clean = text.replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '');
    if (clean !== '') return clean;
  }
  return null;
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/** An sfnt file of `tables` (tags in sorted order), with checksums and head's checkSumAdjustment. */
function writeSfnt(tables: readonly [string, Uint8Array][]): Uint8Array {
  const sorted = [...tables].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const n = sorted.length;
  const power = 2 ** Math.floor(Math.log2(n));
  let size = 12 + n * 16;
  const offsets = sorted.map(([, body]) => {
    const at = size;
    size += (body.length + 3) & ~3;
    return at;
  });
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, n);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, n * 16 - power * 16);
  let headAt = -1;
  sorted.forEach(([tag, body], i) => {
    const rec = 12 + i * 16;
    for (let j = 0; j < 4; j++) out[rec + j] = tag.charCodeAt(j);
    view.setUint32(rec + 4, checksum(body));
    view.setUint32(rec + 8, offsets[i]!);
    view.setUint32(rec + 12, body.length);
    out.set(body, offsets[i]!);
    if (tag === 'head') headAt = offsets[i]!;
  });
  if (headAt >= 0) view.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
