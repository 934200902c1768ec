// Excel's "CSV (Comma delimited)" on a computer not set to Vietnamese writes in code page 1252,
// and every Vietnamese letter 1252 lacks becomes "?": "Nguy?n V?n ?n". No encoding reads the
// letters back, and read as it was, such a name was a warning (NAME_UNUSUAL_CHARACTERS) that a
// clinic confirming its warnings signed into a certificate (lostLetters.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';
import type { StationError } from '../../../shared/errors.js';
import { previewRefusal } from './previewRefusal.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const refusal = (path: string): Promise<StationError> => previewRefusal(path, now);

const person = (n: number, name: string, note = ''): string[] => [String(n), name, '15/03/1985', 'Nam', `07908500${String(1000 + n)}`, '0912345678', 'AstraZeneca', 'AB1234', '1', '29/07/2021', note];
const HEADER = [...STANDARD_HEADER, 'Ghi chú'];

describe('a CSV saved in code page 1252', () => {
  it('is refused at once, naming the first row that shows the loss and how to save the file', async () => {
    const path = tmp.file('ansi.csv');
    writeDelimited(path, [STANDARD_HEADER, ...makeDoses(20, 7).map((d, i) => standardRow(d, i + 1))], { encoding: 'windows-1252' });
    const err = await refusal(path);
    expect(err.code).toBe('IMPORT_LETTERS_LOST');
    // The header itself lost "ớ" of "Giới tính" ("H? và tên" shows it too, but not inside a word).
    expect(err.messageEn).toContain('For example row 1: "Gi?i tính"');
    expect(err.messageEn).toContain('save it as "CSV UTF-8 (Comma delimited)" (LibreOffice: character set Unicode (UTF-8)) or as an Excel Workbook (.xlsx)');
    expect(err.messageVi).toContain('Ví dụ dòng 1: "Gi?i tính"');
    expect(err.messageVi).toContain('lưu lại dạng "CSV UTF-8 (Comma delimited)"');
    expect(err.details).toMatchObject({ row: 1, word: 'Gi?i tính' });
  });

  it('is refused with an English header too, whose letters 1252 has: the names show the loss', async () => {
    const path = tmp.file('ansi-english.csv');
    const header = ['No', 'Full name', 'Date of birth', 'Sex', 'ID number', 'Phone', 'Vaccine', 'Lot', 'Dose', 'Vaccination date'];
    writeDelimited(path, [header, person(1, 'Nguyễn Văn An'), person(2, 'Trần Thị Bích'), person(3, 'Lê Đức Thắng'), person(4, 'Phạm Thu Hà')].map((r) => r.slice(0, 10)), { encoding: 'windows-1252' });
    const err = await refusal(path);
    expect(err.code).toBe('IMPORT_LETTERS_LOST');
    expect(err.details).toMatchObject({ row: 2, word: 'Nguy?n V?n An', where: 'names', namesWithLostLetters: 4, namesLookedAt: 4 });
  });

  it('is refused, not "no header row", when only the header and one row are there', async () => {
    const path = tmp.file('ansi-short.csv');
    writeDelimited(path, [STANDARD_HEADER, person(1, 'Nguyen Van An').slice(0, 10)], { encoding: 'windows-1252' });
    expect((await refusal(path)).code).toBe('IMPORT_LETTERS_LOST');
  });
});

