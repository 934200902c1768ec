// What the station signs, the platform takes (session 26), through the whole path: records on a
// real station, signed with `station sign` on a SoftHSM2 token, uploaded with `station sync` to the
// platform simulator. The simulator refuses a whole batch for one record its schema refuses
// (RECORD_FORMAT_INVALID, test/platform/batch/verifyUpload.ts): a phone of three numbers is now an
// error in the form, and a record an older build stored with one is held back at signing, so the
// batch goes through and the record, corrected, follows in the next one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../../electron/core/station.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { startPlatform, type RunningPlatform } from '../../platform/startPlatform.js';
import { cliBuilt, stationCli } from './stationCli.js';

const built = cliBuilt;
const FACILITY = { code: '79001', apiKey: 'limits-api-key-79001', taxCode: TEST_FACILITY.taxCode };
const THREE_PHONES = '0912345678 / 0987654321 / 0243812345 (chồng)';

let token: SoftHsmToken;
let platform: RunningPlatform;
let dir: string;
let good: string[] = [];
let olderBuild = '';

const station = stationCli(() => join(dir, 'station'), () => token.env);

const person = (n: number, phone: string | null) => ({ idType: 'PASSPORT', idNumber: `C${2600000 + n}`, fullName: `Trần Thị Lan ${'ABCDE'[n]}`, dob: `19${70 + n}-03-04`, sex: 'F', nationality: 'VN', phone });
const dose = { vaccine: 'JANSSEN', lot: 'XD123456', doseNumber: 1, vaccinationDate: '2022-03-01' };

describe.skipIf(!built)('what the station signs, the platform takes', () => {
  beforeAll(async () => {
    token = await createSoftHsmToken({ label: 'Limits token', keys: [{ type: 'EC' }] });
    dir = mkdtempSync(join(tmpdir(), 'station-limits-'));
    platform = await startPlatform({ dataDir: join(dir, 'platform'), trustCa: [token.ca.pem], facilities: [FACILITY], populationSize: 5 });
    const core = openStation({ dataDir: join(dir, 'station') });
    for (const [k, v] of [['facility.code', FACILITY.code], ['facility.taxCode', FACILITY.taxCode], ['facility.name', TEST_FACILITY.name], ['pkcs11.module', token.modulePath], ['platform.url', platform.url]] as const) {
      core.store.setSetting(k, v);
    }
    good = [0, 1, 2].map((n) => core.store.createRecord({ person: person(n, '0912345678'), dose }, { source: 'form' }).record.id);
    // The form: three numbers in the phone field are an error, kept a draft even confirmed.
    const typed = core.store.createRecord({ person: person(3, THREE_PHONES), dose }, { source: 'form', confirmWarnings: true });
    expect([typed.record.state, typed.findings.map((f) => f.code)]).toEqual(['draft', ['PHONE_TOO_LONG']]);
    // An older build stored such a phone on a ready record (its PHONE_FORMAT warning confirmed).
    olderBuild = core.store.createRecord({ person: person(4, '0912345679'), dose }, { source: 'form' }).record.id;
    core.store.db.prepare('UPDATE people SET phone = ? WHERE id = (SELECT person_id FROM dose_records WHERE id = ?)').run('0912345678/0987654321/0243812345chồng', olderBuild);
    await core.close();
  }, 30_000);
  afterAll(async () => {
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
    token?.cleanup();
  });

  it('holds back the record the platform would refuse; the batch is accepted; corrected, the record follows', async () => {
    expect((await station(['settings', 'set', 'platform.key', '--key-stdin'], `${FACILITY.apiKey}\n`)).code).toBe(0);
    const signed = await station(['sign', '--pin-stdin'], `${token.pin}\n`);
    expect(signed.json).toMatchObject({ ok: true, count: 3, heldBack: [{ id: olderBuild, code: 'SIGNED_RECORD_INVALID', field: 'phone' }] });
    expect((await station(['sync'])).json).toMatchObject({ ok: true, accepted: 3, rejected: 0 });

    const core = openStation({ dataDir: join(dir, 'station') });
    try {
      for (const id of good) expect(core.store.getRecord(id).record.state).toBe('issued');
      const held = core.store.getRecord(olderBuild);
      expect(held.record.state).toBe('draft');
      expect(held.record.findings.find((f) => f.code === 'SIGNED_RECORD_INVALID')?.message_en).toContain('37 characters long, past the 32');
      expect(core.store.updateRecord(olderBuild, { person: { phone: '0912345679' } }).record.state).toBe('ready');
    } finally {
      await core.close();
    }
    expect((await station(['sign', '--pin-stdin'], `${token.pin}\n`)).json).toMatchObject({ ok: true, count: 1, heldBack: [] });
    expect((await station(['sync'])).json).toMatchObject({ ok: true, accepted: 1, rejected: 0 });
  }, 60_000);
});
