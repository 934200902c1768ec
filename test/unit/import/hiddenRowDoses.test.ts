// Session 26, a mutation probe of session 25's hidden rows: a row per person hidden in the
// workbook gives one record per dose, and only its first could carry the warning with no test
// failing: the person's second dose, from a row the clerk filtered away, then went to signing unseen.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

describe('a hidden row with two doses (a row per person)', () => {
  it('makes each of its records a warning; the visible row stays ready', async () => {
    const path = tmp.file('hidden-per-person.xlsx');
    const header = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Ngày tiêm mũi 1', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 2', 'Vắc xin mũi 2', 'Số lô mũi 2'];
    await writeXlsx(path, [{
      name: 'DS',
      rows: [
        header,
        ['1', 'Nguyễn Văn An', '12/03/1985', 'Nam', '001085000701', '15/07/2021', 'AstraZeneca', 'NJ0342', '20/09/2021', 'AstraZeneca', 'NJ0343'],
        ['2', 'Trần Thị Bình', '05/06/1990', 'Nữ', '001190000702', '15/07/2021', 'AstraZeneca', 'NJ0342', '20/09/2021', 'AstraZeneca', 'NJ0343'],
      ],
      hiddenRows: [3],
    }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, Number(r.input.dose.doseNumber), r.status, r.findings.map((f) => f.code)])).toEqual([
      [2, 1, 'ready', []],
      [2, 2, 'ready', []],
      [3, 1, 'warning', ['IMPORT_ROW_HIDDEN']],
      [3, 2, 'warning', ['IMPORT_ROW_HIDDEN']],
    ]);
  });
});
