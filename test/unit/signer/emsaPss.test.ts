// The raw-RSA fallbacks (CKM_RSA_X_509 + EMSA-PSS made in Node, CKM_RSA_PKCS + DigestInfo) must
// give signatures any PS256 / RS256 verifier accepts.
import { constants, createHash, generateKeyPairSync, privateDecrypt, privateEncrypt, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emsaPssEncode, mgf1Sha256, sha256DigestInfo } from '../../../electron/signer/emsaPss.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
// A modulus of 1537 bits (≡ 1 mod 8): emLen = k - 1, the case where EM needs a leading zero
// byte. (OpenSSL rounds some odd sizes such as 2049 down; 1537 it keeps.)
const odd = generateKeyPairSync('rsa', { modulusLength: 1537 });
const oddBits = (() => {
  const n = Buffer.from(odd.publicKey.export({ format: 'jwk' }).n!, 'base64url');
  return n.length * 8 - (Math.clz32(n[0]!) - 24);
})();

/** What a token does with CKM_RSA_X_509: m^d mod n, no padding. */
const rawRsa = (key: typeof privateKey, em: Uint8Array) => privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, em);

describe('EMSA-PSS encoding (RFC 8017 §9.1.1) for CKM_RSA_X_509', () => {
  it('makes PS256 signatures (SHA-256, MGF1-SHA256, salt 32) that node:crypto verifies', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (message) => {
        const em = emsaPssEncode(new Uint8Array(createHash('sha256').update(message).digest()), 2048);
        expect(em.length).toBe(256);
        const sig = rawRsa(privateKey, em);
        expect(verify('sha256', message, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)).toBe(true);
        // …and not with another salt length: the encoding really uses 32.
        expect(verify('sha256', message, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 }, sig)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('handles a modulus whose bit length is 1 mod 8 (EM one byte shorter than the modulus)', () => {
    const message = new TextEncoder().encode('manifest');
    expect(oddBits % 8).toBe(1);
    const em = emsaPssEncode(new Uint8Array(createHash('sha256').update(message).digest()), oddBits);
    expect(em.length).toBe(Math.ceil(oddBits / 8));
    expect(em[0]).toBe(0);
    const sig = rawRsa(odd.privateKey, em);
    expect(verify('sha256', message, { key: odd.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)).toBe(true);
  });

  it('MGF1-SHA256 matches its definition for lengths across block boundaries', () => {
    const seed = new Uint8Array([1, 2, 3]);
    const mask = mgf1Sha256(seed, 70);
    const block = (i: number) => createHash('sha256').update(seed).update(Buffer.from([0, 0, 0, i])).digest();
    expect(Buffer.from(mask)).toEqual(Buffer.concat([block(0), block(1), block(2)]).subarray(0, 70));
  });

  it('refuses a modulus too short for a 32-byte salt', () => {
    expect(() => emsaPssEncode(new Uint8Array(32), 512)).toThrow();
  });
});

describe('DigestInfo for CKM_RSA_PKCS (RS256 fallback)', () => {
  it('PKCS#1 v1.5 padding over the DigestInfo verifies as sha256WithRSAEncryption', () => {
    const message = new TextEncoder().encode('batch manifest');
    const sig = privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, sha256DigestInfo(new Uint8Array(createHash('sha256').update(message).digest())));
    expect(verify('sha256', message, publicKey, sig)).toBe(true);
  });
});
