/**
 * Letters lost before the station saw the file. Excel's "CSV (Comma delimited)" writes in the
 * Windows code page of a computer not set to Vietnamese (1252 on most), and every letter that
 * code page lacks becomes "?": "Nguyễn Văn Ấn" is saved as "Nguy?n V?n ?n", and no encoding
 * reads it back. Read as it is, such a name would be signed into a certificate. A name with "?"
 * is an error of its row; a CSV whose names show it throughout, or whose header does, is refused
 * at once, saying how to save it without the loss. Only names and the header row are evidence: a
 * "?" in a note ("Sốt?Không"), a title or a link ("…/portal?id=1") says nothing of the encoding,
 * and a lone "?" for a name not known is no lost letter.
 *
 * The same code page keeps the Vietnamese letters it has (ý õ ã à ô …) as bytes that Windows-1258
 * reads as other letters ("Lý" as "Lư"): a CSV that decodeText.ts found written in a Western page
 * (singleBytePage.ts) is refused as well, lost letters or not, quoting a name both ways.
 */
import iconv from 'iconv-lite';
import { error, type Finding } from './domainPort.js';
import type { HeaderMapping } from './findHeaderRow.js';
import { importErrorAt } from './importErrors.js';
import { legacyFontOf } from './legacyFont.js';
import type { WesternPage } from './singleBytePage.js';
import { HEADER_ROWS, headerShowing, nameColumns, namesShowingThroughout, quoted } from './nameEvidence.js';
import type { SheetRow } from './sheetData.js';

/** A "?" standing between two letters: where a letter of a word was lost ("Gi?i tính", "Tr??ng"). */
const INSIDE_WORD = /\p{L}\?+\p{L}/u;
/** A "?" beside a letter: a lost letter at a word's start or end too ("?n", "Th?"); a lone "?" is no name. */
const BESIDE_LETTER = /\p{L}\?|\?\p{L}/u;
/** A link, whose query starts with "?" ("…/portal?id=…"). */
const LINK = /:\/\/|www\.|\.(?:vn|com|gov|org|net)\b/i;
const isViqr = (text: string): boolean => legacyFontOf(text)?.font === 'VIQR';

/**
 * A name with "?" (a name never has one): the row's error, naming the cell's text. Beside a letter,
 * letters were lost ("Nguy?n"); else a part of the name is not known ("Nguyễn Văn ?"), which no
 * certificate may carry either (the domain's check only warns of unusual characters).
 */
export function nameLettersLost(name: string): Finding | null {
  // VIQR's hook tone is a "?" after the vowel ("Pha?m"): legacyFont.ts says that name's error.
  if (!name.includes('?') || isViqr(name)) return null;
  if (!BESIDE_LETTER.test(name)) {
    return error(
      'fullName',
      'IMPORT_NAME_NOT_KNOWN',
      `Họ tên "${name}" có dấu "?" cho phần chưa biết: hãy ghi đủ họ tên thật của người được tiêm.`,
      `The name "${name}" has "?" for a part not known: write the person's full, real name.`,
    );
  }
  return error(
    'fullName',
    'IMPORT_NAME_LETTERS_LOST',
    `Họ tên "${name}" có dấu "?" thay cho chữ cái đã mất khi tệp được lưu: hãy sửa lại họ tên (nếu tệp là CSV, hãy lưu lại dạng "CSV UTF-8" hoặc .xlsx từ tệp gốc).`,
    `The name "${name}" has "?" where letters were lost when the file was saved: correct the name (a CSV: save it again from the original as "CSV UTF-8" or .xlsx).`,
  );
}

function refuse(row: number, text: string, details: Record<string, unknown>): never {
  const shown = quoted(text);
  throw importErrorAt(
    'IMPORT_LETTERS_LOST',
    {
      vi: `Ví dụ dòng ${row}: "${shown}". Tệp bị như vậy khi được lưu dạng CSV bằng một bảng mã không có tiếng Việt: Excel lưu "CSV (Comma delimited)" trên máy không đặt tiếng Việt, LibreOffice lưu CSV với bộ ký tự Western Europe. Hãy mở tệp gốc và lưu lại dạng "CSV UTF-8 (Comma delimited)" (LibreOffice: bộ ký tự Unicode (UTF-8)) hoặc Excel Workbook (.xlsx)`,
      en: `For example row ${row}: "${shown}". This happens when a CSV is saved in a character set without Vietnamese: Excel's "CSV (Comma delimited)" on a computer not set to Vietnamese, LibreOffice's CSV with the Western Europe character set. Open the original workbook and save it as "CSV UTF-8 (Comma delimited)" (LibreOffice: character set Unicode (UTF-8)) or as an Excel Workbook (.xlsx)`,
    },
    { row, word: shown, ...details },
  );
}

/**
 * No header was found: refuses the CSV when the row that came closest to a header (or, with none,
 * one of the first rows) has two cells or more with a letter lost inside a word ("Gi?i tính",
 * "S? CCCD"): the header's own letters are why it was not found. A title with a "?" or a link is
 * one cell, and no evidence.
 */
export function refuseLostHeader(rows: readonly SheetRow[], best: HeaderMapping | null): void {
  const candidates = best === null ? rows.slice(0, HEADER_ROWS) : rows.slice(best.headerIndex, best.headerIndex + 1);
  const header = headerShowing(candidates, (c) => c.includes('?') && INSIDE_WORD.test(c) && !LINK.test(c));
  if (header !== null) refuse(header.row, header.text, { where: 'header' });
}

