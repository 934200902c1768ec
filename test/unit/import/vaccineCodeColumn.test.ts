// Probe 3 of clinic files: a vaccine code column ("Mã vắc xin": "EU/1/20/1528") was no column at
// all, so a list with only codes was refused, and beside "Tên vắc xin" its cells were never read: a
// row whose code said Pfizer and whose name said Moderna was stored as Moderna without a word.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

function csv(name: string, rows: string[][]): string {
  const path = tmp.file(name);
  writeFileSync(path, rows.map((r) => r.join(',')).join('\r\n'));
  return path;
}

describe('a vaccine code column', () => {
  it('alone: each code is its vaccine', async () => {
    const path = csv('codes.csv', [
      ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Mã vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm'],
      ['1', 'Nguyễn Văn An', '12/03/1985', '001085012345', 'EU/1/20/1528', 'FF1234', '1', '01/08/2021'],
      ['2', 'Lê Thị Bình', '12/03/1985', '001185012346', 'BBIBP-CorV', '202106A018', '1', '01/08/2021'],
    ]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.input.dose.vaccine, r.status])).toEqual([
      ['PFIZER', 'ready'],
      ['VERO_CELL', 'ready'],
    ]);
  });

  it('beside the vaccine\'s name: the name is read, and a code naming another vaccine is an error of the row', async () => {
    const path = csv('both.csv', [
      ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Mã vắc xin', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm'],
      ['1', 'Nguyễn Văn An', '12/03/1985', '001085012345', 'EU/1/20/1528', 'Pfizer', 'FF1234', '1', '01/08/2021'],
      ['2', 'Lê Thị Bình', '12/03/1985', '001185012346', 'EU/1/20/1528', 'Moderna', '3002183', '1', '01/08/2021'],
      ['3', 'Trần Văn Cường', '12/03/1985', '001085012347', '', 'Moderna', '3002183', '1', '01/08/2021'],
    ]);
    const preview = await previewImport(path, { now });
    expect(preview.columns.map((c) => c.field)).toEqual([null, 'fullName', 'dob', 'idNumber', null, 'vaccine', 'lot', 'doseNumber', 'vaccinationDate']);
    expect(preview.records.map((r) => [r.input.dose.vaccine, r.status, ...r.findings.map((f) => f.code)])).toEqual([
      ['PFIZER', 'ready'],
      ['MODERNA', 'error', 'IMPORT_VACCINE_COLUMNS_DIFFER'],
      ['MODERNA', 'ready'],
    ]);
    expect(preview.records[1]!.findings[0]!.message_vi).toBe(
      'Cột E ("Mã vắc xin") ghi "EU/1/20/1528" (Vắc xin Pfizer-BioNTech (Comirnaty)), khác vắc xin ở cột F (Vắc xin Moderna (Spikevax)): hãy kiểm tra vắc xin đã tiêm và sửa cột ghi sai.',
    );
  });

  it('an earlier dose\'s vaccine beside a booster\'s is no disagreement', async () => {
    const path = csv('history.csv', [
      ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Vắc xin mũi 1', 'Ngày tiêm mũi 1', 'Mũi tiêm thứ', 'Tên vắc xin', 'Số lô', 'Ngày tiêm'],
      ['1', 'Nguyễn Văn An', '12/03/1985', '001085012345', 'AstraZeneca', '01/08/2021', '3', 'Pfizer', 'FF1234', '01/02/2022'],
    ]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.input.dose.vaccine, ...r.findings.map((f) => f.code)])).toEqual([['PFIZER']]);
  });
});
