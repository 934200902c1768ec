// Session 24: a list that says a dose was NOT given here ("Hoãn tiêm" in a notes column, "Đã tiêm"
// = Không, "Pfizer (không tiêm)", "2 - hoãn", "Hủy" in the STT cell, a place "Nơi khác"). Before,
// only a per-person dose cell saying so was read: every other such row was stored `ready`, to be
// signed as a dose this facility gave, with no finding at all.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { notGivenIn } from '../../../electron/core/import/notGiven.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import { makeTempDir, STANDARD_HEADER, writeXlsx, type XlsxCell } from '../../fixtures/clinicFiles.js';
import { openTestStore } from '../db/storeHarness.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

let n = 0;
function csv(rows: readonly (readonly string[])[]): string {
  const path = tmp.file(`notgiven-${++n}.csv`);
  writeFileSync(path, rows.map((r) => r.map((c) => (/[,"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n'));
  return path;
}

/** Person i of a row per dose list, standard columns; `over` replaces cells by index. */
const people = [
  ['Nguyễn Văn An', '12/03/1985', 'Nam', '001085012345', '0912345678'],
  ['Trần Thị Bình', '05/06/1990', 'Nữ', '001190012346', '0912345679'],
  ['Lê Văn Cường', '20/10/1975', 'Nam', '001075012347', '0912345680'],
  ['Phạm Thị Dung', '01/01/1980', 'Nữ', '001180012348', '0912345681'],
  ['Hoàng Văn Em', '02/02/1982', 'Nam', '001082012349', '0912345682'],
  ['Vũ Thị Phương', '03/03/1983', 'Nữ', '001183012350', '0912345683'],
  ['Đỗ Văn Giang', '04/04/1984', 'Nam', '001084012351', '0912345684'],
  ['Bùi Thị Hoa', '05/05/1986', 'Nữ', '001186012352', '0912345685'],
  ['Ngô Văn Khoa', '06/06/1987', 'Nam', '001087012354', '0912345686'],
  ['Đinh Thị Lan', '03/03/1960', 'Nữ', '001160000004', '0912345687'],
  ['Dương Văn Minh', '01/01/1970', 'Nam', '001070300010', '0912345688'],
  ['Lý Thị Ngọc', '01/01/1971', 'Nữ', '001171300011', '0912345689'],
  // More men born 1961…, each with his own CCCD (century digit 0, the year's last two digits).
  ...['Bảo', 'Cảnh', 'Dũng', 'Đức', 'Hải', 'Khánh', 'Long', 'Nam', 'Phúc', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Vinh'].map((given, i) => [
    `Trần Văn ${given}`, `01/01/19${61 + i}`, 'Nam', `0010${61 + i}${String(700 + i).padStart(6, '0')}`, `0913${String(100000 + i)}`,
  ]),
];
function doseRow(i: number, over: Record<number, string> = {}, extra: readonly string[] = []): string[] {
  const [name, dob, sex, id, phone] = people[i]!;
  const cells = [String(i + 1), name!, dob!, sex!, id!, phone!, 'AstraZeneca', 'NJ0342', '1', '15/07/2021', ...extra];
  for (const [k, v] of Object.entries(over)) cells[Number(k)] = v;
  return cells;
}

type Preview = Awaited<ReturnType<typeof previewImport>>;
/** Each record's row, status and the codes of its not-given findings. */
const outcome = (p: Preview) => p.records.map((r) => [r.row, r.status, r.findings.filter((f) => f.code.startsWith('IMPORT_NOT_GIVEN') || f.code === 'IMPORT_PLACE_ELSEWHERE').map((f) => f.code)]);

/** The phrases that say a dose WAS given or note how it went: none of them blocks a row. */
const GIVEN_NOTES = [
  'Hoàn thành', 'Không có phản ứng', 'Không sốt', 'Đã tiêm đủ', 'Có', 'Sốc phản vệ', 'Sốt nhẹ', 'Đã tiêm', 'Bình thường',
  'Không', 'Theo dõi 30 phút', 'Đau tại chỗ tiêm', 'Hoan thanh', 'Hen phế quản', 'Ưu tiên người cao tuổi', 'Không có', 'Tiêm tại trạm',
  'Đã tiêm mũi 1', 'Không phản ứng sau tiêm',
  // Session 24's second look: a screening that found the person fit, a history beside a dose given.
  'Đủ điều kiện tiêm', 'Khám sàng lọc: đủ điều kiện', 'F0 cũ', 'Bệnh nền', 'Tiêm lưu động', 'Tiêm tại nhà',
];

describe('a notes or status column (a)', () => {
  it('a row-per-dose list: a note that the dose was not given makes the row an error quoting the note and its column', async () => {
    const notes = ['', 'Hoãn tiêm', 'Không tiêm', 'Sốc phản vệ', 'Đã tiêm nơi khác', 'Hủy', 'Chống chỉ định', 'Sốc phản vệ sau mũi 3, không tiêm', 'Huỷ', 'Từ chối tiêm', 'CCĐ', 'hoan tiem'];
    const path = csv([[...STANDARD_HEADER, 'Ghi chú'], ...notes.map((note, i) => doseRow(i, {}, [note]))]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([
      [2, 'ready', []],
      [3, 'error', ['IMPORT_NOT_GIVEN']],
      [4, 'error', ['IMPORT_NOT_GIVEN']],
      [5, 'ready', []],
      [6, 'error', ['IMPORT_NOT_GIVEN']],
      [7, 'error', ['IMPORT_NOT_GIVEN']],
      [8, 'error', ['IMPORT_NOT_GIVEN']],
      [9, 'error', ['IMPORT_NOT_GIVEN']],
      [10, 'error', ['IMPORT_NOT_GIVEN']],
      [11, 'error', ['IMPORT_NOT_GIVEN']],
      [12, 'error', ['IMPORT_NOT_GIVEN']],
      [13, 'error', ['IMPORT_NOT_GIVEN']],
    ]);
    const f = p.records[1]!.findings.find((x) => x.code === 'IMPORT_NOT_GIVEN')!;
    expect(f.severity).toBe('error');
    expect(f.field).toBe('row');
    expect(f.message_vi).toContain('Dòng ghi "Hoãn tiêm" (cột Ghi chú): mũi này chưa được tiêm tại cơ sở, không nhập để ký.');
    expect(f.message_en).toContain('The row says "Hoãn tiêm" (column Ghi chú): this dose was not given here; it is not imported for signing.');
    // The notes column is read for this only: still no field of the record.
    expect(p.columns.find((c) => c.header === 'Ghi chú')!.field).toBeNull();
  });

  it('status columns: "Đã tiêm" = Không, "Kết quả" = Không tiêm, "Trạng thái" = Hủy, "Tình trạng"; their yes and their blank leave the row ready', async () => {
    const head = [...STANDARD_HEADER, 'Đã tiêm', 'Kết quả', 'Trạng thái', 'Tình trạng'];
    const path = csv([
      head,
      doseRow(0, {}, ['Có', 'Đã tiêm', 'Hoàn thành', 'Bình thường']),
      doseRow(1, {}, ['Không', '', '', '']),
      doseRow(2, {}, ['x', '', '', '']),
      doseRow(3, {}, ['', 'Không tiêm', '', '']),
      doseRow(4, {}, ['', '', 'Hủy', '']),
      doseRow(5, {}, ['', '', '', 'Hoãn']),
      doseRow(6, {}, ['Chưa', '', '', '']),
      doseRow(7, {}, ['0', '', '', '']),
      doseRow(8, {}, ['', '', '', '']),
    ]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([
      [2, 'ready', []],
      [3, 'error', ['IMPORT_NOT_GIVEN']],
      [4, 'ready', []],
      [5, 'error', ['IMPORT_NOT_GIVEN']],
      [6, 'error', ['IMPORT_NOT_GIVEN']],
      [7, 'error', ['IMPORT_NOT_GIVEN']],
      [8, 'error', ['IMPORT_NOT_GIVEN']],
      [9, 'error', ['IMPORT_NOT_GIVEN']],
      [10, 'ready', []],
    ]);
    expect(p.records[1]!.findings.find((x) => x.code === 'IMPORT_NOT_GIVEN')!.message_vi).toContain('"Không" (cột Đã tiêm)');
  });

  it('an xlsx "Đã tiêm (Có/Không)" column saying Không', async () => {
    const path = tmp.file('datiem.xlsx');
    const head = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm', 'Ngày tiêm', 'Đã tiêm (Có/Không)'];
    const rows: XlsxCell[][] = [head, ...['Có', 'Không', 'Có', ''].map((said, i) => {
      const [name, dob, sex, id] = people[i]!;
      return [i + 1, name!, dob!, sex!, id!, 'AstraZeneca', 'NJ0342', 1, '15/07/2021', said];
    })];
    await writeXlsx(path, [{ name: 'Sheet1', rows }]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([[2, 'ready', []], [3, 'error', ['IMPORT_NOT_GIVEN']], [4, 'ready', []], [5, 'ready', []]]);
  });

  it('notes that say how the dose went, or nothing of it, leave the row ready', async () => {
    const path = csv([[...STANDARD_HEADER, 'Ghi chú'], ...GIVEN_NOTES.map((note, i) => doseRow(i, {}, [note]))]);
    const p = await previewImport(path, { now });
    expect(p.records.filter((r) => r.status !== 'ready').map((r) => [r.row, r.findings.map((f) => f.code)])).toEqual([]);
  });

  it('a note naming another dose than the row\'s does not block it ("Hẹn mũi 2" beside dose 1)', async () => {
    const path = csv([[...STANDARD_HEADER, 'Ghi chú'], doseRow(0, {}, ['Hẹn tiêm mũi 2 ngày 20/09']), doseRow(1, {}, ['Hoãn mũi 2']), doseRow(2, { 8: '2' }, ['Hoãn mũi 2'])]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([[2, 'ready', []], [3, 'ready', []], [4, 'error', ['IMPORT_NOT_GIVEN']]]);
  });

  it('a row-per-person list: a note naming a dose blocks that dose, a note naming none the whole row', async () => {
    const path = tmp.file('perperson.xlsx');
    const d = (s: string): Date => {
      const [dd, mm, yy] = s.split('/');
      return new Date(Date.UTC(Number(yy), Number(mm) - 1, Number(dd)));
    };
    const person = (i: number): XlsxCell[] => {
      const [name, dob, sex, id, phone] = people[i]!;
      return [i + 1, name!, d(dob!), sex!, id!, phone!];
    };
    const three = [d('15/07/2021'), 'Pfizer', 'FF1234', d('05/08/2021'), 'Pfizer', 'FF1235', d('20/12/2021'), 'Pfizer', 'FF9999'];
    await writeXlsx(path, [{
      name: 'DS tiem',
      rows: [
        ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD/CMND', 'Số điện thoại', 'Mũi 1', null, null, 'Mũi 2', null, null, 'Mũi 3 (nhắc lại)', null, null, 'Ghi chú'],
        [null, null, null, null, null, null, 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô', null],
        [...person(0), ...three, ''],
        [...person(1), ...three, 'Mũi 3 tiêm tại BV Bạch Mai'],
        [...person(2), ...three, 'Sốc phản vệ sau mũi 2, không tiêm mũi 3'],
        [...person(3), ...three, 'HỦY'],
        [...person(4), ...three, 'Không có phản ứng'],
      ],
      merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:E2', 'F1:F2', 'P1:P2', 'G1:I1', 'J1:L1', 'M1:O1'],
    }]);
    const p = await withFacility({ name: 'Trạm Y tế phường 5' }, (store) => previewImport(path, { now, store }));
    const byRow = (row: number) => p.records.filter((r) => r.row === row).map((r) => [r.doseOf, r.status, r.findings.filter((f) => f.code === 'IMPORT_NOT_GIVEN').length]);
    expect(byRow(3)).toEqual([[1, 'ready', 0], [2, 'ready', 0], [3, 'ready', 0]]);
    expect(byRow(4)).toEqual([[1, 'ready', 0], [2, 'ready', 0], [3, 'error', 1]]);
    expect(byRow(5)).toEqual([[1, 'ready', 0], [2, 'ready', 0], [3, 'error', 1]]);
    expect(byRow(6)).toEqual([[1, 'error', 1], [2, 'error', 1], [3, 'error', 1]]);
    expect(byRow(7)).toEqual([[1, 'ready', 0], [2, 'ready', 0], [3, 'ready', 0]]);
    // Said as the dose's, as every finding about one dose of a row per person is.
    expect(p.records.find((r) => r.row === 4 && r.doseOf === 3)!.findings.find((f) => f.code === 'IMPORT_NOT_GIVEN')!.message_vi).toMatch(/^Mũi 3: Dòng ghi "Mũi 3 tiêm tại BV Bạch Mai" \(cột Ghi chú\)/);
  });
});

describe('a note in the vaccine cell (b)', () => {
  it('"AstraZeneca - hoãn", "Pfizer (không tiêm)", "Pfizer hủy": the row is an error on the vaccine; "Pfizer (sốc phản vệ)" is a dose given', async () => {
    const cells = ['AstraZeneca - hoãn', 'Pfizer (không tiêm)', 'Pfizer hủy', 'Pfizer - đã tiêm nơi khác', 'Pfizer (sốc phản vệ)', 'Pfizer'];
    const path = csv([STANDARD_HEADER, ...cells.map((v, i) => doseRow(i, { 6: v }))]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([
      [2, 'error', ['IMPORT_NOT_GIVEN']],
      [3, 'error', ['IMPORT_NOT_GIVEN']],
      [4, 'error', ['IMPORT_NOT_GIVEN']],
      [5, 'error', ['IMPORT_NOT_GIVEN']],
      [6, 'ready', []],
      [7, 'ready', []],
    ]);
    const f = p.records[0]!.findings.find((x) => x.code === 'IMPORT_NOT_GIVEN')!;
    expect(f.field).toBe('vaccine');
    expect(f.message_vi).toContain('"AstraZeneca - hoãn" (cột Tên vắc xin)');
  });

  it("a row per person: the vaccine cell of one dose blocks that dose only", async () => {
    const head = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 1', 'Vắc xin mũi 2', 'Số lô mũi 2', 'Ngày tiêm mũi 2'];
    const person = (i: number) => [String(i + 1), people[i]![0]!, people[i]![1]!, people[i]![2]!, people[i]![3]!];
    const path = csv([
      head,
      [...person(0), 'Pfizer', 'FF1234', '15/07/2021', 'Pfizer (hoãn)', 'FF1235', '20/09/2021'],
      [...person(1), 'Pfizer', 'FF1234', '15/07/2021', 'Pfizer', 'FF1235', '20/09/2021'],
    ]);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.row, r.doseOf, r.status])).toEqual([[2, 1, 'ready'], [2, 2, 'error'], [3, 1, 'ready'], [3, 2, 'ready']]);
    expect(p.records[1]!.findings.find((x) => x.code === 'IMPORT_NOT_GIVEN')!.message_vi).toMatch(/^Mũi 2: Dòng ghi "Pfizer \(hoãn\)"/);
  });
});

describe('a note in the dose number cell (c)', () => {
  it('"2 - hoãn", "Mũi 2 (chưa tiêm)", "1 (hủy)", "Mũi 2 hủy": an error on the dose number; "Mũi 3 (nhắc lại)" is a dose', async () => {
    const cells = ['2 - hoãn', 'Mũi 2 (chưa tiêm)', '1 (hủy)', 'Mũi 2 hủy', 'Mũi 3 (nhắc lại)', '1'];
    const path = csv([STANDARD_HEADER, ...cells.map((d, i) => doseRow(i, { 8: d }))]);
    const p = await previewImport(path, { now });
    const notGiven = (row: number) => p.records.find((r) => r.row === row)!.findings.filter((f) => f.code === 'IMPORT_NOT_GIVEN').map((f) => f.field);
    expect([2, 3, 4, 5, 6, 7].map(notGiven)).toEqual([['doseNumber'], ['doseNumber'], ['doseNumber'], ['doseNumber'], [], []]);
    expect(p.records.slice(0, 4).map((r) => r.status)).toEqual(['error', 'error', 'error', 'error']);
    expect(p.records[5]!.status).toBe('ready');
    expect(p.records[0]!.findings.find((f) => f.code === 'IMPORT_NOT_GIVEN')!.message_en).toContain('"2 - hoãn" (column Mũi tiêm thứ)');
  });
});

describe('"Hủy" in the STT cell or with the name (d)', () => {
  it('"Hủy" / "Huỷ" for the row number, "Hủy - Đỗ Văn Giang", "Lê Văn Cường (hủy)": an error; the names Huy and Hoàn are names', async () => {
    const path = csv([
      STANDARD_HEADER,
      doseRow(0),
      doseRow(1, { 0: 'Hủy' }),
      doseRow(2, { 0: 'Huỷ' }),
      doseRow(3, { 1: 'Hủy - Đỗ Văn Giang' }),
      doseRow(4, { 1: 'Lê Văn Cường (hủy)' }),
      doseRow(5, { 1: 'Phạm Thị Dung (đã tiêm nơi khác)' }),
      doseRow(6, { 1: 'Hoàng Văn Em - không tiêm' }),
      doseRow(7, { 1: 'Nguyễn Văn Huy' }),
      doseRow(8, { 1: 'Trần Văn Hoàn' }),
      doseRow(9, { 1: 'Nguyen Van Hoan' }),
    ]);
    const p = await previewImport(path, { now });
    const notGiven = (i: number) => p.records[i]!.findings.filter((f) => f.code === 'IMPORT_NOT_GIVEN').map((f) => f.field);
    expect(p.records.map((_, i) => notGiven(i))).toEqual([[], ['row'], ['row'], ['fullName'], ['fullName'], ['fullName'], ['fullName'], [], [], []]);
    expect(p.records.map((r) => r.status)).toEqual(['ready', 'error', 'error', 'error', 'error', 'error', 'error', 'ready', 'ready', 'ready']);
    expect(p.records[1]!.findings.find((f) => f.code === 'IMPORT_NOT_GIVEN')!.message_vi).toContain('"Hủy" (cột STT)');
    expect(p.records[3]!.findings.find((f) => f.code === 'IMPORT_NOT_GIVEN')!.message_en).toContain('"Hủy - Đỗ Văn Giang" (column Họ và tên)');
  });
});

describe('a place cell that says elsewhere (e)', () => {
  const places = ['Trạm Y tế phường 5', 'Nơi khác', 'Tiêm ở quê', 'Tiêm tại nơi khác', 'Đã tiêm nơi khác', 'Bệnh viện Quận 3', 'TYT P5', 'TYT xã Quế Võ'];
  const file = () => csv([[...STANDARD_HEADER, 'Nơi tiêm'], ...places.map((place, i) => doseRow(i, {}, [place]))]);

  it('an explicit "elsewhere" is an error, another named facility stays a warning', async () => {
    const p = await withFacility({ name: 'Trạm Y tế phường 5' }, (store) => previewImport(file(), { now, store }));
    const codes = p.records.map((r) => [r.status, r.findings.filter((f) => f.field === 'facility').map((f) => f.code)]);
    expect(codes).toEqual([
      ['ready', []],
      ['error', ['IMPORT_PLACE_ELSEWHERE']],
      ['error', ['IMPORT_PLACE_ELSEWHERE']],
      ['error', ['IMPORT_PLACE_ELSEWHERE']],
      ['error', ['IMPORT_PLACE_ELSEWHERE']],
      ['warning', ['IMPORT_PLACE_OTHER']],
      ['ready', []],
      ['warning', ['IMPORT_PLACE_OTHER']],
    ]);
    const f = p.records[1]!.findings.find((x) => x.code === 'IMPORT_PLACE_ELSEWHERE')!;
    expect(f.severity).toBe('error');
    expect(f.message_vi).toContain('"Nơi khác" (cột Nơi tiêm)');
  });

  it('without the facility name too; "elsewhere" is then no place the list mostly names', async () => {
    const p = await previewImport(file(), { now });
    expect(p.records.map((r) => r.findings.filter((f) => f.field === 'facility').map((f) => f.code))).toEqual([
      [], ['IMPORT_PLACE_ELSEWHERE'], ['IMPORT_PLACE_ELSEWHERE'], ['IMPORT_PLACE_ELSEWHERE'], ['IMPORT_PLACE_ELSEWHERE'], ['IMPORT_PLACE_DIFFERS'], [], ['IMPORT_PLACE_DIFFERS'],
    ]);
  });

  it('a row per person: the place of one dose', async () => {
    const head = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 1', 'Nơi tiêm mũi 1', 'Vắc xin mũi 2', 'Số lô mũi 2', 'Ngày tiêm mũi 2', 'Nơi tiêm mũi 2'];
    const person = (i: number) => [String(i + 1), people[i]![0]!, people[i]![1]!, people[i]![2]!, people[i]![3]!];
    const path = csv([
      head,
      [...person(0), 'AstraZeneca', 'NJ0342', '15/07/2021', 'TYT Phường 5', 'AstraZeneca', 'NJ0399', '20/09/2021', 'Nơi khác'],
      [...person(1), 'Vero Cell', '202107A01', '01/08/2021', 'Tiêm ở quê', 'Vero Cell', '202108B02', '25/08/2021', 'TYT P5'],
    ]);
    const p = await withFacility({ name: 'Trạm Y tế phường 5' }, (store) => previewImport(path, { now, store }));
    expect(p.records.map((r) => [r.row, r.doseOf, r.status])).toEqual([[2, 1, 'ready'], [2, 2, 'error'], [3, 1, 'error'], [3, 2, 'ready']]);
  });
});

describe('the reading of a note', () => {
  it('any note built of "was given" phrases never says not given', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...GIVEN_NOTES), { minLength: 1, maxLength: 4 }), fc.constantFrom(', ', '; ', ' - ', '. '), (parts, sep) => {
        expect(notGivenIn(parts.join(sep))).toBeNull();
      }),
    );
  });

  // Session 24's second look at ordinary notes: a screening that found the person unfit, a referral.
  it('reads a screening that found the person unfit and a referral as not given here; "fit" as nothing', () => {
    for (const note of ['Không đủ điều kiện', 'Chưa đủ điều kiện tiêm', 'Không đủ ĐK', 'Chuyển tuyến', 'Chuyển viện']) expect(notGivenIn(note), note).not.toBeNull();
    for (const note of ['Đủ điều kiện tiêm', 'Khám sàng lọc: đủ điều kiện', 'Đủ ĐK']) expect(notGivenIn(note), note).toBeNull();
  });

  it('a "not given" phrase within any of them still says so', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...GIVEN_NOTES), { maxLength: 3 }), fc.constantFrom('Hoãn tiêm', 'Không tiêm', 'Hủy', 'Huỷ', 'Chống chỉ định', 'Từ chối', 'Đã tiêm nơi khác', 'Tiêm ở quê', 'Chưa tiêm', 'Không đủ điều kiện', 'Chưa đủ ĐK tiêm', 'Chuyển tuyến'), fc.nat(3), (given, said, at) => {
        const parts = [...given];
        parts.splice(Math.min(at, parts.length), 0, said);
        expect(notGivenIn(parts.join(', '))).not.toBeNull();
      }),
    );
  });
});

