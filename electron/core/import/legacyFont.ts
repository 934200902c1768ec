/**
 * Vietnamese typed in a legacy font. Before Unicode, Vietnamese offices typed with TCVN3 (ABC)
 * fonts such as .VnTime: the file holds Latin-1 characters that only that font draws as
 * Vietnamese letters, so "Nguyễn Văn Trường" is stored as "NguyÔn V¨n Tr­êng". Many old templates
 * still carry such text. It is no name to sign: the letters ă â ê ô ơ ư đ and every toned one are
 * symbols of Latin-1 (¨ © ª « ¬ soft hyphen ® µ ¸ ¶ ·…) that no name holds. A name with one is
 * an error of its row; a list whose names or header show it throughout is refused at once, saying
 * how to convert it (Unikey's converter, TCVN3 → Unicode). The text is not converted here: which
 * legacy table a file used (TCVN3, VNI, VIQR) is the user's to say, and a wrong guess signs a
 * wrong name.
 */
import { error, type Finding } from './domainPort.js';
import type { StationError } from '../../../shared/errors.js';
import type { HeaderMapping } from './findHeaderRow.js';
import { importErrorAt } from './importErrors.js';
import { HEADER_ROWS, headerShowing, namesShowingThroughout, quoted } from './nameEvidence.js';
import type { SheetRow } from './sheetData.js';

/**
 * What TCVN3 text shows read as Unicode: a Latin-1 symbol it puts a letter on (U+00A1–U+00BF,
 * × ÷: "V¨n", "Hµ", "B×nh") next to a letter, or a capital of Latin-1 right after a small letter
 * (its toned small letters sit on Latin-1 capitals: "NguyÔn", "ThÞ", "TrÇn"), which no Vietnamese
 * or other name written in Unicode has.
 */
const LEGACY_LETTER = /[\p{L}][\u00a1-\u00bf\u00d7\u00f7]|[\u00a1-\u00bf\u00d7\u00f7][\p{L}]|[a-z\u00df-\u00ff][\u00c0-\u00de]/u;

export function hasLegacyLetters(text: string): boolean {
  return mayBeLegacy(text) && LEGACY_LETTER.test(text);
}

/** A scan by character code for what LEGACY_LETTER looks for (every name is looked at: no regex for the common case). */
function mayBeLegacy(text: string): boolean {
  let smallBefore = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0xa1 && c <= 0xbf) || c === 0xd7 || c === 0xf7) return true;
    if (smallBefore && c >= 0xc0 && c <= 0xde) return true;
    smallBefore = (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0xff);
  }
  return false;
}

/** A name in a legacy font: the row's error, naming the cell's text. */
export function nameInLegacyFont(name: string): Finding | null {
  if (!hasLegacyLetters(name)) return null;
  return error(
    'fullName',
    'IMPORT_NAME_LEGACY_FONT',
    `Họ tên "${name}" có vẻ được gõ bằng phông chữ cũ TCVN3 (.VnTime) chứ không phải Unicode: hãy chuyển mã tệp sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại.`,
    `The name "${name}" looks typed in a legacy TCVN3 font (.VnTime), not Unicode: convert the file to Unicode (e.g. with Unikey's converter) and import it again.`,
  );
}

/** The refusal of a file in a legacy font, naming a row and its text. */
function legacyFontError(row: number, text: string, details: Record<string, unknown>): StationError {
  const shown = quoted(text);
  return importErrorAt(
    'IMPORT_LEGACY_FONT',
    {
      vi: `Ví dụ dòng ${row}: "${shown}". Hãy mở tệp, chuyển mã từ TCVN3 (ABC) sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey, hoặc đổi phông .VnTime sang Times New Roman sau khi chuyển mã) rồi lưu và nhập lại`,
      en: `For example row ${row}: "${shown}". Open the file, convert it from TCVN3 (ABC) to Unicode (e.g. with Unikey's converter, then set the .VnTime font to Times New Roman), save it and import it again`,
    },
    { row, text: shown, ...details },
  );
}

/**
 * No header was found: the refusal to give when one of the first rows has two cells or more in
 * the legacy font ("Hä vµ tªn"), else null.
 */
export function legacyHeaderError(rows: readonly SheetRow[]): StationError | null {
  const header = headerShowing(rows.slice(0, HEADER_ROWS), hasLegacyLetters);
  return header === null ? null : legacyFontError(header.row, header.text, { where: 'header' });
}

/** A header was found: refuses when the names are in the legacy font throughout (nameEvidence.ts). */
export function refuseLegacyNames(rows: readonly SheetRow[], mapping: HeaderMapping): void {
  const legacy = namesShowingThroughout(rows, mapping, hasLegacyLetters);
  if (legacy !== null) throw legacyFontError(legacy.first.row, legacy.first.name, { where: 'names', namesInLegacyFont: legacy.showing, namesLookedAt: legacy.names });
}
