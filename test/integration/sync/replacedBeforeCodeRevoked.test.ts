// A certificate the platform reissued while the station ran a build before migration 0016 (its
// row in certificates_replaced keeps no code), then the platform changed its document signer
// (DSC), then revoked the old certificates as it reissued once more. The revocation of the first
// one carries the retired DSC's signature and nothing of its code is kept here: it was passed over,
// and verify called that revoked QR only "replaced" (session 28). Through the simulator: its
// reissue, its revocations, a new signer folder as a DSC change.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../platform/startPlatform.js';
import { FACILITY, openSyncWorld, type SyncWorld } from './syncWorld.js';

let w: SyncWorld;
let platform: RunningPlatform;
beforeAll(async () => {
  w = await openSyncWorld({ records: 6, seed: 281 });
  await w.sign();
  await w.client.call('sync.run', {});
  platform = w.platform;
});
afterAll(async () => {
  await platform.close();
  await w.close();
});

async function reissue(body: unknown): Promise<{ uvci: string; revoked: string[] }> {
  const res = await fetch(`${platform.url}/v1/_sim/reissue`, {
    method: 'POST',
    headers: { authorization: `Bearer ${platform.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { uvci: string; revoked: string[] };
}

describe('a revocation of a certificate replaced before migration 0016, its signer retired', () => {
  it('is applied: verify of the first QR says revoked, naming what replaced it', async () => {
    const [a] = (await w.client.call('certificates.list', { limit: 10 })).items;
    const first = await w.client.call('certificates.get', { recordId: a!.recordId });
    const second = await reissue({ recordId: a!.recordId });
    expect(await w.client.call('sync.run', {})).toMatchObject({ certificates: 1, setAside: 0 });
    // As a station replaced it before 0016: migration 0016 leaves such rows without a code.
    expect(w.station.store.db.prepare('UPDATE certificates_replaced SET hc1 = NULL WHERE uvci = ?').run(first.uvci).changes).toBe(1);

    // The simulator has no DSC rotation: a new signer folder is a new CSCA and DSCs, the old kid gone.
    await platform.close();
    rmSync(join(w.dir, 'platform', 'dcc-signer'), { recursive: true, force: true });
    platform = await startPlatform({
      dataDir: join(w.dir, 'platform'), port: w.platform.port, trustCa: [w.pki.ca.pem], populationSize: 10, seed: 281,
      facilities: [{ code: FACILITY.code, apiKey: FACILITY.apiKey, taxCode: FACILITY.taxCode }],
    });
    expect(await w.client.call('sync.run', {})).toMatchObject({ status: { lastError: null } });

    const third = await reissue({ recordId: a!.recordId, revokeOld: true });
    expect(third.revoked.sort()).toEqual([first.uvci, second.uvci].sort());
    const r = await w.client.call('sync.run', {});
    // Both revocations applied, neither counted as passed over.
    expect(r).toMatchObject({ setAside: 0, ignored: 0, revoked: 2, status: { lastError: null } });
    const now = await w.client.call('certificates.get', { recordId: a!.recordId });
    expect([now.uvci, now.revocation, now.verification.valid]).toEqual([third.uvci, null, true]);

    const secondHc1 = (w.station.store.db.prepare('SELECT hc1 FROM certificates_replaced WHERE uvci = ?').get(second.uvci) as { hc1: string }).hc1;
    // Each names the certificate that replaced it.
    for (const [hc1, by] of [[first.hc1, second.uvci], [secondHc1, third.uvci]] as const) {
      const shown = await w.client.call('dcc.verify', { text: hc1 });
      expect(shown.valid).toBe(false);
      expect(shown.errors.find((e) => e.code === 'CERTIFICATE_REVOKED')?.message_en).toContain(`replaced by certificate ${by}`);
    }
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });
});
