// A sex cell no one can read ("1", "N/A") was recorded as unknown even when the row's CCCD, whose
// 4th digit encodes the sex, says which. The CCCD's is taken, and said; without a CCCD it stays
// unknown, as before.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

describe('an unreadable sex beside a CCCD', () => {
  it('is the sex the CCCD encodes, with a warning; a passport holder\'s stays unknown', async () => {
    const path = tmp.file('sex.csv');
    writeDelimited(path, [
      STANDARD_HEADER,
      ['1', 'Nguyễn Văn An', '15/03/1985', '1', '079085000905', '0912345678', 'Pfizer', 'FF2382', '1', '03/09/2021'],
      ['2', 'Phạm Thị Thu Hà', '09/01/1972', 'N/A', '036172009876', '0912345679', 'Pfizer', 'FF2382', '1', '03/09/2021'],
      ['3', 'Kim Min Jun', '12/03/1985', '1', 'M1234567', '0912345670', 'Pfizer', 'FF2382', '1', '03/09/2021'],
      ['4', 'Lê Văn Cường', '15/03/1985', 'Nam', '079085000906', '0912345671', 'Pfizer', 'FF2382', '1', '03/09/2021'],
    ]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.input.person.sex, r.findings.filter((f) => f.field === 'sex').map((f) => f.code).join()])).toEqual([
      [2, 'M', 'IMPORT_SEX_FROM_CCCD'],
      [3, 'F', 'IMPORT_SEX_FROM_CCCD'],
      [4, 'X', 'IMPORT_SEX_UNRECOGNISED'],
      [5, 'M', ''],
    ]);
    const said = preview.records[0]!.findings.find((f) => f.code === 'IMPORT_SEX_FROM_CCCD')!;
    expect(said.message_en).toBe('Sex "1" is not understood (Male / Female): recorded as male, as the CCCD number says. Check it.');
    expect(said.message_vi).toContain('đã ghi là Nam theo số CCCD');
  });
});
