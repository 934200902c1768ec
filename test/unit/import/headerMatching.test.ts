import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnChoiceNotes, findHeaderRow, mapHeaderRow } from '../../../electron/core/import/findHeaderRow.js';
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
  ['Lô vắc xin', 'lot'], ['Số ĐT', 'phone'], ['Passport/ID No.', 'idNumber'], ['CCCD/Passport', 'idNumber'], ['Identity number', 'idNumber'],
  ['CCCD/Hộ chiếu', 'idNumber'], ['Date of injection', 'vaccinationDate'], ['ID', 'idNumber'],
  ['Giới', 'sex'], ['Giới (Nam/Nữ)', 'sex'], ['Nam/Nữ', 'sex'],
  // Session 21: the North's CMT, the personal id number, the new id card, and other headers clinics write.
  ['Số CMT', 'idNumber'], ['CMT/CCCD', 'idNumber'], ['Số chứng minh thư', 'idNumber'], ['Số chứng minh nhân dân', 'idNumber'],
  ['Số CMTND', 'idNumber'], ['Mã ĐDCN', 'idNumber'], ['Số ĐDCN', 'idNumber'], ['Thẻ căn cước', 'idNumber'], ['Số thẻ căn cước', 'idNumber'], ['Căn cước', 'idNumber'],
  ['Loại vaccin', 'vaccine'], ['Mã vắc xin', 'vaccine'], ['Vaccine code', 'vaccine'], ['Lô số', 'lot'], ['Số lô/HSD', 'lot'], ['Lô / Hạn dùng', 'lot'], ['Lô SX', 'lot'], ['Số lô sản xuất', 'lot'],
  ['Liều thứ', 'doseNumber'], ['Liều số', 'doseNumber'], ['Thứ tự mũi tiêm', 'doseNumber'],
  ['Thời gian tiêm', 'vaccinationDate'], ['Ngày giờ tiêm', 'vaccinationDate'], ['Ngày TC', 'vaccinationDate'],
  // Session 23: the lot as a manufacturer's ("SX") and with the vaccine's name.
  ['Số lô SX', 'lot'], ['Số lô sx', 'lot'], ['Số lô SX/HSD', 'lot'], ['Lô sản xuất', 'lot'], ['Số lô/Hạn dùng', 'lot'], ['Số lô vắc xin', 'lot'], ['Số lô vaccine', 'lot'],
  ['Sinh năm', 'birthYear'], ['Tên người tiêm', 'fullName'], ['Tên bé', 'fullName'], ['Tên trẻ', 'fullName'], ['Họ tên bệnh nhân', 'fullName'], ['SĐT liên hệ', 'phone'], ['ĐTDĐ', 'phone'],
  // Session 25: a hospital system's age and maker columns, checked against the date of birth and the vaccine.
  ['Tuổi', 'age'], ['Age', 'age'], ['Tuổi (năm)', 'age'],
  ['Hãng sản xuất', 'manufacturer'], ['Nhà sản xuất', 'manufacturer'], ['Hãng SX', 'manufacturer'], ['Manufacturer', 'manufacturer'], ['NSX', 'manufacturer'],
];

