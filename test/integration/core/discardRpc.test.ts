// records.discard and the merge of a person entered twice, through the real dispatcher (session
// 28): the clerk's way out of MERGE_DUPLICATE_DOSE, and DESIGN §4's line: never a signed record.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';

let tmp: ReturnType<typeof makeTempDir>;
let station: StationCore;
let client: RpcClient;

beforeEach(() => {
  tmp = makeTempDir('station-discard-rpc-');
  station = openStation({ dataDir: tmp.file('data'), validateResults: true });
  station.store.setSetting('facility.code', '79001');
  client = new RpcClient(inProcessTransport(station.dispatcher));
});
afterEach(async () => {
  await station.close();
  tmp.cleanup();
});

const person = (idNumber: string, fullName: string) => ({ idType: 'CCCD' as const, idNumber, fullName, dob: '1990-05-12', sex: 'M' as const, nationality: 'VN', phone: '0912345678' });
const dose = (lot: string) => ({ vaccine: 'ASTRAZENECA', lot, doseNumber: 1, vaccinationDate: '2021-08-02' });

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (err: unknown) => err);
  return e instanceof RpcError ? e.code : String(e);
}

describe('records.discard over RPC', () => {
  it('lets the clerk discard the unsigned copy a merge refused, then merge', async () => {
    const a = await client.call('records.create', { person: person('079090001234', 'Nguyễn Văn An'), dose: dose('ABV1234'), confirmWarnings: true });
    const b = await client.call('records.create', { person: person('079090001235', 'Nguyễn Văn Bình'), dose: dose('ABV9999'), confirmWarnings: true });
    expect(await codeOf(client.call('people.merge', { keepId: a.person.id, mergeId: b.person.id, reason: 'Trùng người' }))).toBe('MERGE_DUPLICATE_DOSE');
    const out = await client.call('records.discard', { id: b.record.id, reason: 'Nhập trùng, sai số lô' });
    expect(out).toMatchObject({ id: b.record.id, state: 'ready', duplicateOf: null });
    expect(await client.call('people.merge', { keepId: a.person.id, mergeId: b.person.id, reason: 'Trùng người' })).toMatchObject({ movedDoses: 0, discardedDoses: [] });
    expect(await codeOf(client.call('records.get', { id: b.record.id }))).toBe('RECORD_DISCARDED');
    expect((await client.call('audit.verify', {})).ok).toBe(true);
  });

  it('merges a copy with the same lot at once, naming it discarded', async () => {
    const a = await client.call('records.create', { person: person('079090001234', 'Nguyễn Văn An'), dose: dose('ABV1234'), confirmWarnings: true });
    const b = await client.call('records.create', { person: person('079090001235', 'Nguyễn Văn Bình'), dose: dose('ABV1234'), confirmWarnings: true });
    expect(await client.call('people.merge', { keepId: a.person.id, mergeId: b.person.id, reason: 'Trùng người' })).toMatchObject({ movedDoses: 1, discardedDoses: [b.record.id] });
    expect((await client.call('records.list', {})).items.map((i) => i.record.id)).toEqual([a.record.id]);
  });

  it('refuses a signed record, RECORD_NOT_DISCARDABLE, and a reason of blanks', async () => {
    const a = await client.call('records.create', { person: person('079090001234', 'Nguyễn Văn An'), dose: dose('ABV1234'), confirmWarnings: true });
    station.store.setRecordsState([a.record.id], 'ready', 'signed');
    expect(await codeOf(client.call('records.discard', { id: a.record.id, reason: 'Trùng' }))).toBe('RECORD_NOT_DISCARDABLE');
    expect(await codeOf(client.call('records.discard', { id: a.record.id, reason: '  ' }))).toBe('DISCARD_REASON_REQUIRED');
    expect((await client.call('records.get', { id: a.record.id })).record.state).toBe('signed');
  });
});
