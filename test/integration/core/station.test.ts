// The core as every client sees it: opened on a real data directory, driven only through the
// RPC client, with results checked against the contract.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';
import { memoryLogger } from '../../../electron/core/logger.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';

let dir: string;
let station: StationCore;
let client: RpcClient;
let logger: ReturnType<typeof memoryLogger>;

const person = { idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn  Văn An', dob: '1990-05-01', sex: 'M' } as const;
const dose = { vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 1, vaccinationDate: '2021-09-01' };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-core-'));
  logger = memoryLogger();
  station = openStation({ dataDir: dir, logger, validateResults: true });
  client = new RpcClient(inProcessTransport(station.dispatcher));
});
afterEach(async () => {
  await station.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('station core over RPC', () => {
  it('creates, finds and counts a record, with the name normalised and transliterated', async () => {
    await client.call('settings.set', { key: 'facility.code', value: '79001' });
    const saved = await client.call('records.create', { person, dose });
    expect(saved.record.state).toBe('ready');
    expect(saved.person).toMatchObject({ fullName: 'Nguyễn Văn An', familyName: 'Nguyễn', givenName: 'Văn An', fnt: 'NGUYEN', gnt: 'VAN<AN' });
    const found = await client.call('records.list', { search: 'nguyen van an' });
    expect(found.items.map((i) => i.record.id)).toEqual([saved.record.id]);
    const counts = await client.call('records.counts', {});
    expect(counts.ready).toBe(1);
    const status = await client.call('station.status', {});
    expect(status.facility.code).toBe('79001');
  });

  it('stores a record with a fixable error as a draft, with the finding in both languages', async () => {
    const saved = await client.call('records.create', { person, dose: { ...dose, vaccinationDate: '2020-01-01' } });
    expect(saved.record.state).toBe('draft');
    const finding = saved.findings.find((f) => f.field === 'vaccinationDate' && f.severity === 'error');
    expect(finding).toBeDefined();
    expect(finding!.message_vi).not.toBe(finding!.message_en);
    expect((await client.call('records.counts', {})).ready).toBe(0);
  });

  it('refuses a record it cannot even file (no usable id number), storing nothing', async () => {
    const err = await client.call('records.create', { person: { ...person, idNumber: '' }, dose }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe('RECORD_NOT_STORABLE');
    expect((await client.call('records.list', {})).total).toBe(0);
    // It says which (fuzz of session 27: "the id type, id number, name, sex or dose number").
    expect([(err as RpcError).messageVi, (err as RpcError).messageEn]).toEqual([
      'Không lưu được bản ghi: thiếu hoặc sai số giấy tờ.',
      'The record cannot be stored: the id number is missing or wrong.',
    ]);
    const blank = (await client.call('records.create', { person: { ...person, idNumber: ' ', fullName: '  ' }, dose }).catch((e: unknown) => e)) as RpcError;
    expect([blank.code, blank.messageVi, blank.messageEn]).toEqual([
      'RECORD_NOT_STORABLE',
      'Không lưu được bản ghi: thiếu hoặc sai số giấy tờ, họ tên.',
      'The record cannot be stored: the id number and the name are missing or wrong.',
    ]);
  });

  it('writes an audit trail that verifies, and get() shows the record history', async () => {
    const saved = await client.call('records.create', { person, dose });
    const details = await client.call('records.get', { id: saved.record.id });
    expect(details.history.length).toBeGreaterThan(0);
    expect(await client.call('audit.verify', {})).toMatchObject({ ok: true, brokenAt: null });
    const audit = await client.call('audit.list', { limit: 10 });
    expect(audit.entries.some((e) => e.entityId === saved.record.id)).toBe(true);
  });

  it('never reads the platform key back over RPC', async () => {
    await client.call('settings.set', { key: 'platform.key', value: 'secret-api-key' });
    const got = await client.call('settings.get', { key: 'platform.key' });
    expect(got.value).not.toContain('secret');
    expect(station.store.getSetting('platform.key')).toBe('secret-api-key');
  });

  it('answers an unknown record with a stable code, and survives reopening the data folder', async () => {
    const err = await client.call('records.get', { id: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toMatch(/NOT_FOUND/);
    const saved = await client.call('records.create', { person, dose });
    await station.close();
    station = openStation({ dataDir: dir, logger, validateResults: true });
    client = new RpcClient(inProcessTransport(station.dispatcher));
    expect((await client.call('records.get', { id: saved.record.id })).record.id).toBe(saved.record.id);
  });
});
