// Session 26, a mutation probe of session 25's status steps: a status written short, "Chờ" or "Đủ
// điều kiện", could be dropped from the list with no test failing, and the row signed as a dose
// this facility gave.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

describe('a status column written short', () => {
  it('"Chờ" and "Đủ điều kiện" are steps before the dose: an error, never signed', async () => {
    const statuses = ['Chờ', 'Đủ điều kiện', 'CHỜ', 'Đủ điều kiện.', 'Đã tiêm'];
    const path = tmp.file('status-short.csv');
    const rows = ['STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tên vắc xin,Số lô,Mũi tiêm,Ngày tiêm,Trạng thái'];
    statuses.forEach((s, i) => rows.push(`${i + 1},Trần Văn An,01/01/${1960 + i},Nam,00106${i}000700,AstraZeneca,NJ0342,1,15/07/2021,"${s}"`));
    writeFileSync(path, rows.join('\r\n'));
    const records = (await previewImport(path, { now })).records;
    expect(records.map((r) => [r.status, r.findings.some((f) => f.code === 'IMPORT_NOT_GIVEN' && f.severity === 'error')])).toEqual([
      ['error', true], ['error', true], ['error', true], ['error', true], ['ready', false],
    ]);
  });
});
