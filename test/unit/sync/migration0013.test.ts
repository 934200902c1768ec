// Migration 0013: a station of schema 12 keeps its certificates and cursor, and gets an empty
// table of certificates set aside, whose settling (by record) reads its index.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStationDatabase, type StationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { setAsideStore } from '../../../electron/core/sync/certificateSetAside.js';
import { tempDir } from '../db/storeHarness.js';

let db: StationDatabase | undefined;
const { dir, cleanup } = tempDir('station-m13-');
afterEach(() => {
  if (db?.open) db.close();
  cleanup();
});

it('0013 keeps what a station of schema 12 held and adds the set-aside certificates, settled by record through its index', () => {
  db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 12 });
  db.prepare("INSERT INTO sync_state (name, value, updated_at) VALUES ('certificates.cursor', 'c9', 't')").run();
  db.close();

  db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 13 });
  expect(db.pragma('user_version', { simple: true })).toBe(13);
  expect(db.prepare("SELECT value FROM sync_state WHERE name = 'certificates.cursor'").get()).toEqual({ value: 'c9' });
  expect(db.prepare('SELECT count(*) AS n FROM certificates_set_aside').get()).toEqual({ n: 0 });
  // Today's store reads the columns 0014 adds (dismissal).
  db.close();
  db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 14 });
  const aside = setAsideStore(db);
  expect(aside.count()).toBe(0);
  const reason = { code: 'CERTIFICATE_UNVERIFIED', message_vi: 'vi', message_en: 'en' };
  aside.put({ recordId: 'r1', uvci: 'U1' }, { after: null, position: 0 }, reason, '2026-01-01T00:00:00.000Z');
  aside.put({ recordId: 'r1', uvci: 'U1' }, { after: 'c1', position: 2 }, reason, '2026-01-02T00:00:00.000Z');
  aside.put({ recordId: 7 }, { after: 'c1', position: 3 }, { ...reason, code: 'CERTIFICATE_ENTRY_INVALID' }, '2026-01-02T00:00:00.000Z');
  expect(aside.list()).toMatchObject([
    { recordId: 'r1', uvci: 'U1', tries: 2, firstSeenAt: '2026-01-01T00:00:00.000Z', lastTriedAt: '2026-01-02T00:00:00.000Z' },
    { recordId: '', uvci: '', code: 'CERTIFICATE_ENTRY_INVALID', tries: 1 },
  ]);
  const plan = (db.prepare('EXPLAIN QUERY PLAN DELETE FROM certificates_set_aside WHERE record_id = ?').all('r1') as { detail: string }[]).map((p) => p.detail).join('\n');
  expect(plan).toMatch(/certificates_set_aside_record/);
  aside.settled('r1');
  expect(aside.count()).toBe(1);
});
