// Session 25: hospital systems export "Mã định danh y tế", the health-insurance id of the Ministry's
// health records, not the citizen's. It was read as the id column because it starts like "Mã định
// danh", so a list without a CCCD column put that number on every passport.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { matchHeader } from '../../../electron/core/import/headerAliases.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';
import { previewRefusal } from './previewRefusal.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

describe('a health id column', () => {
  it('is no id column, however it is written; the citizen\'s "Mã định danh" still is', () => {
    for (const h of ['Mã định danh y tế', 'Mã ĐDYT', 'Số định danh y tế', 'Mã định danh BHYT', 'Số thẻ BHYT']) expect(matchHeader(h)?.field, h).not.toBe('idNumber');
    for (const h of ['Mã định danh', 'Mã định danh cá nhân', 'Số định danh cá nhân']) expect(matchHeader(h)?.field, h).toBe('idNumber');
  });

  it('beside a CCCD column, the CCCD is read', async () => {
    const path = tmp.file('beside.csv');
    writeFileSync(path, ['STT,Họ và tên,Ngày sinh,Mã định danh y tế,Số CCCD,Tên vắc xin,Số lô,Mũi tiêm,Ngày tiêm', '1,Trần Văn An,01/01/1960,79123456789,001060000701,Pfizer,FF1234,1,11/08/2021'].join('\r\n'));
    const preview = await previewImport(path, { now });
    expect(preview.records[0]!.input.person.idNumber).toBe('001060000701');
    expect(preview.findings.filter((f) => f.code === 'IMPORT_COLUMNS_SAME_FIELD')).toEqual([]);
  });

  it('alone, the list is refused for its missing id column, saying the health id is not it', async () => {
    const path = tmp.file('alone.csv');
    writeFileSync(path, ['STT,Họ và tên,Ngày sinh,Mã định danh y tế,Tên vắc xin,Số lô,Mũi tiêm,Ngày tiêm', '1,Trần Văn An,01/01/1960,79123456789,Pfizer,FF1234,1,11/08/2021'].join('\r\n'));
    const err = await previewRefusal(path, now);
    expect(err.code).toBe('IMPORT_NO_HEADER');
    expect(err.messageVi).toContain('"Mã định danh y tế"');
    expect(err.messageEn).toContain('"Mã định danh y tế"');
    expect(err.messageEn).toContain('health');
  });
});
