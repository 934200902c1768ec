// The simulator as development, the demo and the chaos tests run it: seeded faults that each
// happen and are counted, a reply lost after the commit that a retry recovers, a restart on the
// same data dir, the PS256 document signer, and the `npm run platform` command line.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBufferSource } from '../../../shared/crypto/bytes.js';
import { parseTrustList } from '../../../shared/dcc/trust.js';
import { verifyHc1 } from '../../../shared/dcc/verify.js';
import { BatchReplySchema, CertificatesPageSchema, PlatformErrorSchema } from '../../../shared/platform/api.js';
import type { IssuedCert } from '../../fixtures/pki.js';
import { FAULT_KINDS, type FaultCounters } from '../../platform/faultInjector.js';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '../../platform/startPlatform.js';
import { AN, HAN, createFacilityCert, createTestCa, doseRecord, signBatch, type SignedBatch } from './facilityFixture.js';

const F1 = { code: 'DN-HC-07', apiKey: 'k-dn-hc-07', taxCode: '0400112233' };
const root = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
let ca: IssuedCert;
let cert: IssuedCert;

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'platform-ops-'));
  dirs.push(d);
  return d;
}

async function start(extra: Partial<PlatformOptions> & { dataDir: string }): Promise<RunningPlatform> {
  return startPlatform({ trustCa: [ca.pem], facilities: [F1], populationSize: 20, ...extra });
}

function put(p: RunningPlatform, batch: SignedBatch) {
  return fetch(`${p.url}/v1/batches/${batch.batchId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${F1.apiKey}`, 'content-type': 'application/cbor' },
    body: asBufferSource(batch.bytes),
  });
}

async function heldRecords(p: RunningPlatform): Promise<string[]> {
  const res = await fetch(`${p.url}/v1/_sim/records?facility=${F1.code}`, { headers: { authorization: `Bearer ${p.adminToken}` } });
  return ((await res.json()) as { records: { recordId: string }[] }).records.map((r) => r.recordId).sort();
}

