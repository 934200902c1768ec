/**
 * Vietnamese typed in a legacy font. Before Unicode, Vietnamese offices typed with TCVN3 (ABC)
 * fonts such as .VnTime, and in the South with VNI fonts (VNI-Times): the file holds Latin-1
 * characters that only that font draws as Vietnamese, so "Nguyễn Văn Trường" is stored as
 * "NguyÔn V¨n Tr­êng" (TCVN3) or "Nguyeãn Vaên Tröôøng" (VNI). Many old templates still carry such
 * text. It is no name to sign. A name in one is an error of its row; a list whose names or header
 * show it throughout is refused at once, saying which font and how to convert it (Unikey's
 * converter). The text is not converted: the messages show what the font's table reads, for the
 * user to recognise, but which table a file used is the user's to say, and a wrong guess signs a
 * wrong name.
 *
 * How each is told (legacyFontReading.ts has the tables):
 * - TCVN3 (.VnTime): a Latin-1 symbol it puts a letter on next to a letter ("V¨n", "Hµ"), or a
 *   Latin-1 capital right after a small letter ("NguyÔn", "ThÞ"), which no name in Unicode has.
 * - TCVN3's ư is U+00AD, a soft hyphen, which normalizeName deletes: the name is looked at as the
 *   cell holds it, and a soft hyphen is TCVN3's ư when every word with it or another Latin-1
 *   letter reads as a Vietnamese syllable by TCVN3 ("L\u00adu Minh Th\u00ad": Lưu Minh Thư) —
 *   losing a letter silently is worse than asking about a soft hyphen. One in a word that does not
 *   read so ("Jo\u00adhannes"), or in a name with a letter past Latin-1 ("Trư\u00adờng", which no
 *   legacy font can hold), is Unicode's, and normalizeName deletes it as before.
 * - VNI, and TCVN3's capitals font .VnTimeH ("NGUYÔN THÞ HOA", "Hå THÞ MINH": its codes drawn
 *   as capitals among ASCII capitals, which the test above does not see): by words that read as
 *   a Vietnamese syllable by the font's table and not as written ("Nguyeãn", "Traàn", "Cöôøng",
 *   "NGUYÔN", "Hå"), while every other word with a Latin-1 letter reads as one too. Their letters
 *   are French, Spanish, Portuguese and German as well ("João", "Peña", "Loïc", "JOSÉ"), and a
 *   Unicode "LÊ" reads as Vietnamese both ways, so a name needs two such words, or one and a usual
 *   Vietnamese family name first ("Traàn Thò Bình": Trần Thị Bình); a name any letter of which is
 *   past Latin-1 ("Nguyễn", "Đoàn") is Unicode.
 * - VIQR, Vietnamese in ASCII with its marks typed after the letter ("Nguye^~n Va(n An", "Tra^`n
 *   Thi. Bi'ch"), as old e-mail and some forms wrote it: a name all ASCII each word of which with a
 *   mark read reads as a Vietnamese syllable, with one mark no name has after a letter (^ ( + ` ~,
 *   DD) or two that one may (' . ?: "O'Neil", "Thi.", "Nguy?n" alone are no VIQR). Its "?" is a
 *   tone, not a lost letter (lostLetters.ts asks here first).
 */
import { error, type Finding } from './domainPort.js';
import type { StationError } from '../../../shared/errors.js';
import type { HeaderMapping } from './findHeaderRow.js';
import { importErrorAt } from './importErrors.js';
import { isVietnameseSyllable, readTcvn3, readTcvn3Capitals, readViqr, readVni } from './legacyFontReading.js';
import { familyNameWord } from './nameExtras.js';
import { HEADER_ROWS, headerShowing, namesShowingThroughout, quoted } from './nameEvidence.js';
import type { SheetRow } from './sheetData.js';

export type LegacyFont = 'TCVN3' | 'TCVN3_CAPITALS' | 'VNI' | 'VIQR';

/** A text in a legacy font: which, and what its table reads. */
export interface LegacyText {
  font: LegacyFont;
  reading: string;
}

/**
 * TCVN3 seen as Unicode: a Latin-1 symbol it puts a letter on (U+00A1–U+00BF but the soft hyphen,
 * × ÷) next to a letter, or a capital of Latin-1 right after a small letter (its toned small
 * letters sit on Latin-1 capitals: "NguyÔn", "ThÞ", "TrÇn").
 */
