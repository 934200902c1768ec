// Session 23: the import's own warnings go with the record. Before, a row whose only warnings were
// the import's ("Astrazenca" read as AstraZeneca, a sex read from the CCCD) was stored `ready`
// with no findings, confirmed or not: the signer signed it without ever being told.
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

function file(): string {
  const path = tmp.file(`warned-${Math.random().toString(16).slice(2)}.csv`);
  writeFileSync(path, [
    'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tên vắc xin,Số lô,Mũi thứ,Ngày tiêm',
    'Nguyễn Văn An,12/03/1985,Nam,001085012345,AstraZeneca,NJ0342,1,01/08/2021',
    'Lê Thị Bình,12/03/1986,Nữ,001186012346,Astrazenca,NJ0342,1,01/08/2021',
    'Trần Văn Cường,12/03/1987,?,001087012347,AstraZeneca,NJ0342,1,01/08/2021',
  ].join('\r\n'));
  return path;
}

type Stored = { name: string; state: string; findings: string; confirmed: number };

async function commit(confirmWarnings: boolean): Promise<Stored[]> {
  const t = openTestStore({ actor: 'user:import-test' });
  try {
    const store = importStorePort(t.store);
    const preview = await previewImport(file(), { now, store });
    expect(preview.records.map((r) => r.status)).toEqual(['ready', 'warning', 'warning']);
    const result = await commitImport(preview, store, { now, confirmWarnings });
    expect(result.committed).toBe(3);
    return t.db
      .prepare('SELECT p.full_name AS name, d.state, d.findings, d.warnings_confirmed AS confirmed FROM dose_records d JOIN people p ON p.id = d.person_id ORDER BY p.full_name')
      .all() as Stored[];
  } finally {
    t.close();
  }
}

const codes = (r: Stored) => (JSON.parse(r.findings) as { code: string }[]).map((f) => f.code);

describe("an import's own warnings", () => {
  it('are stored with the record, which stays a draft until they are confirmed', async () => {
    const stored = await commit(false);
    const by = Object.fromEntries(stored.map((r) => [r.name, r]));
    expect(by['Nguyễn Văn An']).toMatchObject({ state: 'ready', findings: '[]' });
    expect(by['Lê Thị Bình']!.state).toBe('draft');
    expect(codes(by['Lê Thị Bình']!)).toEqual(['IMPORT_VACCINE_SPELLING']);
    expect(by['Trần Văn Cường']!.state).toBe('draft');
    expect(codes(by['Trần Văn Cường']!)).toEqual(['IMPORT_SEX_FROM_CCCD']);
  });

  it('confirmed, leave the record ready with its warnings kept and marked confirmed', async () => {
    const stored = await commit(true);
    const by = Object.fromEntries(stored.map((r) => [r.name, r]));
    expect(by['Lê Thị Bình']).toMatchObject({ state: 'ready', confirmed: 1 });
    expect(codes(by['Lê Thị Bình']!)).toEqual(['IMPORT_VACCINE_SPELLING']);
    // A record without a warning is not marked confirmed (session 20).
    expect(by['Nguyễn Văn An']).toMatchObject({ state: 'ready', confirmed: 0 });
  });
});

describe("an import's own warnings on a record edited later", () => {
  it('stay while what they are about is unchanged, and go with the field the clerk fixes', async () => {
    const t = openTestStore({ actor: 'user:import-test' });
    try {
      const store = importStorePort(t.store);
      await commitImport(await previewImport(file(), { now, store }), store, { now, confirmWarnings: false });
      const idOf = (name: string) => (t.db.prepare('SELECT d.id FROM dose_records d JOIN people p ON p.id = d.person_id WHERE p.full_name = ?').get(name) as { id: string }).id;
      const row = (id: string) => t.db.prepare('SELECT state, findings FROM dose_records WHERE id = ?').get(id) as { state: string; findings: string };
      const codesOf = (id: string) => (JSON.parse(row(id).findings) as { code: string }[]).map((f) => f.code);
      // The misspelt vaccine's record: its lot fixed, the vaccine read from "Astrazenca" is still to confirm.
      const binh = idOf('Lê Thị Bình');
      t.store.updateRecord(binh, { dose: { lot: 'NJ0343' } });
      expect(row(binh).state).toBe('draft');
      expect(codesOf(binh)).toEqual(['IMPORT_VACCINE_SPELLING']);
      // An edit that saves nothing new (a recheck) keeps it too.
      t.store.updateRecord(binh, {});
      expect(codesOf(binh)).toEqual(['IMPORT_VACCINE_SPELLING']);
      // Confirmed on an edit: ready, the warning kept and marked confirmed.
      t.store.updateRecord(binh, {}, { confirmWarnings: true });
      expect(row(binh).state).toBe('ready');
      expect(codesOf(binh)).toEqual(['IMPORT_VACCINE_SPELLING']);
      // The sex read from the CCCD: the clerk sets the sex, and the import's word about it goes.
      const cuong = idOf('Trần Văn Cường');
      t.store.updateRecord(cuong, { person: { sex: 'F' } });
      expect(codesOf(cuong)).not.toContain('IMPORT_SEX_FROM_CCCD');
    } finally {
      t.close();
    }
  });
});
