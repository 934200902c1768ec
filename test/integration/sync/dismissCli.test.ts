// `station sync --dismiss <id>` as facility IT runs it (DESIGN §10): a real process over the built
// CLI (`npx tsc -b` first), on a station's own SQLite file. No sync is run; JSON on stdout; exit 0
// dismissed, 1 refused with its code (a record held here, an id not listed, one dismissed
// already), 2 a malformed id or --now beside it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAsideId, setAsideStore } from '../../../electron/core/sync/certificateSetAside.js';
import { recordUnknown, unverified } from '../../../electron/core/sync/setAsideReasons.js';
import { openSyncWorld, type SyncWorld } from './syncWorld.js';

const ROOT = resolve(import.meta.dirname, '../../..');

function station(args: string[]): Promise<{ code: number | null; stdout: string; json: any }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/station.mjs'), ...args], { cwd: ROOT });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      let json: any = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        /* text mode */
      }
      done({ code, stdout, json });
    });
    child.stdin.end();
  });
}

let w: SyncWorld;
let dir: string;
const STRANGER = '01900000-0000-7000-8000-0000000000cc';
const ids = { unknown: '', held: '' };

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/electron/cli/main.js'))) spawnSync('npx', ['--no-install', 'tsc', '-b'], { cwd: ROOT, stdio: 'ignore' });
  w = await openSyncWorld({ records: 2, seed: 83 });
  dir = join(w.dir, 'station');
  const heldRecord = w.station.store.listRecords({ limit: 1 }).items[0]!.record.id;
  // As a pull sets them aside: one for a record never held here, one for a record held here.
  const aside = setAsideStore(w.station.store.db);
  const now = new Date().toISOString();
  const a = { recordId: STRANGER, uvci: 'URN:UVCI:01:VN:STRANGER#1' };
  const b = { recordId: heldRecord, uvci: 'URN:UVCI:01:VN:HELD#2' };
  ids.unknown = setAsideId(aside.put(a, { after: null, position: 0 }, recordUnknown(a), now).key);
  ids.held = setAsideId(aside.put(b, { after: null, position: 1 }, unverified(b, null, true), now).key);
});
afterAll(() => w.close());

describe('station sync --dismiss', () => {
  it('dismisses one for a record not held here: exit 0, the entry and the list left; audited', async () => {
    const r = await station(['--json', '--data-dir', dir, 'sync', '--dismiss', ids.unknown]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ ok: true, dismissed: { id: ids.unknown, recordId: STRANGER, code: 'CERTIFICATE_RECORD_UNKNOWN' } });
    expect(r.json.status.certificatesSetAside).toMatchObject({ total: 1, items: [{ id: ids.held, recordHeld: true }] });
    const entry = w.station.store.db.prepare("SELECT actor, entity_id AS id FROM audit_log WHERE action = 'certificate.setAsideDismissed'").get() as { actor: string; id: string };
    expect(entry.id).toBe(ids.unknown);
    expect(entry.actor).toMatch(/^cli:/);
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });

  it('refuses with exit 1 and a code: a record held here, one dismissed already, an id not listed', async () => {
    const held = await station(['--json', '--data-dir', dir, 'sync', '--dismiss', ids.held]);
    expect(held).toMatchObject({ code: 1, json: { ok: false, errors: [{ code: 'SET_ASIDE_RECORD_HELD' }] } });
    expect((await station(['--json', '--data-dir', dir, 'sync', '--dismiss', ids.unknown])).json.errors[0].code).toBe('SET_ASIDE_ALREADY_DISMISSED');
    expect(await station(['--json', '--data-dir', dir, 'sync', '--dismiss', 'ffffffffffffffff'])).toMatchObject({ code: 1, json: { errors: [{ code: 'SET_ASIDE_NOT_FOUND' }] } });
    // Nothing dismissed: the held one is still listed.
    expect(w.station.store.db.prepare('SELECT count(*) FROM certificates_set_aside WHERE dismissed_at IS NULL').pluck().get()).toBe(1);
  });

  it('exit 2 on a malformed id or with --now; the text names the refusal by its code', async () => {
    expect((await station(['--json', '--data-dir', dir, 'sync', '--dismiss', 'STRANGER'])).code).toBe(2);
    expect((await station(['--json', '--data-dir', dir, 'sync', '--dismiss', ids.held, '--now'])).code).toBe(2);
    const text = await station(['--data-dir', dir, 'sync', '--dismiss', ids.held]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('SET_ASIDE_RECORD_HELD');
  });

  it('--undo-dismiss (session 27): the status lists the dismissed with ids; undone, listed again; exit 1 when not dismissed, 2 when misused', async () => {
    const undone = await station(['--data-dir', dir, 'sync', '--undo-dismiss', ids.unknown]);
    expect(undone.code).toBe(0);
    expect(undone.stdout).toContain(`dismissal undone, asked for again at the next sync: ${ids.unknown} ${STRANGER}`);
    const listed = await station(['--data-dir', dir, 'sync', '--dismiss', ids.unknown]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`certificates dismissed: 1`);
    expect(listed.stdout).toContain(`  ${ids.unknown} ${STRANGER}`);
    expect(listed.stdout).toContain('station sync --undo-dismiss <id>');
    const r = await station(['--json', '--data-dir', dir, 'sync', '--undo-dismiss', ids.unknown]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ ok: true, restored: { id: ids.unknown, recordId: STRANGER, code: 'CERTIFICATE_RECORD_UNKNOWN' } });
    expect(r.json.status.certificatesSetAside.total).toBe(2);
    expect(r.json.status.certificatesDismissed).toEqual({ total: 0, items: [] });
    const entry = w.station.store.db.prepare("SELECT actor FROM audit_log WHERE action = 'certificate.setAsideRestored' AND entity_id = ?").pluck().get(ids.unknown) as string;
    expect(entry).toMatch(/^cli:/);
    expect(w.station.store.verifyAudit().ok).toBe(true);
    expect(await station(['--json', '--data-dir', dir, 'sync', '--undo-dismiss', ids.unknown])).toMatchObject({ code: 1, json: { errors: [{ code: 'SET_ASIDE_NOT_DISMISSED' }] } });
    expect((await station(['--json', '--data-dir', dir, 'sync', '--undo-dismiss', 'nope'])).code).toBe(2);
    expect((await station(['--json', '--data-dir', dir, 'sync', '--undo-dismiss', ids.unknown, '--now'])).code).toBe(2);
    expect((await station(['--json', '--data-dir', dir, 'sync', '--undo-dismiss', ids.unknown, '--dismiss', ids.unknown])).code).toBe(2);
    const text = await station(['--data-dir', dir, 'sync', '--undo-dismiss', ids.unknown]);
    expect(text.stdout).toContain('SET_ASIDE_NOT_DISMISSED');
  });
});
