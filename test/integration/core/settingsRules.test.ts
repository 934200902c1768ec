// The settings that are security boundaries, set the way a (possibly compromised) renderer would:
// through the RPC contract.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';

let dir: string;
let station: StationCore;
let client: RpcClient;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-settings-'));
  station = openStation({ dataDir: dir, validateResults: true });
  client = new RpcClient(inProcessTransport(station.dispatcher));
});
afterEach(async () => {
  await station.close();
  rmSync(dir, { recursive: true, force: true });
});

async function refused(p: Promise<unknown>): Promise<RpcError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(RpcError);
  return e as RpcError;
}

describe('settings that guard the machine', () => {
  it('accepts only a local, absolute PKCS#11 library that exists', async () => {
    for (const value of ['\\\\attacker\\share\\evil.dll', '//attacker/share/evil.so', 'relative/libsofthsm2.so', '/etc/passwd', '/nonexistent/lib.so']) {
      const e = await refused(client.call('settings.set', { key: 'pkcs11.module', value }));
      expect(e.code).toBe('SETTING_INVALID');
      expect(e.messageVi).toContain('pkcs11.module');
    }
    await client.call('settings.set', { key: 'pkcs11.module', value: '/usr/lib/softhsm/libsofthsm2.so' });
    expect(station.store.getSetting('pkcs11.module')).toBe('/usr/lib/softhsm/libsofthsm2.so');
  });

  it('refuses a platform URL that would send the API key in clear, and forgets the key when the platform changes', async () => {
    expect((await refused(client.call('settings.set', { key: 'platform.url', value: 'http://platform.example/' }))).code).toMatch(/URL|INSECURE/);
    await client.call('settings.set', { key: 'platform.url', value: 'https://platform.example/api/' });
    await client.call('settings.set', { key: 'platform.key', value: 'k-123' });
    // The same platform, another path: the key stays.
    await client.call('settings.set', { key: 'platform.url', value: 'https://platform.example/v2/' });
    expect(station.store.getSetting('platform.key')).toBe('k-123');
    // Another origin: the key of the old platform must not be sent there.
    await client.call('settings.set', { key: 'platform.url', value: 'https://other.example/' });
    expect(station.store.getSetting('platform.key')).toBeNull();
  });

  // Fuzz of session 27: a key pasted from a mail or a PDF with a line break or a zero-width space
  // was stored, Settings showed it set, and every sync said "platform unreachable" (Node refuses
  // the header), so the clinic checked its network while the batches waited.
  it('takes an API key pasted with blanks around it, and refuses one with a space, a line break or an invisible character inside', async () => {
    for (const [value, stored] of [[' api-key-1 ', 'api-key-1'], ['api-key-2\n', 'api-key-2'], ['\u200bapi-key-3\ufeff', 'api-key-3']] as const) {
      await client.call('settings.set', { key: 'platform.key', value });
      expect(station.store.getSetting('platform.key')).toBe(stored);
    }
    for (const value of ['', '   ', 'api key', 'api-key\n2', 'api\u200bkey', 'khóa-api', 'api\u0000key']) {
      const e = await refused(client.call('settings.set', { key: 'platform.key', value }));
      expect([e.code, e.messageVi.includes('platform.key'), e.messageEn.includes('platform.key')]).toEqual(['SETTING_INVALID', true, true]);
      expect(station.store.getSetting('platform.key')).toBe('api-key-3');
    }
  });

  it('checks formats of the facility settings and the language', async () => {
    expect((await refused(client.call('settings.set', { key: 'facility.taxCode', value: 'MST:12' }))).code).toBe('SETTING_INVALID');
    expect((await refused(client.call('settings.set', { key: 'ui.language', value: 'fr' }))).code).toBe('SETTING_INVALID');
    await client.call('settings.set', { key: 'facility.taxCode', value: '0301234567' });
    await client.call('settings.set', { key: 'facility.taxCode', value: '0301234567-001' });
  });

  // Fuzz of session 27: "0301234567 " copied from a registration paper was refused as "a 10-digit
  // tax code", which it looks like; blanks and invisible characters around a code are not part of it.
  it('takes a code pasted with blanks around it, as the code', async () => {
    for (const [key, value, stored] of [
      ['facility.taxCode', ' 0301234567\n', '0301234567'],
      ['facility.code', '\u200b79001 ', '79001'],
      ['station.id', ' st-1\t', 'st-1'],
    ] as const) {
      expect((await client.call('settings.set', { key, value })).value).toBe(stored);
      expect(station.store.getSetting(key)).toBe(stored);
    }
    expect((await refused(client.call('settings.set', { key: 'facility.code', value: '79 001' }))).code).toBe('SETTING_INVALID');
  });

  it('never lets a client name a file path or a PKCS#11 module in a call', async () => {
    const path = await station.dispatcher.handle({ id: 1, method: 'import.preview', params: { file: { path: '/etc/passwd' } } }, { emit() {} });
    expect(path).toMatchObject({ ok: false, error: { code: 'RPC_INVALID_PARAMS' } });
    const module = await station.dispatcher.handle({ id: 2, method: 'token.list', params: { module: '/tmp/evil.so' } }, { emit() {} });
    expect(module).toMatchObject({ ok: false, error: { code: 'RPC_INVALID_PARAMS' } });
  });
});
