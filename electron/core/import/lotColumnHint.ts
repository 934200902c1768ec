import { columnLetters } from './applyMerges.js';
import { warning, type Finding } from './domainPort.js';
import type { HeaderMapping } from './findHeaderRow.js';

/**
 * A list with no lot column the importer knows, whose header has a column it does not know with
 * "lô" as a word in it ("Ký hiệu lô", "Lô tiêm"): every row says the lot is missing, and this says
 * which column may be it, so the clinic renames one header rather than typing each lot again.
 * None when a lot column is read or no such column is there. Once per sheet: a header's few cells.
 */
export function lotColumnHint(mapping: HeaderMapping): Finding[] {
  if (mapping.fields.lot !== undefined || mapping.doses.some((d) => d.lot !== undefined)) return [];
  const named = mapping.columns.filter((c) => c.field === null && hasLotWord(c.header)).map((c) => `${columnLetters(c.index)} ("${c.header}")`);
  if (named.length === 0) return [];
  const columns = named.join(', ');
  return [warning(
    'lot',
    'IMPORT_LOT_COLUMN_UNKNOWN',
    `Không nhận ra cột "Số lô", nên mỗi dòng sẽ báo thiếu số lô. Cột ${columns} có phải là số lô không? Nếu đúng, hãy đổi tiêu đề cột thành "Số lô" rồi nhập lại.`,
    `No "Lot" column is recognised, so every row will say its lot is missing. Is column ${columns} the lot? If so, rename its header "Số lô" (Lot) and import again.`,
  )];
}

/**
 * "lô" (or "lo" typed without marks, or "lot") as a word of its own, read with its marks: not
 * "lót" (a middle name), "lọ" (a vial), "lò".
 */
const LOT_WORDS: ReadonlySet<string> = new Set(['lô', 'lo', 'lot']);

function hasLotWord(header: string): boolean {
  for (const word of header.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (LOT_WORDS.has(word)) return true;
  return false;
}
