/**
 * "This file was already imported on …", in both languages, for `station import` (the screen says
 * the same in renderer/src/i18n, `import.importedBefore*`). The time is the clinic's: dd/mm/yyyy
 * and hh:mm in Viet Nam (UTC+7), as the station shows every date. A notice, not a refusal: the
 * rows already stored are duplicates and the others are imported, as for any file.
 *
 * Only `created` is said: it is what the earlier import did. The run's other counts cover the
 * whole file since session 21 (commitImport's heldBack); a run committed by an older build counted
 * only the rows its commit handed to the store, so its `duplicates` would read as wrong.
 *
 * A file imported more than once is said with its count, its first import (the one that normally
 * created the records) and the newest (shared/domain/earlierImports.ts chooses which).
 */
import { VIETNAM_OFFSET_MS, formatDayFirst } from '../../../shared/domain/dates.js';
import { namedEarlierImports } from '../../../shared/domain/earlierImports.js';
import type { EarlierImport, ImportPreview } from './types.js';

function vietnamDayAndTime(iso: string): { day: string; time: string } {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return { day: iso, time: '?' };
  const s = new Date(at + VIETNAM_OFFSET_MS).toISOString();
  return { day: formatDayFirst(s.slice(0, 10)), time: s.slice(11, 16) };
}

/** "on dd/mm/yyyy at hh:mm (file name "…"): n records created", in both languages. */
function when(run: EarlierImport): { vi: string; en: string } {
  const { day, time } = vietnamDayAndTime(run.committedAt);
  return {
    vi: `ngày ${day} lúc ${time} (tên tệp "${run.fileName}"): ${run.created.toLocaleString('vi-VN')} hồ sơ đã tạo.`,
    en: `on ${day} at ${time} (file name "${run.fileName}"): ${run.created.toLocaleString('en-GB')} ${run.created === 1 ? 'record' : 'records'} created.`,
  };
}

/** The notice for a preview's `importedBefore` and `importedBeforeTotal`, or null when the file is new here. */
export function importedBeforeNote(preview: Pick<ImportPreview, 'importedBefore' | 'importedBeforeTotal'>): { vi: string; en: string } | null {
  const named = namedEarlierImports(preview.importedBefore, preview.importedBeforeTotal);
  if (named === null) return null;
  const { first, later, between } = named;
  const vi: string[] = [];
  const en: string[] = [];
  if (later.length === 0) {
    vi.push(`Tệp này đã được nhập ${when(first).vi}`);
    en.push(`This file was already imported ${when(first).en}`);
  } else {
    const total = preview.importedBeforeTotal;
    vi.push(`Tệp này đã được nhập ${total.toLocaleString('vi-VN')} lần.`, `Lần đầu vào ${when(first).vi}`);
    en.push(`This file was already imported ${total.toLocaleString('en-GB')} times.`, `First ${when(first).en}`);
    if (between > 0) {
      vi.push(`${between.toLocaleString('vi-VN')} lần nhập khác sau đó không liệt kê ở đây.`);
      en.push(`${between.toLocaleString('en-GB')} more ${between === 1 ? 'import' : 'imports'} followed, not listed here.`);
    }
    later.forEach((run, i) => {
      const last = i === later.length - 1;
      vi.push(`${last ? 'Lần gần nhất vào' : 'Sau đó vào'} ${when(run).vi}`);
      en.push(`${last ? 'Last' : 'Then'} ${when(run).en}`);
    });
  }
  vi.push('Các dòng trùng sẽ không được nhập lại; chỉ các dòng mới được nhập.');
  en.push('Duplicate rows are not imported again; only new rows are.');
  return { vi: vi.join(' '), en: en.join(' ') };
}
