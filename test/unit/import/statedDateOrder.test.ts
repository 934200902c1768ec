// Session 28: a date column whose header states its format month first ("Ngày tiêm
// (mm/dd/yyyy)", "Date of birth (MM/DD/YYYY)", "(tháng/ngày/năm)") had its dates that could be
// either read day first, ready to sign with nothing said: born 12 March stored as 3 December.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { statedDateOrder } from '../../../electron/core/import/statedDateOrder.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

/** A CSV under the two date headers given; each row [date of birth, vaccination date]. */
async function preview(name: string, dobHeader: string, dateHeader: string, dates: readonly (readonly [string, string])[]): Promise<ImportPreview> {
  const header = ['STT', 'Họ và tên', dobHeader, 'Giới tính', 'Số hộ chiếu', 'Tên vắc xin', 'Số lô', 'Mũi thứ', dateHeader];
  const rows = dates.map(([dob, date], i) => [String(i + 1), ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'][i]!, dob, 'Nam', `B${1234501 + i}`, 'Pfizer', `FK${1234 + i}`, '1', date]);
  const path = tmp.file(name);
  writeFileSync(path, [header, ...rows].map((r) => r.join(',')).join('\r\n'));
  return previewImport(path, { now });
}
const read = (p: ImportPreview) => p.records.map((r) => [r.input.person.dob, r.input.dose.vaccinationDate, r.findings.map((f) => `${f.field}:${f.code}`)]);

describe('a date header that states its format', () => {
  it('"(mm/dd/yyyy)": the dates that could be either are read month first, each said with the header as the reason', async () => {
    const p = await preview('stated-month-first.csv', 'Ngày sinh (mm/dd/yyyy)', 'Ngày tiêm (MM/DD/YYYY)', [['03/12/1985', '05/06/2021'], ['11/05/1990', '06/07/2021']]);
    expect(read(p)).toEqual([
      ['1985-03-12', '2021-05-06', ['dob:IMPORT_DATE_READ_MONTH_FIRST', 'vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST']],
      ['1990-11-05', '2021-06-07', ['dob:IMPORT_DATE_READ_MONTH_FIRST', 'vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST']],
    ]);
    expect(p.records.map((r) => r.status)).toEqual(['warning', 'warning']);
    expect(p.records[0]!.findings[1]!.message_en).toBe(
      'The vaccination date "05/06/2021" is read month first (mm/dd/yyyy) as 2021-05-06, because the file writes its dates that way (row 1: "Ngày sinh (mm/dd/yyyy)"). Check it.',
    );
  });

  it('"(dd/mm/yyyy)" beside "(tháng/ngày/năm)": each column its own way, said once', async () => {
    const p = await preview('stated-both.csv', 'Ngày sinh (dd/mm/yyyy)', 'Ngày tiêm (tháng/ngày/năm)', [['03/12/1985', '05/06/2021'], ['11/05/1990', '06/07/2021']]);
    expect(read(p)).toEqual([
      ['1985-12-03', '2021-05-06', ['vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST']],
      ['1990-05-11', '2021-06-07', ['vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST']],
    ]);
    expect(p.findings.map((f) => f.code)).toContain('IMPORT_DATE_ORDER_BY_COLUMN');
  });

  it('a cell under a month-first header that can only be day first: the column writes both ways, each date that could be either warned', async () => {
    const p = await preview('stated-contradicted.csv', 'Ngày sinh', 'Ngày tiêm (mm/dd/yyyy)', [['15/03/1985', '25/05/2021'], ['20/11/1990', '06/07/2021']]);
    expect(read(p)[0]!.slice(0, 2)).toEqual(['1985-03-15', '2021-05-25']);
    expect(p.records[1]!.findings.map((f) => f.code)).toEqual(['IMPORT_DATE_ORDER_MIXED']);
  });

  it('a header naming the field day/month/year, or a year first, says nothing: read as before', async () => {
    for (const [dobHeader, dateHeader] of [['Ngày/tháng/năm sinh', 'Ngày tiêm'], ['Ngày sinh', 'Ngày tiêm (yyyy/mm/dd)']] as const) {
      const p = await preview('not-stated.csv', dobHeader, dateHeader, [['03/12/1985', '05/06/2021']]);
      expect(read(p)).toEqual([['1985-12-03', '2021-06-05', []]]);
    }
  });

  it('statedDateOrder reads the usual ways of writing a format', () => {
    const cases: [string, 'month' | 'day' | null][] = [
      ['Ngày tiêm (mm/dd/yyyy)', 'month'], ['Date of birth (MM/DD/YYYY)', 'month'], ['Ngày tiêm (M/D/YYYY)', 'month'], ['Ngày tiêm (MM-DD-YY)', 'month'],
      ['Ngày tiêm (tháng/ngày/năm)', 'month'], ['Vaccination date (month/day/year)', 'month'],
      ['Ngày sinh (dd/mm/yyyy)', 'day'], ['DOB (DD-MM-YYYY)', 'day'], ['Ngày sinh (d/m/y)', 'day'],
      ['Ngày/tháng/năm sinh', null], ['Ngày tiêm (yyyy/mm/dd)', null], ['Ngày tiêm (năm/tháng/ngày)', null], ['Ngày tiêm', null], ['Ngày, tháng, năm sinh', null],
    ];
    for (const [header, way] of cases) expect(statedDateOrder(header), header).toBe(way);
  });
});
