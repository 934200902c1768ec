// A row per person with a vaccine's name and its code for each dose ("Tên vắc xin mũi 1 | Mã vắc xin
// mũi 1 | …", or "Mũi 1" over Tên vắc xin | Mã vắc xin | …), or one pair every dose shares. The
// dose's name is read whichever column comes first, as in a row per dose; a code naming another
// vaccine of the catalog is an error of that dose (IMPORT_VACCINE_COLUMNS_DIFFER), never of another
// dose's. Before, a row per person read the first of the pair and never looked at the other.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

/** Each record: row, dose number, vaccine, status, then its findings' codes. */
const outcome = (p: ImportPreview): (string | number)[][] =>
  p.records.map((r) => [r.row, Number(r.input.dose.doseNumber), String(r.input.dose.vaccine), r.status, ...r.findings.map((f) => f.code)]);

const PERSON = ['Họ và tên', 'Ngày sinh', 'Số CCCD'];
const PFIZER_CODE = 'EU/1/20/1528';

describe('a vaccine code column beside each dose\'s name', () => {
  it('a dose whose code names another vaccine is an error of that dose; another dose\'s code is not compared', async () => {
    const path = tmp.file('pairs.csv');
    writeDelimited(path, [
      [...PERSON, 'Tên vắc xin mũi 1', 'Mã vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 1', 'Tên vắc xin mũi 2', 'Mã vắc xin mũi 2', 'Số lô mũi 2', 'Ngày tiêm mũi 2'],
      ['Nguyễn Văn An', '12/03/1985', '001085012345', 'Pfizer', PFIZER_CODE, 'FF1234', '01/08/2021', 'Moderna', PFIZER_CODE, '3002183', '01/09/2021'],
      // Dose 1 Pfizer by both columns, dose 2 Moderna without a code: each dose agrees with itself.
      ['Lê Thị Bình', '20/05/1990', '001190012346', 'Pfizer', PFIZER_CODE, 'FF1234', '01/08/2021', 'Moderna', '', '3002183', '01/09/2021'],
    ]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([
      [2, 1, 'PFIZER', 'ready'],
      [2, 2, 'MODERNA', 'error', 'IMPORT_VACCINE_COLUMNS_DIFFER'],
      [3, 1, 'PFIZER', 'ready'],
      [3, 2, 'MODERNA', 'ready'],
    ]);
    const differ = p.records[1]!.findings[0]!;
    expect(differ.field).toBe('vaccine');
    expect(differ.message_en).toBe(
      'Dose 2: Column I ("Mã vắc xin mũi 2") says "EU/1/20/1528" (Pfizer-BioNTech (Comirnaty)), not the vaccine of column H (Moderna (Spikevax)): check which vaccine was given and correct the wrong column.',
    );
  });

  it('the code first: the dose\'s name is read, as in a row per dose, and the note says why', async () => {
    const path = tmp.file('code-first.csv');
    writeDelimited(path, [
      [...PERSON, 'Mã vắc xin mũi 1', 'Tên vắc xin mũi 1', 'Ngày tiêm mũi 1', 'Mã vắc xin mũi 2', 'Tên vắc xin mũi 2', 'Ngày tiêm mũi 2', 'Số lô'],
      ['Nguyễn Văn An', '12/03/1985', '001085012345', '', 'Moderna', '01/08/2021', PFIZER_CODE, 'Moderna', '01/09/2021', '3002183'],
    ]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([
      [2, 1, 'MODERNA', 'ready'],
      [2, 2, 'MODERNA', 'error', 'IMPORT_VACCINE_COLUMNS_DIFFER'],
    ]);
    const notes = p.findings.filter((f) => f.code === 'IMPORT_COLUMNS_SAME_FIELD').map((f) => f.message_en);
    expect(notes).toEqual([
      'Columns E ("Tên vắc xin mũi 1") and D ("Mã vắc xin mũi 1") could both be the vaccine: only column E is imported (as its header is the more precise), the other is ignored.',
      'Columns H ("Tên vắc xin mũi 2") and G ("Mã vắc xin mũi 2") could both be the vaccine: only column H is imported (as its header is the more precise), the other is ignored.',
    ]);
  });

  it('one name and one code every dose shares: checked for each dose filled in', async () => {
    const path = tmp.file('shared.csv');
    writeDelimited(path, [
      [...PERSON, 'Tên vắc xin', 'Mã vắc xin', 'Số lô', 'Ngày tiêm mũi 1', 'Ngày tiêm mũi 2'],
      ['Nguyễn Văn An', '12/03/1985', '001085012345', 'Moderna', PFIZER_CODE, '3002183', '01/08/2021', '01/09/2021'],
      ['Lê Thị Bình', '20/05/1990', '001190012346', 'Pfizer', PFIZER_CODE, 'FF1234', '01/08/2021', ''],
    ]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([
      [2, 1, 'MODERNA', 'error', 'IMPORT_VACCINE_COLUMNS_DIFFER'],
      [2, 2, 'MODERNA', 'error', 'IMPORT_VACCINE_COLUMNS_DIFFER'],
      [3, 1, 'PFIZER', 'ready'],
    ]);
  });

  it('an xlsx with "Mũi 1" | "Mũi 2" merged over Mã vắc xin | Tên vắc xin | Số lô | Ngày tiêm', async () => {
    const path = tmp.file('groups.xlsx');
    await writeXlsx(path, [
      {
        name: 'DS',
        rows: [
          [...PERSON, 'Mũi 1', null, null, null, 'Mũi 2', null, null, null],
          [null, null, null, 'Mã vắc xin', 'Tên vắc xin', 'Số lô', 'Ngày tiêm', 'Mã vắc xin', 'Tên vắc xin', 'Số lô', 'Ngày tiêm'],
          ['Nguyễn Văn An', '12/03/1985', '001085012345', PFIZER_CODE, 'Pfizer', 'FF1234', '01/08/2021', PFIZER_CODE, 'Moderna', '3002183', '01/09/2021'],
        ],
        merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:G1', 'H1:K1'],
      },
    ]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([
      [3, 1, 'PFIZER', 'ready'],
      [3, 2, 'MODERNA', 'error', 'IMPORT_VACCINE_COLUMNS_DIFFER'],
    ]);
    expect(p.records[1]!.findings[0]!.message_vi).toMatch(/^Mũi 2: Cột H \("Mũi 2 - Mã vắc xin"\) ghi "EU\/1\/20\/1528"/);
  });
});
