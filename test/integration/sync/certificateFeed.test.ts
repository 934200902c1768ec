// The certificate feed (DESIGN §6). A certificate is stored only under the record it is about (DESIGN §6): a platform that files
// genuine, validly signed certificates under each other's records (another person's QR on this
// record) is caught by the dose's date and the person's date of birth, and nothing of it stored;
// the same certificates under their own records are stored and the records issued.
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpPort, type HttpPort } from '../../../electron/core/sync/httpPort.js';
import { openSyncWorld, type SyncWorld } from './syncWorld.js';

/** The real platform, except that while `swap` is set the certificate pages have the records of their first two certificates swapped. */
function swappingCertificates() {
  const real = nodeHttpPort();
  const gate = { swap: true };
  const http: HttpPort = {
    async request(req) {
      const res = await real.request(req);
      if (!gate.swap || req.method !== 'GET' || !req.url.includes('/v1/certificates') || res.status !== 200) return res;
      const page = JSON.parse(new TextDecoder().decode(res.body)) as { certificates: { recordId: string }[] };
      const [a, b] = page.certificates;
      if (a && b) [a.recordId, b.recordId] = [b.recordId, a.recordId];
      return { ...res, body: new TextEncoder().encode(JSON.stringify(page)) };
    },
    close: () => real.close?.(),
  };
  return Object.assign(gate, { http });
}

let w: SyncWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

describe('certificates filed under another record', () => {
  it('are not stored; under their own records they are', async () => {
    const gate = swappingCertificates();
    w = await openSyncWorld({ records: 6, seed: 71, sync: { http: gate.http } });
    const store = w.station.store;
    await w.sign();
    const first = await w.client.call('sync.run', {});
    expect(first.accepted).toBe(6);
    const again = await w.client.call('sync.run', {});
    const count = () => (store.db.prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n;
    /** Every stored certificate shows its own record's person. */
    const eachOwn = async () => {
      for (const { id } of store.db.prepare('SELECT record_id AS id FROM certificates').all() as { id: string }[]) {
        const view = await w!.client.call('certificates.get', { recordId: id });
        const person = store.getPerson(store.getRecord(id).record.personId)!;
        expect(view.fields.find((f) => f.key === 'dateOfBirth')?.value).toBe(person.dob.split('-').reverse().join('/'));
      }
    };
    await eachOwn();
    const whileSwapped = count();
    expect(first.certificates + again.certificates).toBe(whileSwapped);

    // The platform mends its feed: read from the start again, the two it had swapped are stored too.
    gate.swap = false;
    store.db.prepare("DELETE FROM sync_state WHERE name = 'certificates.cursor'").run();
    await w.client.call('sync.run', {});
    expect(count()).toBe(whileSwapped + 2);
    await eachOwn();
  });
});

describe('a certificate cursor the platform no longer knows', () => {
  it('is dropped and the feed read again from its start, instead of stopping every pull for good', async () => {
    w = await openSyncWorld({ records: 6, seed: 72 });
    const store = w.station.store;
    await w.sign();
    await w.client.call('sync.run', {});
    await w.client.call('sync.run', {});
    const count = () => (store.db.prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n;
    const all = count();
    expect(all).toBeGreaterThan(0);
    // A broken reply left a cursor the platform never gave; the certificates are gone from here (a restore).
    store.db.prepare("UPDATE sync_state SET value = 'bogus-cursor' WHERE name = 'certificates.cursor'").run();
    store.db.prepare('DELETE FROM certificates').run();
    const r = await w.client.call('sync.run', {});
    expect(r.certificates).toBe(all);
    expect(count()).toBe(all);
    expect((await w.client.call('sync.status', {})).lastError).toBeNull();
    expect(store.db.prepare("SELECT value FROM sync_state WHERE name = 'certificates.cursor'").get()).not.toEqual({ value: 'bogus-cursor' });
  });
});
