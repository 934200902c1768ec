// batchStore.certificateRefusals: the certificates the platform refused a batch for, by
// fingerprint, unless a later batch signed with the same certificate reached it. Session 25's
// mutation probe: forgetting that a later batch decided, reading the batches oldest first, or
// leaving CERT_INVALID out of the certificate refusals each left every test green — the first two
// would refuse, before the PIN, a certificate the platform has since taken; the third would let the
// signer sign again, unsaid, with a certificate the platform found invalid.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { batchStore } from '../../../electron/core/batches/batchStore.js';
import { COSE_HEADER, signSign1 } from '../../../shared/cose/index.js';
import { createCertificate, generateKeyPair, type IssuedCert } from '../../fixtures/pki.js';
import { openTestStore, record, type TestStore } from '../../unit/db/storeHarness.js';

const open: TestStore[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

/** A manifest as the station signs it: a COSE_Sign1 carrying the certificate in x5chain. */
async function manifest(cert: IssuedCert): Promise<Uint8Array> {
  return signSign1({
    protectedHeader: new Map<number, unknown>([[COSE_HEADER.x5chain, cert.der]]),
    payload: new Uint8Array([1, 2, 3]),
    // The store reads the certificate only; no one verifies this signature.
    signer: { alg: -7, sign: async () => new Uint8Array(64) },
  });
}

async function world() {
  const t = openTestStore();
  open.push(t);
  const batches = batchStore(t.store, t.ports);
  let n = 0;
  const sign = async (cert: IssuedCert): Promise<string> => {
    const i = ++n;
    const id = t.store.createRecord(record({ idNumber: `0790900${30_000 + i}`, fullName: `Lê Văn ${'ABCDEFGH'[i]}`, phone: `09${30_000_000 + i}` }), { source: 'form' }).record.id;
    batches.insertSigned({
      id: `b${i}`, createdAt: `2026-11-2${i}T00:00:00.000Z`, facility: '79001', station: 's', root: new Uint8Array(32).fill(i), alg: -7, sign1: await manifest(cert),
      items: [{ recordId: id, index: 0, recordCbor: new Uint8Array([i]) }],
    });
    return `b${i}`;
  };
  // As applyBatchReply marks a batch answered: in a transaction, with its audit entry.
  const at = (id: string) => new Date(`2026-11-25T0${id.slice(1)}:00:00.000Z`);
  const refuse = (id: string, code: string) => t.db.transaction(() => batches.markFailed(id, at(id), { code, message_vi: 'Từ chối', message_en: 'Refused' }))();
  const accept = (id: string) => t.db.transaction(() => batches.markSubmitted(id, at(id)))();
  return { batches, sign, refuse, accept };
}

const fingerprint = (c: IssuedCert) => createHash('sha256').update(c.der).digest('hex');
const facilityCert = async (cn: string) => createCertificate({ subject: [{ attr: 'CN', value: cn }], keys: await generateKeyPair('EC'), keyUsage: ['digitalSignature', 'nonRepudiation'] });

describe('the certificates the platform refused', () => {
  it('none before any refusal; one refusal, the oldest batch there is, is listed', async () => {
    const a = await facilityCert('A');
    const w = await world();
    const first = await w.sign(a);
    expect(w.batches.certificateRefusals().size).toBe(0);
    w.refuse(first, 'CERT_WRONG_FACILITY');
    expect([...w.batches.certificateRefusals()]).toEqual([[fingerprint(a), expect.objectContaining({ batch: first, reason: expect.objectContaining({ code: 'CERT_WRONG_FACILITY' }) })]]);
  });

  it('a certificate refused, then taken in a later batch, is no longer refused; the one refused last stays so', async () => {
    const [a, b] = [await facilityCert('A'), await facilityCert('B')];
    const w = await world();
    w.refuse(await w.sign(a), 'CERT_UNTRUSTED');
    w.accept(await w.sign(a));
    w.accept(await w.sign(b));
    const bLater = await w.sign(b);
    w.refuse(bLater, 'CERT_KEY_USAGE');
    const refusals = w.batches.certificateRefusals();
    expect(refusals.has(fingerprint(a))).toBe(false);
    expect(refusals.get(fingerprint(b))).toMatchObject({ batch: bLater, reason: { code: 'CERT_KEY_USAGE' } });
  });

  it('every certificate code counts, the latest refusal named; a refusal for another cause does not', async () => {
    const certs = await Promise.all(['A', 'B', 'C', 'D', 'E'].map(facilityCert));
    const w = await world();
    const codes = ['CERT_KEY_USAGE', 'CERT_WRONG_FACILITY', 'CERT_UNTRUSTED', 'CERT_INVALID'];
    for (let i = 0; i < codes.length; i++) w.refuse(await w.sign(certs[i]!), codes[i]!);
    w.refuse(await w.sign(certs[4]!), 'BATCH_SIGNATURE_INVALID');
    const again = await w.sign(certs[0]!);
    w.refuse(again, 'CERT_UNTRUSTED');
    const refusals = w.batches.certificateRefusals();
    expect(certs.map((c) => refusals.get(fingerprint(c))?.reason.code ?? null)).toEqual(['CERT_UNTRUSTED', 'CERT_WRONG_FACILITY', 'CERT_UNTRUSTED', 'CERT_INVALID', null]);
    expect(refusals.get(fingerprint(certs[0]!))!.batch).toBe(again);
  });
});
