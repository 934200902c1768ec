// "Astrazenca", "Pfizzer": a vaccine name with one letter wrong was VACCINE_UNKNOWN, an error on
// the row. It is now read as the one vaccine it is one edit from, with a warning the clinic
// confirms; a name that is not ours, or near two, stays unknown.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

describe('a misspelt vaccine in an imported file', () => {
  it('is read as the vaccine it is one letter from, and said; another product stays unknown', async () => {
    const path = tmp.file('spelling.csv');
    const row = (n: number, id: string, vaccine: string) => [String(n), ['', 'Nguyễn Văn An', 'Trần Văn Bình', 'Lê Văn Cường'][n]!, '15/03/1985', 'Nam', id, '0912345678', vaccine, 'AB1234', '1', '01/07/2021'];
    writeDelimited(path, [STANDARD_HEADER, row(1, '079085000901', 'Astrazenca'), row(2, '079085000902', 'Sinovax'), row(3, '079085000903', 'AstraZeneca')]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.input.dose.vaccine, r.status, r.findings.filter((f) => f.field === 'vaccine').map((f) => f.code).join()])).toEqual([
      [2, 'ASTRAZENECA', 'warning', 'IMPORT_VACCINE_SPELLING'],
      [3, 'Sinovax', 'error', 'VACCINE_UNKNOWN'],
      [4, 'ASTRAZENECA', 'ready', ''],
    ]);
    const said = preview.records[0]!.findings.find((f) => f.code === 'IMPORT_VACCINE_SPELLING')!;
    expect(said.message_en).toBe('The vaccine "Astrazenca" is misspelt: read as AstraZeneca (Vaxzevria). Check it.');
    expect(said.message_vi).toContain('đã đọc là Vắc xin AstraZeneca (Vaxzevria)');
  });
});
