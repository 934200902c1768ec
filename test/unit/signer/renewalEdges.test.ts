// Session 26, a mutation probe of session 25's renewal rule (preferRenewed): each case fails for one
// change to it that left facilityCertificateRule.test.ts green.
import { describe, expect, it } from 'vitest';
import { preferRenewed, type RenewalFacts } from '../../../shared/signer/index.js';

const old: RenewalFacts = { subject: 'CN=TTYT, UID=MST:0101234567', issuer: 'CN=VNPT-CA SHA-256', keyUsage: ['digitalSignature', 'nonRepudiation'], extKeyUsage: null, notBefore: 1_000, notAfter: 5_000 };
const pick = (...f: RenewalFacts[]) => preferRenewed(f, (x) => x);

describe('of certificates that read the same', () => {
  it('a re-issue with the same end (cấp lại after a revocation) is the one issued last, in either order', () => {
    const reissued: RenewalFacts = { ...old, notBefore: 3_000 };
    expect(pick(old, reissued)).toEqual([reissued]);
    expect(pick(reissued, old)).toEqual([reissued]);
  });

  it('one with another key usage (authentication beside signing) is no renewal: the signer chooses', () => {
    expect(pick({ ...old, keyUsage: ['digitalSignature'] }, { ...old, keyUsage: ['digitalSignature', 'keyEncipherment'], notBefore: 4_000, notAfter: 9_000 })).toHaveLength(2);
  });
});