describe('a good file with "?" in other columns', () => {
  const people = ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Đức Thắng', 'Phạm Thu Hà', 'John Smith'];

  it('is not refused for notes or links with "?" in every row, in any encoding', async () => {
    const notes = ['Sốt?Không', 'có phản ứng?không', 'Fever?no', 'tiemchung.gov.vn/portal/search?id=12', 'https://tiemchung.example.vn/portal?ma=1&loai=qr'];
    for (const encoding of ['utf-8', 'windows-1258', 'utf-16le'] as const) {
      const path = tmp.file(`notes-${encoding}.csv`);
      writeDelimited(path, [HEADER, ...people.map((name, i) => person(i + 1, name, notes[i]))], { encoding });
      const preview = await previewImport(path, { now });
      expect([encoding, preview.records.map((r) => r.status)]).toEqual([encoding, ['ready', 'ready', 'ready', 'ready', 'ready']]);
    }
  });

  it('missing a column, is refused as "no header row", not for a note or a title with "?"', async () => {
    const path = tmp.file('no-dose-column.csv');
    const header = HEADER.filter((h) => h !== 'Mũi tiêm thứ');
    writeDelimited(path, [['DANH SÁCH SÀNG LỌC?CÓ TIÊM'], header, ...people.map((name, i) => person(i + 1, name, 'Hẹn tiêm?chưa rõ').filter((_, c) => c !== 8))]);
    expect((await refusal(path)).code).toBe('IMPORT_NO_HEADER');
    const headless = tmp.file('headless-links.csv');
    writeDelimited(headless, people.map((name, i) => person(i + 1, name, `https://portal.gov.vn/cert?id=${i}`)));
    expect((await refusal(headless)).code).toBe('IMPORT_NO_HEADER');
  });

  it('with a "?" for names or parts not known, is not refused: those rows are errors of their own', async () => {
    const path = tmp.file('unknown-names.csv');
    writeDelimited(path, [HEADER, ...['?', 'Nguyễn Văn An', 'Nguyễn Văn ?', 'Trần Thị Bích', '?'].map((name, i) => person(i + 1, name))]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.status, r.findings.find((f) => f.field === 'fullName')?.code ?? ''])).toEqual([
      ['error', 'IMPORT_NAME_NOT_KNOWN'],
      ['ready', ''],
      ['error', 'IMPORT_NAME_NOT_KNOWN'],
      ['ready', ''],
      ['error', 'IMPORT_NAME_NOT_KNOWN'],
    ]);
    expect(preview.records[2]!.findings[0]!.message_en).toBe('The name "Nguyễn Văn ?" has "?" for a part not known: write the person\'s full, real name.');
  });
});

describe('a name with "?" in a good file', () => {
  it('is an error of its row, and a note or a vaccine with "?" refuses nothing', async () => {
    const path = tmp.file('one-name.csv');
    writeDelimited(path, [
      HEADER,
      person(1, 'Nguyễn Văn An', 'Sốt nhẹ?'),
      person(2, 'Tr?n Thị Bích'),
      person(3, 'Lê Đức Thắng', 'Hẹn mũi 2?không'),
      person(4, 'Phạm Thu Hà', 'Có tiền sử dị ứng?'),
      person(5, 'Hoàng Minh Quân', 'Gọi lại?chưa'),
    ]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status])).toEqual([[2, 'ready'], [3, 'error'], [4, 'ready'], [5, 'ready'], [6, 'ready']]);
    const lost = preview.records[1]!.findings;
    expect(lost.map((f) => `${f.field}:${f.code}`)).toEqual(['fullName:IMPORT_NAME_LETTERS_LOST']);
    expect(lost[0]!.message_en).toBe('The name "Tr?n Thị Bích" has "?" where letters were lost when the file was saved: correct the name (a CSV: save it again from the original as "CSV UTF-8" or .xlsx).');
    expect(lost[0]!.message_vi).toContain('Họ tên "Tr?n Thị Bích" có dấu "?"');
  });

  it('is an error in an xlsx too (a list pasted from a damaged CSV), in split name columns as well', async () => {
    const path = tmp.file('names.xlsx');
    const header = ['STT', 'Họ', 'Tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'];
    await writeXlsx(path, [{ name: 'DS', rows: [header, ['1', 'Nguy?n V?n', 'An', '15/03/1985', 'Nam', '079085001001', 'Pfizer', 'FA1234', '1', '29/07/2021'], ['2', 'Trần Thị', 'Bích', '15/03/1985', 'Nữ', '079185001002', 'Pfizer', 'FA1234', '1', '29/07/2021']] }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.findings.map((f) => f.code).join()])).toEqual([[2, 'error', 'IMPORT_NAME_LETTERS_LOST'], [3, 'ready', '']]);
  });
});

describe('a vaccine with "?"', () => {
  it('is an error of its row ("Sinopharm??" was read as Vero Cell without a word)', async () => {
    const path = tmp.file('vaccine-unsure.csv');
    // One person's two doses of Vero Cell, the first written unsure.
    const row = (dose: number, vaccine: string, date: string): string[] => {
      const r = person(1, 'Nguyễn Văn An').slice(0, 10);
      r[0] = String(dose);
      r[6] = vaccine;
      r[8] = String(dose);
      r[9] = date;
      return r;
    };
    writeDelimited(path, [STANDARD_HEADER, row(1, 'Sinopharm??', '29/07/2021'), row(2, 'Vero Cell', '26/08/2021')]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.findings.map((f) => `${f.field}:${f.code}`).join()])).toEqual([
      [2, 'error', 'vaccine:IMPORT_VACCINE_UNSURE'],
      [3, 'ready', ''],
    ]);
    expect(preview.records[0]!.findings[0]!.message_en).toBe('The vaccine "Sinopharm??" has a "?": write the name of the vaccine given.');
  });
});
