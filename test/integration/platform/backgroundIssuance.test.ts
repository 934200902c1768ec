// Issuance after the answer (issuance: 'background'): the upload is answered as soon as the
// records are held, the certificates come to the feed afterwards, `POST /v1/_sim/issue-now`
// waits for them, a stop before they are signed loses nothing (the queue is in the database),
// and a correction that arrives before its predecessor's certificate is signed never leaves a
// live certificate on a superseded record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBufferSource } from '../../../shared/crypto/bytes.js';
import { parseTrustList } from '../../../shared/dcc/trust.js';
import { verifyHc1 } from '../../../shared/dcc/verify.js';
import { BatchReplySchema, CertificatesPageSchema, type IssuedCertificate } from '../../../shared/platform/api.js';
import type { IssuedCert } from '../../fixtures/pki.js';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '../../platform/startPlatform.js';
import { AN, HAN, createFacilityCert, createTestCa, doseRecord, signBatch, type SignedBatch } from './facilityFixture.js';

const F1 = { code: 'HN-BV-01', apiKey: 'k-hn-bv-01', taxCode: '0100998877' };
const dirs: string[] = [];
let ca: IssuedCert;
let cert: IssuedCert;

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'platform-issuance-'));
  dirs.push(d);
  return d;
}

function start(extra: Partial<PlatformOptions> & { dataDir: string }): Promise<RunningPlatform> {
  return startPlatform({ trustCa: [ca.pem], facilities: [F1], populationSize: 5, issuance: 'background', ...extra });
}

async function put(p: RunningPlatform, batch: SignedBatch) {
  const res = await fetch(`${p.url}/v1/batches/${batch.batchId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${F1.apiKey}`, 'content-type': 'application/cbor' },
    body: asBufferSource(batch.bytes),
  });
  expect(res.status).toBe(200);
  return BatchReplySchema.parse(await res.json());
}

async function feed(p: RunningPlatform): Promise<IssuedCertificate[]> {
  const res = await fetch(`${p.url}/v1/certificates?limit=1000`, { headers: { authorization: `Bearer ${F1.apiKey}` } });
  return CertificatesPageSchema.parse(await res.json()).certificates;
}

async function issueNow(p: RunningPlatform) {
  const res = await fetch(`${p.url}/v1/_sim/issue-now`, { method: 'POST', headers: { authorization: `Bearer ${p.adminToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { considered: number; issuancePending: number; certificates: number };
}

/** The two-dose series of AN and HAN: each person's dose 2 is certified. */
function series() {
  return [AN, HAN].flatMap((who) => [
    doseRecord(who, { facility: F1.code, doseNumber: 1, date: '2021-08-01' }),
    doseRecord(who, { facility: F1.code, doseNumber: 2, date: '2021-08-30' }),
  ]);
}

beforeAll(async () => {
  ca = await createTestCa();
  cert = await createFacilityCert(ca, F1.taxCode);
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("issuance: 'background'", () => {
  it('answers the upload, then issue-now fills the feed with certificates that verify', async () => {
    const p = await start({ dataDir: tempDir() });
    try {
      const records = series();
      const reply = await put(p, await signBatch(cert, F1.code, records));
      expect(reply.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
      const drained = await issueNow(p);
      expect(drained).toMatchObject({ issuancePending: 0, certificates: 2 });
      const certs = await feed(p);
      expect(certs.map((c) => c.recordId).sort()).toEqual([records[1]!.id, records[3]!.id].sort());
      const trust = await parseTrustList(p.trustList);
      for (const c of certs) expect((await verifyHc1(c.hc1, { trust, at: new Date() })).valid).toBe(true);
      // Nothing left: a second drain considers no one and issues nothing twice.
      expect(await issueNow(p)).toMatchObject({ considered: 0, certificates: 2 });
    } finally {
      await p.close();
    }
  });

  it('keeps the people to issue for across a stop: the restarted platform issues them', async () => {
    const dataDir = tempDir();
    const records = series();
    // 'manual': stopped with the certificates still to sign.
    const first = await start({ dataDir, issuance: 'manual' });
    await put(first, await signBatch(cert, F1.code, records));
    expect(await feed(first)).toEqual([]);
    await first.close();
    const again = await start({ dataDir });
    try {
      expect(await issueNow(again)).toMatchObject({ issuancePending: 0, certificates: 2 });
      expect((await feed(again)).map((c) => c.recordId).sort()).toEqual([records[1]!.id, records[3]!.id].sort());
    } finally {
      await again.close();
    }
  });

  it('a correction uploaded before the issuer ran: the certificate is for the correction, none for the superseded dose', async () => {
    const p = await start({ dataDir: tempDir() });
    try {
      const dose1 = doseRecord(AN, { facility: F1.code, doseNumber: 1, date: '2021-08-01' });
      const dose2 = doseRecord(AN, { facility: F1.code, doseNumber: 2, date: '2021-08-30', lot: 'WRONG1' });
      const fixed = doseRecord(AN, { facility: F1.code, doseNumber: 2, date: '2021-08-30', lot: 'FK5678', supersedes: dose2.id, reason: 'lot' });
      await put(p, await signBatch(cert, F1.code, [dose1, dose2]));
      await put(p, await signBatch(cert, F1.code, [fixed]));
      await issueNow(p);
      const certs = await feed(p);
      expect(certs.filter((c) => c.revokedAt === null).map((c) => c.recordId)).toEqual([fixed.id]);
      expect(certs.some((c) => c.recordId === dose2.id && c.revokedAt === null)).toBe(false);
    } finally {
      await p.close();
    }
  });
});

describe("issuance: 'inline' (the default)", () => {
  it('has the certificates in the feed when the upload is answered', async () => {
    const p = await start({ dataDir: tempDir(), issuance: 'inline' });
    try {
      const records = series();
      await put(p, await signBatch(cert, F1.code, records));
      expect((await feed(p)).map((c) => c.recordId).sort()).toEqual([records[1]!.id, records[3]!.id].sort());
    } finally {
      await p.close();
    }
  });
});
