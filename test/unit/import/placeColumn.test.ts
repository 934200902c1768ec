// Session 23: a list that says where each dose was given ("Nơi tiêm", "Cơ sở tiêm", "Mã cơ sở
// tiêm"). The station signs every imported dose as its own facility's; before, the column was
// not read at all, and a dose another facility gave was signed as this one's without a word.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import { makeTempDir, writeXlsx } from '../../fixtures/clinicFiles.js';
import { openTestStore } from '../db/storeHarness.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

let n = 0;
function csv(rows: string[][]): string {
  const path = tmp.file(`place-${++n}.csv`);
  writeFileSync(path, rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n'));
  return path;
}

const HEAD = ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm'];
const people = [
  ['Nguyễn Văn An', '12/03/1985', '001085012345'],
  ['Lê Thị Bình', '12/03/1986', '001186012346'],
  ['Trần Văn Cường', '12/03/1987', '001087012347'],
  ['Phạm Thị Dung', '12/03/1988', '001188012348'],
];
/** A row of person i with the place cells given after the dose's. */
const row = (i: number, ...place: string[]): string[] => [String(i + 1), ...people[i]!, 'AstraZeneca', 'NJ0342', '1', '01/08/2021', ...place];

/** Each record's row and its place findings' codes. */
const placeCodes = (p: Awaited<ReturnType<typeof previewImport>>) =>
  p.records.map((r) => [r.row, r.findings.filter((f) => f.field === 'facility').map((f) => f.code)]);

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

describe("a place column beside the station's facility name", () => {
  const file = () =>
    csv([
      [...HEAD, 'Nơi tiêm'],
      row(0, 'TYT P. Dịch Vọng'),
      row(1, 'Trạm Y tế phường Dịch Vọng, Cầu Giấy'),
      row(2, 'Bệnh viện Bạch Mai'),
      row(3, 'Tại trạm'),
    ]);

  it('says a dose given elsewhere, and reads the same place however it is written', async () => {
    const p = await withFacility({ name: 'Trạm Y tế phường Dịch Vọng' }, (store) => previewImport(file(), { now, store }));
    expect(placeCodes(p)).toEqual([[2, []], [3, []], [4, ['IMPORT_PLACE_OTHER']], [5, []]]);
    const other = p.records[2]!.findings.find((f) => f.code === 'IMPORT_PLACE_OTHER')!;
    expect(other.severity).toBe('warning');
    expect(other.message_vi).toContain('"Bệnh viện Bạch Mai"');
    expect(other.message_en).toContain('"Trạm Y tế phường Dịch Vọng"');
    expect(p.records[2]!.status).toBe('warning');
  });

  it('a committed dose keeps the warning for the signer, and is not ready to sign until confirmed', async () => {
    const t = openTestStore({ actor: 'user:import-test' });
    try {
      t.store.setSetting('facility.name', 'Trạm Y tế phường Dịch Vọng');
      const store = importStorePort(t.store);
      await commitImport(await previewImport(file(), { now, store }), store, { confirmWarnings: false });
      const stored = t.db.prepare('SELECT p.full_name AS name, d.state, d.findings FROM dose_records d JOIN people p ON p.id = d.person_id ORDER BY p.full_name').all() as { name: string; state: string; findings: string }[];
      const other = stored.find((r) => r.name === 'Trần Văn Cường')!;
      expect(other.state).not.toBe('ready');
      expect(JSON.parse(other.findings).map((f: { code: string }) => f.code)).toContain('IMPORT_PLACE_OTHER');
      expect(stored.filter((r) => r.name !== 'Trần Văn Cường').map((r) => r.state)).toEqual(['ready', 'ready', 'ready']);
    } finally {
      t.close();
    }
  });
});

describe('a place column without the facility name', () => {
  it('says the place that is not the one most of the list names', async () => {
    const path = csv([
      [...HEAD, 'Cơ sở tiêm'],
      row(0, 'TYT Dịch Vọng'),
      row(1, 'Trạm y tế Dịch Vọng'),
      row(2, 'TYT DỊCH VỌNG'),
      row(3, 'BV Xanh Pôn'),
    ]);
    const p = await previewImport(path, { now });
    expect(placeCodes(p)).toEqual([[2, []], [3, []], [4, []], [5, ['IMPORT_PLACE_DIFFERS']]]);
    expect(p.records[3]!.findings.find((f) => f.code === 'IMPORT_PLACE_DIFFERS')!.message_en).toContain('not where most of the list was ("TYT Dịch Vọng")');
  });

  it('one place throughout says nothing', async () => {
    const path = csv([[...HEAD, 'Điểm tiêm'], row(0, 'TYT Dịch Vọng'), row(1, 'TYT Dịch Vọng'), row(2, '')]);
    const p = await previewImport(path, { now });
    expect(p.records.every((r) => r.status === 'ready')).toBe(true);
  });

  it('several places, none most of the list: each dose is said, with the places named', async () => {
    const path = csv([[...HEAD, 'Nơi tiêm'], row(0, 'TYT Dịch Vọng'), row(1, 'TYT Chiềng Mung'), row(2, 'BV Samsung'), row(3, 'Tại trạm')]);
    const p = await previewImport(path, { now });
    expect(placeCodes(p)).toEqual([[2, ['IMPORT_PLACES_SEVERAL']], [3, ['IMPORT_PLACES_SEVERAL']], [4, ['IMPORT_PLACES_SEVERAL']], [5, []]]);
    expect(p.records[0]!.findings.find((f) => f.field === 'facility')!.message_vi).toContain('3 nơi tiêm khác nhau ("TYT Dịch Vọng", "TYT Chiềng Mung", "BV Samsung")');
  });
});

describe('a place code column', () => {
  it("is an error where it is not the station's code, and the row is left out of the commit", async () => {
    await withFacility({ code: '79001', name: 'TYT Phường 5' }, async (store) => {
      const path = csv([[...HEAD, 'Mã cơ sở tiêm', 'Nơi tiêm'], row(0, '79001', 'TYT Phường 5'), row(1, '79002', 'TYT Phường 7'), row(2, '', 'Trạm Y tế P5')]);
      const p = await previewImport(path, { now, store });
      expect(placeCodes(p)).toEqual([[2, []], [3, ['IMPORT_PLACE_OTHER_CODE']], [4, []]]);
      expect(p.records[1]!.status).toBe('error');
      expect(p.records[1]!.findings.find((f) => f.field === 'facility')!.message_en).toContain('facility "79002", but this station signs for facility 79001');
      const result = await commitImport(p, store, { confirmWarnings: true });
      expect(result.committed).toBe(2);
    });
  });

  it('a number cell of an xlsx is its code', async () => {
    const path = tmp.file('codes.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [[...HEAD, 'Mã CSYT'], [...row(0).slice(0, 7), '01/08/2021', 79001], [...row(1).slice(0, 7), '01/08/2021', 79003]] }]);
    const p = await withFacility({ code: '79001' }, (store) => previewImport(path, { now, store }));
    expect(placeCodes(p)).toEqual([[2, []], [3, ['IMPORT_PLACE_OTHER_CODE']]]);
  });
});

describe('a row per person with a place per dose', () => {
  it("reads each dose's own place column", async () => {
    const path = csv([
      ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 1', 'Nơi tiêm mũi 1', 'Vắc xin mũi 2', 'Số lô mũi 2', 'Ngày tiêm mũi 2', 'Nơi tiêm mũi 2'],
      [...people[0]!, 'AstraZeneca', 'NJ0342', '01/08/2021', 'BV Bạch Mai', 'AstraZeneca', 'NJ0343', '01/10/2021', 'TYT Dịch Vọng'],
    ]);
    const p = await withFacility({ name: 'Trạm Y tế Dịch Vọng' }, (store) => previewImport(path, { now, store }));
    expect(p.records.map((r) => [r.doseOf, r.findings.filter((f) => f.field === 'facility').map((f) => f.code)])).toEqual([
      [1, ['IMPORT_PLACE_OTHER']],
      [2, []],
    ]);
  });
});

describe('a row per person whose doses are numbered without "mũi"', () => {
  it('reads "Nơi tiêm 2" as the second dose\'s place', async () => {
    const path = csv([
      ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Vắc xin 1', 'Số lô 1', 'Ngày tiêm 1', 'Nơi tiêm 1', 'Vắc xin 2', 'Số lô 2', 'Ngày tiêm 2', 'Nơi tiêm 2'],
      [...people[0]!, 'AstraZeneca', 'NJ0342', '01/08/2021', 'TYT Dịch Vọng', 'AstraZeneca', 'NJ0343', '01/10/2021', 'BV Bạch Mai'],
    ]);
    const p = await withFacility({ name: 'Trạm Y tế Dịch Vọng' }, (store) => previewImport(path, { now, store }));
    expect(p.records.map((r) => [r.doseOf, r.findings.filter((f) => f.field === 'facility').map((f) => f.code)])).toEqual([
      [1, []],
      [2, ['IMPORT_PLACE_OTHER']],
    ]);
  });
});

describe('headers that are not a place of vaccination', () => {
  it('a workplace, an address or a place of birth is not read as one', async () => {
    const path = csv([
      [...HEAD, 'Đơn vị công tác', 'Địa chỉ', 'Nơi sinh', 'Nơi ở hiện tại'],
      row(0, 'Trường THCS Cầu Giấy', 'Dịch Vọng', 'Hà Nội', 'Cầu Giấy'),
      row(1, 'Công ty ABC', 'Chiềng Mung', 'Sơn La', 'Mai Sơn'),
      row(2, 'Samsung', 'Yên Phong', 'Seoul', 'Bắc Ninh'),
    ]);
    const p = await withFacility({ name: 'TYT Dịch Vọng' }, (store) => previewImport(path, { now, store }));
    expect(p.records.every((r) => r.status === 'ready')).toBe(true);
  });
});

describe('what a review found read as another place (session 23)', () => {
  it("the clinic's own code shown with a leading zero from a number cell is its code", async () => {
    const path = tmp.file('code-zero.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [[...HEAD, 'Mã cơ sở tiêm'], [...row(0).slice(0, 7), '01/08/2021', 1001], [...row(1).slice(0, 7), '01/08/2021', '01001']] }]);
    const p = await withFacility({ code: '01001' }, (store) => previewImport(path, { now, store }));
    expect(placeCodes(p)).toEqual([[2, []], [3, []]]);
  });

  it('one place written two ways as often is one place, not several', async () => {
    const path = csv([[...HEAD, 'Nơi tiêm'], row(0, 'TYT Dịch Vọng'), row(1, 'TYT Dịch Vọng'), row(2, 'Trạm Y tế phường Dịch Vọng - Cầu Giấy'), row(3, 'Trạm Y tế phường Dịch Vọng - Cầu Giấy')]);
    const p = await previewImport(path, { now });
    expect(p.records.every((r) => r.status === 'ready')).toBe(true);
  });

  it('a ward number with a leading zero is the same ward', async () => {
    const path = csv([[...HEAD, 'Nơi tiêm'], row(0, 'TYT P.05'), row(1, 'Trạm y tế phường 5')]);
    const p = await withFacility({ name: 'Trạm Y tế Phường 5' }, (store) => previewImport(path, { now, store }));
    expect(p.records.every((r) => r.status === 'ready')).toBe(true);
  });

  it('an English "Site" column (where on the body) is no place of vaccination', async () => {
    const path = csv([[...HEAD, 'Site'], row(0, 'Left deltoid'), row(1, 'Left deltoid'), row(2, 'Right deltoid')]);
    const p = await withFacility({ name: 'TYT Dịch Vọng' }, (store) => previewImport(path, { now, store }));
    expect(p.records.every((r) => r.status === 'ready')).toBe(true);
  });
});