describe('header matching', () => {
  it.each(HEADERS)('"%s" names %s', (header, field) => {
    expect(matchHeader(header)?.field).toBe(field);
  });

  it('never takes an age in months or a pregnancy\'s weeks for the age in years', () => {
    for (const h of ['Tuổi (tháng)', 'Tuổi thai', 'Tuổi (tuần)', 'Nhóm tuổi']) expect(matchHeader(h), h).toBeNull();
  });

  it('never takes the dose volume for the dose number, or a priority group for the name', () => {
    for (const h of ['Liều (ml)', 'Liều lượng', 'Liều', 'Đối tượng', 'Nhóm đối tượng']) expect(matchHeader(h)?.field, h).not.toBe('doseNumber');
    for (const h of ['Tên bệnh viện', 'Tên cháu ngoại']) expect(matchHeader(h)?.field, h).not.toBe('fullName');
    for (const h of ['Đối tượng', 'Nhóm đối tượng', 'Tên đối tượng ưu tiên']) expect(matchHeader(h)?.field, h).not.toBe('fullName');
  });

  it('never takes a guardian or relative column for the vaccinated person', () => {
    expect(matchHeader('Họ tên người giám hộ')).toBeNull();
    expect(matchHeader('SĐT người thân')).toBeNull();
    for (const h of ['Họ tên cha/mẹ', 'Họ và tên cha hoặc mẹ', 'Tên bố', 'Họ tên mẹ', 'SĐT của mẹ', 'Số CCCD của cha', "Father's name", 'Mother phone']) expect(matchHeader(h), h).toBeNull();
    // Who gave the injection is no vaccinee.
    for (const h of ['Người tiêm', 'Cán bộ tiêm', 'Họ tên cán bộ tiêm', 'Nhân viên tiêm', 'Vaccinator']) expect(matchHeader(h), h).toBeNull();
    // "Người tiêm" is either: the name column alone, the nurse's beside another name column
    // (session 21 review: "Tên người tiêm" put the nurse on the certificate).
    for (const h of ['Họ tên người tiêm', 'Tên người tiêm']) {
      expect(mapHeaderRow({ row: 1, cells: [h, 'Ngày sinh', 'Số CCCD', 'Tên vắc xin'] }, 0).fields.fullName, h).toBe(0);
      for (const vaccinee of ['Họ và tên người được tiêm chủng', 'Họ tên trẻ', 'Họ tên']) {
        const m = mapHeaderRow({ row: 1, cells: [h, vaccinee, 'Ngày sinh', 'Số CCCD', 'Tên vắc xin'] }, 0);
        expect(m.fields.fullName, `${h} | ${vaccinee}`).toBe(1);
      }
    }
    // "bỏ dấu" (without diacritics) is no father ("bố"), and "thứ ba" (third) no "ba" (father).
    expect(matchHeader('Họ tên (bỏ dấu)')?.field).toBe('fullName');
    expect(matchHeader('Họ và tên (bỏ dấu)')?.field).toBe('fullName');
    expect(matchHeader('Họ tên người được tiêm')?.field).toBe('fullName');
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
    const m = mapHeaderRow({ row: 1, cells: ['Ngày tiêm vắc xin COVID', 'Ngày tiêm', 'Họ', 'Tên', 'Họ và tên', 'Ngày sinh', 'Năm sinh'] }, 0);
    expect(m.fields).toEqual({ vaccinationDate: 1, fullName: 4, dob: 5 });
  });

  it('never takes the id number from a generic "ID" column when a column names the document, wherever it is', () => {
    const rest = ['Họ và tên', 'Ngày sinh', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'];
    for (const precise of ['Số CCCD/CMND/Hộ chiếu', 'CCCD', 'Số CMND', 'Căn cước công dân', 'Hộ chiếu', 'Passport No.', 'Số giấy tờ', 'Identity number', 'Số CCCD của người tiêm']) {
      const before = mapHeaderRow({ row: 1, cells: ['ID', 'Mã BN', ...rest, precise] }, 0);
      expect(before.fields.idNumber, precise).toBe(8);
      expect(before.duplicates, precise).toEqual([{ field: 'idNumber', used: 8, unused: [0], why: 'precise' }]);
      const after = mapHeaderRow({ row: 1, cells: [precise, ...rest, 'ID'] }, 0);
      expect(after.fields.idNumber, precise).toBe(0);
    }
    // Alone, "ID" is still the id column.
    expect(mapHeaderRow({ row: 1, cells: ['ID', ...rest] }, 0).fields.idNumber).toBe(0);
  });

  it('new spellings take their own column and no other field\'s', () => {
    const m = mapHeaderRow({ row: 1, cells: ['Tên vắc xin', 'Lô vắc xin', 'Số ĐT', 'Số ĐT người thân', 'Date of birth', 'Date of injection', 'Loại vắc xin'] }, 0);
    expect(m.fields).toEqual({ vaccine: 0, lot: 1, phone: 2, dob: 4, vaccinationDate: 5 });
    expect(m.duplicates).toEqual([{ field: 'vaccine', used: 0, unused: [6], why: 'first' }]);
    // Beside the usual headers they are second choices, and said to be.
    const usual = mapHeaderRow({ row: 1, cells: ['Số lô', 'Lô vắc xin', 'Số điện thoại', 'Số ĐT', 'Ngày tiêm', 'Date of injection'] }, 0);
    expect(usual.fields).toEqual({ lot: 0, phone: 2, vaccinationDate: 4 });
    expect(usual.duplicates.map((d) => [d.field, d.used, d.unused])).toEqual([['lot', 0, [1]], ['phone', 2, [3]], ['vaccinationDate', 4, [5]]]);
  });

  it('says which column it imports when two columns name one field, in both languages', () => {
    // (Two columns marked "mũi 1" and "mũi 2" are two doses, not one field twice: doseColumns.test.ts.)
    const wide = mapHeaderRow({ row: 3, cells: ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Ngày tiêm', 'Ngày tiêm chủng'] }, 2);
    expect(wide.fields.vaccinationDate).toBe(3);
    expect(columnChoiceNotes(wide)).toEqual([
      expect.objectContaining({
        field: 'vaccinationDate',
        code: 'IMPORT_COLUMNS_SAME_FIELD',
        severity: 'warning',
        message_vi: 'Cột D ("Ngày tiêm") và cột E ("Ngày tiêm chủng") đều có thể là cột "Ngày tiêm": chỉ nhập cột D (là cột đầu tiên; nếu cần cột khác, hãy đổi tên tiêu đề cột), cột kia bị bỏ qua.',
        message_en: 'Columns D ("Ngày tiêm") and E ("Ngày tiêm chủng") could both be the vaccination date: only column D is imported (the first of them; to use another one, rename the column headers), the other is ignored.',
      }),
    ]);
    expect(columnChoiceNotes(mapHeaderRow({ row: 1, cells: ['Họ và tên', 'Họ', 'Tên', 'Ngày sinh', 'Năm sinh', 'CCCD'] }, 0))).toEqual([]);
  });

  it('needs three recognisable columns before a row is a header', () => {
    expect(findHeaderRow([{ row: 1, cells: ['Họ và tên', 'Ngày sinh'] }, { row: 2, cells: ['a', 'b'] }])).toBeNull();
  });
});
