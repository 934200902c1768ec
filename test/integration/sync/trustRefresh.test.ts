// Certificates that do not verify against the trust list the station holds (DESIGN §6, §7): the
// platform rotated its DSC while the station could not fetch the new list, so a run verifies with
// a stale cached one. The certificates are not dropped: they are set aside with
// CERTIFICATE_UNVERIFIED in sync.status, and the next run with the platform's list asks their
// pages again and stores them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpPort, type HttpPort } from '../../../electron/core/sync/httpPort.js';
import { openSyncWorld, type SyncWorld } from './syncWorld.js';

describe('a certificate feed verified with a stale trust list', () => {
  let w: SyncWorld;
  let trustDown = true;
  beforeAll(async () => {
    const real = nodeHttpPort();
    const http: HttpPort = {
      request: (req) => (trustDown && req.url.includes('/v1/trust-list')
        ? Promise.resolve({ status: 503, headers: {}, body: new Uint8Array() })
        : real.request(req)),
      close: () => real.close?.(),
    };
    w = await openSyncWorld({ records: 12, seed: 71, sync: { http } });
    // Cached before the platform's DSC changed: here, a certificate that signs no HC1.
    const stale = JSON.stringify({ certificates: [{ kid: 'AAAAAAAAAAA=', country: 'VN', certificate: Buffer.from(w.pki.ca.der).toString('base64') }] });
    w.station.store.db.prepare("INSERT INTO sync_state (name, value, updated_at) VALUES ('trust.list', ?, ?)").run(stale, new Date().toISOString());
  });
  afterAll(() => w.close());

  const stored = () => (w.station.store.db.prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n;
  const cursor = () => w.station.store.db.prepare("SELECT value FROM sync_state WHERE name = 'certificates.cursor'").get();

  it('sets aside each certificate that does not verify, says so, and stores none of them', async () => {
    await w.sign();
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ accepted: 12, certificates: 0, deferred: false });
    expect(r.setAside).toBeGreaterThan(0);
    const aside = r.status.certificatesSetAside;
    expect(aside.total).toBe(r.setAside);
    for (const item of aside.items) {
      expect(item.code).toBe('CERTIFICATE_UNVERIFIED');
      expect(item.message_vi).toMatch(/không xác minh được/);
      expect(item.message_en).toMatch(/does not verify.*could not be refreshed/);
    }
    expect(stored()).toBe(0);
    expect(w.station.store.countByState().accepted).toBe(12);
  });

  it('stores them on the next run, once the platform’s trust list can be fetched', async () => {
    trustDown = false;
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ setAside: 0, deferred: false, status: { lastError: null, certificatesSetAside: { total: 0 } } });
    expect(r.certificates).toBeGreaterThan(0);
    expect(r.recovered).toBe(r.certificates);
    expect(stored()).toBe(r.certificates);
    expect(w.station.store.countByState().issued).toBe(r.certificates);
    expect(cursor()).toBeDefined();
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });
});

describe('an empty trust list from the platform', () => {
  let w: SyncWorld;
  let emptyTrust = false;
  beforeAll(async () => {
    const real = nodeHttpPort();
    const empty = { status: 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode('{"certificates":[]}') };
    const http: HttpPort = {
      request: (req) => (emptyTrust && req.url.includes('/v1/trust-list') ? Promise.resolve(empty) : real.request(req)),
      close: () => real.close?.(),
    };
    w = await openSyncWorld({ records: 4, seed: 72, sync: { http } });
  });
  afterAll(() => w.close());

  it('before any list is held: the pull waits, and the run says why', async () => {
    emptyTrust = true;
    await w.sign();
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ accepted: 4, certificates: 0, deferred: true, status: { lastError: { code: 'TRUST_LIST_EMPTY' } } });
    expect(r.status.lastError!.message_vi).not.toBe(r.status.lastError!.message_en);
    expect(w.station.store.db.prepare("SELECT value FROM sync_state WHERE name = 'trust.list'").get()).toBeUndefined();
  });

  it('after a good list: the list held stays, and what the station holds still verifies offline', async () => {
    emptyTrust = false;
    await w.client.call('sync.run', {});
    const held = w.station.store.db.prepare("SELECT value FROM sync_state WHERE name = 'trust.list'").get() as { value: string };
    const [certificate] = (await w.client.call('certificates.list', {})).items;
    expect(certificate).toBeDefined();

    emptyTrust = true;
    await w.client.call('sync.run', {});
    expect(w.station.store.db.prepare("SELECT value FROM sync_state WHERE name = 'trust.list'").get()).toEqual(held);
    const view = await w.client.call('certificates.get', { recordId: certificate!.recordId });
    expect(view.verification).toMatchObject({ valid: true });
    expect(w.logger.lines.some((l) => l.message.includes('trust list not refreshed') && l.fields?.code === 'TRUST_LIST_EMPTY')).toBe(true);
  });
});
