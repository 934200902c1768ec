/**
 * The two ways the certificate PDF (certificatePdf.ts) writes text:
 *
 * - **Embedded** (the usual one): DejaVu Sans and DejaVu Sans Bold, from the `dejavu-fonts-ttf`
 *   package, subset to the glyphs the page uses and embedded as Type 0 fonts (CIDFontType2,
 *   Identity-H, ISO 32000-1 §9.7) with a ToUnicode map, so Vietnamese is printed with all its
 *   marks and a reader copies or searches the text as written.
 * - **Standard**: Helvetica with WinAnsiEncoding, which every reader has but which has no
 *   Vietnamese letters: text is transliterated (pdfText). Used only when the font files cannot
 *   be read (a build that left the package out); the page then says so.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { parseTrueType, type TrueTypeFont } from './trueTypeFont.js';

/** A font of the page: what it writes for a text, how wide that is, and its PDF objects once the page is laid out. */
export interface PageFont {
  /** Every character of `text` has a glyph (the standard font: transliterated without a '?'). */
  canShow(text: string): boolean;
  /** `text`'s width at `size` points. */
  width(text: string, size: number): number;
  /** The string operand of `Tj` for `text` (records the glyphs used). */
  operand(text: string): string;
  /** The font's objects; `ref(i)` is the number of object `i` of this list. The first is the font dictionary. */
  objects(ref: (i: number) => number): Buffer[];
}

export interface PageFonts {
  regular: PageFont;
  bold: PageFont;
  /** True when Vietnamese is written with its marks (embedded fonts). */
  full: boolean;
}

/** Letters with no decomposition to a base letter that WinAnsi lacks: their ICAO 9303 reading. */
const SPELLED: Readonly<Record<string, string>> = {
  Ł: 'L', ł: 'l', Œ: 'OE', œ: 'oe', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't', ı: 'i', Ĳ: 'IJ', ĳ: 'ij', Ŀ: 'L', ŀ: 'l', Ŋ: 'N', ŋ: 'n', ẞ: 'SS',
  // Typographic punctuation (Word and phones type ’ for '; ʼ ʻ are the apostrophe letters): a '?'
  // in a name made the page print its ICAO reading alone ("Ksor H’Bla" as KSOR<<HBLA).
  '’': "'", '‘': "'", 'ʼ': "'", 'ʻ': "'", '′': "'", '“': '"', '”': '"', '„': '"', '″': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '…': '...',
};

/**
 * Text → what Helvetica with WinAnsiEncoding shows: đ → d and every combining mark dropped (so
 * Vietnamese is written without diacritics, as the page says), the Latin-1 letters WinAnsi has
 * (ß, Ø, Æ, Þ) kept, a few others spelled as ICAO does (Ł → L); anything else is '?'.
 */
export function pdfText(text: string): string {
  return text
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, (c) => SPELLED[c] ?? '?');
}

/** A PDF literal string (§7.3.4.2) of bytes 0–255: backslash and parentheses escaped. */
export function literalString(bytes: string): string {
  return `(${bytes.replace(/[\\()]/g, (m) => `\\${m}`)})`;
}

/**
 * Helvetica's advance widths (1/1000 em; bold within a few percent), by character class — enough
 * to wrap a line before the page edge. Unlisted characters count as the widest letter, so an
 * estimate errs toward wrapping early.
 */
