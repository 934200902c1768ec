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
      ],
    }]);
    const preview = await previewImport(path, { now });
    expect(preview.columns.slice(0, 6).map((c) => `${c.column}:${c.field}`)).toEqual(['A:null', 'B:null', 'C:fullName', 'D:dob', 'E:sex', 'F:idNumber']);
    expect(preview.records.map((r) => [r.row, r.status, r.input.person.idType, r.input.person.idNumber])).toEqual([
      [2, 'ready', 'CCCD', doses[0]!.person.cccd],
      [3, 'ready', 'CCCD', doses[1]!.person.cccd],
    ]);
    expect(preview.findings.map((f) => [f.row, f.field, f.code])).toEqual([[1, 'idNumber', 'IMPORT_COLUMNS_SAME_FIELD']]);
    expect(preview.findings[0]!.message_vi).toBe(
      'Cột F ("Số CCCD/CMND/Hộ chiếu") và cột A ("ID") đều có thể là cột "Số CCCD/CMND/Hộ chiếu": chỉ nhập cột F (vì tiêu đề của nó rõ hơn), cột kia bị bỏ qua.',
    );
    expect(preview.findings[0]!.message_en).toBe(
      'Columns F ("Số CCCD/CMND/Hộ chiếu") and A ("ID") could both be the id number: only column F is imported (as its header is the more precise), the other is ignored.',
    );
  });

  it('names both columns when a CCCD column and a passport column could each be the id number', async () => {
    const path = tmp.file('cccd-and-passport.csv');
    const header = ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Số hộ chiếu', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'];
    const d = doses[0]!;
    writeDelimited(path, [header, ['1', d.person.fullName, dmy(d.person.dob), d.person.cccd, '', VACCINE_SPELLINGS[d.vaccine], d.lot, '1', dmy(d.date)]]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => r.input.person.idNumber)).toEqual([d.person.cccd]);
    expect(preview.findings.map((f) => [f.row, f.code])).toEqual([[1, 'IMPORT_COLUMNS_SAME_FIELD']]);
    expect(preview.findings[0]!.message_en).toContain('only column D is imported');
    expect(preview.findings[0]!.message_en).toContain('E ("Số hộ chiếu")');
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
