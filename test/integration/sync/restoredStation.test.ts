// A station restored from a backup taken before its last syncs (db/backups.ts): the batches the
// copy still holds as signed go up again at the next sync, the platform keeps each record once,
// and the restored station ends where the platform is: its records accepted or issued, the
// certificates pulled again. Batches signed after the copy are in the replaced file, not here.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupStation } from '../../../electron/core/db/backups.js';
import { restoreStation } from '../../../electron/core/db/restore.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { RpcClient } from '../../../shared/rpc/client.js';
import { softwareSigner } from './softwareSigner.js';
import { FACILITY, TEST_SYNC, openSyncWorld, stationStates, type SyncWorld } from './syncWorld.js';

describe('a station restored from a copy older than its last syncs', () => {
  let w: SyncWorld;
  let restored: StationCore;
  const signedBeforeCopy: string[] = [];
  let signedAfterCopy: string;

  beforeAll(async () => {
    w = await openSyncWorld({ records: 30, seed: 44 });
    signedBeforeCopy.push(await w.sign(10), await w.sign(10));
    const copy = join(w.dir, 'copy.db');
    await backupStation(w.station.store.db, copy);
    expect(await w.client.call('sync.run', {})).toMatchObject({ uploadedBatches: 2, accepted: 20 });
    signedAfterCopy = await w.sign(10);
    expect(await w.client.call('sync.run', {})).toMatchObject({ uploadedBatches: 1, accepted: 10 });

    const dataDir = join(w.dir, 'restored');
    restoreStation(dataDir, copy, { actor: 'user:test' });
    const signer = softwareSigner(w.pki.cert, { taxCode: FACILITY.taxCode });
    restored = openStation({
      dataDir, ports: systemStorePorts('user:test'), validateResults: true, sync: TEST_SYNC, backups: false,
      signing: { signer: { listTokens: (p) => signer.listTokens(p), sign: (p) => signer.sign(p), logIn: (p) => signer.logIn(p) } },
    });
  });
  afterAll(async () => {
    await restored?.close();
    await w.close();
  });

  it('sends the batches it holds as signed again, and the platform keeps each record once', async () => {
    const client = new RpcClient(inProcessTransport(restored.dispatcher));
    const before = stationStates(restored);
    expect([...before.values()].filter((s) => s === 'signed')).toHaveLength(20);
    const r = await client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 2, failedBatches: 0, rejected: 0 });
    expect(r.accepted + r.duplicates).toBe(20);
    expect(r.status).toMatchObject({ pendingBatches: 0, lastError: null });

    const held = await w.held();
    const ids = held.map((h) => h.recordId);
    expect(new Set(ids).size).toBe(30);
    expect(ids).toHaveLength(30);

    const after = stationStates(restored);
    const synced = [...after.entries()].filter(([, s]) => s === 'accepted' || s === 'issued').map(([id]) => id);
    expect(synced).toHaveLength(20);
    const platformBatch = new Map(held.map((h) => [h.recordId, h.batch]));
    for (const id of synced) expect(signedBeforeCopy).toContain(platformBatch.get(id));
    // The 10 signed after the copy are not in it: they stay on the platform, under their own batch.
    expect(held.filter((h) => h.batch === signedAfterCopy)).toHaveLength(10);
    expect([...after.values()].filter((s) => s === 'ready')).toHaveLength(10);
    // The feed also brings the certificates of records signed after the copy: kept, their records
    // still "ready" here, as the copy left them.
    const certified = restored.store.db.prepare('SELECT d.state AS state, count(*) AS n FROM certificates c JOIN dose_records d ON d.id = c.record_id GROUP BY d.state').all() as { state: string; n: number }[];
    expect(certified.reduce((n, c) => n + c.n, 0)).toBe(r.certificates);
    expect(certified.every((c) => c.state === 'issued' || c.state === 'ready')).toBe(true);
    expect(restored.store.verifyAudit().ok).toBe(true);
  });

  it('signs the records the copy holds as ready again, and the platform takes them as the records it holds, not new ones', async () => {
    const client = new RpcClient(inProcessTransport(restored.dispatcher));
    await restored.signing.sign({});
    const r = await client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 1, failedBatches: 0, rejected: 0, duplicates: 0, accepted: 10 });
    const held = await w.held();
    expect(new Set(held.map((h) => h.recordId)).size).toBe(30);
    expect(held).toHaveLength(30);
    // The platform keeps them in the batch first sent (signed after the copy, from the replaced file).
    expect(held.filter((h) => h.batch === signedAfterCopy)).toHaveLength(10);
    const states = [...stationStates(restored).values()];
    expect(states.every((s) => s === 'accepted' || s === 'issued')).toBe(true);
    // Every certificate the platform issued is on its record here now.
    expect(restored.store.countByState().issued).toBe(w.station.store.countByState().issued);
  });
});
