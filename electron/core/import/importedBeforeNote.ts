/**
 * "This file was already imported on …", in both languages, for `station import` (the screen says
 * the same in renderer/src/i18n, `import.importedBefore*`). The time is the clinic's: dd/mm/yyyy
 * and hh:mm in Viet Nam (UTC+7), as the station shows every date. A notice, not a refusal: the
 * rows already stored are duplicates and the others are imported, as for any file.
 *
 * Only `created` is said: it is what the earlier import did. The run's other counts cover the
 * whole file since session 21 (commitImport's heldBack); a run committed by an older build counted
 * only the rows its commit handed to the store, so its `duplicates` would read as wrong.
 */
import { VIETNAM_OFFSET_MS, formatDayFirst } from '../../../shared/domain/dates.js';
import type { EarlierImport } from './types.js';

/** Earlier imports named one by one; older ones are said in one sentence. */
export const EARLIER_IMPORTS_NAMED = 3;

function vietnamDayAndTime(iso: string): { day: string; time: string } {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return { day: iso, time: '?' };
  const s = new Date(at + VIETNAM_OFFSET_MS).toISOString();
  return { day: formatDayFirst(s.slice(0, 10)), time: s.slice(11, 16) };
}

/** The notice for a preview's `importedBefore` (newest first), or null when the file is new here. */
export function importedBeforeNote(runs: readonly EarlierImport[]): { vi: string; en: string } | null {
  if (runs.length === 0) return null;
  const vi: string[] = [];
  const en: string[] = [];
  runs.slice(0, EARLIER_IMPORTS_NAMED).forEach((run, i) => {
    const { day, time } = vietnamDayAndTime(run.committedAt);
    const created = run.created.toLocaleString('vi-VN');
    const createdEn = run.created.toLocaleString('en-GB');
    vi.push(`${i === 0 ? 'Tệp này đã được nhập' : 'Cũng đã được nhập'} ngày ${day} lúc ${time} (tên tệp "${run.fileName}"): ${created} hồ sơ đã tạo.`);
    en.push(`${i === 0 ? 'This file was already imported' : 'Also imported'} on ${day} at ${time} (file name "${run.fileName}"): ${createdEn} records created.`);
  });
  if (runs.length > EARLIER_IMPORTS_NAMED) {
    vi.push('Tệp còn được nhập cả trước đó.');
    en.push('It was imported before that too.');
  }
  vi.push('Các dòng trùng sẽ không được nhập lại; chỉ các dòng mới được nhập.');
  en.push('Duplicate rows are not imported again; only new rows are.');
  return { vi: vi.join(' '), en: en.join(' ') };
}
