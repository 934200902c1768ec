// One person, two ways of writing them: a CMND in the 2021 list and the CCCD that replaced it in a
// later one (the same dose must not become a second signed record), and a year of birth for one
// dose beside the whole date for the next (one person, not two under one CCCD).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import type { ImportStorePort } from '../../../electron/core/import/types.js';
import { openTestStore, type TestStore } from '../../unit/db/storeHarness.js';
import { makeTempDir, writeDelimited } from '../../fixtures/clinicFiles.js';

let t: TestStore;
let store: ImportStorePort;
let tmp: ReturnType<typeof makeTempDir>;
const now = (): Date => new Date('2023-01-15T03:00:00Z');

beforeEach(() => {
  t = openTestStore({ actor: 'user:import-test' });
  store = importStorePort(t.store);
  tmp = makeTempDir();
});
afterEach(() => {
  t.close();
  tmp.cleanup();
});

const HEADER = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CMND/CCCD', 'SĐT', 'Tên vắc xin', 'Số lô', 'Mũi tiêm', 'Ngày tiêm'];
const AN_CMND = ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', '012345678', '0912345678', 'AstraZeneca', 'NJ0342', '1', '20/07/2021'];
const AN_CCCD = ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', '001085012345', '0912345678', 'AstraZeneca', 'NJ0342', '1', '20/07/2021'];
const BINH = ['2', 'Trần Thị Bình', '05/06/1990', 'Nữ', '001190012346', '0912345679', 'Vero Cell', '202107A01', '1', '01/08/2021'];

async function importFile(name: string, rows: string[][], confirmWarnings = true) {
  const path = tmp.file(name);
  writeDelimited(path, rows);
  const preview = await previewImport(path, { now, store });
  return { preview, result: await commitImport(preview, store, { confirmWarnings }) };
}

const count = (sql: string, ...params: unknown[]): number => (t.db.prepare(sql).get(...params) as { n: number }).n;

describe('the same dose under a CMND and then under the CCCD that replaced it', () => {
  it('is an error naming the stored record and person, and is not stored a second time even with warnings confirmed', async () => {
    await importFile('cmnd.csv', [HEADER, AN_CMND, BINH]);
    const stored = t.db.prepare("SELECT d.id AS recordId, p.id AS personId FROM dose_records d JOIN people p ON p.id = d.person_id WHERE p.id_number = '012345678'").get() as {
      recordId: string;
      personId: string;
    };

    const { preview, result } = await importFile('cccd.csv', [HEADER, AN_CCCD, BINH]);
    const an = preview.records[0]!;
    expect(an.status).toBe('error');
    const same = an.findings.find((f) => f.code === 'DOSE_RECORDED_UNDER_OTHER_ID')!;
    expect(same.severity).toBe('error');
    expect(same.message_en).toContain(`record ${stored.recordId}`);
    expect(same.message_en).toContain(`person id ${stored.personId}`);
    expect(same.message_en).toContain('CMND 012345678');
    expect(same.message_vi).toContain('đã được ghi cho Nguyễn Văn An');
    // The person finding says why the numbers differ.
    const likely = an.findings.find((f) => f.code === 'DUPLICATE_PERSON_LIKELY')!;
    expect(likely.message_vi).toContain('đã đổi CMND 012345678 sang CCCD 001085012345');
    expect(likely.message_en).toContain('changed CMND 012345678 for CCCD 001085012345');

    expect(result.committed).toBe(0);
    expect(count("SELECT count(*) AS n FROM dose_records WHERE vaccine = 'ASTRAZENECA' AND dose_number = 1 AND vaccination_date = '2021-07-20'")).toBe(1);
  });

  it('is found without a phone column too: a CMND and a CCCD with the same name and whole date of birth', async () => {
    const noPhone = (row: string[]) => row.filter((_, i) => i !== 5);
    await importFile('cmnd.csv', [noPhone(HEADER), noPhone(AN_CMND)]);
    const { preview, result } = await importFile('cccd.csv', [noPhone(HEADER), noPhone(AN_CCCD)]);
    expect(preview.records[0]!.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['DUPLICATE_PERSON_LIKELY', 'DOSE_RECORDED_UNDER_OTHER_ID']));
    expect(result.committed).toBe(0);
  });

  it('is found between two rows of one file', async () => {
    const { preview, result } = await importFile('both.csv', [HEADER, AN_CMND, [...AN_CCCD.slice(0, 0), '2', ...AN_CCCD.slice(1)]]);
    expect(preview.records[1]!.findings.find((f) => f.code === 'DOSE_RECORDED_UNDER_OTHER_ID')?.severity).toBe('error');
    expect(result.committed).toBe(1);
  });

  it('with another lot is a warning to check, not an error: a namesake may have had that dose that day', async () => {
    await importFile('cmnd.csv', [HEADER, AN_CMND]);
    const otherLot = AN_CCCD.map((c) => (c === 'NJ0342' ? 'NJ0399' : c));
    const { preview } = await importFile('cccd.csv', [HEADER, otherLot], false);
    const same = preview.records[0]!.findings.find((f) => f.code === 'DOSE_RECORDED_UNDER_OTHER_ID')!;
    expect(same.severity).toBe('warning');
    expect(same.message_en).toContain('lot NJ0342');
    expect(same.message_en).toContain('lot NJ0399');
  });

  it('another dose of the same person under the new CCCD is stored, with the likely duplicate said', async () => {
    await importFile('cmnd.csv', [HEADER, AN_CMND]);
    const dose2 = AN_CCCD.map((c, i) => (i === 8 ? '2' : i === 9 ? '20/08/2021' : c));
    const { preview, result } = await importFile('cccd.csv', [HEADER, dose2]);
    expect(preview.records[0]!.findings.map((f) => f.code)).toEqual(['DUPLICATE_PERSON_LIKELY']);
    expect(result.committed).toBe(1);
  });
});

