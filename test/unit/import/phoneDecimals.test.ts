// A phone column that went through a float on its way (a database export, pandas, a CSV re-saved
// from a number cell) holds "0912345678.0" or "912345678.0": stored as 09123456780 and 9123456780
// with PHONE_FORMAT (probe of session 23, t28_phone_dot0). The number without ".0", then the
// leading zero Excel drops, as an id cell reads "79085000905.0".
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { parsePhone, withoutZeroDecimals } from '../../../electron/core/import/parseTextCells.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const NAMES = ['Nguyễn Văn An', 'Trần Văn Bình', 'Lê Văn Cường', 'Phạm Văn Dũng'];
const row = (i: number, phone: string): string[] => [String(i + 1), NAMES[i]!, '15/03/1985', 'Nam', `00108501234${i}`, phone, 'Pfizer', 'FF2587', '1', '20/07/2021'];
const PHONES = ['0912345678.0', '912345678.0', '84912345678.0', '0912345678.00'];

describe('a phone written as a whole number with ".0"', () => {
  it('is the number without it, its leading zero restored, in a workbook and in a CSV', async () => {
    const xlsx = tmp.file('phones.xlsx');
    await writeXlsx(xlsx, [{ name: 'DS', rows: [STANDARD_HEADER, ...PHONES.map((p, i) => row(i, p))] }]);
    const csv = tmp.file('phones.csv');
    writeDelimited(csv, [STANDARD_HEADER, ...PHONES.map((p, i) => row(i, p))]);
    for (const path of [xlsx, csv]) {
      const preview = await previewImport(path, { now });
      expect(preview.records.map((r) => [r.row, r.status, r.input.person.phone])).toEqual([
        [2, 'ready', '0912345678'],
        [3, 'ready', '0912345678'],
        [4, 'ready', '84912345678'],
        [5, 'ready', '0912345678'],
      ]);
    }
  });

  it('reads the same as the number without ".0" (property)', () => {
    const phone = fc.oneof(
      fc.stringMatching(/^0[35789]\d{8}$/),
      fc.stringMatching(/^[35789]\d{8}$/),
      fc.stringMatching(/^84[35789]\d{8}$/),
    );
    fc.assert(fc.property(phone, fc.integer({ min: 1, max: 3 }), (digits, zeros) => {
      expect(parsePhone(`${digits}.${'0'.repeat(zeros)}`)).toEqual(parsePhone(digits));
    }));
  });

  it('leaves a number with other decimals, or dots between groups, as written', () => {
    for (const text of ['0912.345.678', '091.234.5670', '0912345678.5', '12.0.0', '.0']) expect(withoutZeroDecimals(text)).toBe(text);
    expect(parsePhone('0912.345.678').phone).toBe('0912.345.678');
  });
});

// A CSV saved from a phone column Excel showed in scientific notation holds "9.1234E+08" (or
// "9,12346E+08" in a Vietnamese locale): "91234E+08" was stored, with only PHONE_FORMAT (a warning
// a clinic confirms). Its digits are lost, as an id's (IMPORT_ID_SCIENTIFIC_NOTATION).
describe('a phone in scientific notation', () => {
  it('is an error of its row saying the digits are lost, in place of the format warning', async () => {
    const csv = tmp.file('phones-scientific.csv');
    writeDelimited(csv, [STANDARD_HEADER, ...['9.1234E+08', '9,12346E+08', '0912345678', '8.4912E+10'].map((p, i) => row(i, p))]);
    const preview = await previewImport(csv, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.findings.map((f) => f.code)])).toEqual([
      [2, 'error', ['IMPORT_PHONE_SCIENTIFIC_NOTATION']],
      [3, 'error', ['IMPORT_PHONE_SCIENTIFIC_NOTATION']],
      [4, 'ready', []],
      [5, 'error', ['IMPORT_PHONE_SCIENTIFIC_NOTATION']],
    ]);
    const finding = preview.records[1]!.findings[0]!;
    expect(finding).toMatchObject({ field: 'phone', severity: 'error' });
    expect(finding.message_en).toBe('Excel saved the phone number in scientific notation (9,12346E+08) and its digits are lost: format the column as Text and type the phone number again.');
    expect(finding.message_vi).toContain('Số điện thoại bị Excel lưu dạng khoa học (9,12346E+08), các chữ số đã mất');
  });

  it('is no error for a phone with an E in no such form', () => {
    for (const cell of ['0912345678', '+84 912 345 678', 'E0912345678', '0912345678 ext 12']) expect(parsePhone(cell).findings, cell).toEqual([]);
  });
});
