// Session 26, a mutation probe of session 25's dates with a time and a zone, a time before the date,
// AM/PM and compact timestamps: each case fails for one change to dayInVietNam.ts, parseDateCell.ts
// or dateOrder.ts that left the tests of session 25 green, and each would put another day on the
// passport.
import { afterAll, describe, expect, it } from 'vitest';
import { parseDateCell } from '../../../electron/core/import/parseDateCell.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, writeDelimited } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

const read = (text: string | number): [string, string[]] => {
  const p = parseDateCell(text, 'vaccinationDate', false);
  return [p.value, p.findings.map((f) => f.code)];
};

describe('a time with a zone of half an hour', () => {
  it('is on the day its minutes put it in Viet Nam', () => {
    // 22:20 in India (+05:30) is 16:50 UTC, 23:50 in Viet Nam: the same day. Read as +05:00, 00:20 the next.
    expect(read('2021-08-11T22:20:00+05:30')).toEqual(['2021-08-11', []]);
    expect(read('2021-08-11T22:40:00+05:30')).toEqual(['2021-08-12', ['IMPORT_DATE_CELL_TIME_ZONE']]);
    // 13:10 in Newfoundland (-03:30) is 16:40 UTC, 23:40 in Viet Nam; read as -03:00, 23:10.
    expect(read('2021-08-11T13:40:00-03:30')).toEqual(['2021-08-12', ['IMPORT_DATE_CELL_TIME_ZONE']]);
    expect(read('2021-08-11T13:10:00-03:30')).toEqual(['2021-08-11', []]);
  });
});

describe('a day that does not exist, with a time and a zone', () => {
  it('is not moved into the next month', () => {
    // Date.parse reads 30 February as 2 March: read so, the dose was signed on 3 March.
    const [value, codes] = read('2021-02-30T20:00:00Z');
    expect(value).not.toMatch(/^2021-03/);
    expect(codes.length).toBeGreaterThan(0);
  });
});

describe('a padded date with a 12-hour time', () => {
  it('is day first, as English (Australia) and (United Kingdom) write it: only an unpadded month is the United States', async () => {
    const path = tmp.file('en-au.csv');
    const header = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm', 'Ngày giờ tiêm'];
    writeDelimited(path, [header, ['1', 'Nguyễn Văn An', '12/03/1985', 'Nam', '079085001000', 'AstraZeneca', 'NJ0342', '1', '08/12/2021 8:30:00 AM']], { encoding: 'utf-8-bom' });
    const r = (await previewImport(path, { now })).records[0]!;
    expect([String(r.input.dose.vaccinationDate), r.findings.map((f) => f.code)]).toEqual(['2021-12-08', []]);
  });
});
