// Notes a clinic writes of a person who came and went without the dose ("Bỏ về": left before it,
// "Về trước khi tiêm", "Không có mặt", "Không tới", "Không đồng ý tiêm"): session 24's reading did
// not know them, so the dose was stored ready to sign. Read in the notes column, in a dose's own
// cell of a row per person, in the vaccine cell, as "Hoãn tiêm" and "Không tiêm" are.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { notGivenIn } from '../../../electron/core/import/notGiven.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

const LEFT = ['Bỏ về', 'bỏ về do chờ lâu', 'Bo ve', 'Về trước khi tiêm', 'Không có mặt', 'Không tới', 'không tới tiêm', 'Không đồng ý tiêm', 'Hoãn tiêm', 'Không tiêm'];
// Notes of a dose that was given: the person went home after it, or a word that only looks alike.
const GIVEN = ['Đã về sau 30 phút theo dõi', 'Về nhà an toàn', 'Bộ đội', 'Có mặt', 'Đồng ý tiêm', 'Bố về đón', 'Theo dõi 30 phút, về'];

describe('a note saying the person left without the dose', () => {
  it.each(LEFT)('"%s" is not given', (note) => {
    expect(notGivenIn(note)).not.toBeNull();
  });
  it.each(GIVEN)('"%s" says nothing of the kind', (note) => {
    expect(notGivenIn(note)).toBeNull();
  });

  it('in a notes column, in the vaccine cell and in a row per person\'s dose cell, is an error', async () => {
    const path = tmp.file('bo-ve.csv');
    const row = (i: number, vaccine: string, note: string): string =>
      [String(i), 'Trần Văn An', '01/01/1980', 'Nam', `00108000070${i}`, '0912345678', vaccine, 'NJ0342', '1', '15/07/2021', note].join(',');
    writeFileSync(path, [[...STANDARD_HEADER, 'Ghi chú'].join(','), row(1, 'AstraZeneca', 'Bỏ về'), row(2, 'AstraZeneca - bỏ về', ''), row(3, 'AstraZeneca', 'Không có mặt'), row(4, 'AstraZeneca', '')].join('\r\n'));
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.row, r.findings.some((f) => f.code === 'IMPORT_NOT_GIVEN')])).toEqual([[2, true], [3, true], [4, true], [5, false]]);

    const perPerson = tmp.file('bo-ve-mui2.csv');
    writeFileSync(perPerson, [
      'STT,Họ và tên,Ngày sinh,Số CCCD,Vắc xin,Ngày tiêm mũi 1,Ngày tiêm mũi 2',
      '1,Trần Văn An,01/01/1980,001080000701,AstraZeneca,15/07/2021,Bỏ về',
    ].join('\r\n'));
    const q = await previewImport(perPerson, { now });
    expect(q.records.map((r) => r.doseOf)).toEqual([1]);
  });
});
