import { describe, expect, it } from 'vitest';
import { parseIdCells } from '../../../electron/core/import/parseIdCells.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';
import { writeFileSync } from 'node:fs';

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe('an id type column as clinics fill it (probe 2 of clinic files)', () => {
  it('reads the words for a CCCD, a CMND, a passport and a child\'s personal id number', () => {
    for (const [word, id, type] of [
      ['Mã định danh', '001216012345', 'CCCD'],
      ['Mã định danh cá nhân', '001216012345', 'CCCD'],
      ['Số định danh cá nhân', '001216012345', 'CCCD'],
      ['ĐDCN', '001216012345', 'CCCD'],
      ['Thẻ CCCD', '001085012345', 'CCCD'],
      ['CMTND', '024123456', 'CMND'],
      ['Passport No.', 'B7654321', 'PASSPORT'],
      ['Hộ chiếu phổ thông', 'B7654321', 'PASSPORT'],
    ] as const) {
      const parsed = parseIdCells(id, word);
      expect([parsed.idType, codes(parsed.findings)], word).toEqual([type, []]);
    }
  });

  it('a birth certificate is the child\'s 12-digit personal id printed on it; its register number is asked for again', () => {
    expect(parseIdCells('001216012345', 'Giấy khai sinh')).toMatchObject({ idType: 'CCCD', findings: [] });
    const register = parseIdCells('125/2016', 'Giấy khai sinh');
    expect(codes(register.findings)).toEqual(['IMPORT_ID_BIRTH_CERTIFICATE']);
    expect(register.covers).toContain('idType');
    expect(register.findings[0]!.message_vi).toMatch(/^Loại giấy tờ là "Giấy khai sinh"/);
  });

  it('"CCCD/CMND" allows either, and the number must be one of them', () => {
    expect(parseIdCells('001085012345', 'CCCD/CMND')).toMatchObject({ idType: 'CCCD', findings: [] });
    expect(parseIdCells('024123456', 'CMND/CCCD')).toMatchObject({ idType: 'CMND', findings: [] });
    expect(parseIdCells('024123456', 'CMND hoặc CCCD')).toMatchObject({ idType: 'CMND', findings: [] });
    expect(codes(parseIdCells('C1234567', 'CCCD/CMND').findings)).toEqual(['IMPORT_ID_TYPE_UNRECOGNISED']);
    expect(codes(parseIdCells('024123456', 'CMND/bằng lái').findings)).toEqual(['IMPORT_ID_TYPE_UNRECOGNISED']);
  });

  it('a foreigner\'s passport with digits first or between letters, without a type column', () => {
    expect(parseIdCells('18AV12345', undefined, true)).toMatchObject({ idType: 'PASSPORT', findings: [] });
    expect(parseIdCells('C01X00T47', undefined, true)).toMatchObject({ idType: 'PASSPORT', findings: [] });
    // A Vietnamese citizen's id is never read so: the type is asked for.
    expect(codes(parseIdCells('18AV12345', undefined).findings)).toEqual(['IMPORT_ID_TYPE_UNKNOWN']);
    expect(codes(parseIdCells('1234567', undefined, true).findings)).toEqual(['IMPORT_ID_TYPE_UNKNOWN']);
    // A foreigner's cell saying there is no id, written without its accents, is no passport
    // (session 21 review: "Khong co" was stored as passport KHONGCO); nor are letters alone.
    for (const none of ['Khong co', 'Chua co', 'KHONG', 'None']) {
      expect(parseIdCells(none, undefined, true), none).toMatchObject({ idType: '', findings: [{ code: 'IMPORT_ID_NONE' }] });
    }
    expect(parseIdCells('ABCDEFG', undefined, true).idType).toBe('');
  });

  it('an id cell that names its type before the number reads it as a type column would', () => {
    for (const [cell, id, type] of [
      ['CCCD: 001085012345', '001085012345', 'CCCD'],
      ['CMND 024123456', '024123456', 'CMND'],
      ['HC: C1234567', 'C1234567', 'PASSPORT'],
      ['Hộ chiếu C1234567', 'C1234567', 'PASSPORT'],
      ['Mã định danh: 001216012345', '001216012345', 'CCCD'],
      ['Số 001085012345', '001085012345', 'CCCD'],
      ['CCCD số 001085012345', '001085012345', 'CCCD'],
      ['CMND số: 024123456', '024123456', 'CMND'],
      // "Số" before the type's word too (session 21 review).
      ['Số CCCD: 001085012345', '001085012345', 'CCCD'],
      ['Số CMND: 024123456', '024123456', 'CMND'],
      ['Số hộ chiếu: C1234567', 'C1234567', 'PASSPORT'],
      // A passport's letter apart from its digits is no label.
      ['C 1234567', 'C1234567', 'PASSPORT'],
    ] as const) {
      const parsed = parseIdCells(cell, undefined);
      expect([parsed.idNumber, parsed.idType, codes(parsed.findings)], cell).toEqual([id, type, []]);
    }
    // The label must be a type's word: anything else is no id.
    expect(codes(parseIdCells('Bằng lái 012345678901', undefined).findings)).toEqual(['IMPORT_ID_TYPE_UNKNOWN']);
    // A label saying a type the number is not: validation's finding about the number stands.
    expect(parseIdCells('CMND: 001085012345', undefined)).toMatchObject({ idNumber: '001085012345', idType: 'CMND' });
  });

  it('an id a number cell showed with thousands separators is its digits, the lost zeros said', () => {
    expect(parseIdCells('24,123,456', undefined)).toMatchObject({ idNumber: '024123456', idType: 'CMND' });
    expect(codes(parseIdCells('24,123,456', undefined).findings)).toEqual(['IMPORT_ID_LEADING_ZERO_ASSUMED']);
    expect(parseIdCells('1,085,012,345', undefined)).toMatchObject({ idNumber: '001085012345', idType: 'CCCD' });
    // Not groups of three: two numbers, never joined (a CMND and a CCCD: the CCCD, said).
    expect(parseIdCells('024123456,001085012345', undefined)).toMatchObject({ idNumber: '001085012345', idType: 'CCCD' });
    expect(codes(parseIdCells('024123456,001085012345', undefined).findings)).toEqual(['IMPORT_ID_TWO']);
  });

  it('through a file: the foreigner\'s row is ready, a Vietnamese row with the same number is not', async () => {
    const tmp = makeTempDir();
    try {
      const file = tmp.file('foreign.csv');
      const rows = [
        ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD/Hộ chiếu', 'Quốc tịch', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'],
        ['1', 'Pierre Dupont', '05/06/1980', 'Nam', '18av12345', 'Pháp', 'Pfizer', 'FF2587', '1', '15/07/2021'],
        ['2', 'Nguyễn Văn An', '05/06/1980', 'Nam', '18AV12346', 'Việt Nam', 'Pfizer', 'FF2587', '1', '15/07/2021'],
      ];
      writeFileSync(file, `\ufeff${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
      const preview = await previewImport(file, { now: () => new Date('2026-11-24T10:00:00Z') });
      expect(preview.records.map((r) => [r.input.person.idType, r.input.person.idNumber, r.status])).toEqual([
        ['PASSPORT', '18AV12345', 'ready'],
        ['', '18AV12346', 'error'],
      ]);
    } finally {
      tmp.cleanup();
    }
  });
});
