import { columnLetters } from './applyMerges.js';
import { warning, type Finding } from './domainPort.js';
import type { HeaderMapping } from './findHeaderRow.js';
import { FIELD_LABELS } from './headerAliases.js';

/**
 * The note a sheet gets when a column it reads is hidden in the workbook (`<col hidden>`): clinics
 * hide the columns they do not want printed, and such a column, the only one for its field, is
 * still read; a hidden column beside a visible one for the same field is left out, and said so
 * by IMPORT_COLUMNS_SAME_FIELD instead. One warning on the header row; none when nothing read is hidden.
 */
export function hiddenColumnsNote(mapping: HeaderMapping): Finding[] {
  const read = mapping.columns.filter((c) => c.hidden === true && c.field !== null);
  if (read.length === 0) return [];
  const vi = read.map((c) => `${columnLetters(c.index)} ("${c.header}") là cột "${FIELD_LABELS[c.field!].vi}"`).join('; ');
  const en = read.map((c) => `${columnLetters(c.index)} ("${c.header}") as the ${FIELD_LABELS[c.field!].en.toLowerCase()}`).join('; ');
  const many = read.length > 1;
  return [
    warning(
      'row',
      'IMPORT_HIDDEN_COLUMNS',
      `${many ? 'Các cột' : 'Cột'} ${vi} đang bị ẩn trong bảng tính nhưng vẫn được đọc và nhập. Hãy bỏ ẩn để kiểm tra; nếu không muốn nhập, hãy xoá cột đó khỏi tệp.`,
      `Column${many ? 's' : ''} ${en} ${many ? 'are' : 'is'} hidden in the workbook, but read and imported. Unhide ${many ? 'them' : 'it'} to check; to leave ${many ? 'one' : 'it'} out, delete it from the file.`,
    ),
  ];
}
