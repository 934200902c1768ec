// Batch signing end to end on a real PKCS#11 module: records in a real SQLite queue, the signer
// host forked as in production (built by tsc -b), SoftHSM2 tokens with EC P-256 and RSA-2048 keys.
// The exported upload body is then verified by an independent implementation (independentVerify).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationError } from '../../../shared/errors.js';
import { batchStore, type BatchStore } from '../../../electron/core/batches/batchStore.js';
import { memoryLogger } from '../../../electron/core/logger.js';
import { SignerClient, forkSignerHost } from '../../../electron/core/signer-client/index.js';
import { signBatch } from '../../../electron/core/signing/signBatch.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { generateRecords } from '../../fixtures/records.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { verifyExportedBatch } from './independentVerify.js';

interface Setup {
  token: SoftHsmToken;
  station: StationCore;
  batches: BatchStore;
  signer: SignerClient;
  logger: ReturnType<typeof memoryLogger>;
  dir: string;
}

async function setup(keyType: 'EC' | 'RSA', records = 25): Promise<Setup> {
  const token = await createSoftHsmToken({ label: `${keyType} facility token`, keys: [{ type: keyType }] });
  const dir = mkdtempSync(join(tmpdir(), 'station-sign-'));
  const logger = memoryLogger();
  const ports = systemStorePorts('user:signer');
  const station = openStation({ dataDir: dir, logger, ports });
  station.store.setSetting('facility.code', '79001');
  station.store.setSetting('facility.taxCode', TEST_FACILITY.taxCode);
  station.store.setSetting('facility.name', TEST_FACILITY.name);
  station.store.setSetting('pkcs11.module', token.modulePath);
  const rows = generateRecords(records, { seed: keyType === 'EC' ? 1 : 2, facilityCode: '79001' });
  const created = station.store.createRecords(rows, { source: 'import', confirmWarnings: true });
  expect(created.created).toBe(records);
  const signer = new SignerClient({ spawn: forkSignerHost({ env: token.env }), logger });
  return { token, station, batches: batchStore(station.store, ports), signer, logger, dir };
}

async function teardown(s: Setup): Promise<void> {
  await s.station.close();
  rmSync(s.dir, { recursive: true, force: true });
  s.token.cleanup();
  return s.signer.close();
}

async function failure(p: Promise<unknown>): Promise<StationError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(StationError);
  return e as StationError;
}

describe.each(['EC', 'RSA'] as const)('signing a batch with a %s token', (keyType) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(keyType);
  });
  afterAll(() => teardown(s));

  it('refuses a wrong PIN with the token’s message, storing nothing and keeping every record ready', async () => {
    const e = await failure(signBatch({ store: s.station.store, batches: s.batches, signer: s.signer, ports: systemStorePorts('t') }, { pin: '000000' }));
    expect(e.code).toBe('PIN_INCORRECT');
    expect(e.messageVi).toContain('PIN');
    expect(s.station.store.countByState().ready).toBe(25);
    expect(s.batches.list({ limit: 10, offset: 0 }).total).toBe(0);
  });

  it('signs every ready record under one token signature and stores the batch with its proofs', async () => {
    const progress: string[] = [];
    const result = await signBatch(
      { store: s.station.store, batches: s.batches, signer: s.signer, ports: systemStorePorts('t') },
      { pin: s.token.pin, onProgress: (_d, _t, step) => progress.push(step) },
    );
    expect(result).toMatchObject({ count: 25, alg: keyType === 'EC' ? 'ES256' : 'PS256' });
    expect(progress).toEqual(['prepare', 'token', 'verify', 'store']);
    const counts = s.station.store.countByState();
    expect(counts).toMatchObject({ ready: 0, signed: 25 });
    const stored = s.batches.get(result.batch);
    expect(stored).toMatchObject({ count: 25, state: 'signed', attempts: 0 });
    expect(s.station.store.verifyAudit().ok).toBe(true);
    const ids = s.batches.recordIds(result.batch);
    const history = s.station.store.getRecord(ids[3]!).history;
    expect(history.map((h) => h.action)).toEqual(['record.create', 'batch.signed']);
    // The batch's one entry, this record's part of it: no list of every record for the renderer.
    expect(history[1]).toMatchObject({ entity: 'batch', entityId: result.batch, details: { index: 3, from: 'ready', to: 'signed', count: 25 } });
    expect(history[1]!.details).not.toHaveProperty('records');
  });

  it('exports an upload body that an independent COSE/Merkle implementation verifies', async () => {
    const [batch] = s.batches.list({ limit: 1, offset: 0 }).items;
    const independent = verifyExportedBatch(s.batches.uploadBody(batch!.id));
    expect(independent.signatureValid).toBe(true);
    expect(independent.kidMatches).toBe(true);
    expect(independent.alg).toBe(keyType === 'EC' ? -7 : -37);
    expect(independent.proofsValid).toBe(25);
    expect(independent.certificate.subject).toContain('MST:0301234567');
    const ids = new Set(independent.records.map((r) => r.id));
    expect(ids).toEqual(new Set(s.batches.recordIds(batch!.id)));
    // The manifest says what it covers.
    expect(independent.manifest).toMatchObject({ count: 25, facility: '79001', v: 1 });
  });

  it('says so when nothing is ready, and never logs the PIN', async () => {
    const e = await failure(signBatch({ store: s.station.store, batches: s.batches, signer: s.signer, ports: systemStorePorts('t') }, { pin: s.token.pin }));
    expect(e.code).toBe('SIGN_NOTHING_READY');
    expect(JSON.stringify(s.logger.lines)).not.toContain(s.token.pin);
  });
});

