// Cells as clinics' files really write them, through a whole preview: dose numbers with decimals,
// "n/N", notes and words; ids and phones a CSV lost its zeros in or wrote as ="…". Each row's
// values as read and its findings.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

/** Five different people (same name and birth date would be likely duplicates of each other). */
const NAMES = ['', 'Nguyễn Văn An', 'Trần Văn Bình', 'Lê Văn Cường', 'Phạm Văn Dũng', 'Hoàng Văn Em'];
const row = (n: number, cccd: string, phone: string, dose: string): string[] => [String(n), NAMES[n]!, '15/03/1985', 'Nam', cccd, phone, 'AstraZeneca', 'AB1234', dose, '01/07/2021'];

describe('cells as exports and re-saved CSVs write them', () => {
  it('reads each row as the clinic meant it, says what it assumed, and quotes a dose number it cannot read', async () => {
    const path = tmp.file('cells.csv');
    writeDelimited(path, [
      STANDARD_HEADER,
      row(1, '="079085000901"', '="0912345678"', '1.0'),
      row(2, '79085000902', '912345678', '2/3'),
      row(3, '79085000903.0', '0912345678', 'Mũi 3 (nhắc lại)'),
      row(4, '079085000904', '0912345678', 'Mũi nhắc lại'),
      row(5, '079085000905', '0912345678', '1,5'),
    ]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.input.person.idNumber, r.input.person.phone, r.input.dose.doseNumber, ...r.findings.map((f) => `${f.field}:${f.code}`)])).toEqual([
      [2, 'ready', '079085000901', '0912345678', 1],
      [3, 'warning', '079085000902', '0912345678', 2, 'idNumber:IMPORT_ID_LEADING_ZERO_ASSUMED'],
      [4, 'warning', '079085000903', '0912345678', 3, 'idNumber:IMPORT_ID_LEADING_ZERO_ASSUMED'],
      // A booster with no earlier dose of the person in the file: which dose it is is asked for (boosterDoses.test.ts).
      [5, 'error', '079085000904', '0912345678', 'Mũi nhắc lại', 'doseNumber:IMPORT_DOSE_BOOSTER_UNNUMBERED'],
      [6, 'error', '079085000905', '0912345678', '1,5', 'doseNumber:IMPORT_DOSE_NUMBER_UNREADABLE'],
    ]);
    expect(preview.records[4]!.findings[0]!.message_en).toBe(`The dose number cannot be read from "1,5": write the dose's number (1, 2, 3…).`);
    expect(preview.records[4]!.findings[0]!.message_vi).toContain('"1,5"');
    expect(preview.records[3]!.findings[0]!.message_en).toContain('"Mũi nhắc lại" is a booster but does not say which dose it is');
  });

  it('reads a foreigner\'s 9- or 12-digit number as a passport, not a Vietnamese CMND or CCCD, and a sex headed "Giới"', async () => {
    const path = tmp.file('foreigners.csv');
    writeDelimited(path, [
      ['STT', 'Họ tên', 'Ngày sinh', 'Giới', 'Số giấy tờ', 'Quốc tịch', 'Tên vắc xin', 'Số lô', 'Mũi', 'Ngày tiêm'],
      ['1', 'John Smith', '04/07/1980', 'Nam', '548123456', 'My', 'Pfizer', 'FF2382', '1', '03/09/2021'],
      ['2', 'Sarah Brown', '12/12/1985', 'Nữ', '123456789012', 'Anh', 'Pfizer', 'FF2382', '1', '03/09/2021'],
      ['3', 'Nguyễn Văn An', '15/03/1985', 'Nam', '123456789', 'Việt Nam', 'Pfizer', 'FF2382', '1', '03/09/2021'],
      ['4', 'Lê Thị Hoa', '15/03/1990', 'Nữ', '123456789', '', 'Pfizer', 'FF2382', '1', '03/09/2021'],
    ]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.input.person.idType, r.input.person.nationality, r.input.person.sex])).toEqual([
      [2, 'PASSPORT', 'US', 'M'],
      [3, 'PASSPORT', 'GB', 'F'],
      [4, 'CMND', 'VN', 'M'],
      [5, 'CMND', '', 'F'],
    ]);
  });
});
