// RFC 9052 §3.1: a recipient must reject a message whose `crit` header (label 2) lists a label it
// does not understand: the signer said that parameter changes how the message is to be read.
import { deflate } from 'pako';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCanonical } from '../../../shared/cbor/cbor.js';
import { decodeSign1, signSign1, webCryptoSigner } from '../../../shared/cose/cose.js';
import { base45Encode } from '../../../shared/dcc/base45.js';
import { trustEntryFromCertificate } from '../../../shared/dcc/trust.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import { verifyHc1 } from '../../../shared/dcc/verify.js';
import { StationError } from '../../../shared/errors.js';
import { createDccChain, type IssuedCert } from '../../fixtures/pki.js';

const now = Math.floor(Date.now() / 1000);
const PAYLOAD = {
  ver: '1.3.0',
  nam: { fnt: 'TRAN', gnt: 'BINH' },
  dob: '1990',
  v: [{ tg: '840539006', vp: '1119349007', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, dt: '2021-10-01', co: 'VN', is: 'BYT', ci: 'URN:UVCI:01:VN:CRIT1' }],
};
const claims = encodeCanonical(new Map<number, unknown>([[1, 'VN'], [4, now + 86400 * 30], [6, now], [-260, new Map([[1, PAYLOAD]])]]));

let dsc: IssuedCert;
let trust: TrustEntry;
beforeAll(async () => {
  ({ dsc } = await createDccChain('EC'));
  trust = await trustEntryFromCertificate(dsc.der);
});

async function cose(protectedEntries: [number, unknown][], unprotectedEntries: [number, unknown][] = []) {
  const protectedHeader = new Map<number, unknown>([[1, -7], [4, trust.kid], ...protectedEntries]);
  return signSign1({ protectedHeader, unprotectedHeader: new Map(unprotectedEntries), payload: claims, signer: webCryptoSigner(dsc.keys.privateKey, -7) });
}
const hc1 = (bytes: Uint8Array) => 'HC1:' + base45Encode(deflate(bytes));
const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof StationError ? (err.details as { reason?: string }).reason : String(err);
  }
  return null;
};

describe('crit (COSE header 2)', () => {
  it('a label the verifier does not understand → COSE_INVALID naming it, even with a good signature', async () => {
    const report = await verifyHc1(hc1(await cose([[2, [-70000]], [-70000, 'must be understood']])), { trust: [trust], at: new Date() });
    expect(report.valid).toBe(false);
    expect(report.steps.cose).toBe(false);
    expect(report.errors.map((e) => e.code)).toEqual(['COSE_INVALID']);
    expect(report.errors[0]!.message_en).toContain('-70000');
    expect(report.errors[0]!.message_en).toContain('crit');
  });

  it('labels it understands (alg, kid) are accepted', async () => {
    const report = await verifyHc1(hc1(await cose([[2, [1, 4]]])), { trust: [trust], at: new Date() });
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('an empty crit, one outside the protected header, or one that is not an array of labels is malformed', async () => {
    expect(reasonOf(() => decodeSign1(new Uint8Array(0)))).toBe('NOT_CBOR');
    for (const bytes of [await cose([[2, []]]), await cose([[2, 'kid']]), await cose([], [[2, [4]]])]) {
      expect(reasonOf(() => decodeSign1(bytes))).toBe('CRIT_MALFORMED');
    }
  });
});
