// A correction after the platform changed its document signer (probe 17, F2). The platform revokes
// the old certificate and issues a new one; the feed's revocation notice carries the old HC1,
// signed by a DSC no longer in the trust list. The station held that certificate (verified when it
// was stored): the revocation is applied, and the corrected certificate behind it arrives. A new
// certificate that does not verify still stops the pull (trustRefresh.test.ts).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../platform/startPlatform.js';
import { FACILITY, openSyncWorld, type SyncWorld } from './syncWorld.js';

describe('a correction revoking a certificate signed by a retired DSC', () => {
  let w: SyncWorld;
  let platform: RunningPlatform;
  const ids: string[] = [];

  beforeAll(async () => {
    w = await openSyncWorld({ seed: 173 });
    for (const n of [1, 2, 3]) {
      const person = { idType: 'CCCD' as const, idNumber: `0791610045${60 + n}`, fullName: `Trần Thị Bình${'h'.repeat(n)}`, dob: '1961-02-11', sex: 'F' as const };
      ids.push(w.station.store.createRecord({ person, dose: { vaccine: 'JANSSEN', lot: `XD${n}`, doseNumber: 1, vaccinationDate: '2021-08-02', facilityCode: FACILITY.code } }, { source: 'form', confirmWarnings: true }).record.id);
    }
    await w.sign();
    expect(await w.client.call('sync.run', {})).toMatchObject({ accepted: 3, certificates: 3 });
    // The simulator has no DSC rotation: a new signer folder is a new CSCA and DSCs, the old kid
    // gone from the trust list, as after a key withdrawn for compromise.
    await w.platform.close();
    rmSync(join(w.dir, 'platform', 'dcc-signer'), { recursive: true, force: true });
    platform = await startPlatform({
      dataDir: join(w.dir, 'platform'), port: w.platform.port, trustCa: [w.pki.ca.pem], populationSize: 10, seed: 173,
      facilities: [{ code: FACILITY.code, apiKey: FACILITY.apiKey, taxCode: FACILITY.taxCode }],
    });
    // The station takes the new list; what it holds no longer verifies with it.
    expect(await w.client.call('sync.run', {})).toMatchObject({ status: { lastError: null } });
    expect((await w.client.call('certificates.get', { recordId: ids[0]! })).verification.errors.map((e) => e.code)).toContain('KID_UNKNOWN');
  });
  afterAll(async () => {
    await platform.close();
    await w.close();
  });

  it('applies the revocation, stores the corrected certificate, and does not stop later syncs', async () => {
    const fixed = w.station.store.correctRecord(ids[1]!, { person: { dob: '1961-05-20' } }, 'Sai ngày sinh', { confirmWarnings: true }).record.id;
    await w.sign();
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ accepted: 1, revoked: 1, setAside: 0, deferred: false, status: { lastError: null } });
    expect(r.certificates).toBeGreaterThanOrEqual(2);

    const old = await w.client.call('certificates.get', { recordId: ids[1]! });
    expect(old.revokedAt).not.toBeNull();
    const corrected = await w.client.call('certificates.get', { recordId: fixed });
    expect(corrected).toMatchObject({ revokedAt: null, verification: { valid: true } });
    expect(corrected.fields.find((f) => f.key === 'dateOfBirth')?.value).toBe('20/05/1961');
    expect(w.station.store.getRecord(fixed).record.state).toBe('issued');
    expect(w.logger.lines.some((l) => l.message.includes('a certificate held here, sent again, taken as held') && l.fields?.revoked === true)).toBe(true);

    const again = await w.client.call('sync.run', {});
    expect(again).toMatchObject({ setAside: 0, deferred: false, status: { lastError: null } });
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });
});