const NARROW = /[ijlI.,;:'!|`]/;
const THIN = /[ frt()\-\[\]/]/;
const WIDE = /[mwMW@%ÆŒæœ]/;

function helveticaWidth(text: string, size: number): number {
  let units = 0;
  for (const c of pdfText(text)) {
    if (NARROW.test(c)) units += 278;
    else if (THIN.test(c)) units += 389;
    else if (WIDE.test(c)) units += 944;
    else if (/[A-Z0-9#<]/.test(c)) units += 722;
    else units += 611;
  }
  return (units * size) / 1000;
}

function standardFont(baseFont: 'Helvetica' | 'Helvetica-Bold'): PageFont {
  return {
    canShow: (text) => !pdfText(text).includes('?') || text.includes('?'),
    width: helveticaWidth,
    operand: (text) => literalString(pdfText(text)),
    objects: () => [Buffer.from(`<< /Type /Font /Subtype /Type1 /BaseFont /${baseFont} /Encoding /WinAnsiEncoding >>`, 'latin1')],
  };
}

/** The Helvetica pair: no font files needed, Vietnamese without its marks. */
export function standardFonts(): PageFonts {
  return { regular: standardFont('Helvetica'), bold: standardFont('Helvetica-Bold'), full: false };
}

/** A UTF-16BE hex string (the ToUnicode map's destination). */
function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out.toUpperCase();
}

/** Code points of `text` in the form the page writes (NFC: Vietnamese letters precomposed, one glyph each). */
function codePoints(text: string): number[] {
  return Array.from(text.normalize('NFC'), (c) => c.codePointAt(0)!);
}

/**
 * Scripts the page can draw one glyph per character, left to right, as written: Latin (with
 * Vietnamese), Greek, Cyrillic, and the characters common to all (digits, punctuation, marks).
 * A name in a script written right to left (Arabic, Hebrew) or whose letters change shape or
 * order with their neighbours (Arabic, the Indic scripts, Thai) would be printed reversed or
 * unjoined although the font has its letters: such a value is given by its ICAO reading instead.
 */
const DRAWN_AS_WRITTEN = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]*$/u;

/** A TrueType font embedded as a Type 0 font whose CIDs are its glyph ids, subset to what the page used. */
export function embeddedFont(font: TrueTypeFont): PageFont {
  // Glyph → the text it stands for, for the ToUnicode map (the first character seen wins).
  const used = new Map<number, string>();
  const scale = 1000 / font.unitsPerEm;
  return {
    canShow: (text) => DRAWN_AS_WRITTEN.test(text) && codePoints(text).every((cp) => font.glyphOf(cp) !== 0),
    width: (text, size) => (codePoints(text).reduce((sum, cp) => sum + font.advance(font.glyphOf(cp)), 0) * size) / font.unitsPerEm,
    operand(text) {
      let hex = '';
      for (const cp of codePoints(text)) {
        const g = font.glyphOf(cp);
        if (g !== 0 && !used.has(g)) used.set(g, String.fromCodePoint(cp));
        hex += g.toString(16).padStart(4, '0');
      }
      return `<${hex.toUpperCase()}>`;
    },
    objects(ref) {
      const glyphs = [...used.keys()].sort((a, b) => a - b);
      const program = font.subset(glyphs);
      // The subset's tag (§9.6.4): six capitals from what it holds, the same for the same glyphs.
      const digest = createHash('sha256').update(font.postscriptName).update(glyphs.join(',')).digest();
      const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
      const name = `${tag}+${font.postscriptName}`;
      const s = (n: number) => Math.round(n * scale);
      const widths = glyphs.map((g) => `${g} [${s(font.advance(g))}]`).join(' ');
      const [x0, y0, x1, y1] = font.bbox;
      const cmap = toUnicodeCMap(glyphs.map((g) => [g, used.get(g)!]));
      const packed = deflateSync(program);
      const packedCmap = deflateSync(Buffer.from(cmap, 'latin1'));
      return [
        Buffer.from(`<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${ref(1)} 0 R] /ToUnicode ${ref(4)} 0 R >>`, 'latin1'),
        Buffer.from(
          `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
            `/FontDescriptor ${ref(2)} 0 R /DW ${s(font.advance(0))} /W [${widths}] /CIDToGIDMap /Identity >>`,
          'latin1',
        ),
        Buffer.from(
          `<< /Type /FontDescriptor /FontName /${name} /Flags 32 /FontBBox [${s(x0)} ${s(y0)} ${s(x1)} ${s(y1)}] /ItalicAngle ${font.italicAngle} ` +
            `/Ascent ${s(font.ascent)} /Descent ${s(font.descent)} /CapHeight ${s(font.capHeight)} /StemV 80 /FontFile2 ${ref(3)} 0 R >>`,
          'latin1',
        ),
        pdfStream(`/Length1 ${program.length} /Filter /FlateDecode`, packed),
        pdfStream('/Filter /FlateDecode', packedCmap),
      ];
    },
  };
}

/** A PDF stream object's body (§7.3.8): its dictionary's entries, /Length added, then the bytes. */
export function pdfStream(dict: string, body: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dict === '' ? '' : `${dict} `}/Length ${body.length} >>\nstream\n`, 'latin1'), body, Buffer.from('\nendstream', 'latin1')]);
}

/** The ToUnicode CMap (§9.10.3): each 2-byte glyph id to the text it shows, in blocks of at most 100. */
function toUnicodeCMap(pairs: readonly [number, string][]): string {
  const lines = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
  ];
  for (let i = 0; i < pairs.length; i += 100) {
    const block = pairs.slice(i, i + 100);
    lines.push(`${block.length} beginbfchar`);
    for (const [g, text] of block) lines.push(`<${g.toString(16).padStart(4, '0').toUpperCase()}> <${utf16Hex(text)}>`);
    lines.push('endbfchar');
  }
  lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
  return lines.join('\n');
}

/** The two DejaVu faces, read once; null when they cannot be read (the standard fonts are used). */
let dejaVu: { regular: TrueTypeFont; bold: TrueTypeFont } | null | undefined;

function loadDejaVu(): { regular: TrueTypeFont; bold: TrueTypeFont } | null {
  if (dejaVu !== undefined) return dejaVu;
  try {
    const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    dejaVu = {
      regular: parseTrueType(readFileSync(join(dir, 'DejaVuSans.ttf'))),
      bold: parseTrueType(readFileSync(join(dir, 'DejaVuSans-Bold.ttf'))),
    };
  } catch {
    dejaVu = null;
  }
  return dejaVu;
}

/** Fresh fonts for one page: DejaVu embedded when its files can be read, else the standard pair. */
export function pageFonts(): PageFonts {
  const faces = loadDejaVu();
  return faces === null ? standardFonts() : { regular: embeddedFont(faces.regular), bold: embeddedFont(faces.bold), full: true };
}