/** A header was found: refuses the CSV when its names hold "?" throughout (nameEvidence.ts). */
export function refuseLostNames(rows: readonly SheetRow[], mapping: HeaderMapping): void {
  const lost = namesShowingThroughout(rows, mapping, (t) => t.includes('?') && BESIDE_LETTER.test(t) && !isViqr(t));
  if (lost !== null) refuse(lost.first.row, lost.first.name, { where: 'names', namesWithLostLetters: lost.showing, namesLookedAt: lost.names });
}

const PAGES: Record<WesternPage, { vi: string; en: string }> = {
  'windows-1252': { vi: 'Western (Windows-1252)', en: 'Western (Windows-1252)' },
  macintosh: { vi: 'Mac Roman ("CSV (Macintosh)" của Excel cho Mac)', en: 'Mac Roman (Excel for Mac\'s "CSV (Macintosh)")' },
};
const SAVE_AS = {
  vi: 'Hãy mở tệp gốc và lưu lại dạng "CSV UTF-8 (Comma delimited)" (LibreOffice: bộ ký tự Unicode (UTF-8)) hoặc Excel Workbook (.xlsx)',
  en: 'Open the original workbook and save it as "CSV UTF-8 (Comma delimited)" (LibreOffice: character set Unicode (UTF-8)) or as an Excel Workbook (.xlsx)',
};

const isWesternPage = (encoding: string | undefined): encoding is WesternPage => encoding === 'windows-1252' || encoding === 'macintosh';

/** A text of the page as Windows-1258 reads its bytes. */
const as1258 = (text: string, page: WesternPage): string => iconv.decode(iconv.encode(text, page), 'windows-1258').normalize('NFC');

/** The first cell `shows` is true of: among the names under the header when there is one, else in any cell. */
function firstShowing(rows: readonly SheetRow[], mapping: HeaderMapping | null, shows: (text: string) => boolean): { row: number; text: string } | null {
  const names = mapping === null ? [] : nameColumns(mapping);
  const from = mapping === null ? 0 : mapping.headerIndex + 1;
  for (const columns of names.length > 0 ? [names, null] : [null]) {
    for (let at = from; at < rows.length; at++) {
      const row = rows[at]!;
      const cells = columns === null ? row.cells : columns.map((c) => row.cells[c]);
      const text = cells.find((c): c is string => typeof c === 'string' && shows(c));
      if (text !== undefined) return { row: row.row, text };
    }
  }
  return null;
}

/**
 * A CSV decodeText found written in a Western code page: refused, whether or not its names show
 * "?" throughout. With a letter lost (IMPORT_LETTERS_LOST) the first such name is quoted; with
 * none (IMPORT_BAD_ENCODING: every letter is there, but which code page they are in only the
 * file's words suggest, and a wrong guess signs "Lư" for "Lý"), a name Windows-1258 reads otherwise.
 */
export function refuseWesternPage(rows: readonly SheetRow[], mapping: HeaderMapping | null, encoding: string | undefined): void {
  if (!isWesternPage(encoding)) return;
  const page = PAGES[encoding];
  const lost = firstShowing(rows, mapping, (t) => t.includes('?') && BESIDE_LETTER.test(t) && !LINK.test(t));
  const misread = firstShowing(rows, mapping, (t) => !t.includes('?') && /[^\x00-\x7f]/.test(t) && as1258(t, encoding) !== t);
  const misreadPart = misread === null ? null : { row: misread.row, text: quoted(misread.text), as1258: quoted(as1258(misread.text, encoding)) };
  const details = { encoding, ...(lost ? { row: lost.row, word: quoted(lost.text) } : {}), ...(misreadPart ? { misread: misreadPart } : {}) };
  const readVi = misreadPart === null ? '' : ` Theo bảng mã tiếng Việt Windows-1258, dòng ${misreadPart.row} "${misreadPart.text}" sẽ bị đọc thành "${misreadPart.as1258}".`;
  const readEn = misreadPart === null ? '' : ` By the Vietnamese code page Windows-1258, row ${misreadPart.row}'s "${misreadPart.text}" would read "${misreadPart.as1258}".`;
  if (lost !== null) {
    throw importErrorAt(
      'IMPORT_LETTERS_LOST',
      {
        vi: `Tệp được lưu bằng bảng mã ${page.vi}, không có tiếng Việt: các chữ bảng mã đó không có đã thành "?" (ví dụ dòng ${lost.row}: "${quoted(lost.text)}"), các chữ còn lại không chắc đọc đúng.${readVi} ${SAVE_AS.vi}`,
        en: `The file was saved in the ${page.en} code page, which has no Vietnamese: the letters it lacks became "?" (for example row ${lost.row}: "${quoted(lost.text)}"), and the letters it kept cannot be read with certainty.${readEn} ${SAVE_AS.en}`,
      },
      details,
    );
  }
  throw importErrorAt(
    'IMPORT_BAD_ENCODING',
    {
      vi: `Tệp được lưu bằng bảng mã ${page.vi}, không phải bảng mã tiếng Việt: các chữ của tệp đọc được theo cả hai bảng mã, mỗi cách ra một tên khác.${readVi} ${SAVE_AS.vi}`,
      en: `The file was saved in the ${page.en} code page, not a Vietnamese one: its letters read both ways, each giving another name.${readEn} ${SAVE_AS.en}`,
    },
    { ...details, reason: 'a Western code page, not Windows-1258' },
  );
}
