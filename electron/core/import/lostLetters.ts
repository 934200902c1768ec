/**
 * Letters lost before the station saw the file. Excel's "CSV (Comma delimited)" writes in the
 * Windows code page of a computer not set to Vietnamese (1252 on most), and every letter that
 * code page lacks becomes "?": "Nguyễn Văn Ấn" is saved as "Nguy?n V?n ?n", and no encoding
 * reads it back. Read as it is, such a name would be signed into a certificate. A name with "?"
 * is an error of its row; a CSV whose rows show it throughout is refused at once, saying how to
 * save it without the loss.
 */
import { error, type Finding } from './domainPort.js';
import { importErrorAt } from './importErrors.js';
import type { SheetRow } from './sheetData.js';

/** A "?" standing between two letters: where a letter of a word was lost ("Nguy?n", "Tr??ng"). */
const INSIDE_WORD = /\p{L}\?+\p{L}/u;
/** A link, whose query starts with "?" ("…/portal?id=…"): a column of them is no lost encoding. */
const LINK = /:\/\/|www\./i;
/** Rows looked at from the top of a CSV, and how many of them must show the loss to refuse it. */
const SAMPLE_ROWS = 200;
const REFUSE_AT = 3;
/** ...and at least this share of the sampled rows that hold any text: a note with "?" here and there is not a lost encoding. */
const REFUSE_SHARE = 0.2;

/** A name with "?" (a name never has one): the row's error, naming the cell's text. */
export function nameLettersLost(name: string): Finding | null {
  if (!name.includes('?')) return null;
  return error(
    'fullName',
    'IMPORT_NAME_LETTERS_LOST',
    `Họ tên "${name}" có dấu "?" thay cho chữ cái đã mất khi tệp được lưu: hãy sửa lại họ tên (và lưu tệp dạng "CSV UTF-8" hoặc .xlsx).`,
    `The name "${name}" has "?" where letters were lost when the file was saved: correct the name (and save the file as "CSV UTF-8" or .xlsx).`,
  );
}

/** Characters of a cell quoted in the refusal. */
const QUOTED = 40;

/** The first text cell of a row with a letter lost inside a word, as written (cut to QUOTED), or null. */
function lostWordOf(row: SheetRow): string | null {
  for (const cell of row.cells) {
    if (typeof cell === 'string' && cell.includes('?') && INSIDE_WORD.test(cell) && !LINK.test(cell)) return cell.trim().slice(0, QUOTED);
  }
  return null;
}

/**
 * Refuses a CSV whose first rows show letters replaced by "?" in REFUSE_AT rows or more, and in
 * REFUSE_SHARE of the rows with text: IMPORT_LETTERS_LOST naming the first row and word. With
 * `noHeader` (no header row was found, perhaps because its own letters are lost) one row is enough.
 */
export function refuseLostLetters(rows: readonly SheetRow[], noHeader = false): void {
  let withText = 0;
  let lost = 0;
  let first: { row: number; word: string } | null = null;
  for (let i = 0; i < rows.length && i < SAMPLE_ROWS; i++) {
    const row = rows[i]!;
    if (!row.cells.some((c) => typeof c === 'string' && c.trim() !== '')) continue;
    withText++;
    const word = lostWordOf(row);
    if (word === null) continue;
    lost++;
    first ??= { row: row.row, word };
  }
  if (first === null || (!noHeader && (lost < REFUSE_AT || lost < REFUSE_SHARE * withText))) return;
  throw importErrorAt(
    'IMPORT_LETTERS_LOST',
    {
      vi: `Ví dụ dòng ${first.row}: "${first.word}". Tệp bị như vậy khi được lưu dạng CSV bằng một bảng mã không có tiếng Việt: Excel lưu "CSV (Comma delimited)" trên máy không đặt tiếng Việt, LibreOffice lưu CSV với bộ ký tự Western Europe. Hãy mở tệp gốc và lưu lại dạng "CSV UTF-8 (Comma delimited)" (LibreOffice: bộ ký tự Unicode (UTF-8)) hoặc Excel Workbook (.xlsx)`,
      en: `For example row ${first.row}: "${first.word}". This happens when a CSV is saved in a character set without Vietnamese: Excel's "CSV (Comma delimited)" on a computer not set to Vietnamese, LibreOffice's CSV with the Western Europe character set. Open the original workbook and save it as "CSV UTF-8 (Comma delimited)" (LibreOffice: character set Unicode (UTF-8)) or as an Excel Workbook (.xlsx)`,
    },
    { row: first.row, word: first.word, rowsWithLostLetters: lost, rowsLookedAt: withText },
  );
}
