// The certificate feed (DESIGN §6). A certificate is stored only under the record it is about (DESIGN §6): a platform that files
// genuine, validly signed certificates under each other's records (another person's QR on this
// record) is caught by the dose's date and the person's date of birth, and nothing of it stored;
// the same certificates under their own records are stored and the records issued.
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpPort, type HttpPort } from '../../../electron/core/sync/httpPort.js';
import { decodeHc1Report } from '../../../shared/dcc/verify.js';
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

/** The real platform, with `spoil` rewriting each certificates page (the real page of the cursor it names, or of the feed's start). */
function rewritingCertificates(spoil: (page: Page, req: { after: string | null; limit: number }) => Page) {
  const real = nodeHttpPort();
  const gets: (string | null)[] = [];
  const http: HttpPort = {
    async request(req) {
      if (req.method !== 'GET' || !req.url.includes('/v1/certificates')) return real.request(req);
      const url = new URL(req.url);
      const after = url.searchParams.get('after');
      gets.push(after);
      // Cursors this port made up are not the platform's: it is asked from the start instead.
      if (after?.startsWith('loop-')) url.searchParams.delete('after');
      const res = await real.request({ ...req, url: url.href });
      if (res.status !== 200) return res;
      const page = spoil(JSON.parse(new TextDecoder().decode(res.body)) as Page, { after, limit: Number(url.searchParams.get('limit')) });
      return { ...res, body: new TextEncoder().encode(JSON.stringify(page)) };
    },
    close: () => real.close?.(),
  };
  return { http, gets };
}

type Page = { certificates: { recordId: string; uvci: string; hc1: string; issuedAt: string; expiresAt: string }[]; next: string | null; serverTime: string };

describe('a certificate feed going round in circles', () => {
  it('stops at the first page that only repeats what the run was given, saying so; the cursor stays at the last new certificate', async () => {
    let looping = false;
    let n = 0;
    const feed = rewritingCertificates((page, { limit }) => {
      if (!looping || page.certificates.length === 0) return page;
      // Full pages of the same certificates, a fresh cursor each time: never short, never done.
      const full = Array.from({ length: limit }, (_, i) => page.certificates[i % page.certificates.length]!);
      return { ...page, certificates: full, next: `loop-${++n}` };
    });
    w = await openSyncWorld({ records: 6, seed: 73, sync: { http: feed.http } });
    const store = w.station.store;
    await w.sign();
    await w.client.call('sync.run', {});
    const held = (store.db.prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n;
    expect(held).toBeGreaterThan(0);
    feed.gets.length = 0;
    store.db.prepare("DELETE FROM sync_state WHERE name = 'certificates.cursor'").run();
    looping = true;

    const r = await w.client.call('sync.run', {});
    // The first page is new to this run; the second only repeats it.
    expect(feed.gets).toEqual([null, 'loop-1']);
    expect(r.deferred).toBe(true);
    expect(r.status.lastError).toMatchObject({ code: 'PLATFORM_REPLY_INVALID' });
    expect(r.status.lastError!.message_en).toContain('only repeats certificates already received');
    expect(r.status.lastError!.message_vi).toContain('chỉ lặp lại');
    expect(store.db.prepare("SELECT value FROM sync_state WHERE name = 'certificates.cursor'").get()).toEqual({ value: 'loop-1' });
    expect(w.logger.lines.some((e) => e.message.includes('repeats what this run was given'))).toBe(true);

    // The platform mends its feed: the made-up cursor is refused and the feed read from its start.
    looping = false;
    const mended = await w.client.call('sync.run', {});
    expect(mended.status.lastError).toBeNull();
    expect((store.db.prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n).toBe(held);
  });
});

describe('the times of a certificate', () => {
  it('are the HC1\'s own, signed ones, whatever the feed writes beside it', async () => {
    const feed = rewritingCertificates((page) => ({
      ...page,
      certificates: page.certificates.map((c, i) => ({ ...c, issuedAt: i % 2 === 0 ? 'garbage' : '2001-01-01T00:00:00Z', expiresAt: '9999-99-99' })),
    }));
    w = await openSyncWorld({ records: 4, seed: 74, sync: { http: feed.http } });
    await w.sign();
    await w.client.call('sync.run', {});
    await w.client.call('sync.run', {});
    const rows = w.station.store.db.prepare('SELECT hc1, issued_at AS issuedAt, expires_at AS expiresAt FROM certificates').all() as { hc1: string; issuedAt: string; expiresAt: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const { claims } = await decodeHc1Report(row.hc1);
      expect(row.issuedAt).toBe(new Date(claims!.iat! * 1000).toISOString());
      expect(row.expiresAt).toBe(new Date(claims!.exp! * 1000).toISOString());
    }
    const list = await w.client.call('certificates.list', {});
    for (const item of list.items) {
      expect(Number.isNaN(Date.parse(item.issuedAt))).toBe(false);
      expect(Number.isNaN(Date.parse(item.expiresAt))).toBe(false);
    }
  });
});
