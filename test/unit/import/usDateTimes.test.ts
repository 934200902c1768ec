// Session 25: a hospital system whose server runs in English (United States) writes a date and
// time as .NET's general format does: "8/12/2021 8:30:00 AM", the month first. A list of one
// vaccination day has no date whose day is over 12 to show it, so every row was read day first:
// 12 August stored as 8 December, ready, for the certificate.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, writeDelimited } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');
const HEADER = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm', 'Ngày giờ tiêm'];

async function read(name: string, dob: string, when: string): Promise<[string, string, string, string[]]> {
  const path = tmp.file(name);
  writeDelimited(path, [HEADER, ['1', 'Nguyễn Văn An', dob, 'Nam', '079085001000', 'AstraZeneca', 'NJ0342', '1', when]], { encoding: 'utf-8-bom' });
  const r = (await previewImport(path, { now })).records[0]!;
  return [r.status, String(r.input.person.dob), String(r.input.dose.vaccinationDate), r.findings.map((f) => `${f.field}:${f.code}`)];
}

describe('a date and time written as English (United States) writes it', () => {
  it('shows the month first: each date that could be either is read so, and says why', async () => {
    const got = await read('us.csv', '3/12/1985 12:00:00 AM', '8/12/2021 8:30:00 AM');
    expect(got).toEqual(['warning', '1985-03-12', '2021-08-12', ['dob:IMPORT_DATE_READ_MONTH_FIRST', 'vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST']]);
    const path = tmp.file('us2.csv');
    writeDelimited(path, [HEADER, ['1', 'Nguyễn Văn An', '12/03/1985', 'Nam', '079085001000', 'AstraZeneca', 'NJ0342', '1', '8/12/2021 2:30:00 PM']], { encoding: 'utf-8-bom' });
    const f = (await previewImport(path, { now })).records[0]!.findings.find((x) => x.field === 'vaccinationDate')!;
    expect(f.message_en).toContain('AM/PM');
    expect(f.message_vi).toContain('AM/PM');
  });

  it('a Vietnamese time (SA/CH), a 24-hour time or a padded date stay day first', async () => {
    expect((await read('vi.csv', '12/03/1985', '12/08/2021 8:30:00 SA')).slice(1, 3)).toEqual(['1985-03-12', '2021-08-12']);
    expect((await read('h24.csv', '12/03/1985', '12/08/2021 14:30')).slice(1, 3)).toEqual(['1985-03-12', '2021-08-12']);
    expect((await read('padded.csv', '12/03/1985', '12/08/2021 08:30:00 AM')).slice(1, 3)).toEqual(['1985-03-12', '2021-08-12']);
  });

  it('beside a Vietnamese time (SA/CH), the file writes both ways: read day first, each such date said', async () => {
    const path = tmp.file('both.csv');
    writeDelimited(path, [HEADER, ['1', 'Nguyễn Văn An', '1985', 'Nam', '079085001000', 'AstraZeneca', 'NJ0342', '1', '8/12/2021 8:30:00 AM'], ['2', 'Trần Văn Bình', '1985', 'Nam', '079085001001', 'AstraZeneca', 'NJ0342', '1', '12/08/2021 8:30:00 SA']], { encoding: 'utf-8-bom' });
    const records = (await previewImport(path, { now })).records;
    expect(records.map((r) => [String(r.input.dose.vaccinationDate), r.findings.map((f) => f.code)])).toEqual([
      ['2021-12-08', ['IMPORT_DATE_ORDER_MIXED']],
      ['2021-08-12', ['IMPORT_DATE_ORDER_MIXED']],
    ]);
  });
});
