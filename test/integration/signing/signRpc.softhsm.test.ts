// Signing through the RPC contract, as the renderer does it: token.list shows the certificate
// and why it can or cannot sign, sign.batch carries the PIN once, progress events follow.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';
import { memoryLogger } from '../../../electron/core/logger.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { forkSignerHost } from '../../../electron/core/signer-client/index.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { generateRecords } from '../../fixtures/records.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { verifyExportedBatch } from './independentVerify.js';

let token: SoftHsmToken;
let dir: string;
let station: StationCore;
let client: RpcClient;
const logger = memoryLogger();

beforeAll(async () => {
  token = await createSoftHsmToken({ label: 'RPC token', keys: [{ type: 'RSA' }] });
  dir = mkdtempSync(join(tmpdir(), 'station-sign-rpc-'));
  station = openStation({ dataDir: dir, logger, validateResults: true, signing: { spawn: forkSignerHost({ env: token.env }) } });
  client = new RpcClient(inProcessTransport(station.dispatcher));
  for (const [key, value] of [['facility.code', '79001'], ['facility.taxCode', TEST_FACILITY.taxCode], ['facility.name', TEST_FACILITY.name], ['pkcs11.module', token.modulePath]] as const) {
    await client.call('settings.set', { key, value });
  }
  station.store.createRecords(generateRecords(8, { seed: 11, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
});
afterAll(async () => {
  await station.close();
  rmSync(dir, { recursive: true, force: true });
  token.cleanup();
});

describe('signing over RPC', () => {
  it('lists the token with its certificate usable for this facility', async () => {
    const listing = await client.call('token.list', {});
    expect(listing.modules.some((m) => m.loaded)).toBe(true);
    expect(listing.tokens).toHaveLength(1);
    const cert = listing.tokens[0]!.certificates[0]!;
    expect(cert).toMatchObject({ usable: true, whyNot: [], keyType: 'RSA', keyBits: 2048 });
    expect(cert.subject).toContain('MST:0301234567');
  });

  it('previews what a signature would cover', async () => {
    const preview = await client.call('sign.preview', {});
    expect(preview.count).toBe(8);
    expect(preview.people).toBeGreaterThan(0);
    expect(preview.eligiblePeople).toBeLessThanOrEqual(preview.people);
  });

  it('rejects a wrong PIN with the bilingual message, then signs with the right one', async () => {
    const wrong = await client.call('sign.batch', { pin: '11111111' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(RpcError);
    expect((wrong as RpcError).code).toBe('PIN_INCORRECT');
    expect((wrong as RpcError).messageVi).toMatch(/^Mã PIN không đúng \(token báo đã có lần nhập sai mã PIN/);
    const steps: string[] = [];
    client.on('progress', (p) => p.task === 'sign' && steps.push(p.message ?? ''));
    const signed = await client.call('sign.batch', { pin: token.pin, taskId: 'sign-1' });
    expect(signed).toMatchObject({ count: 8, alg: 'PS256' });
    expect(steps).toEqual(['prepare', 'token', 'verify', 'store']);
    const batches = await client.call('batches.list', {});
    expect(batches.items[0]).toMatchObject({ id: signed.batch, state: 'signed', count: 8, alg: 'PS256' });
    const exported = await client.call('batches.export', { id: signed.batch });
    expect(verifyExportedBatch(Buffer.from(exported.base64, 'base64'))).toMatchObject({ signatureValid: true, proofsValid: 8 });
  });

  it('never lets the PIN reach a log line', () => {
    expect(JSON.stringify(logger.lines)).not.toContain(token.pin);
    expect(JSON.stringify(logger.lines)).not.toContain('11111111');
  });
});
