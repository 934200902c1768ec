// `station settings|sync|certificates` (DESIGN §10) through the CLI's own entry point, in
// process: JSON out, exit 0 success, 1 refused (with codes), 2 usage / I/O. The spawned binary,
// the API key on stdin and exports are covered end to end in test/integration/e2e-flow.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { openSyncWorld, type SyncWorld } from './syncWorld.js';

async function station(dir: string, ...args: string[]) {
  const { result } = await runCli(['--json', '--data-dir', dir, ...args]);
  return { code: result.exitCode, json: result.json as Record<string, unknown> & { errors?: { code: string }[] } };
}

describe('station settings', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'station-cli-settings-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads from a data folder only once it has a database', async () => {
    expect(await station(dir, 'settings', 'get', 'facility.code')).toMatchObject({ code: 2, json: { errors: [{ code: 'DB_NOT_FOUND' }] } });
  });

  it('sets, reads and unsets a value', async () => {
    expect(await station(dir, 'settings', 'set', 'facility.name', 'Trạm Y tế Phường Bến Nghé')).toMatchObject({ code: 0, json: { ok: true, value: 'Trạm Y tế Phường Bến Nghé' } });
    expect(await station(dir, 'settings', 'get', 'facility.name')).toMatchObject({ code: 0, json: { value: 'Trạm Y tế Phường Bến Nghé' } });
    expect(await station(dir, 'settings', 'set', 'facility.name', '--unset')).toMatchObject({ code: 0, json: { value: null } });
  });

  it('refuses unknown keys, a platform key as an argument and an insecure platform URL', async () => {
    expect((await station(dir, 'settings', 'set', 'no.such.key', 'x')).code).toBe(2);
    expect((await station(dir, 'settings', 'set', 'platform.key', 'secret')).code).toBe(2);
    expect((await station(dir, 'settings', 'set', 'facility.code', '--key-stdin')).code).toBe(2);
    expect((await station(dir, 'settings', 'get')).code).toBe(2);
    expect(await station(dir, 'settings', 'set', 'platform.url', 'http://platform.example.vn/')).toMatchObject({ code: 1, json: { errors: [{ code: 'PLATFORM_URL_INSECURE' }] } });
    expect(await station(dir, 'settings', 'set', 'platform.url', 'https://platform.example.vn/api')).toMatchObject({ code: 0 });
  });
});

describe('station sync and certificates', () => {
  let w: SyncWorld;
  let dir: string;
  beforeAll(async () => {
    w = await openSyncWorld({ records: 10, seed: 51, configure: false });
    await w.sign();
    dir = join(w.dir, 'station');
  });
  afterAll(() => w.close());

  it('sync: exit 1 with SYNC_NOT_CONFIGURED before the platform is set', async () => {
    expect(await station(dir, 'sync')).toMatchObject({ code: 1, json: { ok: false, errors: [{ code: 'SYNC_NOT_CONFIGURED' }] } });
  });

  it('sync: exit 2 when the platform cannot be reached, the batch kept for later', async () => {
    w.station.store.setSetting('platform.url', 'http://127.0.0.1:9/');
    w.station.store.setSetting('platform.key', 'api-key-79001-test');
    const r = await station(dir, 'sync', '--now');
    expect(r).toMatchObject({ code: 2, json: { ok: false, uploadedBatches: 0, status: { pendingBatches: 1, lastError: { code: 'PLATFORM_UNREACHABLE' } } } });
  });

  it('sync: exit 0 with the counts and the clock skew; certificates list and export', async () => {
    w.station.store.setSetting('platform.url', w.platform.url);
    const r = await station(dir, 'sync', '--now');
    expect(r).toMatchObject({ code: 0, json: { ok: true, uploadedBatches: 1, accepted: 10, rejected: 0, duplicates: 0 } });
    expect(typeof r.json.clockSkewSeconds).toBe('number');
    const list = await station(dir, 'certificates', 'list');
    expect(list.code).toBe(0);
    const items = list.json.items as { recordId: string; uvci: string }[];
    expect(items.length).toBe(r.json.certificates);
    if (items.length > 0) {
      const one = await station(dir, 'certificates', 'export', items[0]!.recordId);
      expect(one).toMatchObject({ code: 0, json: { uvci: items[0]!.uvci, valid: true } });
      expect((one.json.fields as unknown[]).length).toBe(11);
    }
    // Just issued: none is past its expiry by the station's clock.
    expect((await station(dir, 'certificates', 'list', '--expired')).json).toMatchObject({ ok: true, items: [], total: 0 });
    expect((await station(dir, 'certificates', 'list', '--not-expired')).json).toMatchObject({ ok: true, total: items.length });
    expect((await station(dir, 'certificates', 'list', '--expired', '--not-expired')).code).toBe(2);
    expect((await station(dir, 'certificates', 'export', 'nope')).code).toBe(1);
    expect((await station(dir, 'certificates', 'list', '--limit', '0')).code).toBe(2);
    expect((await station(dir, 'certificates')).code).toBe(2);
  });

  it('sync: exit 1 when the platform refuses the API key', async () => {
    w.station.store.setSetting('platform.key', 'wrong-key');
    expect(await station(dir, 'sync')).toMatchObject({ code: 1, json: { errors: [{ code: 'PLATFORM_AUTH_FAILED' }] } });
  });
});
