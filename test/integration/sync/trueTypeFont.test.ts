// The station's TrueType reader and subsetter (electron/core/sync/trueTypeFont.ts), checked
// against fontTools (Debian's python3-fonttools, test/fixtures/fontOracle.py) on the fonts the
// certificate PDF embeds: the same glyph for every character, the same widths, and a subset that
// fontTools opens with its checksums checked, each glyph kept drawn exactly as in the font.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FontError, parseTrueType } from '../../../electron/core/sync/trueTypeFont.js';

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const ORACLE = 'test/fixtures/fontOracle.py';
const dir = mkdtempSync(join(tmpdir(), 'station-ttf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Oracle {
  numGlyphs: number;
  unitsPerEm: number;
  cmap: Record<string, number>;
  advances: number[];
  subset?: { numGlyphs: number; drawn: Record<string, { contours: number; same: boolean; components: number[] }> };
}

/** Debian's Python, where python3-fonttools is (a python3 earlier on PATH may lack it). */
function oracle(font: string, subset?: string): Oracle {
  const r = spawnSync('/usr/bin/python3', [ORACLE, font, ...(subset !== undefined ? [subset] : [])], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`fontOracle.py failed: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout) as Oracle;
}

describe.each(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'])('%s, read as fontTools reads it', (name) => {
  const path = join(FONT_DIR, name);
  const bytes = readFileSync(path);
  const font = parseTrueType(bytes);
  const truth = oracle(path);
  const mapped = Object.keys(truth.cmap).map(Number);
  // The glyphs with an outline in the font itself (a space has none): the whole font read as a "subset".
  const outlined = new Set(Object.keys(oracle(path, path).subset!.drawn).map(Number));

  it('the same glyph for every character the font maps, and none for those it does not', () => {
    expect([font.numGlyphs, font.unitsPerEm]).toEqual([truth.numGlyphs, truth.unitsPerEm]);
    expect(mapped.length).toBeGreaterThan(5000);
    const wrong = mapped.filter((cp) => font.glyphOf(cp) !== truth.cmap[cp]);
    expect(wrong).toEqual([]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x10ffff }), (cp) => {
        expect(font.glyphOf(cp)).toBe(truth.cmap[cp] ?? 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('read through its BMP table alone (cmap format 4, the full-range format 12 records hidden), the same glyphs', () => {
    const bmpOnly = Buffer.from(bytes);
    const tables = bmpOnly.readUInt16BE(4);
    for (let i = 0; i < tables; i++) {
      const at = 12 + i * 16;
      if (bmpOnly.toString('latin1', at, at + 4) !== 'cmap') continue;
      const cmap = bmpOnly.readUInt32BE(at + 8);
      for (let r = 0; r < bmpOnly.readUInt16BE(cmap + 2); r++) {
        const rec = cmap + 4 + r * 8;
        // A format-12 record becomes one of platform 2 (ISO, deprecated), which no reader takes as Unicode.
        if (bmpOnly.readUInt16BE(cmap + bmpOnly.readUInt32BE(rec + 4)) === 12) bmpOnly.writeUInt16BE(2, rec);
      }
    }
    const bmp = parseTrueType(bmpOnly);
    const wrong = mapped.filter((cp) => cp <= 0xffff && bmp.glyphOf(cp) !== truth.cmap[cp]);
    expect(wrong).toEqual([]);
    expect(mapped.filter((cp) => cp <= 0xffff).length).toBeGreaterThan(5000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (cp) => {
        expect(bmp.glyphOf(cp)).toBe(truth.cmap[cp] ?? 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('the same advance width for every glyph', () => {
    const advances = Array.from({ length: font.numGlyphs }, (_, g) => font.advance(g));
    expect(advances).toEqual(truth.advances);
  });

  it('property: a subset keeps every glyph id, draws the glyphs asked for and their parts exactly as the font does, and nothing else', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...mapped), { minLength: 1, maxLength: 60 }), (cps) => {
        const asked = cps.map((cp) => font.glyphOf(cp));
        const file = join(dir, `${name}-${run++}.ttf`);
        writeFileSync(file, font.subset(asked));
        const sub = oracle(path, file).subset!;
        expect(sub.numGlyphs).toBe(font.numGlyphs);
        const drawn = new Set(Object.keys(sub.drawn).map(Number));
        // Every glyph drawn is drawn as in the font; every part of a composite drawn is drawn too.
        for (const [g, d] of Object.entries(sub.drawn)) {
          expect(d.same, `glyph ${g}`).toBe(true);
          for (const part of d.components) expect(drawn.has(part), `part ${part} of ${g}`).toBe(true);
        }
        // Each glyph asked for that has an outline is drawn.
        for (const g of asked) expect(drawn.has(g) || !outlined.has(g), `glyph ${g}`).toBe(true);
        // Nothing else: each glyph drawn was asked for, is .notdef, or is a part of one drawn.
        const parts = new Set(Object.values(sub.drawn).flatMap((d) => d.components));
        for (const g of drawn) expect(asked.includes(g) || g === 0 || parts.has(g), `glyph ${g} drawn unasked`).toBe(true);
      }),
      { numRuns: 6 },
    );
  });
});

describe('a cmap format 4 that maps through its glyph id array (as Arial and many fonts do; DejaVu does not)', () => {
  it('reads each code point through idRangeOffset, with idDelta added to a glyph found there', () => {
    const font = Buffer.from(readFileSync(join(FONT_DIR, 'DejaVuSans.ttf')));
    const tables = font.readUInt16BE(4);
    let cmap = -1;
    for (let i = 0; i < tables; i++) if (font.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = font.readUInt32BE(20 + i * 16);
    // One (3,1) record; format 4 with two segments: 'A'..'E' through the array (idDelta 7), then 0xFFFF.
    const glyphs = [100, 0, 102, 103, 104];
    const sub = Buffer.alloc(14 + 2 * 2 * 4 + 2 + glyphs.length * 2);
    sub.writeUInt16BE(4, 0); // format
    sub.writeUInt16BE(sub.length, 2);
    sub.writeUInt16BE(4, 6); // segCountX2
    let at = 14;
    for (const end of [0x45, 0xffff]) (sub.writeUInt16BE(end, at), (at += 2));
    at += 2; // reservedPad
    for (const start of [0x41, 0xffff]) (sub.writeUInt16BE(start, at), (at += 2));
    for (const delta of [7, 1]) (sub.writeInt16BE(delta, at), (at += 2));
    // idRangeOffset of segment 0: from its own place to the glyph id array, after segment 1's entry.
    sub.writeUInt16BE(4, at);
    sub.writeUInt16BE(0, at + 2);
    at += 4;
    for (const g of glyphs) (sub.writeUInt16BE(g, at), (at += 2));
    font.writeUInt16BE(0, cmap);
    font.writeUInt16BE(1, cmap + 2);
    font.writeUInt16BE(3, cmap + 4);
    font.writeUInt16BE(1, cmap + 6);
    font.writeUInt32BE(12, cmap + 8);
    sub.copy(font, cmap + 12);
    const f = parseTrueType(font);
    expect([0x41, 0x42, 0x43, 0x44, 0x45].map((cp) => f.glyphOf(cp))).toEqual([107, 0, 109, 110, 111]);
    expect([0x40, 0x46, 0x1ea0].map((cp) => f.glyphOf(cp))).toEqual([0, 0, 0]);
  });
});

describe('fonts the reader refuses, so the PDF falls back to the standard font', () => {
  const dejaVu = readFileSync(join(FONT_DIR, 'DejaVuSans.ttf'));

  it('a font with PostScript outlines, a file that is no font, one cut short', () => {
    const cff = Buffer.from(dejaVu);
    cff.write('OTTO', 0, 'latin1');
    expect(() => parseTrueType(cff)).toThrow(/PostScript \(CFF\)/);
    expect(() => parseTrueType(Buffer.from('%PDF-1.4 not a font'))).toThrow(FontError);
    expect(() => parseTrueType(dejaVu.subarray(0, 200))).toThrow(FontError);
  });

  it('property: any cut of the font is refused with a FontError or read whole, never another error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: dejaVu.length - 1 }), (at) => {
        try {
          parseTrueType(dejaVu.subarray(0, at));
        } catch (err) {
          expect(err).toBeInstanceOf(FontError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a font whose licence forbids embedding (OS/2 fsType restricted)', () => {
    const restricted = Buffer.from(dejaVu);
    const tables = restricted.readUInt16BE(4);
    for (let i = 0; i < tables; i++) {
      const at = 12 + i * 16;
      if (restricted.toString('latin1', at, at + 4) === 'OS/2') restricted.writeUInt16BE(0x0002, restricted.readUInt32BE(at + 8) + 8);
    }
    expect(() => parseTrueType(restricted)).toThrow(/does not allow embedding/);
  });
});
