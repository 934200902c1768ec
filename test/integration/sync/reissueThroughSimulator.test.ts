// A reissue run through the platform simulator itself (session 27): until now the simulator could
// not reissue, and the reissue tests rewrote its feed in front of it (spoilingCertificates.ts).
// Here the simulator signs a new certificate for a record that has one (POST /v1/_sim/reissue,
// a new UVCI), the old one revoked or not as asked; the station pulls it as any other, shows the
// new certificate, and a verifier given the old QR hears it was replaced (or revoked, naming the
// replacement) — what a clinic's desk says to a traveller holding an old printout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSyncWorld, type SyncWorld } from './syncWorld.js';

let w: SyncWorld;
beforeAll(async () => {
  w = await openSyncWorld({ records: 40, seed: 85 });
  await w.sign();
  await w.client.call('sync.run', {});
});
afterAll(() => w.close());

async function reissue(body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${w.platform.url}/v1/_sim/reissue`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.platform.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('a certificate reissued by the platform simulator', () => {
  it('is pulled and shown; the old QR verifies with CERTIFICATE_REPLACED, or CERTIFICATE_REVOKED once revoked', async () => {
    const issued = (await w.client.call('certificates.list', { limit: 100 })).items;
    expect(issued.length).toBeGreaterThanOrEqual(2);
    const [a, b] = issued;
    const oldA = await w.client.call('certificates.get', { recordId: a!.recordId });
    const oldB = await w.client.call('certificates.get', { recordId: b!.recordId });

    // a: reissued, the old one left valid (a lost passport); b: reissued and the old one revoked.
    const ra = await reissue({ recordId: a!.recordId });
    expect(ra.status).toBe(200);
    expect(ra.json).toMatchObject({ recordId: a!.recordId, revoked: [] });
    expect(ra.json.uvci).toMatch(/^URN:UVCI:01:VN:/);
    expect(ra.json.uvci).not.toBe(a!.uvci);
    const rb = await reissue({ recordId: b!.recordId, revokeOld: true });
    expect(rb.json).toMatchObject({ recordId: b!.recordId, revoked: [b!.uvci] });

    const pulled = await w.client.call('sync.run', {});
    expect(pulled).toMatchObject({ certificates: 2, setAside: 0 });
    for (const [rec, uvci] of [[a!, ra.json.uvci], [b!, rb.json.uvci]] as const) {
      const now = await w.client.call('certificates.get', { recordId: rec.recordId });
      expect([now.uvci, now.revocation, now.verification.valid]).toEqual([uvci, null, true]);
    }

    const verifyA = await w.client.call('dcc.verify', { text: oldA.hc1 });
    expect(verifyA.valid).toBe(true);
    const replaced = verifyA.warnings.find((x) => x.code === 'CERTIFICATE_REPLACED');
    expect(replaced?.message_en).toContain(ra.json.uvci);
    expect(replaced?.message_vi).toContain(ra.json.uvci);

    const verifyB = await w.client.call('dcc.verify', { text: oldB.hc1 });
    expect(verifyB.valid).toBe(false);
    const revoked = verifyB.errors.find((x) => x.code === 'CERTIFICATE_REVOKED');
    expect(revoked?.message_en).toContain(rb.json.uvci);
    // The new certificates verify with nothing to say.
    const fresh = await w.client.call('dcc.verify', { text: (await w.client.call('certificates.get', { recordId: a!.recordId })).hc1 });
    expect([fresh.valid, fresh.warnings.map((x) => x.code)]).toEqual([true, []]);
  });

  it('refuses a record it does not hold, and a caller without the admin token', async () => {
    const unknown = await reissue({ recordId: '01900000-0000-7000-8000-0000000000ff' });
    expect([unknown.status, unknown.json.code]).toEqual([404, 'REISSUE_RECORD_UNKNOWN']);
    expect((await reissue({ recordId: 'x', revokeOld: 'yes' })).json.code).toBe('REQUEST_INVALID');
    // A dose held that has no certificate (a first dose of a series): nothing to reissue.
    const res0 = await fetch(`${w.platform.url}/v1/_sim/records`, { headers: { authorization: `Bearer ${w.platform.adminToken}` } });
    const bare = ((await res0.json()) as { records: { recordId: string; activeCertificates: number }[] }).records.find((r) => r.activeCertificates === 0)!;
    const none = await reissue({ recordId: bare.recordId });
    expect([none.status, none.json.code, none.json.message_vi]).toEqual([409, 'REISSUE_NO_CERTIFICATE', expect.stringContaining('chưa có chứng nhận')]);
    const res = await fetch(`${w.platform.url}/v1/_sim/reissue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"recordId":"x"}' });
    expect(res.status).toBe(401);
  });
});
