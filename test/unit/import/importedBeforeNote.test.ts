// The "imported before" notice `station import` prints: the clinic's day and time (Viet Nam,
// UTC+7, whatever zone the PC is in), its number format in each language, the file's name.
import { describe, expect, it } from 'vitest';
import { importedBeforeNote } from '../../../electron/core/import/importedBeforeNote.js';

const run = { committedAt: '2026-11-20T07:05:00.000Z', fileName: 'DS tiêm tháng 11.xlsx', rows: 99_992, created: 99_992, duplicates: 0, invalid: 0 };

describe('importedBeforeNote', () => {
  it('says when (dd/mm/yyyy, hh:mm in Viet Nam), under which name and how many records, Vietnamese first', () => {
    expect(importedBeforeNote({ importedBefore: [run], importedBeforeTotal: 1 })).toEqual({
      vi: 'Tệp này đã được nhập ngày 20/11/2026 lúc 14:05 (tên tệp "DS tiêm tháng 11.xlsx"): 99.992 hồ sơ đã tạo. Các dòng trùng sẽ không được nhập lại; chỉ các dòng mới được nhập.',
      en: 'This file was already imported on 20/11/2026 at 14:05 (file name "DS tiêm tháng 11.xlsx"): 99,992 records created. Duplicate rows are not imported again; only new rows are.',
    });
  });

  it("gives the Viet Nam day of a commit made late in the UTC day", () => {
    // 18:30 UTC on 30/11 is 01:30 on 01/12 in Viet Nam.
    expect(importedBeforeNote({ importedBefore: [{ ...run, committedAt: '2026-11-30T18:30:00.000Z' }], importedBeforeTotal: 1 })!.vi).toContain('ngày 01/12/2026 lúc 01:30');
  });

  // Session 22: imported once (500 records), then four times more finding them all stored. The
  // preview's runs: newest first, the first import last, the ones between left out (20 at most).
  // The i-th import again: on 2i/11 at i:00 UTC.
  const again = (i: number) => ({ committedAt: `2026-11-2${i}T0${i}:00:00.000Z`, fileName: `DS (${i}).xlsx`, rows: 500, created: 0, duplicates: 500, invalid: 0 });
  const first = { committedAt: '2026-11-20T01:00:00.000Z', fileName: 'DS tiêm.xlsx', rows: 500, created: 500, duplicates: 0, invalid: 0 };

  it('for a file imported five times, says so, names the first import (the one that created the records) and the newest', () => {
    expect(importedBeforeNote({ importedBefore: [again(4), again(3), first], importedBeforeTotal: 5 })).toEqual({
      vi: 'Tệp này đã được nhập 5 lần. Lần đầu vào ngày 20/11/2026 lúc 08:00 (tên tệp "DS tiêm.xlsx"): 500 hồ sơ đã tạo. ' +
        '2 lần nhập khác sau đó không liệt kê ở đây. ' +
        'Sau đó vào ngày 23/11/2026 lúc 10:00 (tên tệp "DS (3).xlsx"): 0 hồ sơ đã tạo. ' +
        'Lần gần nhất vào ngày 24/11/2026 lúc 11:00 (tên tệp "DS (4).xlsx"): 0 hồ sơ đã tạo. ' +
        'Các dòng trùng sẽ không được nhập lại; chỉ các dòng mới được nhập.',
      en: 'This file was already imported 5 times. First on 20/11/2026 at 08:00 (file name "DS tiêm.xlsx"): 500 records created. ' +
        '2 more imports followed, not listed here. ' +
        'Then on 23/11/2026 at 10:00 (file name "DS (3).xlsx"): 0 records created. ' +
        'Last on 24/11/2026 at 11:00 (file name "DS (4).xlsx"): 0 records created. ' +
        'Duplicate rows are not imported again; only new rows are.',
    });
    // The preview lists up to 20: the notice names the same three from the whole list.
    expect(importedBeforeNote({ importedBefore: [again(4), again(3), again(2), again(1), first], importedBeforeTotal: 5 })!.en).toContain(
      'First on 20/11/2026 at 08:00 (file name "DS tiêm.xlsx"): 500 records created. 2 more imports followed, not listed here. Then on 23/11/2026',
    );
  });

  it('for a file imported twice or three times, names each, the first first, and counts one import in English', () => {
    const one = { ...first, created: 1 };
    expect(importedBeforeNote({ importedBefore: [again(1), one], importedBeforeTotal: 2 })!.en).toBe(
      'This file was already imported 2 times. First on 20/11/2026 at 08:00 (file name "DS tiêm.xlsx"): 1 record created. ' +
        'Last on 21/11/2026 at 08:00 (file name "DS (1).xlsx"): 0 records created. Duplicate rows are not imported again; only new rows are.',
    );
    const three = importedBeforeNote({ importedBefore: [again(2), again(1), one], importedBeforeTotal: 3 })!;
    expect(three.vi).toMatch(/^Tệp này đã được nhập 3 lần\. Lần đầu vào .*"DS tiêm\.xlsx"\): 1 hồ sơ đã tạo\. Sau đó vào .*"DS \(1\)\.xlsx".* Lần gần nhất vào .*"DS \(2\)\.xlsx"/);
    expect(three.en).not.toContain('not listed');
    expect(importedBeforeNote({ importedBefore: [again(3), again(2), one], importedBeforeTotal: 4 })!.en).toContain('1 more import followed, not listed here.');
  });

  it('says nothing for a file not imported before', () => {
    expect(importedBeforeNote({ importedBefore: [], importedBeforeTotal: 0 })).toBeNull();
  });
});