describe('signing refusals that leave the queue untouched', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup('EC', 5);
  });
  afterAll(() => teardown(s));
  const deps = () => ({ store: s.station.store, batches: s.batches, signer: s.signer, ports: systemStorePorts('t') });

  it('cancelled before the token signs: nothing stored', async () => {
    const controller = new AbortController();
    controller.abort();
    const e = await failure(signBatch(deps(), { pin: s.token.pin, signal: controller.signal }));
    expect(e.code).toBe('SIGN_CANCELLED');
    expect(s.station.store.countByState().ready).toBe(5);
  });

  it('a certificate of another facility is refused before any PIN is sent', async () => {
    s.station.store.setSetting('facility.taxCode', '0109876543');
    try {
      const e = await failure(signBatch(deps(), { pin: s.token.pin }));
      expect(e.code).toBe('SIGN_NO_USABLE_CERTIFICATE');
      expect(JSON.stringify(e.details)).toMatch(/FACILITY|facility/);
    } finally {
      s.station.store.setSetting('facility.taxCode', TEST_FACILITY.taxCode);
    }
    expect(s.station.store.countByState().ready).toBe(5);
  });

  it('a certificate chosen by fingerprint that cannot sign, or is not there, is named as the one chosen (probe 17, F6)', async () => {
    const listed = await s.signer.listTokens();
    const fingerprint = listed.tokens[0]!.certificates[0]!.fingerprint;
    s.station.store.setSetting('facility.taxCode', '0109876543');
    try {
      const e = await failure(signBatch(deps(), { pin: s.token.pin, certFingerprint: fingerprint }));
      expect(e.code).toBe('SIGN_CHOSEN_CERTIFICATE_UNUSABLE');
      expect(e.messageEn).toMatch(/^The chosen certificate \(.+\) cannot sign: .+\.$/);
      expect(e.messageVi).toMatch(/^Chứng thư số đã chọn \(.+\) không ký được: /);
      expect(e.details).toMatchObject({ fingerprint, others: [] });
    } finally {
      s.station.store.setSetting('facility.taxCode', TEST_FACILITY.taxCode);
    }
    const missing = await failure(signBatch(deps(), { pin: s.token.pin, certFingerprint: 'ab'.repeat(32) }));
    expect(missing.code).toBe('SIGN_CERTIFICATE_NOT_FOUND');
    // The token's own certificate can sign: said beside the one not found.
    expect(missing.messageEn).toMatch(/^No certificate (ab)+ is on the token\. 1 other certificate\(s\) on the token can sign/);
    expect(s.station.store.countByState().ready).toBe(5);
  });

  it('a token whose signature does not verify is caught and nothing is stored', async () => {
    const lying = {
      listTokens: (p?: Parameters<SignerClient['listTokens']>[0]) => s.signer.listTokens(p),
      logIn: (p: Parameters<SignerClient['logIn']>[0]) => s.signer.logIn(p),
      sign: async (p: Parameters<SignerClient['sign']>[0]) => {
        const r = await s.signer.sign(p);
        const signature = new Uint8Array(r.signature);
        signature[10] = signature[10]! ^ 0xff;
        return { ...r, signature };
      },
    };
    const e = await failure(signBatch({ ...deps(), signer: lying }, { pin: s.token.pin }));
    expect(e.code).toBe('SIGN_VERIFY_FAILED');
    expect(s.station.store.countByState()).toMatchObject({ ready: 5, signed: 0 });
    expect(s.batches.list({ limit: 10, offset: 0 }).total).toBe(0);
  });

  it('selects exactly a chosen set of ready records and refuses one that is not ready', async () => {
    const ids = s.station.store.listRecords({ state: 'ready', limit: 10 }).items.map((i) => i.record.id);
    const first = await signBatch(deps(), { pin: s.token.pin, recordIds: ids.slice(0, 2) });
    expect(first.count).toBe(2);
    const e = await failure(signBatch(deps(), { pin: s.token.pin, recordIds: [ids[0]!, ids[2]!] }));
    expect(e.code).toBe('SIGN_RECORDS_NOT_READY');
    expect(s.station.store.countByState()).toMatchObject({ ready: 3, signed: 2 });
  });
});

describe('every batch of a signing action is verified', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup('EC', 5);
  });
  afterAll(() => teardown(s));

  it('a later batch whose signature does not verify is caught, with the same certificate as the batches before it', async () => {
    // The certificate's verify key is imported once per action (signBatch.ts verifyKeyOf): the
    // second batch, signed wrongly with the very same certificate, must still fail its check.
    let calls = 0;
    const lyingLater = {
      listTokens: (p?: Parameters<SignerClient['listTokens']>[0]) => s.signer.listTokens(p),
      logIn: (p: Parameters<SignerClient['logIn']>[0]) => s.signer.logIn(p),
      sign: async (p: Parameters<SignerClient['sign']>[0]) => {
        const r = await s.signer.sign(p);
        if (++calls < 2) return r;
        const signature = new Uint8Array(r.signature);
        signature[12] = signature[12]! ^ 0x5a;
        return { ...r, signature };
      },
    };
    const deps = { store: s.station.store, batches: s.batches, signer: lyingLater, ports: systemStorePorts('t') };
    const e = await failure(signBatch(deps, { pin: s.token.pin, batchSize: 2 }));
    expect(e.code).toBe('SIGN_VERIFY_FAILED');
    expect(calls).toBe(2);
    const [first] = s.batches.list({ limit: 10, offset: 0 }).items;
    expect((e.details as { signedBatches: string[] }).signedBatches).toEqual([first!.id]);
    expect(s.station.store.countByState()).toMatchObject({ ready: 3, signed: 2 });
    // The stored batch verifies on its own.
    expect(verifyExportedBatch(s.batches.uploadBody(first!.id)).signatureValid).toBe(true);
  });
});
