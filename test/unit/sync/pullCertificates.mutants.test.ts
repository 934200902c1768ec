// Cases a hand mutation probe of pullCertificates.ts (session 27) found no test for: a reissue set
// aside must not be lost to a revocation of the certificate it replaces, whether that revocation
// comes on a later page of the same pull or stands before the platform's mended entry when the
// set-aside page is asked again. Lost, the record keeps a revoked certificate and the person's
// valid one is never printed. A real store (SQLite), real HC1s; the feed as the platform pages it.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import type { PlatformClient } from '../../../electron/core/sync/platformClient.js';
import { pullCertificates } from '../../../electron/core/sync/pullCertificates.js';
import { syncState } from '../../../electron/core/sync/syncState.js';
import { parseTrustList } from '../../../shared/dcc/trust.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import type { CertificatesFeedPage, IssuedCertificate } from '../../../shared/platform/api.js';
import { loadOrCreateDscs } from '../../platform/issuance/dscKeys.js';
import { issueCertificate } from '../../platform/issuance/issueCertificate.js';
import { openTestStore, record, tempDir, type TestStore } from '../db/storeHarness.js';
import { acceptedRecord, feed, issuedFor } from './certificateFeed.js';

describe('a reissue set aside is not lost to the revocation of the certificate it replaces', () => {
  let t: TestStore;
  let trust: TrustEntry[];
  let dscs: Awaited<ReturnType<typeof loadOrCreateDscs>>;
  let foreign: Awaited<ReturnType<typeof loadOrCreateDscs>>;
  let id: string;
  const dirs = tempDir('station-dsc-mut-');
  const other = tempDir('station-dsc-mut-foreign-');
  beforeEach(async () => {
    t?.close();
    t = openTestStore();
    id = acceptedRecord(t.store, { idNumber: '079090006666', fullName: 'Đỗ Thị Lan' }, 'XR6');
    dscs ??= await loadOrCreateDscs(dirs.dir, 'ES256', new Date());
    foreign ??= await loadOrCreateDscs(other.dir, 'ES256', new Date());
    trust = await parseTrustList(dscs.trustList);
  });
  afterAll(() => {
    t.close();
    dirs.cleanup();
    other.cleanup();
  });
  const issue = (by: typeof dscs): Promise<IssuedCertificate> => issuedFor(t.store, id, by.active, new Date());
  const deps = () => ({ store: t.store, state: syncState(t.db, t.ports.now), ports: t.ports, logger: memoryLogger(), trust });
  const setAside = () => t.db.prepare('SELECT uvci FROM certificates_set_aside WHERE record_id = ?').pluck().all(id);
  const held = () => t.db.prepare('SELECT uvci, revoked_at AS revokedAt FROM certificates WHERE record_id = ?').get(id);

  it('when the revocation comes on a later page of the same pull', async () => {
    const old = await issue(dscs);
    await pullCertificates({ ...deps(), client: feed([old]) }, { pageSize: 1 });
    // The reissue (signed by a key the list lacks) is one page; the revocation of the old one the next.
    const unverifiable = await issue(foreign);
    const revoked = { ...old, revokedAt: new Date().toISOString() };
    const r = await pullCertificates({ ...deps(), client: feed([old, unverifiable, revoked]) }, { pageSize: 1 });
    expect(r).toMatchObject({ setAside: 1, revoked: 1 });
    expect(setAside()).toEqual([unverifiable.uvci]);
    // The key published, the reissue is stored from its page asked again.
    const published = [...trust, ...(await parseTrustList(foreign.trustList))];
    const again = await pullCertificates({ ...deps(), trust: published, client: feed([old, unverifiable, revoked]) }, { pageSize: 1 });
    expect(again).toMatchObject({ recovered: 1 });
    expect(held()).toEqual({ uvci: unverifiable.uvci, revokedAt: null });
  });

  it('when the platform mends the entry under a new UVCI and the revocation stands before it on the page', async () => {
    const old = await issue(dscs);
    await pullCertificates({ ...deps(), client: feed([old]) }, { pageSize: 10 });
    const unverifiable = await issue(foreign);
    const revoked = { ...old, revokedAt: new Date().toISOString() };
    await pullCertificates({ ...deps(), client: feed([old, unverifiable, revoked]) }, { pageSize: 10 });
    expect(setAside()).toEqual([unverifiable.uvci]);
    // The platform issues the record's certificate again, signed right, in the set-aside one's place.
    const mended = await issue(dscs);
    const again = await pullCertificates({ ...deps(), client: feed([old, revoked, mended]) }, { pageSize: 10 });
    expect(again).toMatchObject({ recovered: 1 });
    expect(setAside()).toEqual([]);
    expect(held()).toEqual({ uvci: mended.uvci, revokedAt: null });
  });
});

