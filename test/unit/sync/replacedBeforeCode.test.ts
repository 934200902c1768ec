// A certificate a reissue replaced on a station before migration 0016 keeps no code in
// `certificates_replaced`: only its UVCI, record and signed issue time. Once its signer (DSC) has
// left the trust list, the platform's revocation of it cannot be verified, and it was passed over:
// verify went on calling the revoked QR only "replaced". It is now matched on what the row keeps
// (the record, the UVCI inside the code as beside it, the signed issue time) and applied.
// The rows as a station replaced them before 0016 and as 0016 left them (no code: `hc1` NULL, what
// migrations.test.ts checks 0016 leaves), written on today's schema: today's store on a
// database of version 15 met every later migration's statements (0017's, 0018's tables missing).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations/index.js';
import { memoryLogger } from '../../../electron/core/logger.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { pullCertificates } from '../../../electron/core/sync/pullCertificates.js';
import { SYNC_KEYS, syncState } from '../../../electron/core/sync/syncState.js';
import { parseTrustList } from '../../../shared/dcc/trust.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import type { IssuedCertificate } from '../../../shared/platform/api.js';
import { RpcClient } from '../../../shared/rpc/client.js';
import { loadOrCreateDscs } from '../../platform/issuance/dscKeys.js';
import { acceptedRecord, feed, issuedFor } from './certificateFeed.js';

describe('a revocation of a certificate replaced before migration 0016, its signer retired', () => {
  let dir: string;
  let station: StationCore;
  let client: RpcClient;
  /** Today's list: the retired DSC is not on it. */
  let trust: TrustEntry[];
  const people: { id: string; old: IssuedCertificate; reissued: IssuedCertificate }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-replaced-0015-'));
    const dataDir = join(dir, 'station');
    const retired = await loadOrCreateDscs(join(dir, 'dsc-retired'), 'ES256', new Date());
    const current = await loadOrCreateDscs(join(dir, 'dsc-current'), 'ES256', new Date());
    trust = await parseTrustList(current.trustList);
    // The old certificate replaced, no code kept: as a station before 0016 left it.
    const setup = openStation({ dataDir, logger: memoryLogger(), ports: systemStorePorts('user:test'), validateResults: true });
    const s15 = setup.store;
    const db15 = s15.db;
    for (const [n, name] of [[1, 'Lê Văn Phúc'], [2, 'Trần Thị Quế'], [3, 'Ngô Văn Sơn']] as const) {
      const id = acceptedRecord(s15, { idNumber: `07909000${5550 + n}`, fullName: name }, 'XR5');
      const issue = (dsc: typeof retired.active, at: Date): Promise<IssuedCertificate> => issuedFor(s15, id, dsc, at);
      const old = await issue(retired.active, new Date(Date.now() - 2 * 3600_000));
      const reissued = await issue(current.active, new Date(Date.now() - 3600_000));
      db15.prepare(`INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, NULL)`)
        .run(id, reissued.uvci, reissued.hc1, reissued.issuedAt, reissued.expiresAt, new Date().toISOString());
      db15.prepare('INSERT INTO certificates_replaced (uvci, record_id, issued_at, replaced_by, replaced_at, revoked_at, hc1) VALUES (?, ?, ?, ?, ?, NULL, NULL)')
        .run(old.uvci, id, old.issuedAt, reissued.uvci, reissued.issuedAt);
      s15.setRecordsState([id], 'accepted', 'issued');
      people.push({ id, old, reissued });
    }
    syncState(db15, () => new Date()).set(SYNC_KEYS.trustList, JSON.stringify(current.trustList));
    await setup.close();
    station = openStation({ dataDir, logger: memoryLogger(), ports: systemStorePorts('user:test'), validateResults: true });
    client = new RpcClient(inProcessTransport(station.dispatcher));
  });
  afterAll(async () => {
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const pull = (items: IssuedCertificate[]) => {
    const s = station.store;
    syncState(s.db, () => new Date()).set(SYNC_KEYS.cursor, null);
    return pullCertificates({ store: s, client: feed(items), state: syncState(s.db, () => new Date()), ports: systemStorePorts('user:test'), logger: memoryLogger(), trust }, { pageSize: 10 });
  };
  const replacedRow = (uvci: string) => station.store.db.prepare('SELECT revoked_at AS revokedAt, hc1 FROM certificates_replaced WHERE uvci = ?').get(uvci);

  it.each([
    ['bare', 0, (hc1: string) => hc1],
    ['wrapped over two lines', 1, (hc1: string) => `${hc1.slice(0, 60)}\n${hc1.slice(60)}`],
  ])('sent %s, it revokes the replaced one: verify says revoked, naming the reissue', async (_, n, wrap) => {
    const { id, old, reissued } = people[n]!;
    expect(station.store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const before = await client.call('dcc.verify', { text: old.hc1 });
    expect(before.errors.map((e) => e.code)).not.toContain('CERTIFICATE_REVOKED');
    const revokedAt = new Date().toISOString();
    const r = await pull([reissued, { ...old, hc1: wrap(old.hc1), revokedAt }]);
    // Counted as applied, not as passed over (the CLI said "1 revocation(s) ignored").
    expect(r).toMatchObject({ setAside: 0, revoked: 1, ignored: 0 });
    // The revocation applied; its unverified code is not kept.
    expect(replacedRow(old.uvci)).toEqual({ revokedAt, hc1: null });
    expect(station.store.db.prepare('SELECT uvci, revoked_at AS revokedAt FROM certificates WHERE record_id = ?').get(id)).toEqual({ uvci: reissued.uvci, revokedAt: null });
    const shown = await client.call('dcc.verify', { text: old.hc1 });
    expect(shown.valid).toBe(false);
    expect(shown.errors.find((e) => e.code === 'CERTIFICATE_REVOKED')?.message_en).toContain(`replaced by certificate ${reissued.uvci} (record ${id})`);
    expect(await client.call('dcc.verify', { text: reissued.hc1 })).toMatchObject({ valid: true });
  });

  it('a revocation whose code is another certificate than the row keeps (another UVCI inside) is still passed over', async () => {
    const { id, old, reissued } = people[2]!;
    const r = await pull([reissued, { ...old, hc1: reissued.hc1, revokedAt: new Date().toISOString() }]);
    expect(r).toMatchObject({ ignored: 1, setAside: 0 });
    expect(replacedRow(old.uvci)).toEqual({ revokedAt: null, hc1: null });
    expect(station.store.db.prepare('SELECT uvci, revoked_at AS revokedAt FROM certificates WHERE record_id = ?').get(id)).toEqual({ uvci: reissued.uvci, revokedAt: null });
  });
});