// Session 25, a mutation probe: each case below is a reading that could be dropped or widened in
// notGiven.ts / notGivenCells.ts without any test above failing.
describe('readings no other test holds', () => {
  it('"Vắng", "Về quê", "Ở quê" alone, a yes/no column saying "Hoãn", and "HUY" or "Vắng" for the row number make the row an error', async () => {
    const path = csv([
      [...STANDARD_HEADER, 'Ghi chú', 'Đã tiêm'],
      doseRow(0, {}, ['Vắng', '']),
      doseRow(1, {}, ['Về quê', '']),
      doseRow(2, {}, ['Ở quê', '']),
      doseRow(3, {}, ['', 'Hoãn']),
      doseRow(4, { 0: 'HUY' }, ['', '']),
      doseRow(5, {}, ['', 'Có']),
      doseRow(6, { 0: 'Vắng' }, ['', '']),
    ]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([
      [2, 'error', ['IMPORT_NOT_GIVEN']],
      [3, 'error', ['IMPORT_NOT_GIVEN']],
      [4, 'error', ['IMPORT_NOT_GIVEN']],
      [5, 'error', ['IMPORT_NOT_GIVEN']],
      [6, 'error', ['IMPORT_NOT_GIVEN']],
      [7, 'ready', []],
      [8, 'error', ['IMPORT_NOT_GIVEN']],
    ]);
  });

  it('a reason column: any reason blocks the row, "Không" or a dash is none', async () => {
    const path = csv([[...STANDARD_HEADER, 'Lý do hoãn tiêm'], doseRow(0, {}, ['Sốt cao']), doseRow(1, {}, ['Không']), doseRow(2, {}, ['-']), doseRow(3, {}, [''])]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([[2, 'error', ['IMPORT_NOT_GIVEN']], [3, 'ready', []], [4, 'ready', []], [5, 'ready', []]]);
  });

  it('notes that name no dose not given stay ready: "Hẹn mũi tiếp theo", "Không - tiêm tại trạm"', async () => {
    const path = csv([[...STANDARD_HEADER, 'Ghi chú'], doseRow(0, {}, ['Hẹn mũi tiếp theo']), doseRow(1, {}, ['Không - tiêm tại trạm'])]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([[2, 'ready', []], [3, 'ready', []]]);
  });

  it('a row per person: a dose\'s own notes column blocks that dose only; a dose named after "sau" is not the one not given; "tiêm ở" another place blocks its dose', async () => {
    const head = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 1', 'Vắc xin mũi 2', 'Số lô mũi 2', 'Ngày tiêm mũi 2',
      'Vắc xin mũi 3', 'Số lô mũi 3', 'Ngày tiêm mũi 3', 'Ghi chú mũi 2', 'Ghi chú'];
    const person = (i: number) => [String(i + 1), people[i]![0]!, people[i]![1]!, people[i]![2]!, people[i]![3]!];
    const doses = ['Pfizer', 'FF1234', '15/07/2021', 'Pfizer', 'FF1235', '05/08/2021', 'Pfizer', 'FF9999', '20/12/2021'];
    const path = csv([
      head,
      [...person(0), ...doses, 'Hoãn', ''],
      [...person(1), ...doses, '', 'Không tiêm mũi 3 sau mũi 2'],
      [...person(2), ...doses, '', 'Mũi 3 tiêm ở BV Bạch Mai'],
    ]);
    const p = await withFacility({ name: 'Trạm Y tế phường 5' }, (store) => previewImport(path, { now, store }));
    const byRow = (row: number) => p.records.filter((r) => r.row === row).map((r) => [r.doseOf, r.findings.filter((f) => f.code === 'IMPORT_NOT_GIVEN').length]);
    expect(byRow(2)).toEqual([[1, 0], [2, 1], [3, 0]]);
    expect(byRow(3)).toEqual([[1, 0], [2, 0], [3, 1]]);
    expect(byRow(4)).toEqual([[1, 0], [2, 0], [3, 1]]);
  });

  it('a row per person: an appointment in a dose\'s date cell ("Hẹn 20/09") keeps that dose, as an error, rather than dropping it', async () => {
    const head = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 1', 'Vắc xin mũi 2', 'Số lô mũi 2', 'Ngày tiêm mũi 2'];
    const person = (i: number) => [String(i + 1), people[i]![0]!, people[i]![1]!, people[i]![2]!, people[i]![3]!];
    const path = csv([head, [...person(0), 'Pfizer', 'FF1234', '15/07/2021', 'Pfizer', 'FF1235', 'Hẹn 20/09'], [...person(1), 'Pfizer', 'FF1234', '15/07/2021', '', '', 'Hẹn 20/09']]);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.row, r.doseOf, r.status])).toEqual([[2, 1, 'ready'], [2, 2, 'error'], [3, 1, 'ready'], [3, 2, 'error']]);
  });

  it('a place cell: "Hẹn tiêm nơi khác" says elsewhere, though it starts with an appointment, and so does "Về quê"', async () => {
    const path = csv([[...STANDARD_HEADER, 'Nơi tiêm'], doseRow(0, {}, ['Trạm Y tế phường 5']), doseRow(1, {}, ['Hẹn tiêm nơi khác']), doseRow(2, {}, ['Về quê'])]);
    const p = await withFacility({ name: 'Trạm Y tế phường 5' }, (store) => previewImport(path, { now, store }));
    expect(outcome(p)).toEqual([[2, 'ready', []], [3, 'error', ['IMPORT_PLACE_ELSEWHERE']], [4, 'error', ['IMPORT_PLACE_ELSEWHERE']]]);
  });
});

/** A preview against a station whose facility is as given. */
async function withFacility<T>(facility: { code?: string; name?: string }, run: (store: ReturnType<typeof importStorePort>) => Promise<T>): Promise<T> {
  const t = openTestStore({ actor: 'user:import-test' });
  try {
    if (facility.code !== undefined) t.store.setSetting('facility.code', facility.code);
    if (facility.name !== undefined) t.store.setSetting('facility.name', facility.name);
    return await run(importStorePort(t.store));
  } finally {
    t.close();
  }
}