describe('a year of birth and the whole date in that year, under one id number and name', () => {
  const dose1 = ['1', 'Nguyễn Văn An', '1985', 'Nam', '001085012345', '0912345678', 'AstraZeneca', 'NJ0342', '1', '15/07/2021'];
  const dose2 = ['2', 'Nguyễn Văn An', '12/03/1985', 'Nam', '001085012345', '0912345678', 'AstraZeneca', 'NJ0399', '2', '20/09/2021'];
  const people = (): { id: string; dob: string }[] => t.db.prepare("SELECT id, dob FROM people WHERE id_number = '001085012345'").all() as { id: string; dob: string }[];

  it('in one file: one person, born on the whole date, said as a warning on the row that gives it', async () => {
    const { preview, result } = await importFile('one.csv', [HEADER, dose1, dose2]);
    const codes = preview.records.map((r) => r.findings.map((f) => f.code));
    expect(codes).toEqual([[], ['DOB_MORE_EXACT']]);
    expect(preview.records[1]!.findings[0]!.message_en).toContain('12/03/1985 is more exact than 1985');
    expect(result.committed).toBe(2);
    expect(people()).toEqual([{ id: expect.any(String), dob: '1985-03-12' }]);
    expect(count("SELECT count(DISTINCT person_id) AS n FROM dose_records")).toBe(1);
  });

  it('in two imports: the stored person takes the whole date, audited', async () => {
    await importFile('a.csv', [HEADER, dose1]);
    const { preview, result } = await importFile('b.csv', [HEADER, dose2]);
    expect(preview.records[0]!.findings.map((f) => f.code)).toEqual(['DOB_MORE_EXACT']);
    expect(result.committed).toBe(1);
    const [person] = people();
    expect(people()).toHaveLength(1);
    expect(person!.dob).toBe('1985-03-12');
    const entry = t.db.prepare("SELECT details FROM audit_log WHERE action = 'person.update' AND entity_id = ?").get(person!.id) as { details: string };
    expect(JSON.parse(entry.details)).toMatchObject({ changes: { dob: ['1985', '1985-03-12'] } });
    expect(t.store.verifyAudit().ok).toBe(true);
  });

  it('the whole date stored and a year in the later list: the same person keeps the whole date', async () => {
    await importFile('a.csv', [HEADER, dose2]);
    const { preview, result } = await importFile('b.csv', [HEADER, dose1]);
    expect(preview.records[0]!.findings.map((f) => f.code)).toEqual(['DOB_LESS_EXACT']);
    expect(result.committed).toBe(1);
    expect(people()).toEqual([{ id: expect.any(String), dob: '1985-03-12' }]);
  });

  it('a person with a signed dose keeps the year: what was signed changes only by a correction', async () => {
    await importFile('a.csv', [HEADER, dose1]);
    const id = (t.db.prepare('SELECT id FROM dose_records').get() as { id: string }).id;
    t.store.setRecordsState([id], 'ready', 'signed');
    const { preview, result } = await importFile('b.csv', [HEADER, dose2]);
    const f = preview.records[0]!.findings.find((x) => x.code === 'DOB_MORE_EXACT_SIGNED')!;
    expect(f.message_en).toContain('a dose of theirs is signed, so 1985 is kept');
    expect(result.committed).toBe(1);
    expect(people()).toEqual([{ id: expect.any(String), dob: '1985' }]);
  });

  it('a row already imported that gives the whole date another row of the file writes says no difference', async () => {
    await importFile('a.csv', [HEADER, dose1]);
    const again = [...dose1.slice(0, 2), '12/03/1985', ...dose1.slice(3)];
    const { preview } = await importFile('b.csv', [HEADER, dose2, again]);
    expect(preview.records.map((r) => r.findings.map((f) => f.code))).toEqual([['DOB_MORE_EXACT'], ['IMPORT_ALREADY_IMPORTED']]);
  });

  it('another whole date under the same number and name stays a conflict', async () => {
    await importFile('a.csv', [HEADER, dose2]);
    const otherDay = dose1.map((c) => (c === '1985' ? '13/04/1985' : c));
    const { preview } = await importFile('b.csv', [HEADER, otherDay]);
    expect(preview.records[0]!.findings.map((f) => f.code)).toEqual(['DUPLICATE_PERSON_ID_CONFLICT']);
    expect(people()).toHaveLength(2);
  });
});
