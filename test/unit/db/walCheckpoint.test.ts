// The signing commit does not pay for SQLite's checkpoint: it runs once the station is idle.
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WAL_SIZE_LIMIT_BYTES, withDeferredCheckpoint } from '../../../electron/core/db/walCheckpoint.js';
import { openTestStore, type TestStore } from './storeHarness.js';

const open: TestStore[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

/** ~1,500 new 4 KiB pages in one transaction: past the default 1,000-page checkpoint threshold. */
function bigWrite(t: TestStore, tag: string): void {
  t.db.transaction(() => {
    const add = t.db.prepare('INSERT INTO filler (tag, blob) VALUES (?, randomblob(3500))');
    for (let i = 0; i < 1500; i++) add.run(tag);
  })();
}

function store(): TestStore {
  const t = openTestStore();
  open.push(t);
  t.db.exec('CREATE TABLE filler (tag TEXT, blob BLOB)');
  t.db.pragma('wal_checkpoint(TRUNCATE)');
  return t;
}

const fileSize = (t: TestStore) => statSync(t.path).size;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('withDeferredCheckpoint', () => {
  it('without it, a big commit copies the WAL into the database file at once', () => {
    const t = store();
    const before = fileSize(t);
    bigWrite(t, 'plain');
    expect(fileSize(t)).toBeGreaterThan(before + 4_000_000);
  });

  it('with it, the commit leaves the pages in the (synced) WAL and a PASSIVE checkpoint moves them when idle', async () => {
    const t = store();
    const before = fileSize(t);
    withDeferredCheckpoint(t.db, () => bigWrite(t, 'signed'), 30);
    expect(fileSize(t)).toBe(before);
    expect(t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(t.db.prepare("SELECT count(*) FROM filler WHERE tag = 'signed'").pluck().get()).toBe(1500);
    await sleep(200);
    expect(fileSize(t)).toBeGreaterThan(before + 4_000_000);
  });

  it('a commit past the given page threshold is still checkpointed at its end: the WAL stays bounded', () => {
    const t = store();
    const before = fileSize(t);
    withDeferredCheckpoint(t.db, () => bigWrite(t, 'big'), 30, 1200);
    expect(fileSize(t)).toBeGreaterThan(before + 4_000_000);
    expect(t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('a page threshold above the commit defers it as the signing one does', () => {
    const t = store();
    const before = fileSize(t);
    withDeferredCheckpoint(t.db, () => bigWrite(t, 'big'), 30, 4000);
    expect(fileSize(t)).toBe(before);
  });

  it('a throw in the commit still restores the usual threshold', () => {
    const t = store();
    expect(() => withDeferredCheckpoint(t.db, () => { throw new Error('token changed'); }, 30)).toThrow('token changed');
    expect(t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('a WAL grown past the limit by a big commit is cut back at the first write after the idle checkpoint', async () => {
    const t = store();
    const wal = () => statSync(`${t.path}-wal`).size;
    // ~80 MB in one commit, deferred as an import's is: more than signing ever leaves.
    withDeferredCheckpoint(t.db, () => t.db.transaction(() => {
      const add = t.db.prepare("INSERT INTO filler (tag, blob) VALUES ('import', randomblob(1000000))");
      for (let i = 0; i < 80; i++) add.run();
    })(), 30, 40_000);
    expect(wal()).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES + 10_000_000);
    await sleep(200);
    t.db.prepare("INSERT INTO filler (tag, blob) VALUES ('next', x'00')").run();
    expect(wal()).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
    expect(t.db.prepare("SELECT count(*) FROM filler WHERE tag = 'import'").pluck().get()).toBe(80);
  });
});
