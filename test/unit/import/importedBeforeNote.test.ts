// The "imported before" notice `station import` prints: the clinic's day and time (Viet Nam,
// UTC+7, whatever zone the PC is in), its number format in each language, the file's name.
import { describe, expect, it } from 'vitest';
import { importedBeforeNote } from '../../../electron/core/import/importedBeforeNote.js';

const run = { committedAt: '2026-11-20T07:05:00.000Z', fileName: 'DS tiêm tháng 11.xlsx', rows: 99_992, created: 99_992, duplicates: 0, invalid: 0 };

describe('importedBeforeNote', () => {
  it('says when (dd/mm/yyyy, hh:mm in Viet Nam), under which name and how many records, Vietnamese first', () => {
    expect(importedBeforeNote([run])).toEqual({
      vi: 'Tệp này đã được nhập ngày 20/11/2026 lúc 14:05 (tên tệp "DS tiêm tháng 11.xlsx"): 99.992 hồ sơ đã tạo. Các dòng trùng sẽ không được nhập lại; chỉ các dòng mới được nhập.',
      en: 'This file was already imported on 20/11/2026 at 14:05 (file name "DS tiêm tháng 11.xlsx"): 99,992 records created. Duplicate rows are not imported again; only new rows are.',
    });
  });

  it("gives the Viet Nam day of a commit made late in the UTC day", () => {
    // 18:30 UTC on 30/11 is 01:30 on 01/12 in Viet Nam.
    expect(importedBeforeNote([{ ...run, committedAt: '2026-11-30T18:30:00.000Z' }])!.vi).toContain('ngày 01/12/2026 lúc 01:30');
  });

  it('says nothing for a file not imported before', () => {
    expect(importedBeforeNote([])).toBeNull();
  });
});
