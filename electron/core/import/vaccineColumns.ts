import { error, findVaccine, vaccineByCode, type Finding } from './domainPort.js';
import { columnLetters } from './applyMerges.js';
import { doseMarker } from './doseMarker.js';
import type { DoseColumns, HeaderMapping } from './findHeaderRow.js';
import { textOf } from './parseTextCells.js';
import type { SheetRow } from './sheetData.js';

/**
 * A vaccine column left out for another ("Mã vắc xin" beside "Tên vắc xin", columnChoiceNotes;
 * not an earlier dose's, "Vắc xin mũi 1") that names another vaccine of the catalog on this row:
 * the two cells disagree, and which was given cannot be told. An error of the vaccine; null when
 * they agree, or when either names none of the catalog. In a list with a row per person, `dose`:
 * the columns left out for the vaccine column that dose reads ("Mã vắc xin mũi 2" beside "Tên vắc
 * xin mũi 2", or beside the "Tên vắc xin" every dose shares).
 */
export function vaccineColumnsDiffer(row: SheetRow, mapping: HeaderMapping, code: string, dose?: DoseColumns): Finding | null {
  const chosen = vaccineByCode(code);
  const left = mapping.duplicates.find((d) => d.field === 'vaccine' && (dose === undefined || d.used === dose.vaccine));
  if (chosen === undefined || left === undefined) return null;
  for (const column of left.unused) {
    const header = mapping.columns[column]?.header ?? '';
    // "Vắc xin mũi 1" beside a booster's own: an earlier dose's, which may well be another vaccine.
    // A dose's own columns are left out only for a column of the same dose (findHeaderRow.ts).
    if (dose === undefined && doseMarker(header) !== null) continue;
    const text = textOf(row.cells[column]);
    const other = text === '' ? undefined : findVaccine(text);
    if (other === undefined || other.code === chosen.code) continue;
    const named = `${columnLetters(column)} ("${header}")`;
    const used = columnLetters(left.used);
    return error(
      'vaccine',
      'IMPORT_VACCINE_COLUMNS_DIFFER',
      `Cột ${named} ghi "${text}" (${other.nameVi}), khác vắc xin ở cột ${used} (${chosen.nameVi}): hãy kiểm tra vắc xin đã tiêm và sửa cột ghi sai.`,
      `Column ${named} says "${text}" (${other.nameEn}), not the vaccine of column ${used} (${chosen.nameEn}): check which vaccine was given and correct the wrong column.`,
    );
  }
  return null;
}
