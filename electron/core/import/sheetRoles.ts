import type { HeaderMapping } from './findHeaderRow.js';
import { foldHeader, matchHeader } from './headerAliases.js';
import { classifyRow, rowName } from './rowKinds.js';
import { foldForSearch } from './domainPort.js';
import { notGivenIn, saysPendingStep } from './notGiven.js';
import type { SheetRow } from './sheetData.js';

/**
 * Why a sheet with a header and records under it may still be no list, when a later sheet has one
 * (readSheet.ts chooseXlsxSheet): a template's instructions tab named so ("Hướng dẫn", "Mẫu"),
 * or a tab whose one or two records are a filled example ("Nguyễn Văn Mẫu"). A workbook imported
 * its guide's example instead of the list on sheet 2 (probe of session 23, t06d_guide_example).
 */
export type PassOver = 'instructions' | 'example' | 'summary' | 'notGiven';

/**
 * A sheet named as a list of people not vaccinated: not given, postponed, an appointment, a
 * registration or a queue ("Chưa tiêm", "Hoãn tiêm", "Hẹn mũi 2", "Đăng ký", "DS chờ tiêm";
 * notGiven.ts reads the words). Clinics keep it under the list's own header: imported, each row
 * would be a dose signed that was never given.
 */
export function namesNotGiven(sheetName: string): boolean {
  return notGivenIn(sheetName) !== null || saysPendingStep(sheetName, true) || /dang ?ky|cho ?tiem/.test(foldForSearch(sheetName));
}

/**
 * Sheet names of a summary that repeats the days' rows ("Tổng hợp", "TH", "Cả tháng", "Summary"),
 * folded, whole or as the start: imported with the day sheets, each dose would be there twice.
 */
const SUMMARY_NAMES: ReadonlySet<string> = new Set(['th', 'tong', 'tonghop', 'total', 'summary', 'all', 'tatca', 'cathang', 'canam', 'baocao', 'thongke']);
const SUMMARY_PREFIXES = ['tonghop', 'tongcong', 'summary', 'baocao', 'thongke', 'cathang', 'canam'];

export function namesSummary(sheetName: string): boolean {
  const folded = foldHeader(sheetName);
  return SUMMARY_NAMES.has(folded) || SUMMARY_PREFIXES.some((p) => folded.startsWith(p));
}

/** Sheet names of a template's instructions or example, folded ("Hướng dẫn" → huongdan), whole. */
const INSTRUCTION_NAMES: ReadonlySet<string> = new Set(['hd', 'mau', 'template', 'vidu', 'example', 'sample', 'readme', 'guide', 'huongdan']);
/** … and as the start of a longer name ("Hướng dẫn nhập", "Huong dan su dung", "Instructions", "Ví dụ 1"). */
const INSTRUCTION_PREFIXES = ['huongdan', 'instruction', 'guide', 'vidu', 'example'];

export function namesInstructions(sheetName: string): boolean {
  const folded = foldHeader(sheetName);
  return INSTRUCTION_NAMES.has(folded) || INSTRUCTION_PREFIXES.some((p) => folded.startsWith(p));
}

/** More records than a worked example has: a sheet with as many is a list, whatever its names. */
const EXAMPLE_ROWS = 2;

/** The family names templates put before a placeholder letter ("Nguyễn Văn A", "Trần Thị B"). */
const PLACEHOLDER_FAMILIES: ReadonlySet<string> = new Set(['Nguyễn', 'Trần', 'Lê', 'Phạm', 'NGUYỄN', 'TRẦN', 'LÊ', 'PHẠM']);

/**
 * A name a template writes as its example: a family and middle name then one capital letter
 * ("Nguyễn Văn A", "Trần Thị B"), the word "Mẫu" ("Nguyễn Văn Mẫu"), or a header's words
 * ("Họ tên người tiêm").
 */
function namesExample(name: string): boolean {
  const words = name.normalize('NFC').trim().split(/\s+/u);
  // A template's placeholder, not a real name that ends in one letter ("Lò Văn A", "Giàng A Lử").
  if (words.length === 3 && PLACEHOLDER_FAMILIES.has(words[0]!) && (words[1] === 'Văn' || words[1] === 'Thị') && /^[A-EXYZ]$/.test(words[2]!)) return true;
  if (words.some((w) => w === 'Mẫu' || w === 'mẫu' || w === 'MẪU')) return true;
  return matchHeader(name)?.field === 'fullName';
}

/**
 * Why the sheet is passed over for a later list, or null when it is the list. Its records are
 * counted up to one more than an example has: a long list answers at its third record.
 */
export function passOver(sheetName: string, rows: readonly SheetRow[], mapping: HeaderMapping): PassOver | null {
  // Named so, or not: a tab with more records than an example has is a list ("Mẫu" holding the
  // clinic's three people; review of session 23).
  // A summary tab is passed over whatever it holds: the days' sheets give its rows.
  if (namesSummary(sheetName)) return 'summary';
  if (namesNotGiven(sheetName)) return 'notGiven';
  const named = namesInstructions(sheetName);
  let records = 0;
  for (let at = mapping.headerIndex + 1; at < rows.length; at++) {
    const row = rows[at]!;
    if (classifyRow(row, mapping) !== 'data') continue;
    if (++records > EXAMPLE_ROWS || (!named && !namesExample(rowName(row, mapping)))) return null;
  }
  return named ? 'instructions' : records > 0 ? 'example' : null;
}
