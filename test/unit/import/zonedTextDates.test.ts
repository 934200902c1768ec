// Session 25: a web system's export (tiemchungcovid19's API dumped to a sheet or a CSV) writes the
// time of a dose as an instant in UTC: "2021-08-11T20:30:00Z" is 03:30 on 12 August in Viet Nam.
// Session 24 read such a time in a date CELL as the day in Viet Nam; as TEXT it was the day
// written, 11 August, stored ready for the certificate without a word.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDateCell } from '../../../electron/core/import/parseDateCell.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const read = (text: string): [string, string[]] => {
  const p = parseDateCell(text, 'vaccinationDate', false);
  return [p.value, p.findings.map((f) => f.code)];
};

describe('a date written as text with a time and its zone', () => {
  it('is the day in Viet Nam, said when that is not the day written', () => {
    expect(read('2021-08-11T20:30:00Z')).toEqual(['2021-08-12', ['IMPORT_DATE_CELL_TIME_ZONE']]);
    expect(read('2021-08-11T20:30:00.000Z')).toEqual(['2021-08-12', ['IMPORT_DATE_CELL_TIME_ZONE']]);
    expect(read('2021-08-11 20:30:00+00:00')).toEqual(['2021-08-12', ['IMPORT_DATE_CELL_TIME_ZONE']]);
    expect(read('2021-08-12T20:30:00-05:00')).toEqual(['2021-08-13', ['IMPORT_DATE_CELL_TIME_ZONE']]);
    // The same day in Viet Nam, or no zone: the day written, nothing said.
    expect(read('2021-08-12T01:30:00Z')).toEqual(['2021-08-12', []]);
    expect(read('2021-08-12T08:30:00-05:00')).toEqual(['2021-08-12', []]);
    expect(read('2021-08-12T08:30:00+07:00')).toEqual(['2021-08-12', []]);
    expect(read('2021-08-12 20:30:00')).toEqual(['2021-08-12', []]);
  });

  it('the warning quotes the text and names the day read, in both languages', () => {
    const p = parseDateCell('2021-08-11T20:30:00Z', 'vaccinationDate', false);
    expect(p.findings[0]!.message_vi).toContain('"2021-08-11T20:30:00Z"');
    expect(p.findings[0]!.message_vi).toContain('03:30 ngày 12/08/2021 giờ Việt Nam');
    expect(p.findings[0]!.message_en).toContain('Read as 2021-08-12, the day in Viet Nam');
    expect(p.findings[0]!.message_en).not.toContain('Excel');
  });

  it('through a CSV import, the record has the day in Viet Nam and is not ready', async () => {
    const path = tmp.file('zoned.csv');
    writeFileSync(path, ['Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tên vắc xin,Số lô,Mũi tiêm,Thời gian tiêm', 'Nguyễn Văn An,12/03/1985,Nam,079085001000,AstraZeneca,NJ0342,1,2021-08-11T20:30:00Z'].join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.input.dose.vaccinationDate, r.status])).toEqual([['2021-08-12', 'warning']]);
  });
});
