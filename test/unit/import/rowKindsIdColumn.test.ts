// Which column a row's identity document comes from: a hospital export's own "ID" never passes
// for a CMND, and when two columns could be the same field the preview says which one it reads.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { dmy, makeDoses, makeTempDir, STANDARD_HEADER, standardRow, VACCINE_SPELLINGS, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-15T03:00:00Z');
const doses = makeDoses(1, 5);

describe('a hospital export with its own "ID" column before the CCCD', () => {
  it('reads the id number from the CCCD column, and says the "ID" column is left out', async () => {
    const path = tmp.file('hospital.xlsx');
    // 123456789 in the patient-number column would read as a valid CMND.
    await writeXlsx(path, [{
      name: 'Export',
      rows: [
        ['ID', 'Mã BN', ...STANDARD_HEADER.slice(1)],
        [1001, 'BN2021001', ...standardRow(doses[0]!, 1).slice(1)],
        [123456789, 'BN2021002', ...standardRow(doses[1]!, 2).slice(1)],
        // No CCCD typed: the patient number is never taken for one.
        [123456790, 'BN2021003', ...standardRow({ ...doses[1]!, person: { ...doses[1]!.person, cccd: '' } }, 3).slice(1)],
      ],
    }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.pop()!.input.person.idNumber).toBe('');
    expect(preview.columns.slice(0, 6).map((c) => `${c.column}:${c.field}`)).toEqual(['A:null', 'B:null', 'C:fullName', 'D:dob', 'E:sex', 'F:idNumber']);
    expect(preview.records.map((r) => [r.row, r.status, r.input.person.idType, r.input.person.idNumber])).toEqual([
      [2, 'ready', 'CCCD', doses[0]!.person.cccd],
      [3, 'ready', 'CCCD', doses[1]!.person.cccd],
    ]);
    expect(preview.findings.filter((f) => f.row === 1).map((f) => [f.row, f.field, f.code])).toEqual([[1, 'idNumber', 'IMPORT_COLUMNS_SAME_FIELD']]);
    expect(preview.findings[0]!.message_vi).toBe(
      'Cột F ("Số CCCD/CMND/Hộ chiếu") và cột A ("ID") đều có thể là cột "Số CCCD/CMND/Hộ chiếu": chỉ nhập cột F (vì tiêu đề của nó rõ hơn), cột kia bị bỏ qua.',
    );
    expect(preview.findings[0]!.message_en).toBe(
      'Columns F ("Số CCCD/CMND/Hộ chiếu") and A ("ID") could both be the id number: only column F is imported (as its header is the more precise), the other is ignored.',
    );
  });

  it("a CCCD column and a passport column: each person's number from the one filled, both columns named", async () => {
    const path = tmp.file('cccd-and-passport.csv');
    const header = ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Số hộ chiếu', 'Quốc tịch', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'];
    const d = doses[0]!;
    writeDelimited(path, [
      header,
      ['1', d.person.fullName, dmy(d.person.dob), d.person.cccd, '', '', VACCINE_SPELLINGS[d.vaccine], d.lot, '1', dmy(d.date)],
      ['2', 'KIM MIN JUN', '12/05/1988', '', 'M12345678', 'Hàn Quốc', 'Pfizer', 'FF2382', '1', '02/08/2021'],
      ['3', 'Nguyễn Văn Ba', '12/05/1988', '', '', '', 'Pfizer', 'FF2382', '1', '02/08/2021'],
    ]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.input.person.idType, r.input.person.idNumber])).toEqual([
      ['CCCD', d.person.cccd],
      ['PASSPORT', 'M12345678'],
      ['', ''],
    ]);
    expect(preview.records[1]!.status).toBe('ready');
    expect(preview.records[2]!.findings.map((f) => f.code)).toContain('FIELD_REQUIRED');
    expect(preview.findings.filter((f) => f.code === 'IMPORT_COLUMNS_SAME_FIELD').map((f) => f.row)).toEqual([1]);
    const note = preview.findings.find((f) => f.code === 'IMPORT_COLUMNS_SAME_FIELD')!;
    expect(note.message_en).toBe(
      'Columns D ("Số CCCD") and E ("Số hộ chiếu") are all id number columns: the number is read from column D, or from column E when D is blank.',
    );
  });
});

describe('header spellings seen in clinic files', () => {
  it.each([
    ['Lô vắc xin / Số ĐT', { 5: 'Số ĐT', 7: 'Lô vắc xin' }],
    ['Passport/ID No. / Date of injection', { 4: 'Passport/ID No.', 9: 'Date of injection' }],
    ['CCCD/Passport', { 4: 'CCCD/Passport' }],
    ['Identity number', { 4: 'Identity number' }],
  ])('%s: every column read, every row ready', async (name, renamed) => {
    const header = STANDARD_HEADER.map((h, i) => (renamed as Record<number, string>)[i] ?? h);
    const path = tmp.file(`${name.replace(/\W+/g, '-')}.csv`);
    writeDelimited(path, [header, ...doses.map((d, i) => standardRow(d, i + 1))]);
    const preview = await previewImport(path, { now });
    expect(preview.columns.map((c) => c.field)).toEqual([null, 'fullName', 'dob', 'sex', 'idNumber', 'phone', 'vaccine', 'lot', 'doseNumber', 'vaccinationDate']);
    expect(preview).toMatchObject({ rows: 2, ready: 2, errors: 0 });
    expect(preview.findings).toEqual([]);
  });
});