describe('a set-aside certificate the platform mends into another that fails too', () => {
  const dirs = tempDir('station-dsc-mut-mend-');
  const other = tempDir('station-dsc-mut-mend-foreign-');
  afterAll(() => {
    dirs.cleanup();
    other.cleanup();
  });

  it('is not counted as recovered: the new one is set aside in its place', async () => {
    const t = openTestStore();
    try {
      const id = acceptedRecord(t.store, { idNumber: '079090002222', fullName: 'Mai Văn Tâm' }, 'XR2');
      const dscs = await loadOrCreateDscs(dirs.dir, 'ES256', new Date());
      const foreign = await loadOrCreateDscs(other.dir, 'ES256', new Date());
      const trust = await parseTrustList(dscs.trustList);
      const issue = async (): Promise<IssuedCertificate> => {
        const d = t.store.getRecord(id);
        const c = await issueCertificate(foreign.active, d.person, d.record, [d.record], new Date());
        return { recordId: id, uvci: c.uvci, hc1: c.hc1, issuedAt: c.issuedAt.toISOString(), expiresAt: c.expiresAt.toISOString(), revokedAt: null };
      };
      const pull = (items: IssuedCertificate[]) =>
        pullCertificates({ store: t.store, client: feed(items), state: syncState(t.db, t.ports.now), ports: t.ports, logger: memoryLogger(), trust }, { pageSize: 10 });
      const first = await issue();
      await pull([first]);
      const second = await issue();
      const r = await pull([second]);
      expect(r).toMatchObject({ certificates: 0, recovered: 0 });
      expect(t.db.prepare('SELECT uvci FROM certificates_set_aside').pluck().all()).toEqual([second.uvci]);
    } finally {
      t.close();
    }
  });
});

describe('the feed read again and to its end', () => {
  let t: TestStore;
  let trust: TrustEntry[];
  let cert: IssuedCertificate;
  const dirs = tempDir('station-dsc-mut-feed-');
  beforeEach(async () => {
    t?.close();
    t = openTestStore();
    const id = acceptedRecord(t.store, { idNumber: '079090005555', fullName: 'Trần Văn Bình' }, 'XR5');
    const dscs = await loadOrCreateDscs(dirs.dir, 'ES256', new Date());
    trust = await parseTrustList(dscs.trustList);
    cert = await issuedFor(t.store, id, dscs.active, new Date());
  });
  afterAll(() => {
    t.close();
    dirs.cleanup();
  });
  const deps = (client: PlatformClient) => ({ store: t.store, client, state: syncState(t.db, t.ports.now), ports: t.ports, logger: memoryLogger(), trust });

  it('keeps the copy of an entry of no record when its page no longer reaches its place', async () => {
    const junk = { note: 'not a certificate' };
    await pullCertificates(deps(feed([cert, junk as unknown as IssuedCertificate])), { pageSize: 10 });
    const entry = () => t.db.prepare('SELECT entry FROM certificates_set_aside').pluck().all();
    expect(entry()).toEqual([JSON.stringify(junk)]);
    // The page asked again is one entry shorter: the copy held is what is checked and kept.
    await pullCertificates(deps(feed([cert])), { pageSize: 10 });
    expect(entry()).toEqual([JSON.stringify(junk)]);
  });

  it('ends at an empty page that names the cursor it was asked with, without a fault', async () => {
    const asked: (string | null)[] = [];
    const client = {
      async certificates(after: string | null): Promise<CertificatesFeedPage> {
        asked.push(after);
        if (after === null) return { certificates: [cert], next: 'c1', serverTime: new Date().toISOString() };
        return { certificates: [], next: after, serverTime: new Date().toISOString() };
      },
    } as unknown as PlatformClient;
    const r = await pullCertificates(deps(client), { pageSize: 1 });
    expect(r).toMatchObject({ certificates: 1, stoppedBy: null });
    expect(asked).toEqual([null, 'c1']);
  });
});

describe('a certificate held for one record, sent under another of the same birth and dose dates', () => {
  const dirs = tempDir('station-dsc-mut-twins-');
  afterAll(() => dirs.cleanup());

  it('is set aside as the other record\'s, and the pull goes on', async () => {
    const t = openTestStore();
    try {
      // Twins vaccinated the same day: the dates a certificate is checked by are the same.
      const made = t.store.createRecords([
        record({ idNumber: '079090004441', fullName: 'Lý Minh Khang', dob: '1990-03-04' }, { doseNumber: 1, vaccine: 'JANSSEN', lot: 'XR4' }),
        record({ idNumber: '079090004442', fullName: 'Lý Minh Khôi', dob: '1990-03-04' }, { doseNumber: 1, vaccine: 'JANSSEN', lot: 'XR4' }),
      ], { source: 'import', confirmWarnings: true });
      const [first, second] = made.outcomes.flatMap((o) => (o.outcome === 'created' ? [o.id] : []));
      for (const [from, to] of [['ready', 'signed'], ['signed', 'submitted'], ['submitted', 'accepted']] as const) t.store.setRecordsState([first!, second!], from, to);
      const dscs = await loadOrCreateDscs(dirs.dir, 'ES256', new Date());
      const trust = await parseTrustList(dscs.trustList);
      const cert = await issuedFor(t.store, first!, dscs.active, new Date());
      const deps = { store: t.store, client: feed([cert, { ...cert, recordId: second! }]), state: syncState(t.db, t.ports.now), ports: t.ports, logger: memoryLogger(), trust };
      const r = await pullCertificates(deps, { pageSize: 10 });
      expect(r).toMatchObject({ certificates: 1, setAside: 1, stoppedBy: null });
      const held = t.db.prepare('SELECT record_id AS recordId FROM certificates WHERE uvci = ?').pluck().all(cert.uvci);
      expect(held).toEqual([first]);
      expect(t.db.prepare('SELECT code FROM certificates_set_aside WHERE record_id = ?').pluck().all(second)).toEqual(['CERTIFICATE_UVCI_CONFLICT']);
    } finally {
      t.close();
    }
  });
});
