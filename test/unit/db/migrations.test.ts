// Migrations are numbered without gaps, match their file names, are never edited once shipped
// (checksums below), and each one that changes data or indexes has its own test.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertMigrationList } from '../../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index.js';
import { openStationDatabase, type StationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { foldForSearch } from '../../../shared/domain/names.js';
import { tempDir } from './storeHarness.js';

/**
 * SHA-256 of each shipped migration's SQL. A shipped migration is never edited (stations in the
 * field already ran it): to change the schema, add the next migration and append its line here.
 */
const SHIPPED: [number, string, string][] = [
  [1, 'initial', 'ab984849e8a74b02d53fcab83b6bc5de45ce56d9f79109d1dd919e06fbae607b'],
  [2, 'record_search', '30ada374d026714229f19d96371df97b402f05da914187c81b828341077f6c35'],
  [3, 'state_counts', '18656ae027ace9741e82462897a19b4d16472048986e7e74970b6a07b1c7796d'],
  [4, 'certificate_revocation', '53dfc2ab246e761b926bcef202f98b9cb18189b1425cdffcd46539215d2b2891'],
  [5, 'batch_order', '7e065f7c67f1fb5e8bcc444f5ba05fc47dd24531887eebf01bcc877243c2fa7a'],
  [6, 'derived_proofs', 'a978517a7792de0f008c2e21552c704c490b6f773106bb2afd9348862fad4e0b'],
  [7, 'state_counts_per_statement', '6383c0a83e1ea549360d43c65b38670a8b847cca52405dffd17d2725849c1003'],
  [8, 'record_lock_columns', '3cafd9a3e06ea20853699769364aa7cad88cdd72d82eb666112106ae3eaf21e4'],
  [9, 'batch_leaves', 'fbaca2bf8533788e2b13de62ae65bf96e31f60e5c2df7afca956e309baae4652'],
  [10, 'deflated_leaves', 'c83d5ca3e4ad2a2e9e62d85fa9e51cbf5d02cfccab58eedc0a7ee9e1e736b376'],
  [11, 'certificate_expiry', 'f207e1502b1cf6f79827cc518caf674dbaa118510c7e01efc2c337f3fe348998'],
  [12, 'one_apostrophe', '0551ee71ada24ecb2b1e862317b6b2d48ac0eb499a32ed7ba78d94bbefb76057'],
  [13, 'certificates_set_aside', 'f8ec45dc8f279670ab75d2ac006baee8947e2e984907ff29412b248274ba5354'],
  [14, 'set_aside_dismissed_and_replaced', '3b17ebebc0b1b8efc21994828b355123b46b3aea3e6c8bb37cabae43aa5c8d67'],
  [15, 'people_dob', '8265d1a23c99f72ffc330fbb8fcd37f69b21858a14b28d6ebd6f3516af3d6041'],
  [16, 'replaced_certificate_hc1', '4954b07e607071b4f5e9cccf4250d08d5179ea488e628cfe30d64c3a05f6fc0d'],
  [17, 'discarded_records', '053848daef69e45468ae3e86ff3dbe69fd41f57effd4dfd19c5b123ebee981a4'],
  [18, 'people_pairs', '087a376fb51f3bd664c99321a161cc7467a33b572e66a5e9a2618739f9433202'],
  [19, 'people_distinct', 'f5f7c00540b41ce4e55c843ca81ccb4b8df1a4e8822107477a91d40014600ab1'],
  [20, 'people_pairs_paused', 'c0f4edd2d901c6beea731629a3cf69dc205ac04e49e04fc5893f9671ce14e540'],
];

const migrationsDir = resolve(import.meta.dirname, '../../../electron/core/db/migrations');

describe('the migration list', () => {
  it('is numbered 1..n without gaps, one file NNNN_<name>.ts per migration', () => {
    expect(() => assertMigrationList(MIGRATIONS)).not.toThrow();
    const files = readdirSync(migrationsDir).filter((f) => /^\d{4}_/.test(f)).sort();
    expect(files).toEqual(MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}.ts`));
  });

  it('never edits a shipped migration, and every migration is pinned here', () => {
    const actual = MIGRATIONS.map((m) => [m.version, m.name, createHash('sha256').update(m.sql).digest('hex')]);
    expect(actual).toEqual(SHIPPED);
  });

  it('rejects a list with a gap or out of order', () => {
    const [a, b] = MIGRATIONS as [typeof MIGRATIONS[0], typeof MIGRATIONS[0]];
    expect(() => assertMigrationList([b])).toThrow(/position 1 holds version 2/);
    expect(() => assertMigrationList([a, a])).toThrow(/out of order/);
  });
});

describe('each migration', () => {
  let dir: string;
  let cleanup: () => void;
  let db: StationDatabase;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
  });
  afterEach(() => {
    if (db?.open) db.close();
    cleanup();
  });

  function names(type: string): string[] {
    return (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((r) => r.name);
  }

  it('0001 creates the queue, outbox, certificate, settings, sync and audit tables with their guards', () => {
    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(names('table')).toEqual(expect.arrayContaining([
      'people', 'dose_records', 'batches', 'batch_items', 'certificates', 'settings', 'import_runs', 'audit_log', 'audit_head', 'sync_state',
    ]));
    expect(names('trigger')).toEqual(['audit_log_no_delete', 'audit_log_no_update', 'batch_items_immutable', 'dose_records_locked', 'dose_records_no_delete']);
    expect(names('index')).toEqual(expect.arrayContaining(['people_id_number', 'people_name_dob', 'dose_records_person', 'dose_records_natural_key', 'audit_log_entity']));
  });

  it('0002 indexes the names already stored (rebuild), keeps the index in step, and adds the listing indexes', () => {
    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 1 });
    const sql = `INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at)
      VALUES (?, 'CCCD', ?, ?, '', '', '', '', ?, '1990', 'M', 't', 't')`;
    let insert = db.prepare(sql);
    insert.run('p1', '079090000001', 'Nguyễn Văn An', 'nguyen van an');
    insert.run('p2', '079090000002', 'Trần Thị Bình', 'tran thi binh');
    db.close();

    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 2 });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    insert = db.prepare(sql);
    const match = (q: string) => (db.prepare('SELECT p.id FROM people_fts f JOIN people p ON p.seq = f.rowid WHERE people_fts MATCH ? ORDER BY p.id').all(q) as { id: string }[]).map((r) => r.id);
    expect(match('"van"* "an"*')).toEqual(['p1']);
    expect(match('"bin"*')).toEqual(['p2']);

    insert.run('p3', '079090000003', 'Lê Văn Cường', 'le van cuong');
    expect(match('"van"*')).toEqual(['p1', 'p3']);
    db.prepare("UPDATE people SET name_folded = 'le van dung' WHERE id = 'p3'").run();
    expect(match('"cuong"')).toEqual([]);
    expect(match('"dung"')).toEqual(['p3']);
    db.prepare("DELETE FROM people WHERE id = 'p1'").run();
    expect(match('"an"')).toEqual([]);
    expect(db.prepare("INSERT INTO people_fts(people_fts) VALUES ('integrity-check')").run().changes).toBeGreaterThanOrEqual(0);

    expect(names('index')).toEqual(expect.arrayContaining(['people_phone', 'dose_records_state', 'dose_records_vaccine', 'dose_records_date']));
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM dose_records WHERE state = 'ready' ORDER BY seq DESC LIMIT 50").all() as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/SEARCH dose_records USING (COVERING )?INDEX dose_records_state/);
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
  });

  it('0003 counts the records already stored per state, and its triggers keep the counts exact', () => {
    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 2 });
    db.prepare("INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at) VALUES ('p', 'CCCD', '1', 'A', '', '', '', '', 'a', '1990', 'M', 't', 't')").run();
    const add = (id: string, state: string) => db.prepare(`INSERT INTO dose_records (id, person_id, vaccine, lot, dose_number, vaccination_date, facility_code, state, natural_key, source, created_at, updated_at)
      VALUES (?, 'p', 'PFIZER', 'L', 1, '2021-08-01', 'F', ?, ?, 'form', 't', 't')`).run(id, state, id);
    add('r1', 'ready');
    add('r2', 'ready');
    add('r3', 'draft');
    db.close();

    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 3 });
    const counts = () => Object.fromEntries((db.prepare('SELECT state, n FROM record_state_counts WHERE n > 0 ORDER BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
    expect(counts()).toEqual({ draft: 1, ready: 2 });
    add('r4', 'draft');
    db.prepare("UPDATE dose_records SET state = 'signed' WHERE id IN ('r1', 'r2')").run();
    db.prepare("UPDATE dose_records SET lot = 'M' WHERE id = 'r3'").run();
    db.prepare("DELETE FROM dose_records WHERE id = 'r4'").run();
    expect(counts()).toEqual({ draft: 1, signed: 2 });
    const truth = Object.fromEntries((db.prepare('SELECT state, count(*) AS n FROM dose_records GROUP BY state ORDER BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
    expect(counts()).toEqual(truth);
  });

  it('0004 adds the revocation mark to certificates already stored, and lists them newest first from an index', () => {
    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 3 });
    db.exec(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at)
      VALUES ('p', 'CCCD', '1', 'A', '', '', '', '', 'a', '1990', 'M', 't', 't');
      INSERT INTO dose_records (id, person_id, vaccine, lot, dose_number, vaccination_date, facility_code, state, natural_key, source, created_at, updated_at)
      VALUES ('r', 'p', 'PFIZER', 'L', 1, '2021-08-01', 'F', 'issued', 'k', 'form', 't', 't');
      INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at) VALUES ('r', 'URN:UVCI:01:VN:X', 'HC1:x', '2022-01-01', '2023-01-01', 't');`);
    db.close();
    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 4 });
    expect(db.prepare('SELECT record_id, revoked_at FROM certificates').all()).toEqual([{ record_id: 'r', revoked_at: null }]);
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT record_id FROM certificates ORDER BY issued_at DESC LIMIT 50').all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toContain('certificates_issued');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('0012 folds every apostrophe of a stored name to one, so the full-text index splits the word there as for a typed \'', () => {
    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 11 });
    const insert = db.prepare(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at)
      VALUES (?, 'CCCD', ?, ?, '', '', '', '', ?, '1990', 'M', 't', 't')`);
    // As stations before 0012 folded them: the apostrophe kept as typed.
    insert.run('p1', '066190000001', 'Ksor H’Bla', 'ksor h’bla');
    insert.run('p2', '066190000002', 'Rơ Mah HʼLơn', 'ro mah hʼlon');
    insert.run('p3', '066190000003', 'Siu Hʻ Nga', 'siu hʻ nga');
    insert.run('p4', '066190000004', "Siu H'Hen", "siu h'hen");
    insert.run('p5', '079190000005', 'Nguyễn Văn An', 'nguyen van an');
    insert.run('p6', '066190000006', 'Y´Moan H`Bia ‘Ba', 'y´moan h`bia ‘ba');
    db.close();

    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 12 });
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    expect(db.prepare('SELECT id, name_folded FROM people ORDER BY id').all()).toEqual([
      { id: 'p1', name_folded: "ksor h'bla" }, { id: 'p2', name_folded: "ro mah h'lon" }, { id: 'p3', name_folded: "siu h' nga" },
      { id: 'p4', name_folded: "siu h'hen" }, { id: 'p5', name_folded: 'nguyen van an' }, { id: 'p6', name_folded: "y'moan h'bia 'ba" },
    ]);
    // Every row is folded as the code folds a name today.
    for (const r of db.prepare('SELECT full_name, name_folded FROM people').all() as { full_name: string; name_folded: string }[]) {
      expect(r.name_folded).toBe(foldForSearch(r.full_name));
    }
    const match = (q: string) => (db.prepare('SELECT p.id FROM people_fts f JOIN people p ON p.seq = f.rowid WHERE people_fts MATCH ? ORDER BY p.id').all(q) as { id: string }[]).map((r) => r.id);
    expect(match('"h"* "lon"*')).toEqual(['p2']);
    expect(match('"h"* "bla"*')).toEqual(['p1']);
    expect(match('"moan"* "bia"*')).toEqual(['p6']);
    expect(match('"hʼlon"*')).toEqual([]);
    expect(() => db.prepare("INSERT INTO people_fts(people_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  });

  it('0014 keeps the entries already set aside listed (not dismissed), and starts the history of replaced certificates empty', () => {
    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 13 });
    db.prepare(`INSERT INTO certificates_set_aside (key, record_id, uvci, entry, after, position, code, message_vi, message_en, first_seen_at, last_tried_at)
      VALUES (?, 'r', 'u', '{}', NULL, 0, 'CERTIFICATE_RECORD_UNKNOWN', 'vi', 'en', 't', 't')`).run('r\u0000u');
    db.close();

    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 14 });
    expect(db.pragma('user_version', { simple: true })).toBe(14);
    expect(db.prepare('SELECT record_id, tries, dismissed_at, dismissed_by FROM certificates_set_aside').all()).toEqual([
      { record_id: 'r', tries: 1, dismissed_at: null, dismissed_by: null },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM certificates_replaced').get()).toEqual({ n: 0 });
    db.prepare("INSERT INTO certificates_replaced (uvci, record_id, issued_at, replaced_by, replaced_at) VALUES ('old', 'r', 'a', 'new', 'b')").run();
    // One row per UVCI: a certificate is replaced once.
    expect(() => db.prepare("INSERT INTO certificates_replaced (uvci, record_id, issued_at, replaced_by, replaced_at) VALUES ('old', 'r', 'a', 'newer', 'c')").run()).toThrow(/UNIQUE/);
  });

  it('0015 indexes the dates of birth already stored, so a typed date is a range of that index', () => {
    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 14 });
    const insert = db.prepare(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at)
      VALUES (?, 'CCCD', ?, 'Nguyễn Văn An', '', '', '', '', 'nguyen van an', ?, 'M', 't', 't')`);
    ['1990-05-12', '1990', '1990-05', '1991-05-12', '1989-12-31'].forEach((dob, i) => insert.run(`p${i}`, `07909000000${i}`, dob));
    db.close();

    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 15 });
    expect(db.pragma('user_version', { simple: true })).toBe(15);
    const sql = "SELECT id FROM people WHERE dob >= '1990' AND dob < '1990\u{10FFFF}' ORDER BY id";
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toContain('people_dob');
    expect(plan).not.toMatch(/SCAN people\b/);
    // The rows stored before the migration are in it.
    expect((db.prepare(sql).all() as { id: string }[]).map((r) => r.id)).toEqual(['p0', 'p1', 'p2']);
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
  });
  it('0016 keeps the rows replaced before it, without a code, and takes one for the next', () => {
    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 15 });
    db.prepare("INSERT INTO certificates_replaced (uvci, record_id, issued_at, replaced_by, replaced_at) VALUES ('old', 'r', 'a', 'new', 'b')").run();
    db.close();

    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 16 });
    expect(db.pragma('user_version', { simple: true })).toBe(16);
    expect(db.prepare('SELECT uvci, revoked_at AS revokedAt, hc1 FROM certificates_replaced').all()).toEqual([{ uvci: 'old', revokedAt: null, hc1: null }]);
    db.prepare("INSERT INTO certificates_replaced (uvci, record_id, issued_at, replaced_by, replaced_at, hc1) VALUES ('older', 'r', 'a', 'old', 'b', 'HC1:X')").run();
    expect(db.prepare("SELECT hc1 FROM certificates_replaced WHERE uvci = 'older'").get()).toEqual({ hc1: 'HC1:X' });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
  });

  it('0018 finds the likely duplicates among the people already stored, leaves the merged out, and keeps the pairs as people are written', () => {
    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 17 });
    const insert = db.prepare(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, phone, merged_into, created_at, updated_at)
      VALUES (?, ?, ?, 'Nguyễn Văn An', '', '', '', '', 'nguyen van an', ?, 'M', ?, ?, 't', 't')`);
    insert.run('p1', 'CMND', '025123456', '1990-05-12', null, null);
    insert.run('p2', 'CCCD', '079090001234', '1990-05-12', null, null); // p1's new papers
    insert.run('p3', 'CCCD', '079090001243', '1990-05-12', null, null); // p2 with two digits swapped
    insert.run('p4', 'CCCD', '079090005555', '1990-05-12', null, 'p2'); // merged: no pair
    db.close();

    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 18 });
    expect(db.pragma('user_version', { simple: true })).toBe(18);
    const pairs = () => db.prepare('SELECT code, pa.id AS a, pb.id AS b FROM people_pairs JOIN people pa ON pa.seq = a JOIN people pb ON pb.seq = b ORDER BY code, a, b').all();
    expect(pairs()).toEqual([
      { code: 'SAME_NAME_DOB_ID_SLIP', a: 'p2', b: 'p3' },
      { code: 'SAME_NAME_DOB_PAPERS_CHANGED', a: 'p1', b: 'p2' },
      { code: 'SAME_NAME_DOB_PAPERS_CHANGED', a: 'p1', b: 'p3' },
    ]);
    // Written after: the same number under another name is a pair as it is inserted; a merge drops its person's pairs.
    db.prepare(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at)
      VALUES ('p5', 'CMND', '025123456', 'Lê Thị Mai', '', '', '', '', 'le thi mai', '1975', 'F', 't', 't')`).run();
    db.prepare("UPDATE people SET merged_into = 'p2' WHERE id = 'p3'").run();
    expect(pairs()).toEqual([
      { code: 'SAME_ID_NUMBER', a: 'p1', b: 'p5' },
      { code: 'SAME_NAME_DOB_PAPERS_CHANGED', a: 'p1', b: 'p2' },
    ]);
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
  });

  it('0020 keeps the pairs found as people are inserted, but not while an import has paused it (the import finds the pairs of its people itself)', () => {
    db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 20 });
    const insert = db.prepare(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at)
      VALUES (?, 'CCCD', ?, 'Nguyễn Văn An', '', '', '', '', 'nguyen van an', '1990-05-12', 'M', 't', 't')`);
    insert.run('p1', '079090001234');
    insert.run('p2', '079090001243');
    const count = () => db.prepare('SELECT count(*) FROM people_pairs').pluck().get();
    expect(count()).toBe(1);
    db.prepare('INSERT INTO people_pairs_paused (one) VALUES (1)').run();
    insert.run('p3', '079090001342');
    expect(count()).toBe(1);
    db.prepare('DELETE FROM people_pairs_paused').run();
    insert.run('p4', '079090002134');
    // p3, inserted while paused, has no pair of its own finding; p4, after, is paired with all three.
    const ids = () => db.prepare('SELECT pa.id || pb.id FROM people_pairs JOIN people pa ON pa.seq = a JOIN people pb ON pb.seq = b ORDER BY 1').pluck().all();
    expect(ids()).toEqual(['p1p2', 'p1p4', 'p2p4', 'p3p4']);
    expect(() => db.prepare('INSERT INTO people_pairs_paused (one) VALUES (2)').run()).toThrow(/CHECK/);
  });
});
