// What the station lets reach `ready` must fit what the platform's schema takes for a signed
// record (shared/batch/signedRecord.ts): one record past a limit, signed, made the platform refuse
// the whole batch (RECORD_FORMAT_INVALID) with every record in it. Each path to `ready` that the
// probe of session 26 found open, through the RPC a form uses and the store the import and the
// requeue use.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcClient } from '../../../shared/rpc/client.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';

let dir: string;
let station: StationCore;
let client: RpcClient;

const person = { idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn Văn An', dob: '1990-05-01', sex: 'M' } as const;
const dose = { vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 1, vaccinationDate: '2021-09-01' };
/** Three numbers and a note, as a clinic's phone cell has them: 37 characters once the spaces go. */
const LONG_PHONE = '0912 345 678 / 0987 654 321 / 0243 812 345 (chồng)';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-limits-'));
  station = openStation({ dataDir: dir, validateResults: true });
  client = new RpcClient(inProcessTransport(station.dispatcher));
  await client.call('settings.set', { key: 'facility.code', value: '79001' });
});
afterEach(async () => {
  await station.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the form: a phone past the signed record\'s 32 characters', () => {
  it('is a PHONE_TOO_LONG finding on the phone field, not a refusal of the whole message', async () => {
    const checked = await client.call('records.validate', { person: { ...person, phone: LONG_PHONE }, dose });
    expect(checked.findings.map((f) => [f.code, f.severity, f.field])).toEqual([['PHONE_TOO_LONG', 'error', 'phone']]);
  });

  it('keeps the record a draft even with its warnings confirmed', async () => {
    const saved = await client.call('records.create', { person: { ...person, phone: LONG_PHONE }, dose, confirmWarnings: true });
    expect(saved.record.state).toBe('draft');
    expect(saved.findings.map((f) => f.code)).toEqual(['PHONE_TOO_LONG']);
  });
});
