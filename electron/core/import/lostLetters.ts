/**
 * Letters lost before the station saw the file. Excel's "CSV (Comma delimited)" writes in the
 * Windows code page of a computer not set to Vietnamese (1252 on most), and every letter that
 * code page lacks becomes "?": "Nguyễn Văn Ấn" is saved as "Nguy?n V?n ?n", and no encoding
 * reads it back. Read as it is, such a name would be signed into a certificate. A name with "?"
 * is an error of its row; a CSV whose names show it throughout, or whose header does, is refused
 * at once, saying how to save it without the loss. Only names and the header row are evidence: a
 * "?" in a note ("Sốt?Không"), a title or a link ("…/portal?id=1") says nothing of the encoding,
 * and a lone "?" for a name not known is no lost letter.
 */
import { error, type Finding } from './domainPort.js';
import type { HeaderMapping } from './findHeaderRow.js';
import { importErrorAt } from './importErrors.js';
import { HEADER_ROWS, headerShowing, namesShowingThroughout, quoted } from './nameEvidence.js';
import type { SheetRow } from './sheetData.js';

/** A "?" standing between two letters: where a letter of a word was lost ("Gi?i tính", "Tr??ng"). */
const INSIDE_WORD = /\p{L}\?+\p{L}/u;
/** A "?" beside a letter: a lost letter at a word's start or end too ("?n", "Th?"); a lone "?" is no name. */
const BESIDE_LETTER = /\p{L}\?|\?\p{L}/u;
/** A link, whose query starts with "?" ("…/portal?id=…"). */
const LINK = /:\/\/|www\.|\.(?:vn|com|gov|org|net)\b/i;

/**
 * A name with "?" (a name never has one): the row's error, naming the cell's text. Beside a letter,
 * letters were lost ("Nguy?n"); else a part of the name is not known ("Nguyễn Văn ?"), which no
 * certificate may carry either (the domain's check only warns of unusual characters).
 */
export function nameLettersLost(name: string): Finding | null {
  if (!name.includes('?')) return null;
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
  const lost = namesShowingThroughout(rows, mapping, (t) => t.includes('?') && BESIDE_LETTER.test(t));
  if (lost !== null) refuse(lost.first.row, lost.first.name, { where: 'names', namesWithLostLetters: lost.showing, namesLookedAt: lost.names });
}