beforeAll(async () => {
  ca = await createTestCa();
  cert = await createFacilityCert(ca, F1.taxCode);
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('seeded faults', () => {
  it('inject every kind, and the counters at /v1/_sim/stats match what the client saw', async () => {
    const p = await start({
      dataDir: tempDir(),
      seed: 7,
      faults: 'latency=1-3,503=0.15,500=0.15,reset-before=0.14,reset-after=0.14,lost-reply=0.14,slow-body=0.14',
    });
    try {
      const seen = { '503': 0, '500': 0, dropped: 0, slow: 0, ok: 0 };
      const N = 70;
      for (let i = 0; i < N; i++) {
        const t0 = performance.now();
        try {
          // A body to read, so that reset-after has something to wait for.
          const res = await fetch(`${p.url}/v1/identity/verify`, {
            method: 'POST',
            headers: { authorization: `Bearer ${F1.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ ref: `q${i}`, idType: 'CCCD', idNumber: AN.idNumber, fullName: AN.fullName, dob: AN.dob }),
          });
          const text = await res.text();
          if (res.status === 503) {
            expect(res.headers.get('retry-after')).toBe('1');
            expect(PlatformErrorSchema.parse(JSON.parse(text)).code).toBe('PLATFORM_UNAVAILABLE');
            seen['503']++;
          } else if (res.status === 500) seen['500']++;
          else {
            expect(res.status).toBe(200);
            seen.ok++;
            if (performance.now() - t0 >= 400) seen.slow++;
          }
        } catch {
          seen.dropped++;
        }
      }
      const res = await fetch(`${p.url}/v1/_sim/stats`, { headers: { authorization: `Bearer ${p.adminToken}` } });
      const stats = (await res.json()) as FaultCounters;
      console.log('platform faults', JSON.stringify(stats.faults), 'client saw', JSON.stringify(seen));
      for (const kind of FAULT_KINDS) expect(stats.faults[kind], kind).toBeGreaterThan(0);
      expect(stats.requests).toBe(N);
      expect(stats.latency).toBe(N);
      expect(stats.faults['503']).toBe(seen['503']);
      expect(stats.faults['500']).toBe(seen['500']);
      expect(stats.faults['reset-before'] + stats.faults['reset-after'] + stats.faults['lost-reply']).toBe(seen.dropped);
      // A dribbled reply always takes ≥ 450 ms; a loaded machine may make others slow too.
      expect(seen.slow).toBeGreaterThanOrEqual(stats.faults['slow-body']);
      expect((await fetch(`${p.url}/v1/_sim/stats`)).status).toBe(401);
    } finally {
      await p.close();
    }
  });

  it('lose a reply AFTER the commit: the records are held, and the retry gets the stored reply', async () => {
    const dataDir = tempDir();
    const records = [
      doseRecord(AN, { facility: F1.code, doseNumber: 1, date: '2021-08-01' }),
      doseRecord(AN, { facility: F1.code, doseNumber: 2, date: '2021-08-30' }),
    ];
    const batch = await signBatch(cert, F1.code, records);
    const lossy = await start({ dataDir, faults: 'lost-reply=1', seed: 3 });
    await expect(put(lossy, batch)).rejects.toThrow();
    expect(await heldRecords(lossy)).toEqual(records.map((r) => r.id).sort());
    expect(lossy.stats().faults['lost-reply']).toBe(1);
    await lossy.close();

    // The station retries later, against the restarted platform: same data dir, no faults.
    const healthy = await start({ dataDir });
    try {
      const res = await put(healthy, batch);
      expect(res.status).toBe(200);
      const reply = BatchReplySchema.parse(await res.json());
      expect(reply.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      expect(await heldRecords(healthy)).toEqual(records.map((r) => r.id).sort());
      const page = CertificatesPageSchema.parse(
        await (await fetch(`${healthy.url}/v1/certificates`, { headers: { authorization: `Bearer ${F1.apiKey}` } })).json(),
      );
      expect(page.certificates.map((c) => c.recordId)).toEqual([records[1]!.id]);
      // The DSC made at the first start signs after the restart: the old trust list still verifies.
      expect(healthy.trustList).toEqual(lossy.trustList);
      expect((await verifyHc1(page.certificates[0]!.hc1, { trust: await parseTrustList(healthy.trustList), at: new Date() })).valid).toBe(true);
    } finally {
      await healthy.close();
    }
  });
});

describe('RSA end to end', () => {
  it('signs certificates with the PS256 DSC under --dsc-alg PS256, and accepts a PS256-signed batch', async () => {
    const rsaCert = await createFacilityCert(ca, F1.taxCode, { type: 'RSA' });
    const p = await start({ dataDir: tempDir(), dscAlg: 'PS256' });
    try {
      const records = [doseRecord(HAN, { facility: F1.code, doseNumber: 1, date: '2021-12-01', vaccine: 'JANSSEN' })];
      const res = await put(p, await signBatch(rsaCert, F1.code, records));
      expect(BatchReplySchema.parse(await res.json()).results[0]!.status).toBe('accepted');
      const page = CertificatesPageSchema.parse(await (await fetch(`${p.url}/v1/certificates`, { headers: { authorization: `Bearer ${F1.apiKey}` } })).json());
      const report = await verifyHc1(page.certificates[0]!.hc1, { trust: await parseTrustList(p.trustList), at: new Date() });
      expect([report.valid, report.alg]).toEqual([true, 'PS256']);
      expect(report.payload).toMatchObject({ v: [{ dn: 1, sd: 1 }] });
    } finally {
      await p.close();
    }
  });
});

const mainJs = join(root, 'dist/test/platform/main.js');

describe('npm run platform', () => {
  it.skipIf(!existsSync(mainJs))('prints one ready line, serves, and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [mainJs, '--port', '0', '--data-dir', dataDir, '--facility', `${F1.code}:${F1.apiKey}:${F1.taxCode}`, '--seed', '5', '--population-size', '10'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const line = await new Promise<string>((r, j) => {
      createInterface({ input: child.stdout }).once('line', r);
      child.once('exit', () => j(new Error('exited before the ready line')));
    });
    const ready = JSON.parse(line) as { url: string; facilities: string[]; trustList: string; adminToken: string };
    expect(ready.facilities).toEqual([F1.code]);
    expect(ready.trustList).toBe(join(dataDir, 'trust-list.json'));
    expect(existsSync(ready.trustList)).toBe(true);
    expect(ready.adminToken.length).toBeGreaterThanOrEqual(16);
    expect((await fetch(`${ready.url}/v1/time`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it.skipIf(!existsSync(mainJs))('exits 2 with a coded JSON error on a bad flag', async () => {
    const child = spawn(process.execPath, [mainJs, '--data-dir', tempDir(), '--faults', 'meteor=0.5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(JSON.parse(stderr.split('\n')[0]!)).toMatchObject({ code: 'FAULT_SPEC_INVALID' });
  });
});