const LEGACY_LETTER = /[\p{L}][\u00a1-\u00ac\u00ae-\u00bf\u00d7\u00f7]|[\u00a1-\u00ac\u00ae-\u00bf\u00d7\u00f7][\p{L}]|[a-z\u00df-\u00ff][\u00c0-\u00de]/u;
/** Zero-width characters a copy leaves in a name (the soft hyphen is not one here: it is TCVN3's ư). */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const WORD_BREAK = /[\s,.;:()[\]"'/\-–]+/u;

/** What a scan by character code says of a text (every name is looked at: no regex for the common case). */
interface Scan {
  /** A TCVN3 symbol, or a Latin-1 capital after a small letter: LEGACY_LETTER may match. */
  tcvn3Shape: boolean;
  /** A letter of Latin-1 past ASCII (U+00C0–U+00FF), or a soft hyphen. */
  latin1: boolean;
  /** A character past Latin-1 (zero-width ones aside): the text is Unicode's. */
  beyond: boolean;
}

function scan(text: string): Scan {
  const out: Scan = { tcvn3Shape: false, latin1: false, beyond: false };
  let smallBefore = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0xa1 && c <= 0xbf) || c === 0xd7 || c === 0xf7) out.tcvn3Shape = true;
    else if (smallBefore && c >= 0xc0 && c <= 0xde) out.tcvn3Shape = true;
    if (c >= 0xc0 && c <= 0xff) out.latin1 = true;
    else if (c === 0xad) out.latin1 = true;
    else if (c > 0xff && !(c >= 0x200b && c <= 0x200d) && c !== 0x2060 && c !== 0xfeff) out.beyond = true;
    smallBefore = (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0xff);
  }
  return out;
}

/** TCVN3 (.VnTime) read strictly: null when a Latin-1 letter in it is no TCVN3 code. */
const readTcvn3Strict = (text: string): string | null => (readTcvn3Capitals(text) === null ? null : readTcvn3(text));

/**
 * How many words with a Latin-1 letter read as a Vietnamese syllable by `read` and not as written;
 * null when one of them does not read as a syllable by `read` (not this font).
 */
function wordsReadBy(text: string, read: (word: string) => string | null): number | null {
  let evidence = 0;
  for (const word of text.split(WORD_BREAK)) {
    if (!/[^\x00-\x7f]/.test(word)) continue;
    const reading = read(word);
    if (reading === null || !isVietnameseSyllable(reading)) return null;
    if (reading !== word && !isVietnameseSyllable(word)) evidence++;
  }
  return evidence;
}

/** Enough words for a font that Western names share letters with: two, or one and a family name first. */
function enough(evidence: number | null, reading: string, kind: 'name' | 'header'): boolean {
  if (evidence === null || evidence === 0) return false;
  if (kind === 'header' || evidence >= 2) return true;
  const first = reading.trim().split(WORD_BREAK)[0] ?? '';
  return familyNameWord(first);
}

