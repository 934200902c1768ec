// The sync client against the platform simulator on 127.0.0.1 (DESIGN §6): signed batches go up
// oldest first, every record's answer is applied, the certificates come back verified and the
// records become issued; the platform holds each record once; the clock is compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../../electron/core/image/decodeImage.js';
import { qrToPng } from '../../../shared/qr/encode.js';
import { webCryptoSigner } from '../../../shared/cose/index.js';
import { encodeHc1 } from '../../../shared/dcc/hc1.js';
import { trustEntryFromCertificate } from '../../../shared/dcc/trust.js';
import { vietnamTime } from '../../../shared/domain/dates.js';
import { SYNC_KEYS, syncState } from '../../../electron/core/sync/syncState.js';
import { createDccChain } from '../../fixtures/pki.js';
import { openSyncWorld, stationStates, type SyncWorld } from './syncWorld.js';

describe('a sync run', () => {
  let w: SyncWorld;
  const batches: string[] = [];
  beforeAll(async () => {
    w = await openSyncWorld({ records: 60, seed: 3 });
    for (let i = 0; i < 3; i++) batches.push(await w.sign(20));
  });
  afterAll(() => w.close());

  it('uploads every signed batch, applies each answer and pulls the certificates back', async () => {
    const progress: number[] = [];
    w.client.on('progress', (p) => progress.push(p.done));
    const r = await w.client.call('sync.run', { taskId: 'sync-1' });
    expect(r).toMatchObject({ uploadedBatches: 3, accepted: 60, rejected: 0, duplicates: 0 });
    expect(r.certificates).toBeGreaterThan(0);
    expect(r.status).toMatchObject({ pendingBatches: 0, lastError: null, clockWarning: null });
    expect(Math.abs(r.status.clockSkewSeconds!)).toBeLessThan(5);
    expect(r.status.lastContactAt).not.toBeNull();
    expect(progress.length).toBeGreaterThan(0);

    const counts = w.station.store.countByState();
    expect(counts.signed + counts.submitted + counts.rejected).toBe(0);
    expect(counts.issued).toBe(r.certificates);
    expect(counts.accepted + counts.issued).toBe(60);
    const list = await w.client.call('batches.list', {});
    expect(list.items.every((b) => b.state === 'submitted')).toBe(true);
  });

  it('leaves the platform holding every record exactly once, in the batch the station signed it in', async () => {
    const held = await w.held();
    const ids = held.map((h) => h.recordId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(60);
    for (const h of held) {
      const batch = w.station.store.db.prepare('SELECT b.id AS batch_id FROM dose_records d JOIN batches b ON b.seq = d.batch_seq WHERE d.id = ?').get(h.recordId) as { batch_id: string };
      expect(batch.batch_id).toBe(h.batch);
    }
    const states = stationStates(w.station);
    expect(ids.every((id) => ['accepted', 'issued'].includes(states.get(id)!))).toBe(true);
  });

  it('a second run changes nothing and keeps the cursor', async () => {
    const before = w.station.store.db.prepare("SELECT value FROM sync_state WHERE name = 'certificates.cursor'").get() as { value: string };
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 0, accepted: 0, certificates: 0 });
    const after = w.station.store.db.prepare("SELECT value FROM sync_state WHERE name = 'certificates.cursor'").get() as { value: string };
    expect(after.value).toBe(before.value);
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });

  it('lists the certificates and shows one with its 11 fields, QR and a valid verification', async () => {
    const list = await w.client.call('certificates.list', { limit: 100 });
    expect(list.total).toBe(w.station.store.countByState().issued);
    const first = list.items[0]!;
    const cert = await w.client.call('certificates.get', { recordId: first.recordId });
    expect(cert.fields).toHaveLength(11);
    expect(cert.fields.at(-1)!.value).toBe(first.uvci);
    expect(cert.qrSvg).toMatch(/^<svg/);
    expect(cert.verification.valid).toBe(true);
    expect(cert.hc1.startsWith('HC1:')).toBe(true);
    const byName = await w.client.call('certificates.list', { search: first.fullName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(), limit: 100 });
    expect(byName.items.map((c) => c.recordId)).toContain(first.recordId);
    // A QR reader at the printing desk types the certificate's HC1 into the box (session 27).
    const scanned = await w.client.call('certificates.list', { search: cert.hc1, limit: 100 });
    expect(scanned.items.map((c) => c.recordId)).toEqual([first.recordId]);
  });

  it('dcc.verify: pasted HC1 text, camera pixels and a picture file, against the cached trust list; a damaged or missing code reported by step', async () => {
    const { items } = await w.client.call('certificates.list', { limit: 1 });
    const cert = await w.client.call('certificates.get', { recordId: items[0]!.recordId });
    const ok = await w.client.call('dcc.verify', { text: cert.hc1 });
    expect(ok).toMatchObject({ valid: true, text: cert.hc1 });
    // One character changed (to another one: the code is random, and it may hold an 'A' there).
    const other = cert.hc1[60] === 'A' ? 'B' : 'A';
    const bad = await w.client.call('dcc.verify', { text: `${cert.hc1.slice(0, 60)}${other}${cert.hc1.slice(61)}` });
    expect(bad.valid).toBe(false);
    expect(bad.errors.length).toBeGreaterThan(0);
    // A camera frame (RGBA pixels read by the renderer) and a picture file.
    const png = qrToPng(cert.hc1, { scale: 3 });
    const rgba = decodeImage(png);
    const fromPixels = await w.client.call('dcc.verify', { image: { width: rgba.width, height: rgba.height, rgbaBase64: Buffer.from(rgba.data).toString('base64') } });
    expect(fromPixels).toMatchObject({ valid: true, text: cert.hc1, steps: { image: true, signature: true } });
    const fromFile = await w.client.call('dcc.verify', { file: { name: 'qr.png', base64: Buffer.from(png).toString('base64') } });
    expect(fromFile).toMatchObject({ valid: true, text: cert.hc1, steps: { image: true } });
    const blank = await w.client.call('dcc.verify', { image: { width: 2, height: 2, rgbaBase64: Buffer.alloc(16, 255).toString('base64') } });
    expect(blank).toMatchObject({ valid: false, text: null, steps: { image: false }, errors: [{ code: 'QR_NOT_FOUND' }] });
    const notImage = await w.client.call('dcc.verify', { file: { name: 'photo.png', base64: Buffer.from('not an image').toString('base64') } });
    expect(notImage).toMatchObject({ valid: false, text: null, steps: { image: false } });
  });

  it('dcc.verify: a key the cached list does not hold may be a newer platform key, said with the time the list was fetched (probe 17, F8)', async () => {
    // A genuine certificate of a document signer the platform added after this station's last sync.
    const { dsc } = await createDccChain('EC');
    const kid = (await trustEntryFromCertificate(dsc.der)).kid;
    const now = Date.now();
    const hc1 = await encodeHc1({
      payload: { ver: '1.3.0', nam: { fn: 'Lê', fnt: 'LE', gn: 'Thu', gnt: 'THU' }, dob: '1990-01-02', v: [{ tg: '840539006', vp: 'J07BX03', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 1, sd: 2, dt: '2021-08-20', co: 'VN', is: 'Bộ Y tế Việt Nam', ci: 'URN:UVCI:01:VN:NEWKEY1' }] },
      signer: webCryptoSigner(dsc.keys.privateKey, -7), kid, iss: 'VN', iat: new Date(now), exp: new Date(now + 100 * 86400_000),
    });
    const report = await w.client.call('dcc.verify', { text: hc1 });
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => e.code)).toEqual(['KID_UNKNOWN', 'TRUST_LIST_MAYBE_STALE']);
    const fetched = syncState(w.station.store.db, () => new Date()).updatedAt(SYNC_KEYS.trustList)!;
    expect(report.errors[1]!.message_en).toContain(`was last updated at ${vietnamTime(fetched)}`);
    expect(report.errors[1]!.message_vi).toContain(`được cập nhật lúc ${vietnamTime(fetched)}`);
  });
});
