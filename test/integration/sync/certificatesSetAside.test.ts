// One bad certificate among good ones in the feed (DESIGN §6). Before session 26 the first one that
// failed the station's checks stopped the pull, and every later certificate waited behind it: a
// clinic could print no passport at all until the platform mended that one entry. Now each bad
// one is set aside with its reason (sync.status, `station sync`), never stored as a passport;
// the good ones are stored and the cursor moves on; a later pull asks the platform for a set-aside
// one again (from the cursor its page came from) and stores it once it is right.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateDscs } from '../../platform/issuance/dscKeys.js';
import { issueCertificate } from '../../platform/issuance/issueCertificate.js';
import { spoilingCertificates, type FeedPage as Page } from './spoilingCertificates.js';
import { FACILITY, openSyncWorld, type SyncWorld } from './syncWorld.js';

let w: SyncWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const count = (sql: string) => (w!.station.store.db.prepare(sql).get() as { n: number }).n;

describe('one bad certificate among good ones', () => {
  it('is set aside with its reason while every good one is stored; a later pull stores it once the platform serves it right', async () => {
    const feed = spoilingCertificates();
    w = await openSyncWorld({ records: 40, seed: 81, sync: { http: feed.http, pageSize: 6 } });
    const store = w.station.store;
    // Another DSC, not in the platform's trust list: what an unknown signing key looks like.
    const foreignDir = mkdtempSync(join(tmpdir(), 'station-foreign-dsc-'));
    const foreign = await loadOrCreateDscs(foreignDir, 'ES256', new Date());
    rmSync(foreignDir, { recursive: true, force: true });
    const stranger = '01900000-0000-7000-8000-0000000000aa';
    feed.spoil = async (page) => {
      const c = page.certificates;
      const out: unknown[] = [...c];
      // The first entry of each page signed by the unknown key; the second not even an HC1; the
      // third's record id not a string; the fourth another record's genuine certificate; and one
      // more for a record this station never had.
      if (c[0]) {
        const d = store.getRecord(c[0].recordId);
        const forged = await issueCertificate(foreign.active, d.person, d.record, [d.record], new Date());
        out[0] = { ...c[0], uvci: forged.uvci, hc1: forged.hc1 };
      }
      if (c[1]) out[1] = { ...c[1], hc1: 'HC1:NOT BASE45 AT ALL' };
      if (c[2]) out[2] = { ...c[2], recordId: 42 };
      if (c[3] && c[0]) out[3] = { ...c[3], hc1: c[0].hc1, uvci: c[0].uvci };
      if (c[0]) out.push({ ...c[0], recordId: stranger });
      return { ...page, certificates: out };
    };
    await w.sign();
    const done = await w.client.call('sync.run', {});
    expect(done.accepted).toBe(40);
    // What the platform issued (one per person whose series is complete), as its feed has it.
    const res = await fetch(`${w.platform.url}/v1/certificates?limit=1000`, { headers: { authorization: `Bearer ${FACILITY.apiKey}` } });
    const issued = ((await res.json()) as Page).certificates.length;
    const pages = Math.ceil(issued / 6);
    expect(issued).toBeGreaterThan(6);
    // The first four of each page and the stranger are set aside; every other one is stored.
    expect(done.certificates).toBe(issued - done.setAside + pages);
    expect(done.certificates).toBeGreaterThan(0);

    const status = await w.client.call('sync.status', {});
    expect(done.deferred).toBe(false);
    expect(status.certificatesSetAside.total).toBe(done.setAside);
    const codes = status.certificatesSetAside.items.map((i) => i.code).sort();
    expect(codes).toContain('CERTIFICATE_ENTRY_INVALID');
    expect(codes).toContain('CERTIFICATE_UNVERIFIED');
    expect(codes).toContain('CERTIFICATE_RECORD_UNKNOWN');
    expect(codes).toContain('CERTIFICATE_OTHER_RECORD');
    for (const item of status.certificatesSetAside.items) {
      expect(item.message_vi).not.toBe(item.message_en);
      expect(item.message_vi.length).toBeGreaterThan(20);
    }
    // The record's own view says why it has no certificate.
    const held = status.certificatesSetAside.items.find((i) => i.code === 'CERTIFICATE_UNVERIFIED')!;
    await expect(w.client.call('certificates.get', { recordId: held.recordId })).rejects.toMatchObject({
      code: 'CERTIFICATE_NOT_FOUND', messageVi: expect.stringContaining(held.message_vi), messageEn: expect.stringContaining(held.message_en),
    });
    // Nothing set aside is stored as a passport; every stored one is its record's own.
    expect(count('SELECT count(*) AS n FROM certificates')).toBe(done.certificates);
    expect(count("SELECT count(*) AS n FROM certificates WHERE hc1 LIKE 'HC1:NOT%'")).toBe(0);
    expect(store.verifyAudit().ok).toBe(true);

    // The platform mends its feed: the set-aside ones are asked for again from their pages' cursors.
    feed.spoil = null;
    const mended = await w.client.call('sync.run', {});
    expect(mended.status.lastError).toBeNull();
    expect(count('SELECT count(*) AS n FROM certificates')).toBe(issued);
    expect(mended.recovered).toBe(done.setAside - pages);
    expect(store.countByState().issued).toBe(issued);
    // Only the certificates for a record this station never had stay aside.
    expect(mended.status.certificatesSetAside.total).toBe(pages);
    for (const item of mended.status.certificatesSetAside.items) expect(item).toMatchObject({ code: 'CERTIFICATE_RECORD_UNKNOWN', recordId: stranger, tries: 2 });
    expect(store.verifyAudit().ok).toBe(true);
  });
});
