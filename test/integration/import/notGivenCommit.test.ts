// Session 24: a list that says a dose was not given here. Committed with "confirm warnings", every
// such row was stored ready to sign; none may be now, whichever cell says it.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';
import { openTestStore } from '../../unit/db/storeHarness.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

const HEAD = 'STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tên vắc xin,Số lô,Mũi tiêm,Ngày tiêm,Nơi tiêm,Ghi chú,Đã tiêm';
/** Each row: what it says, and whether the dose was given here (stored ready). */
const ROWS: readonly [string, boolean][] = [
  ['1,Nguyễn Văn An,12/03/1985,Nam,001085012345,AstraZeneca,NJ0342,1,15/07/2021,Trạm Y tế phường 5,Không có phản ứng,Có', true],
  ['2,Trần Thị Bình,05/06/1990,Nữ,001190012346,AstraZeneca,NJ0342,1,15/07/2021,Trạm Y tế phường 5,Hoãn tiêm,', false],
  ['3,Lê Văn Cường,20/10/1975,Nam,001075012347,AstraZeneca,NJ0342,1,15/07/2021,Trạm Y tế phường 5,,Không', false],
  ['4,Phạm Thị Dung,01/01/1980,Nữ,001180012348,AstraZeneca - hoãn,NJ0342,1,15/07/2021,Trạm Y tế phường 5,,', false],
  ['5,Hoàng Văn Em,02/02/1982,Nam,001082012349,AstraZeneca,NJ0342,1 (hủy),15/07/2021,Trạm Y tế phường 5,,', false],
  ['Hủy,Vũ Thị Phương,03/03/1983,Nữ,001183012350,AstraZeneca,NJ0342,1,15/07/2021,Trạm Y tế phường 5,,', false],
  ['7,Hủy - Đỗ Văn Giang,04/04/1984,Nam,001084012351,AstraZeneca,NJ0342,1,15/07/2021,Trạm Y tế phường 5,,', false],
  ['8,Bùi Thị Hoa,05/05/1986,Nữ,001186012352,AstraZeneca,NJ0342,1,15/07/2021,Nơi khác,,', false],
  ['9,Ngô Văn Khoa,06/06/1987,Nam,001087012354,AstraZeneca,NJ0342,1,15/07/2021,TYT P5,Sốt nhẹ,x', true],
];

describe('a list that says doses were not given, committed with confirm warnings', () => {
  it('stores only the doses given here; the others are errors and are not stored at all', async () => {
    const path = tmp.file('not-given.csv');
    writeFileSync(path, [HEAD, ...ROWS.map(([r]) => r)].join('\r\n'));
    const t = openTestStore({ actor: 'user:import-test' });
    try {
      t.store.setSetting('facility.name', 'Trạm Y tế phường 5');
      const store = importStorePort(t.store);
      const preview = await previewImport(path, { now, store });
      expect(preview.records.map((r) => r.status)).toEqual(ROWS.map(([, given]) => (given ? 'ready' : 'error')));
      const result = await commitImport(preview, store, { now, confirmWarnings: true });
      expect(result.committed).toBe(2);
      const stored = t.db.prepare('SELECT p.full_name AS name, d.state FROM dose_records d JOIN people p ON p.id = d.person_id').all() as { name: string; state: string }[];
      expect(stored).toHaveLength(2);
      expect(stored).toEqual(expect.arrayContaining([{ name: 'Ngô Văn Khoa', state: 'ready' }, { name: 'Nguyễn Văn An', state: 'ready' }]));
    } finally {
      t.close();
    }
  });
});
