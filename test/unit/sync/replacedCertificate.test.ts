// A certificate the platform reissued for the same record (a new UVCI): the record's one row in
// `certificates` holds the new one, and before session 26's second pass the old UVCI was no longer
// known here: `dcc.verify` of a QR printed from it said nothing of its replacement. The station now
// keeps the replaced UVCIs (migration 0014): verify says "replaced by a newer certificate" with
// its date in both languages, and, once the platform revokes the old one, that it is revoked and
// by which it was replaced. The old one sent again does not take its replacement's place.
// A real station (SQLite, the core's dispatcher); the feed as the platform pages it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { issueCertificate } from '../../platform/issuance/issueCertificate.js';
import { record } from '../db/storeHarness.js';
import { acceptedRecord, feed, issuedFor } from './certificateFeed.js';

describe('a certificate reissued for the same record, shown again', () => {
  let dir: string;
  let station: StationCore;
  let client: RpcClient;
  let trust: TrustEntry[];
  let dscs: Awaited<ReturnType<typeof loadOrCreateDscs>>;
  let id: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-replaced-'));
    station = openStation({ dataDir: join(dir, 'station'), logger: memoryLogger(), ports: systemStorePorts('user:test'), validateResults: true });
    client = new RpcClient(inProcessTransport(station.dispatcher));
    const s = station.store;
    id = acceptedRecord(s, { idNumber: '079090007777', fullName: 'Phạm Thị Dung' }, 'XR7');
    dscs = await loadOrCreateDscs(join(dir, 'dsc'), 'ES256', new Date());
    trust = await parseTrustList(dscs.trustList);
    // The trust list as a sync caches it: dcc.verify checks offline against it.
    syncState(s.db, () => new Date()).set(SYNC_KEYS.trustList, JSON.stringify(dscs.trustList));
  });
  afterAll(async () => {
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const issue = (at: Date): Promise<IssuedCertificate> => issuedFor(station.store, id, dscs.active, at);
  const pull = (items: IssuedCertificate[], list: readonly TrustEntry[] = trust) => {
    const s = station.store;
    return pullCertificates({ store: s, client: feed(items), state: syncState(s.db, () => new Date()), ports: systemStorePorts('user:test'), logger: memoryLogger(), trust: list }, { pageSize: 10 });
  };
  const held = () => station.store.db.prepare('SELECT uvci, revoked_at AS revokedAt FROM certificates WHERE record_id = ?').get(id);

  it('says the old QR was replaced by a newer certificate, with the date, until the platform revokes it', async () => {
    const old = await issue(new Date(Date.now() - 2 * 3600_000));
    const reissued = await issue(new Date(Date.now() - 3600_000));
    await pull([old]);
    const before = await client.call('dcc.verify', { text: old.hc1 });
    expect(before.errors).toEqual([]);
    expect(before.valid).toBe(true);
    expect(before.warnings.map((w) => w.code)).not.toContain('CERTIFICATE_REPLACED');

    await pull([old, reissued]);
    expect(held()).toEqual({ uvci: reissued.uvci, revokedAt: null });
    const shown = await client.call('dcc.verify', { text: old.hc1 });
    const replaced = shown.warnings.find((w) => w.code === 'CERTIFICATE_REPLACED')!;
    expect(replaced).toBeDefined();
    // Its date in Viet Nam time (the reissue's signed issue time, within the hour of the call).
    const day = new Date(Date.parse(reissued.issuedAt) + 7 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('/');
    expect(replaced.message_vi).toContain(`đã được thay bằng chứng nhận mới hơn ${reissued.uvci}`);
    expect(replaced.message_vi).toContain(day);
    expect(replaced.message_en).toContain(`was replaced by a newer certificate ${reissued.uvci}`);
    expect(replaced.message_en).toContain(day);
    // The new one is the record's certificate, and says nothing of the kind.
    const now = await client.call('dcc.verify', { text: reissued.hc1 });
    expect(now).toMatchObject({ valid: true });
    expect(now.warnings.map((w) => w.code)).not.toContain('CERTIFICATE_REPLACED');

    // The feed read again from its start (a cursor the platform no longer knows): the old one,
    // sent again before its reissue, must not take the record's certificate back even for a page.
    const state = syncState(station.store.db, () => new Date());
    const cursor = state.get(SYNC_KEYS.cursor);
    state.set(SYNC_KEYS.cursor, null);
    await pull([old]);
    expect(held()).toEqual({ uvci: reissued.uvci, revokedAt: null });
    state.set(SYNC_KEYS.cursor, cursor);

    // The platform revokes the old one: not valid, and by which it was replaced.
    const revokedAt = new Date().toISOString();
    const r = await pull([old, reissued, { ...old, revokedAt }]);
    expect(r).toMatchObject({ setAside: 0 });
    expect(held()).toEqual({ uvci: reissued.uvci, revokedAt: null });
    const revoked = await client.call('dcc.verify', { text: old.hc1 });
    expect(revoked.valid).toBe(false);
    expect(revoked.errors.find((e) => e.code === 'CERTIFICATE_REVOKED')?.message_en).toContain(`replaced by certificate ${reissued.uvci} (record ${id})`);
  });

  it('an older certificate arriving after the newer one (a station that held the reissue before migration 0014, the feed read again) never takes its place nor marks the newer one replaced', async () => {
    const s = station.store;
    const made = s.createRecords([record({ idNumber: '079090008888', fullName: 'Võ Văn Hùng' }, { doseNumber: 1, vaccine: 'JANSSEN', lot: 'XR8' })], { source: 'import', confirmWarnings: true });
    const other = made.outcomes.flatMap((o) => (o.outcome === 'created' ? [o.id] : []))[0]!;
    for (const [from, to] of [['ready', 'signed'], ['signed', 'submitted'], ['submitted', 'accepted']] as const) s.setRecordsState([other], from, to);
    const issueFor = async (at: Date): Promise<IssuedCertificate> => {
      const d = s.getRecord(other);
      const c = await issueCertificate(dscs.active, d.person, d.record, [d.record], at);
      return { recordId: other, uvci: c.uvci, hc1: c.hc1, issuedAt: c.issuedAt.toISOString(), expiresAt: c.expiresAt.toISOString(), revokedAt: null };
    };
    const heldOf = () => s.db.prepare('SELECT uvci, revoked_at AS revokedAt FROM certificates WHERE record_id = ?').get(other);
    const old = await issueFor(new Date(Date.now() - 2 * 3600_000));
    const reissued = await issueFor(new Date(Date.now() - 3600_000));
    const state = syncState(s.db, () => new Date());
    const cursor = state.get(SYNC_KEYS.cursor);
    // The station holds the reissue and knows nothing of the old one (its reissue came before 0014).
    state.set(SYNC_KEYS.cursor, null);
    await pull([reissued]);
    expect(heldOf()).toEqual({ uvci: reissued.uvci, revokedAt: null });
    // The feed read again from its start: the old one, then the reissue.
    state.set(SYNC_KEYS.cursor, null);
    await pull([old]);
    expect(heldOf()).toEqual({ uvci: reissued.uvci, revokedAt: null });
    state.set(SYNC_KEYS.cursor, null);
    await pull([old, reissued]);
    expect(heldOf()).toEqual({ uvci: reissued.uvci, revokedAt: null });
    state.set(SYNC_KEYS.cursor, cursor);
    // The record's certificate is valid and says nothing of being replaced; the old one says it was.
    const current = await client.call('dcc.verify', { text: reissued.hc1 });
    expect(current.valid).toBe(true);
    expect(current.warnings.map((w) => w.code)).not.toContain('CERTIFICATE_REPLACED');
    const shown = await client.call('dcc.verify', { text: old.hc1 });
    expect(shown.warnings.find((w) => w.code === 'CERTIFICATE_REPLACED')?.message_en).toContain(`was replaced by a newer certificate ${reissued.uvci}`);
    // Its code is kept as when it arrives first (migration 0016): its revocation is compared with it.
    expect(s.db.prepare('SELECT hc1 FROM certificates_replaced WHERE uvci = ?').pluck().get(old.uvci)).toBe(old.hc1);
  });
  // Session 27: the platform's revocation of the replaced one, its HC1 sent wrapped (a line break,
  // a quote after it): the code is not held in `certificates` (its row holds the reissue), so it
  // was passed over as "not a bare HC1", and verify called the revoked QR only "replaced".
  let wrapped = 0;
  it.each([
    ['wrapped over two lines', (hc1: string) => `${hc1.slice(0, 60)}\n${hc1.slice(60)}`, 'listed'],
    ['with a quote and a line break after it', (hc1: string) => `${hc1}"\r\n`, 'listed'],
    // Its signer has left the list since (a DSC change): its code, kept when it was replaced, is compared (migration 0016).
    ['bare, its signer retired', (hc1: string) => hc1, 'retired'],
    ['wrapped, its signer retired', (hc1: string) => `${hc1.slice(0, 60)}\n${hc1.slice(60)}`, 'retired'],
    // Replaced before 0016, no code kept to compare with: its bare reading that verifies (session 28: untested before).
    ['wrapped, replaced before migration 0016', (hc1: string) => `${hc1}"\r\n`, 'before0016'],
  ])('a revocation of the replaced one, %s, revokes it: verify says revoked, not replaced', async (_, wrap, signer) => {
    const s = station.store;
    const made = s.createRecords([record({ idNumber: `07909000${9191 + ++wrapped}`, fullName: `Đặng Văn ${['Hòa', 'Lâm', 'Minh', 'Nam', 'Phúc'][wrapped - 1]}` }, { doseNumber: 1, vaccine: 'JANSSEN', lot: 'XR9' })], { source: 'import', confirmWarnings: true });
    const other = made.outcomes.flatMap((o) => (o.outcome === 'created' ? [o.id] : []))[0]!;
    for (const [from, to] of [['ready', 'signed'], ['signed', 'submitted'], ['submitted', 'accepted']] as const) s.setRecordsState([other], from, to);
    const issueFor = async (at: Date): Promise<IssuedCertificate> => {
      const d = s.getRecord(other);
      const c = await issueCertificate(dscs.active, d.person, d.record, [d.record], at);
      return { recordId: other, uvci: c.uvci, hc1: c.hc1, issuedAt: c.issuedAt.toISOString(), expiresAt: c.expiresAt.toISOString(), revokedAt: null };
    };
    const old = await issueFor(new Date(Date.now() - 2 * 3600_000));
    const reissued = await issueFor(new Date(Date.now() - 3600_000));
    const state = syncState(s.db, () => new Date());
    state.set(SYNC_KEYS.cursor, null);
    await pull([old, reissued]);
    // Its code kept when it was replaced (migration 0016); a row replaced before it has none.
    const kept = s.db.prepare('SELECT hc1 FROM certificates_replaced WHERE uvci = ?').pluck();
    expect(kept.get(old.uvci)).toBe(old.hc1);
    if (signer === 'before0016') s.db.prepare('UPDATE certificates_replaced SET hc1 = NULL WHERE uvci = ?').run(old.uvci);
    const revokedAt = new Date().toISOString();
    state.set(SYNC_KEYS.cursor, null);
    const r = await pull([old, reissued, { ...old, hc1: wrap(old.hc1), revokedAt }], signer === 'retired' ? [] : trust);
    expect(r).toMatchObject({ setAside: 0 });
    expect(s.db.prepare('SELECT revoked_at AS revokedAt FROM certificates_replaced WHERE uvci = ?').get(old.uvci)).toEqual({ revokedAt });
    expect(s.db.prepare('SELECT uvci, revoked_at AS revokedAt FROM certificates WHERE record_id = ?').get(other)).toEqual({ uvci: reissued.uvci, revokedAt: null });
    const shown = await client.call('dcc.verify', { text: old.hc1 });
    expect(shown.valid).toBe(false);
    expect(shown.errors.find((e) => e.code === 'CERTIFICATE_REVOKED')?.message_en).toContain(`replaced by certificate ${reissued.uvci} (record ${other})`);
    // The reissue is untouched: still the record's valid certificate.
    expect(await client.call('dcc.verify', { text: reissued.hc1 })).toMatchObject({ valid: true });
  });
});
