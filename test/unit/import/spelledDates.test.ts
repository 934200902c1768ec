// Dates whose order is plain but that no day-first reading took: the year first ("2021/07/29",
// "1980.3.10"), the month in Vietnamese words ("ngày 29 tháng 7 năm 1980") or as an English month
// name ("29-Jul-21", what Excel's d-mmm-yy format writes into a CSV). Each was
// IMPORT_DATE_UNREADABLE (parseDateCell.ts spelledDate).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DAY_FIRST, type DateOrder } from '../../../electron/core/import/dateOrder.js';
import { parseDateCell } from '../../../electron/core/import/parseDateCell.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
const in2022: DateOrder = { ...DAY_FIRST, thisYear: 2022 };
const codes = (findings: readonly { code: string }[]): string[] => findings.map((f) => f.code);
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

describe('yyyymmdd', () => {
  it('is read only as a real day of 1900–2099, as text or as a number', () => {
    expect(parseDateCell(20210903, 'vaccinationDate', false, in2022).value).toBe('2021-09-03');
    expect(parseDateCell(19850312, 'dob', false, in2022).value).toBe('1985-03-12');
    for (const text of ['20210230', '20211301', '21210903', '2021090']) {
      expect(codes(parseDateCell(text, 'vaccinationDate', false, in2022).findings), text).toEqual(['IMPORT_DATE_UNREADABLE']);
    }
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().slice(0, 10);
      expect(parseDateCell(iso.replace(/-/g, ''), 'vaccinationDate', false, in2022).value).toBe(iso);
    }));
  });
});

describe('dates written with their order plain', () => {
  it('reads the year first, Vietnamese words and English month names', () => {
    const cases: [string, string][] = [
      ['2021/07/29', '2021-07-29'],
      ['2022-2-3', '2022-02-03'],
      ['1980.3.10', '1980-03-10'],
      ['29 tháng 7 năm 2021', '2021-07-29'],
      ['Ngày 3 tháng 12 năm 2021', '2021-12-03'],
      ['29 tháng 7, 2021', '2021-07-29'],
      ['29-Thg7-21', '2021-07-29'],
      ['29-Jul-21', '2021-07-29'],
      ['29 July 2021', '2021-07-29'],
      ['Jul 29, 2021', '2021-07-29'],
      ['September 3rd 2021', '2021-09-03'],
      ['3-Sept-2021', '2021-09-03'],
      // After the word for date, closing a sentence, or as a database writes it.
      ['ngày 16/7/2021', '2021-07-16'],
      ['Ngày: 16-07-2021', '2021-07-16'],
      ['Date: 29/07/2021', '2021-07-29'],
      ['20/7/2021.', '2021-07-20'],
      ['20210903', '2021-09-03'],
    ];
    for (const [text, iso] of cases) {
      const parsed = parseDateCell(text, 'vaccinationDate', false, in2022);
      expect([text, parsed.value, codes(parsed.findings)]).toEqual([text, iso, []]);
    }
  });

  it('reads their two-digit years of birth as the other two-digit years are read', () => {
    expect(parseDateCell('12-Mar-80', 'dob', false, in2022)).toEqual({ value: '1980-03-12', findings: [] });
    expect(codes(parseDateCell('12-Mar-10', 'dob', false, in2022).findings)).toEqual(['IMPORT_DATE_TWO_DIGIT_YEAR']);
    expect(parseDateCell('12-Mar-10', 'dob', false, in2022, undefined, '079210000101').value).toBe('2010-03-12');
  });

  it('says a spelled date that cannot be is impossible, and leaves other text unreadable', () => {
    const feb = parseDateCell('31-Feb-1980', 'dob', false, in2022);
    expect([feb.value, codes(feb.findings)]).toEqual(['31-Feb-1980', ['IMPORT_DATE_IMPOSSIBLE']]);
    expect(feb.findings[0]!.message_en).toBe('The date of birth "31-Feb-1980" does not exist: 1980-02 has no day 31.');
    for (const text of ['29 Jly 2021', 'tháng 7 năm 2021', '2021/29/07', 'hôm qua', `29 tháng 7 năm 2021 ${'x'.repeat(50)}`]) {
      expect([text, codes(parseDateCell(text, 'vaccinationDate', false, in2022).findings)]).toEqual([text, [text === '2021/29/07' ? 'IMPORT_DATE_IMPOSSIBLE' : 'IMPORT_DATE_UNREADABLE']]);
    }
  });

  it('gives back any date written in any of these ways (fast-check)', () => {
    const day = fc.integer({ min: Date.UTC(1920, 0, 1), max: Date.UTC(2030, 11, 31) }).map((ms) => new Date(ms - (ms % 86_400_000)));
    const ways: ((y: number, m: number, d: number) => string)[] = [
      (y, m, d) => `${y}/${m}/${d}`,
      (y, m, d) => `${y}.${String(m).padStart(2, '0')}.${d}`,
      (y, m, d) => `ngày ${d} tháng ${m} năm ${y}`,
      (y, m, d) => `${d}-${MONTH_NAMES[m - 1]!.slice(0, 3)}-${y}`,
      (y, m, d) => `${MONTH_NAMES[m - 1]} ${d}, ${y}`,
    ];
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: ways.length - 1 }), (d, way) => {
        const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const text = ways[way]!(y, m, dd);
        expect([text, parseDateCell(text, 'vaccinationDate', false, in2022).value]).toEqual([text, d.toISOString().slice(0, 10)]);
      }),
      { numRuns: 300 },
    );
  });

  it('imports a CSV written so, whatever order its other dates show', async () => {
    const path = tmp.file('spelled.csv');
    const row = (n: number, dob: string, date: string, cccd: string): string[] => [String(n), 'Nguyễn Văn An', dob, 'Nam', cccd, '0912345678', 'AstraZeneca', 'AB1234', '1', date];
    // Row 4 shows the file month first (7/30/2021): a spelled date is read as spelled all the same.
    writeDelimited(path, [STANDARD_HEADER, row(1, '1985/03/15', '29-Jul-21', '079085001234'), row(2, '15 tháng 3 năm 1986', 'Aug 5, 2021', '079086001235'), row(3, '3/15/1987', '7/30/2021', '079087001236')]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.input.person.dob, r.input.dose.vaccinationDate])).toEqual([
      [2, '1985-03-15', '2021-07-29'],
      [3, '1986-03-15', '2021-08-05'],
      [4, '1987-03-15', '2021-07-30'],
    ]);
  });
});

