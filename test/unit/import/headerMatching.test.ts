import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHeaderRow, mapHeaderRow } from '../../../electron/core/import/findHeaderRow.js';
import { matchHeader, type ImportField } from '../../../electron/core/import/headerAliases.js';

/** Headers seen in real clinic sheets, as written, and the field each names. */
const HEADERS: [string, ImportField][] = [
  ['Họ và tên', 'fullName'], ['Họ tên', 'fullName'], ['Ho va ten', 'fullName'], ['Full name', 'fullName'],
  ['Họ và tên người được tiêm', 'fullName'], ['Họ', 'familyName'], ['Tên', 'givenName'],
  ['Ngày sinh', 'dob'], ['Ngày sinh (dd/mm/yyyy)', 'dob'], ['Ngày, tháng, năm sinh', 'dob'], ['Date of birth', 'dob'], ['Năm sinh', 'birthYear'],
  ['Giới tính', 'sex'], ['Số CCCD/CMND/Hộ chiếu', 'idNumber'], ['CCCD', 'idNumber'], ['Số định danh', 'idNumber'], ['CMND/CCCD', 'idNumber'],
  ['Loại giấy tờ', 'idType'], ['Số điện thoại', 'phone'], ['SĐT', 'phone'], ['Quốc tịch', 'nationality'],
  ['Tên vắc xin', 'vaccine'], ['Loại vắc xin', 'vaccine'], ['Vaccine', 'vaccine'], ['Tên vắc xin COVID-19', 'vaccine'],
  ['Số lô', 'lot'], ['Lot', 'lot'], ['Mũi tiêm thứ', 'doseNumber'], ['Mũi số', 'doseNumber'], ['Dose', 'doseNumber'],
  ['Ngày tiêm', 'vaccinationDate'], ['Vaccination date', 'vaccinationDate'], ['Ngày tiêm chủng', 'vaccinationDate'], ['STT', 'ignore'],
];

describe('header matching', () => {
  it.each(HEADERS)('"%s" names %s', (header, field) => {
    expect(matchHeader(header)?.field).toBe(field);
  });

  it('never takes a guardian or relative column for the vaccinated person', () => {
    expect(matchHeader('Họ tên người giám hộ')).toBeNull();
    expect(matchHeader('SĐT người thân')).toBeNull();
    expect(matchHeader('Ghi chú')).toBeNull();
    expect(matchHeader('Lỗi cần sửa / Findings')).toBeNull();
  });

  it('ignores case, spacing, punctuation, notes in brackets and diacritics (property)', () => {
    const strip = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'));
    fc.assert(
      fc.property(
        fc.constantFrom(...HEADERS),
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.constantFrom('', ':', ' *', ' (bắt buộc)', '\n', ' [1]'),
        fc.constantFrom(' ', '  ', '\u00a0', ' \n'),
        fc.boolean(),
        (entry, noMarks, upper, suffix, space, nfd) => {
          const [header, field] = entry;
          let text = noMarks ? strip(header) : header;
          text = Array.from(text, (ch, i) => (upper[i % 40] ? ch.toUpperCase() : ch.toLowerCase())).join('');
          text = `  ${text.split(' ').join(space)}${suffix} `;
          if (nfd) text = text.normalize('NFD');
          expect(matchHeader(text)?.field).toBe(field);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('finds the header under title rows, with the columns it maps and the ones it lacks', () => {
    const rows = [
      { row: 1, cells: ['SỞ Y TẾ HÀ NỘI'] },
      { row: 2, cells: ['DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN PHÒNG COVID-19 (Ngày sinh, CCCD, vắc xin)'] },
      { row: 4, cells: ['STT', 'Họ và tên', 'Năm sinh', 'CCCD', 'Ghi chú'] },
      { row: 5, cells: ['1', 'Nguyễn Văn An', '1985', '001085012345', ''] },
    ];
    const mapping = findHeaderRow(rows);
    expect(mapping).toMatchObject({ headerRow: 4, headerIndex: 2, fields: { fullName: 1, birthYear: 2, idNumber: 3 } });
    expect(mapping!.missing).toEqual(['vaccine', 'doseNumber', 'vaccinationDate']);
    expect(mapping!.columns.map((c) => c.field)).toEqual([null, 'fullName', 'birthYear', 'idNumber', null]);
  });

  it('prefers the exact header over a longer one for the same field, and full name over its parts', () => {
    const m = mapHeaderRow({ row: 1, cells: ['Ngày tiêm mũi 1', 'Ngày tiêm', 'Họ', 'Tên', 'Họ và tên', 'Ngày sinh', 'Năm sinh'] }, 0);
    expect(m.fields).toEqual({ vaccinationDate: 1, fullName: 4, dob: 5 });
  });

  it('needs three recognisable columns before a row is a header', () => {
    expect(findHeaderRow([{ row: 1, cells: ['Họ và tên', 'Ngày sinh'] }, { row: 2, cells: ['a', 'b'] }])).toBeNull();
  });
});
