// Session 25: two rows with one CCCD, the same dose and two names ("Trần Văn An", "Trần Văn Ân"
// typed for another person). The second was skipped as "the same dose twice" and the first stored
// ready, its name perhaps the mistyped one, with nothing saying the names differ.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

const HEADER = 'STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tên vắc xin,Số lô,Mũi tiêm,Ngày tiêm';

async function preview(lines: readonly string[]) {
  const path = tmp.file(`same-id-${lines.length}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, [HEADER, ...lines].join('\r\n'));
  return previewImport(path, { now });
}

describe('one CCCD on two rows of the same dose', () => {
  it('with two names: both rows an error naming both names and rows, neither stored', async () => {
    const p = await preview([
      '1,Trần Văn An,01/01/1960,Nam,001060000701,Pfizer,FF1234,1,11/08/2021',
      '2,Lê Thị Bình,01/01/1961,Nữ,001161000702,Pfizer,FF1234,1,11/08/2021',
      '3,Trần Văn Ân,01/01/1960,Nam,001060000701,Pfizer,FF1234,1,11/08/2021',
    ]);
    expect(p.records.map((r) => [r.row, r.status])).toEqual([[2, 'error'], [3, 'ready'], [4, 'error']]);
    for (const r of [p.records[0]!, p.records[2]!]) {
      const f = r.findings.find((x) => x.code === 'IMPORT_SAME_ID_OTHER_PERSON')!;
      expect(f.severity).toBe('error');
      expect(f.message_vi).toContain('"Trần Văn An"');
      expect(f.message_vi).toContain('"Trần Văn Ân"');
      expect(f.message_en).toContain('001060000701');
      expect(f.message_en).toContain(r.row === 2 ? 'row 4' : 'row 2');
    }
  });

  it('with another date of birth: the same', async () => {
    const p = await preview([
      '1,Trần Văn An,01/01/1960,Nam,001060000701,Pfizer,FF1234,1,11/08/2021',
      '2,Trần Văn An,01/01/1966,Nam,001060000701,Pfizer,FF1234,1,11/08/2021',
    ]);
    expect(p.records.map((r) => r.status)).toEqual(['error', 'error']);
    expect(p.records[1]!.findings.find((x) => x.code === 'IMPORT_SAME_ID_OTHER_PERSON')!.message_vi).toContain('01/01/1966');
  });

  it('with the same person, however the name is accented: the second a repeat, skipped as before', async () => {
    const p = await preview([
      '1,Trần Văn An,01/01/1960,Nam,001060000701,Pfizer,FF1234,1,11/08/2021',
      '2,TRAN VAN AN,1960,Nam,001060000701,Pfizer,FF1234,1,11/08/2021',
    ]);
    expect(p.records.map((r) => [r.status, r.findings.map((f) => f.code)])).toEqual([['ready', []], ['duplicate', ['IMPORT_DUPLICATE_ROW']]]);
  });
});