describe('a date after its day of the week (Excel\'s long date format, saved as CSV)', () => {
  const VI_DAYS = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'];
  const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

  it('is read as the date, in both languages, numbered, without diacritics or in NFD (property)', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2021-01-01T00:00:00Z'), max: new Date('2022-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 5 }), (d, style) => {
      const iso = d.toISOString().slice(0, 10);
      const [y, m, day] = iso.split('-').map(Number) as [number, number, number];
      const wd = d.getUTCDay();
      const text = [
        `${VI_DAYS[wd]}, ${day}/${m}/${y}`,
        `${VI_DAYS[wd]!.toUpperCase()}, ${day} tháng ${m}, ${y}`,
        `${wd === 0 ? 'CN' : `Thứ ${wd + 1}`}, ${day}/${m}/${y}`.replace('CN', 'Chủ nhật'),
        `${EN_DAYS[wd]}, ${MONTH_NAMES[m - 1]} ${day}, ${y}`,
        `${EN_DAYS[wd]!.slice(0, 3)}, ${day} ${MONTH_NAMES[m - 1]!.slice(0, 3)} ${y}`,
        `${VI_DAYS[wd]}, ngày ${day}/${m}/${y}`.normalize('NFD'),
      ][style]!;
      expect(parseDateCell(text, 'vaccinationDate', false, in2022), text).toEqual({ value: iso, findings: [] });
    }), { numRuns: 200 });
  });

  it('needs its comma: a weekday run into the date, or a word that only starts like one, is not cut', () => {
    for (const text of ['Thứ tư 20/04/2022', 'Thursdays, 20/04/2022', 'Monument, 20/04/2022']) {
      expect(codes(parseDateCell(text, 'vaccinationDate', false, in2022).findings), text).toEqual(['IMPORT_DATE_UNREADABLE']);
    }
  });

  it('warns when the day is not that weekday (one of the two was typed wrong), and reads the date', () => {
    // 21/04/2022 was a Thursday.
    const r = parseDateCell('Thứ tư, 21/04/2022', 'vaccinationDate', false, in2022);
    expect(r.value).toBe('2022-04-21');
    expect(r.findings).toEqual([expect.objectContaining({ code: 'IMPORT_DATE_WEEKDAY_MISMATCH', severity: 'warning', field: 'vaccinationDate' })]);
    expect(r.findings[0]!.message_vi).toBe('Ngày tiêm "Thứ tư, 21/04/2022": ngày 21/04/2022 là thứ năm, không phải thứ tư. Đã đọc là ngày 21/04/2022; hãy kiểm tra lại ngày này.');
    expect(r.findings[0]!.message_en).toBe('The vaccination date "Thứ tư, 21/04/2022": 2022-04-21 is a Thursday, not a Wednesday. Read as 2022-04-21; check the date.');
    fc.assert(fc.property(fc.date({ min: new Date('2021-01-01T00:00:00Z'), max: new Date('2022-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 6 }), (d, shift) => {
      const iso = d.toISOString().slice(0, 10);
      const said = EN_DAYS[(d.getUTCDay() + shift) % 7]!;
      const found = parseDateCell(`${said}, ${iso.split('-').reverse().join('/')}`, 'dob', false, in2022);
      expect(found.value).toBe(iso);
      expect(codes(found.findings)).toEqual(['IMPORT_DATE_WEEKDAY_MISMATCH']);
    }), { numRuns: 100 });
  });

  it('imports a CSV whose dates Excel wrote long', async () => {
    const path = tmp.file('long-dates.csv');
    writeDelimited(path, [STANDARD_HEADER, ['1', 'Nguyễn Văn An', 'Thứ ba, 12/03/1985', 'Nam', '079085001234', '0912345678', 'Pfizer', 'FF2587', '1', 'Thứ tư, 20/04/2022']]);
    const preview = await previewImport(path, { now });
    expect(preview.records[0]).toMatchObject({ status: 'ready', input: { person: { dob: '1985-03-12' }, dose: { vaccinationDate: '2022-04-20' } } });
  });
});
