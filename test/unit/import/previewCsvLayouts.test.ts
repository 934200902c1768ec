// Real CSV/TSV files in every encoding and dialect clinic PCs write: expected findings per row.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { encodeText, makeTempDir, writeDelimited, type CsvEncoding } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

function byRow(p: ImportPreview): Record<number, string[]> {
  return Object.fromEntries(p.records.map((r) => [r.row, [r.status, ...r.findings.map((f) => `${f.field}:${f.code}`)]]));
}

/** A commune's list: a title line, quoted commas and quotes, a note with a line break, a blank line, a totals line. */
const LIST: string[][] = [
  ['DANH SÁCH TIÊM CHỦNG, TRẠM Y TẾ PHƯỜNG 5'],
  ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD/CMND/Hộ chiếu', 'Số điện thoại', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm', 'Ghi chú'],
  ['1', 'Nguyễn Văn An', '12/05/1985', 'Nam', '079085001234', '0912345678', 'AstraZeneca', 'AZ1234', '1', '01/07/2021', 'đã tiêm, không phản ứng'],
  ['2', 'Nguyễn Văn An', '12/05/1985', 'Nam', '079 085 001 234', '0912345678', 'Astra-Zeneca', 'AZ1234', '2', '2021-09-30', 'theo dõi\r\n30 phút; ổn'],
  [''],
  ['3', 'Trần Thị Hương', '3.4.1990', 'Nữ', '001190004567', '', 'Pfizer-BioNTech', 'FF2382', 'Mũi 1', '44423', ''],
  ['4', 'Lê Văn "Tí" Cường', '1985', 'NAM', '001085012345', '', 'Moderna', 'MO5678', '1', '15-08-2021', ''],
  ['5', 'Phạm Minh Đức', '31/02/1990', 'Nam', '031090007788', '', 'Sputnik Light', 'AB123', '1', '01/07/2021', ''],
  ['6', 'Hoàng Thị Mai', '20/10/2000', 'F', 'C1234567', '', 'Moderna', 'MO9999', '1', '01/01/2030', '|'],
  ['Tổng cộng', '6 mũi'],
];

const EXPECTED = {
  3: ['ready'],
  4: ['ready'],
  6: ['ready'],
  7: ['warning', 'fullName:NAME_UNUSUAL_CHARACTERS'],
  8: ['error', 'dob:IMPORT_DATE_IMPOSSIBLE', 'vaccine:VACCINE_UNKNOWN'],
  9: ['error', 'vaccinationDate:VACCINATION_DATE_FUTURE'],
};

describe('csv/tsv: every encoding, separator and line ending', () => {
  const encodings: CsvEncoding[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1258'];
  const cases = encodings.flatMap((encoding) => [',', ';', '\t', '|'].flatMap((separator) => ['\r\n', '\n'].map((newline) => ({ encoding, separator, newline }))));

  it.each(cases)('$encoding, separator $separator, newline $newline: same rows, same findings', async ({ encoding, separator, newline }) => {
    const path = tmp.file(`list-${encoding}-${separator.charCodeAt(0)}-${newline.length}.csv`);
    writeDelimited(path, LIST, { encoding, separator, newline });
    const preview = await previewImport(path, { now });
    expect(preview).toMatchObject({ format: 'csv', encoding, separator, headerRow: 2, rows: 6, ready: 3, warnings: 1, errors: 2, duplicates: 0 });
    expect(byRow(preview)).toEqual(EXPECTED);
    const second = preview.records[1]!;
    expect(second.input.person).toMatchObject({ fullName: 'Nguyễn Văn An', idNumber: '079085001234', dob: '1985-05-12' });
    expect(second.cells[10]).toBe('theo dõi\r\n30 phút; ổn');
    expect(preview.records[2]!.input.dose).toEqual({ vaccine: 'PFIZER', lot: 'FF2382', doseNumber: 1, vaccinationDate: '2021-08-15' });
    expect(preview.records[3]!.input.person.fullName).toBe('Lê Văn "Tí" Cường');
  });
});

describe('csv: dialect details', () => {
  it('honours an Excel "sep=" line and does not count it as a row', async () => {
    const path = tmp.file('sep.csv');
    const text = `sep=;\r\n${LIST.slice(1).map((r) => r.map((f) => (/[;"\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(';')).join('\r\n')}`;
    writeFileSync(path, encodeText(text, 'utf-8'));
    const preview = await previewImport(path, { now });
    expect(preview).toMatchObject({ separator: ';', headerRow: 1, rows: 6 });
    expect(preview.records.map((r) => r.row)).toEqual([2, 3, 5, 6, 7, 8]);
  });

  it("reads Excel's 'Unicode text' export (UTF-16 LE, tabs) with NFD names", async () => {
    const path = tmp.file('unicode.txt');
    const rows = LIST.slice(1, 4).map((r) => r.map((f) => f.normalize('NFD').replace(/\r\n/g, ' ')));
    writeDelimited(path, rows, { encoding: 'utf-16le', separator: '\t' });
    const preview = await previewImport(path, { now });
    expect(preview).toMatchObject({ encoding: 'utf-16le', separator: '\t', headerRow: 1, rows: 2, ready: 2 });
    expect(preview.records[0]!.input.person.fullName).toBe('Nguyễn Văn An');
  });

  it('reads a CSV that a clinic renamed .xlsx (content decides, not the name)', async () => {
    const path = tmp.file('actually-csv.xlsx');
    writeDelimited(path, LIST, { encoding: 'utf-8-bom', separator: ',' });
    await expect(previewImport(path, { now })).resolves.toMatchObject({ format: 'csv', rows: 6 });
  });
});
