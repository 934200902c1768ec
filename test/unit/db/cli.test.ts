// `station records list` and `station audit verify` (DESIGN §10): one JSON document with --json,
// exit 0 / 1 (audit chain broken, naming the entry) / 2 (usage, no database).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { record, tempDir, testPorts } from './storeHarness.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-cli-'));
  const { store, close } = openStationStore(dir, testPorts(), { create: true });
  const a = store.createRecord(record(), { source: 'form' });
  store.createRecord(record({ idNumber: '079185004321', fullName: 'Đỗ Thị Ánh', dob: '1985-02-03', sex: 'F', phone: '0987000111' }), { source: 'form' });
  store.setRecordsState([a.record.id], 'ready', 'signed');
  close();
});
afterEach(() => cleanup());

async function station(...argv: string[]) {
  const { result } = await runCli(['--data-dir', dir, ...argv]);
  return result;
}

describe('station records list', () => {
  it('lists newest first as one JSON document', async () => {
    const r = await station('records', 'list', '--json');
    expect(r.exitCode).toBe(0);
    const json = r.json as { ok: boolean; total: number; items: { record: { state: string }; person: { fullName: string } }[]; nextCursor: string | null };
    expect(json).toMatchObject({ ok: true, total: 2, nextCursor: null });
    expect(json.items.map((i) => i.person.fullName)).toEqual(['Đỗ Thị Ánh', 'Nguyễn Văn An']);
  });

  it('filters by --state and --search, and pages with --limit', async () => {
    const signed = (await station('records', 'list', '--state', 'signed', '--json')).json as { items: { person: { fullName: string } }[] };
    expect(signed.items.map((i) => i.person.fullName)).toEqual(['Nguyễn Văn An']);
    const found = (await station('records', 'list', '--search', 'do thi anh', '--json')).json as { total: number };
    expect(found.total).toBe(1);
    const page = (await station('--json', 'records', 'list', '--limit', '1')).json as { items: unknown[]; nextCursor: string };
    expect(page.items).toHaveLength(1);
    const next = (await station('records', 'list', '--limit', '1', '--cursor', page.nextCursor, '--json')).json as { items: { person: { fullName: string } }[] };
    expect(next.items.map((i) => i.person.fullName)).toEqual(['Nguyễn Văn An']);
  });

  it('prints a readable table without --json', async () => {
    const r = await station('records', 'list');
    expect(r.text).toContain('Nguyễn Văn An');
    expect(r.text).toContain('2 of 2 record(s)');
  });

  it('exits 2 on a bad state or limit, and for a folder without a database', async () => {
    expect((await station('records', 'list', '--state', 'done')).exitCode).toBe(2);
    expect((await station('records', 'list', '--limit', 'lots')).exitCode).toBe(2);
    expect((await station('records')).exitCode).toBe(2);
    const empty = await runCli(['--data-dir', join(dir, 'nowhere'), '--json', 'records', 'list']);
    expect(empty.result.exitCode).toBe(2);
    expect(empty.result.json).toMatchObject({ ok: false, errors: [{ code: 'DB_NOT_FOUND' }] });
  });
});

describe('station audit verify', () => {
  it('exits 0 with the number of entries and the head hash when the chain verifies', async () => {
    const r = await station('audit', 'verify', '--json');
    expect(r.exitCode).toBe(0);
    expect(r.json).toMatchObject({ ok: true, valid: true, entries: 3, brokenAt: null });
    expect((r.json as { head: string }).head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exits 1 naming the entry when the log was tampered with', async () => {
    const db = new Database(join(dir, 'station.db'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'user:mallory' WHERE seq = 2").run();
    db.close();
    const r = await station('audit', 'verify', '--json');
    expect(r.exitCode).toBe(1);
    expect(r.json).toMatchObject({ ok: false, valid: false, brokenAt: 2, errors: [{ code: 'AUDIT_ENTRY_ALTERED', details: { seq: 2 } }] });
    const text = await station('audit', 'verify');
    expect(text.exitCode).toBe(1);
    expect(text.text).toContain('entry 2');
  });

  it('exits 2 on usage errors', async () => {
    expect((await station('audit')).exitCode).toBe(2);
    expect((await station('audit', 'verify', 'extra')).exitCode).toBe(2);
  });
});
