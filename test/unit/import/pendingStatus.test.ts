// Session 25: exports of a registration or hospital system (tiemchungcovid19, VNPT-HIS) carry a
// status column whose values are the steps before a dose: "Đăng ký", "Chờ tiêm", "Chờ khám sàng
// lọc", "Hẹn tiêm", "Đủ điều kiện tiêm". A clerk filters it to "Đã tiêm" and saves; the other rows
// stay in the file. They were stored `ready`, to be signed as doses this facility gave.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

let n = 0;
function csv(header: string, notes: readonly string[]): string {
  const path = tmp.file(`status-${++n}.csv`);
  const rows = [`STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tên vắc xin,Số lô,Mũi tiêm,Ngày tiêm,${header}`];
  notes.forEach((note, i) => {
    const year = 1960 + i;
    rows.push(`${i + 1},Trần Văn An,01/01/${year},Nam,0010${String(year % 100).padStart(2, '0')}${String(700 + i).padStart(6, '0')},AstraZeneca,NJ0342,1,15/07/2021,"${note}"`);
  });
  writeFileSync(path, rows.join('\r\n'));
  return path;
}

const notGiven = async (path: string): Promise<boolean[]> =>
  (await previewImport(path, { now })).records.map((r) => r.findings.some((f) => f.code === 'IMPORT_NOT_GIVEN' && f.severity === 'error'));

/** Steps before a dose, as status columns write them: none of these doses was given. */
const PENDING = [
  'Chờ tiêm', 'Đang chờ', 'Chờ khám sàng lọc', 'Chờ sàng lọc', 'Đã đăng ký', 'Đăng ký', 'Mới đăng ký', 'Đăng ký tiêm',
  'Chờ xác nhận', 'Chưa khám', 'Hẹn tiêm', 'Đã hẹn', 'Đã đặt lịch', 'Đủ điều kiện tiêm', 'Đã khám sàng lọc', 'Registered',
  'Pending', 'Scheduled', 'Waiting', 'CHO TIEM', 'Đã đăng ký 10/07/2021', 'Chờ tiêm.',
];
/** Statuses of a dose given, or of how it went. */
const GIVEN = ['Đã tiêm', 'Hoàn thành', 'Đang theo dõi sau tiêm', 'Đã theo dõi', 'Bình thường', 'Completed', 'Vaccinated', 'Hen phế quản'];

describe('a status column with the steps before a dose', () => {
  it('makes each row whose status is a step before the dose an error, and passes every dose given', async () => {
    expect(await notGiven(csv('Trạng thái', PENDING))).toEqual(PENDING.map(() => true));
    expect(await notGiven(csv('Trạng thái', GIVEN))).toEqual(GIVEN.map(() => false));
    expect(await notGiven(csv('Status', ['Registered', 'Completed']))).toEqual([true, false]);
    expect(await notGiven(csv('Tình trạng tiêm', ['Chờ tiêm', 'Đã tiêm']))).toEqual([true, false]);
  });

  it('quotes the status and its column', async () => {
    const preview = await previewImport(csv('Trạng thái', ['Chờ tiêm']), { now });
    const f = preview.records[0]!.findings.find((x) => x.code === 'IMPORT_NOT_GIVEN')!;
    expect(f.message_vi).toContain('"Chờ tiêm" (cột Trạng thái)');
    expect(f.message_en).toContain('this dose was not given here');
  });

  it('in a notes column, reads a cell that is only such a step; an appointment there stays the next dose', async () => {
    // "Hẹn tiêm 20/08" in Ghi chú is the next dose's appointment (session 24): the row's dose was given.
    expect(await notGiven(csv('Ghi chú', ['Chờ tiêm', 'Đã đăng ký', 'Hẹn tiêm 20/08/2021', 'Chờ 30 phút sau tiêm', 'Đăng ký qua ứng dụng', 'Hẹn']))).toEqual([
      true, true, false, false, false, false,
    ]);
  });
});
