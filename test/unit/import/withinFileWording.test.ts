// Findings about another row of the same file named it as a stored id or record ("mã #3",
// "bản ghi #4 … already recorded"), which a clinic reads as something in the station. They now
// name the row of this file; findings about stored people and records keep naming those.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { validateRecord } from '../../../shared/domain/validation.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

describe('findings between rows of one file', () => {
  it('name the other row of the file, not an id or a record', async () => {
    const path = tmp.file('rows.csv');
    const rows = [
      STANDARD_HEADER,
      ['1', 'Kim Min Jun', '12/03/1985', 'Nam', 'M1234567', '0912345678', 'Pfizer', 'PF0001', '1', '01/08/2021'],
      // Same passport, another person.
      ['2', 'Lee Ji Won', '02/04/1990', 'Nữ', 'M1234567', '0912345679', 'Pfizer', 'PF0002', '2', '01/09/2021'],
      // Same name, birth date and phone as row 2, another passport.
      ['3', 'Lee Ji Won', '02/04/1990', 'Nữ', 'M7654321', '0912345679', 'Pfizer', 'PF0003', '1', '01/08/2021'],
      // Dose 1 of row 4's person again, on another day.
      ['4', 'Lee Ji Won', '02/04/1990', 'Nữ', 'M7654321', '0912345679', 'Pfizer', 'PF0004', '1', '05/08/2021'],
    ];
    writeFileSync(path, rows.map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now });
    const all = preview.records.flatMap((r) => r.findings.map((f) => ({ row: r.row, ...f })));
    const of = (row: number, code: string) => all.find((f) => f.row === row && f.code === code);
    expect(of(2, 'DUPLICATE_PERSON_ID_CONFLICT')?.message_en).toContain('is also on row 3 of this file, for another person: Lee Ji Won');
    expect(of(2, 'DUPLICATE_PERSON_ID_CONFLICT')?.message_vi).toContain('cũng có ở dòng 3 của tệp này');
    expect(of(3, 'DUPLICATE_PERSON_LIKELY')?.message_en).toMatch(/^Row [45] of this file has a person with the same name/);
    expect(of(4, 'DOSE_DUPLICATE_NUMBER')?.message_en).toContain('Dose 1 of this person is also on row 5 of this file (2021-08-05)');
    expect(of(5, 'DOSE_DUPLICATE_NUMBER')?.message_vi).toContain('cũng có ở dòng 4 của tệp này');
    for (const f of all) {
      expect(f.message_en, f.code).not.toMatch(/#\d/);
      expect(f.message_vi, f.code).not.toMatch(/#\d/);
    }
  });

  it('a stored record is still named as a record', () => {
    const findings = validateRecord(
      { idType: 'PASSPORT', idNumber: 'M1234567', fullName: 'Kim Min Jun', dob: '1985-03-12', sex: 'M', nationality: 'KR', phone: '0912345678' },
      { vaccine: 'PFIZER', lot: 'PF0001', doseNumber: 1, vaccinationDate: '2021-08-05' },
      { today: '2023-01-10', otherDoses: [{ id: '01a2-stored', doseNumber: 1, vaccinationDate: '2021-08-01', vaccine: 'PFIZER' }] },
    );
    const dup = findings.find((f) => f.code === 'DOSE_DUPLICATE_NUMBER');
    expect(dup?.message_en).toContain('already recorded (record 01a2-stored');
  });
});