/** The characters VIQR types its marks with; a text with none is no VIQR. */
const VIQR_MARK = /[\^(+'`?~.]/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Punctuation around a word, which is no part of its syllable. */
const AROUND_WORD = /^["(]+|[),;:"]+$/g;

/**
 * VIQR (see the module's comment): what the text reads, or null. A header's cell needs one mark
 * that reads ("Nga`y sinh").
 */
function viqrOf(text: string, kind: 'name' | 'header'): LegacyText | null {
  if (!VIQR_MARK.test(text) || !PRINTABLE_ASCII.test(text)) return null;
  let strong = 0;
  let weak = 0;
  const words: string[] = [];
  for (const word of text.split(' ')) {
    const read = readViqr(word);
    if (read.strong + read.weak > 0) {
      if (!isVietnameseSyllable(read.reading.replace(AROUND_WORD, ''))) return null;
      strong += read.strong;
      weak += read.weak;
    }
    words.push(read.reading);
  }
  return strong >= 1 || weak >= 2 || (kind === 'header' && weak >= 1) ? { font: 'VIQR', reading: words.join(' ') } : null;
}

/**
 * The legacy font a text is in, and what it reads, or null. A header's cell needs one word that
 * reads so ("Ngaøy sinh"); a name needs what `enough` says.
 */
export function legacyFontOf(raw: string, kind: 'name' | 'header' = 'name'): LegacyText | null {
  const viqr = viqrOf(raw, kind);
  if (viqr !== null) return viqr;
  const seen = scan(raw);
  if (!seen.tcvn3Shape && !seen.latin1) return null;
  const text = raw.replace(ZERO_WIDTH, '');
  if (seen.tcvn3Shape && LEGACY_LETTER.test(text)) return { font: 'TCVN3', reading: readTcvn3(text) };
  if (seen.beyond) return null;
  if (text.includes('\u00ad')) {
    const evidence = wordsReadBy(text, readTcvn3Strict);
    if (evidence !== null && evidence > 0) return { font: 'TCVN3', reading: readTcvn3(text) };
  }
  const vni = readVni(text);
  if (vni !== null && enough(wordsReadBy(text, readVni), vni, kind)) return { font: 'VNI', reading: vni };
  const capitals = readTcvn3Capitals(text);
  if (capitals !== null && enough(wordsReadBy(text, readTcvn3Capitals), capitals, kind)) return { font: 'TCVN3_CAPITALS', reading: capitals };
  return null;
}

export function hasLegacyLetters(text: string): boolean {
  return legacyFontOf(text) !== null;
}

/**
 * Each legacy writing as the messages name it (`typed`: "typed in …"), the table to convert from,
 * and what to do after converting (a font to change; VIQR is plain text, in any font).
 */
const FONTS: Record<LegacyFont, { vi: string; en: string; typedVi: string; typedEn: string; table: string; afterVi: string; afterEn: string }> = {
  TCVN3: font('TCVN3 (.VnTime)', 'TCVN3 (.VnTime)', 'TCVN3 (ABC)', '.VnTime'),
  TCVN3_CAPITALS: font('TCVN3 chữ hoa (.VnTimeH)', 'TCVN3 capitals (.VnTimeH)', 'TCVN3 (ABC)', '.VnTimeH'),
  VNI: font('VNI (VNI-Times)', 'VNI (VNI-Times)', 'VNI Windows', 'VNI-Times'),
  VIQR: {
    vi: 'VIQR (dấu gõ bằng ký tự sau chữ: ^ ( + \' ` ? ~ .)',
    en: 'VIQR (marks typed as characters after the letter: ^ ( + \' ` ? ~ .)',
    typedVi: 'gõ kiểu VIQR (dấu gõ bằng ký tự sau chữ: ^ ( + \' ` ? ~ .)',
    typedEn: 'typed in VIQR (marks typed as characters after the letter: ^ ( + \' ` ? ~ .)',
    table: 'VIQR',
    afterVi: '',
    afterEn: '',
  },
};

function font(vi: string, en: string, table: string, fontName: string): (typeof FONTS)[LegacyFont] {
  return {
    vi,
    en,
    typedVi: `gõ bằng phông chữ cũ ${vi}`,
    typedEn: `typed in a legacy ${en} font`,
    table,
    afterVi: `, hoặc đổi phông ${fontName} sang Times New Roman sau khi chuyển mã`,
    afterEn: `, then set the ${fontName} font to Times New Roman`,
  };
}

/**
 * A name in a legacy font: the row's error, naming the cell's text as it is (before any
 * normalization: `raw`) and what the font's table reads.
 */
export function nameInLegacyFont(raw: string): Finding | null {
  const legacy = legacyFontOf(raw);
  if (legacy === null) return null;
  const f = FONTS[legacy.font];
  const name = quoted(raw);
  const reading = quoted(legacy.reading);
  return error(
    'fullName',
    'IMPORT_NAME_LEGACY_FONT',
    `Họ tên "${name}" có vẻ được ${f.typedVi} chứ không phải Unicode (theo bảng mã ${f.table} là "${reading}"): hãy chuyển mã tệp từ ${f.table} sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại.`,
    `The name "${name}" looks ${f.typedEn}, not Unicode (by the ${f.table} table it reads "${reading}"): convert the file from ${f.table} to Unicode (e.g. with Unikey's converter) and import it again.`,
  );
}

/** The refusal of a file in a legacy font, naming the font, a row, its text and what it reads. */
function legacyFontError(row: number, text: string, legacy: LegacyText, details: Record<string, unknown>): StationError {
  const shown = quoted(text);
  const reading = quoted(legacy.reading);
  const f = FONTS[legacy.font];
  return importErrorAt(
    'IMPORT_LEGACY_FONT',
    {
      vi: `${legacy.font === 'VIQR' ? 'Cách gõ' : 'Phông chữ'}: ${f.vi}. Ví dụ dòng ${row}: "${shown}" (theo bảng mã ${f.table}: "${reading}"). Hãy mở tệp, chuyển mã từ ${f.table} sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey${f.afterVi}) rồi lưu và nhập lại`,
      en: `${legacy.font === 'VIQR' ? 'It is written in' : 'The font is'} ${f.en}. For example row ${row}: "${shown}" (by the ${f.table} table: "${reading}"). Open the file, convert it from ${f.table} to Unicode (e.g. with Unikey's converter${f.afterEn}), save it and import it again`,
    },
    { row, text: shown, font: legacy.font, reading, ...details },
  );
}

const headerCellLegacy = (cell: string): boolean => legacyFontOf(cell, 'header') !== null;

/**
 * No header was found: the refusal to give when one of the first rows has two cells or more in
 * a legacy font ("Hä vµ tªn", "Hoï vaø teân"), else null.
 */
export function legacyHeaderError(rows: readonly SheetRow[]): StationError | null {
  const header = headerShowing(rows.slice(0, HEADER_ROWS), headerCellLegacy);
  const legacy = header === null ? null : legacyFontOf(header.text, 'header');
  return header === null || legacy === null ? null : legacyFontError(header.row, header.text, legacy, { where: 'header' });
}

/** A header was found: refuses when the names are in a legacy font throughout (nameEvidence.ts). */
export function refuseLegacyNames(rows: readonly SheetRow[], mapping: HeaderMapping): void {
  const legacy = namesShowingThroughout(rows, mapping, hasLegacyLetters);
  const font = legacy === null ? null : legacyFontOf(legacy.first.name);
  if (legacy !== null && font !== null) {
    throw legacyFontError(legacy.first.row, legacy.first.name, font, { where: 'names', namesInLegacyFont: legacy.showing, namesLookedAt: legacy.names });
  }
}
