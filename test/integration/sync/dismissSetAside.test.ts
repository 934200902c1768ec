// Dismissing a certificate set aside (second pass of session 26). An entry for a record this
// station never had, or one naming no record, was listed in sync.status and asked for again at
// every pull for ever: nothing could settle it. A clerk may now dismiss it (sync.dismissSetAside,
// through the core's dispatcher here): no longer listed nor tried again, kept and audited, no
// certificate touched. One for a record held here cannot be dismissed: a person waits for it. A
// good certificate the platform sends later for the record a dismissed entry was about is stored
// as any other; the same bad entry sent again stays dismissed.
import { afterEach, describe, expect, it } from 'vitest';
import { spoilingCertificates, type FeedEntry as Entry } from './spoilingCertificates.js';
import { openSyncWorld, type SyncWorld } from './syncWorld.js';

let w: SyncWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const STRANGER = '01900000-0000-7000-8000-0000000000bb';

describe('dismissing a certificate set aside', () => {
  it('hides and stops asking for one of no record held here, refuses one a person waits for, and still stores a good certificate sent later', async () => {
    const feed = spoilingCertificates();
    w = await openSyncWorld({ records: 40, seed: 82, sync: { http: feed.http, pageSize: 50 } });
    const db = w.station.store.db;
    // On the first page only: its first entry's record id garbled (an entry naming no record), its
    // second's HC1 not an HC1 (a record held here), and one more for a record never held here.
    const originals: Entry[] = [];
    let stranger: Entry | null = null;
    feed.spoil = (page, after) => {
      if (after !== null) return page;
      const c = page.certificates;
      originals.push(c[0]!, c[1]!);
      stranger = { ...c[2]!, recordId: STRANGER };
      return { ...page, certificates: [{ ...c[0], recordId: 42 }, { ...c[1], hc1: 'HC1:NOT BASE45 AT ALL' }, ...c.slice(2), stranger] };
    };
    await w.sign(20);
    const first = await w.client.call('sync.run', {});
    expect(first.setAside).toBe(3);
    const items = first.status.certificatesSetAside.items;
    const noRecord = items.find((i) => i.recordId === '')!;
    const unknown = items.find((i) => i.recordId === STRANGER)!;
    const held = items.find((i) => i.recordId === originals[1]!.recordId)!;
    expect(noRecord).toMatchObject({ code: 'CERTIFICATE_ENTRY_INVALID', recordHeld: false, id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(unknown).toMatchObject({ code: 'CERTIFICATE_RECORD_UNKNOWN', recordHeld: false });
    expect(held).toMatchObject({ code: 'CERTIFICATE_UNVERIFIED', recordHeld: true });
    const certificates = (db.prepare('SELECT count(*) FROM certificates').pluck().get() as number);
    const auditBefore = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

    // A record held here: a person waits for that passport; refused with its reason, nothing written.
    await expect(w.client.call('sync.dismissSetAside', { id: held.id })).rejects.toMatchObject({
      code: 'SET_ASIDE_RECORD_HELD', messageVi: expect.stringContaining(held.recordId), messageEn: expect.stringContaining('waiting for a certificate'),
    });
    await expect(w.client.call('sync.dismissSetAside', { id: '0000000000000000' })).rejects.toMatchObject({ code: 'SET_ASIDE_NOT_FOUND' });
    await expect(w.client.call('sync.dismissSetAside', { id: 'not an id' })).rejects.toMatchObject({ code: 'RPC_INVALID_PARAMS' });
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditBefore);

    const d1 = await w.client.call('sync.dismissSetAside', { id: unknown.id });
    expect(d1.dismissed).toMatchObject({ id: unknown.id, recordId: STRANGER, code: 'CERTIFICATE_RECORD_UNKNOWN' });
    const d2 = await w.client.call('sync.dismissSetAside', { id: noRecord.id });
    expect(d2.status.certificatesSetAside).toMatchObject({ total: 1, items: [{ id: held.id }] });
    await expect(w.client.call('sync.dismissSetAside', { id: unknown.id })).rejects.toMatchObject({ code: 'SET_ASIDE_ALREADY_DISMISSED' });
    // Audited in the chain, who and what; no certificate touched.
    const audit = db.prepare("SELECT actor, entity_id AS id, details FROM audit_log WHERE action = 'certificate.setAsideDismissed' ORDER BY seq").all() as { actor: string; id: string; details: string }[];
    expect(audit.map((a) => a.id)).toEqual([unknown.id, noRecord.id]);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ recordId: STRANGER, uvci: unknown.uvci, code: 'CERTIFICATE_RECORD_UNKNOWN' });
    expect(audit[0]!.actor).toBe('user:test');
    expect(db.prepare('SELECT count(*) FROM certificates').pluck().get()).toBe(certificates);
    expect(w.station.store.verifyAudit().ok).toBe(true);

    // The next pull asks again only for the one a person waits for; the dismissed are not tried.
    // New certificates come; the platform sends again the dismissed stranger as it was and the good
    // certificate of the entry that named no record.
    const asked: (string | null)[] = [];
    feed.spoil = (page, after) => {
      asked.push(after);
      if (after === null) return { ...page, certificates: page.certificates.map((c) => (c.uvci === originals[1]!.uvci ? { ...c, hc1: 'HC1:NOT BASE45 AT ALL' } : c)) };
      return { ...page, certificates: [...page.certificates, stranger, originals[0]] };
    };
    await w.sign();
    const second = await w.client.call('sync.run', {});
    expect(second.setAside).toBe(0);
    expect(second.status.certificatesSetAside).toMatchObject({ total: 1, items: [{ id: held.id, tries: 2 }] });
    const tries = db.prepare('SELECT tries, dismissed_at IS NOT NULL AS dismissed FROM certificates_set_aside WHERE record_id = ?');
    // Sent again in the feed (counted as a try), still dismissed, still not listed.
    expect(tries.get(STRANGER)).toEqual({ tries: 2, dismissed: 1 });
    // The record whose entry named no record: its good certificate, sent later, stored and issued.
    expect(db.prepare('SELECT uvci FROM certificates WHERE record_id = ?').pluck().get(originals[0]!.recordId)).toBe(originals[0]!.uvci);
    expect(w.station.store.getRecord(originals[0]!.recordId).record.state).toBe('issued');
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });

  it('a dismissal undone (session 27): listed again, and its page asked for again at the next pull', async () => {
    const feed = spoilingCertificates();
    w = await openSyncWorld({ records: 6, seed: 84, sync: { http: feed.http, pageSize: 50 } });
    let stranger: Entry | null = null;
    feed.spoil = (page, after) => {
      if (after !== null) return page;
      stranger ??= { ...page.certificates[0]!, recordId: STRANGER };
      return { ...page, certificates: [...page.certificates, stranger] };
    };
    await w.sign();
    const first = await w.client.call('sync.run', {});
    expect(first.setAside).toBe(1);
    const { id } = first.status.certificatesSetAside.items[0]!;
    const d = await w.client.call('sync.dismissSetAside', { id });
    expect(d.status.certificatesSetAside.total).toBe(0);
    // Where the clerk finds it to undo: the status lists the dismissed with who and when.
    expect(d.status.certificatesDismissed).toMatchObject({ total: 1, items: [{ id, recordId: STRANGER, code: 'CERTIFICATE_RECORD_UNKNOWN', dismissedBy: 'user:test' }] });

    const u = await w.client.call('sync.undoDismissSetAside', { id });
    expect(u.restored).toMatchObject({ id, recordId: STRANGER, uvci: stranger!.uvci, code: 'CERTIFICATE_RECORD_UNKNOWN', dismissedAt: d.dismissed.dismissedAt });
    expect(u.status.certificatesSetAside).toMatchObject({ total: 1, items: [{ id, recordHeld: false, tries: 1 }] });
    expect(u.status.certificatesDismissed.total).toBe(0);
    await expect(w.client.call('sync.undoDismissSetAside', { id })).rejects.toMatchObject({ code: 'SET_ASIDE_NOT_DISMISSED', messageEn: expect.stringContaining('nothing to undo') });
    await expect(w.client.call('sync.undoDismissSetAside', { id: 'ffffffffffffffff' })).rejects.toMatchObject({ code: 'SET_ASIDE_NOT_FOUND' });
    await expect(w.client.call('sync.undoDismissSetAside', { id: id.toUpperCase() })).rejects.toMatchObject({ code: 'RPC_INVALID_PARAMS' });
    const db = w.station.store.db;
    expect(db.prepare("SELECT actor FROM audit_log WHERE action = 'certificate.setAsideRestored' AND entity_id = ?").pluck().all(id)).toEqual(['user:test']);
    expect(w.station.store.verifyAudit().ok).toBe(true);

    // The next pull asks its page again (from the cursor it came with) and tries it again.
    const asked: (string | null)[] = [];
    const spoil = feed.spoil;
    feed.spoil = (page, after) => {
      asked.push(after);
      return spoil(page, after);
    };
    const second = await w.client.call('sync.run', {});
    expect(asked).toContain(null);
    expect(second.status.certificatesSetAside).toMatchObject({ total: 1, items: [{ id, tries: 2 }] });
  });
});
