// COSE_Sign1 as the station and the DCC issuer use it: sign, decode, verify, and refuse tampering.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Tagged, decodeCbor, encodeCanonical } from '../../../shared/cbor/cbor.js';
import {
  COSE_ALG,
  COSE_HEADER,
  algOf,
  decodeSign1,
  kidFromCertificate,
  kidOf,
  sigStructure,
  signSign1,
  verifySign1,
  verifySign1Detailed,
  webCryptoSigner,
  x5chainOf,
  type CoseAlg,
  type Sign1,
} from '../../../shared/cose/cose.js';
import { asBufferSource, bytesToHex, hexToBytes, sha256 } from '../../../shared/crypto/crypto.js';
import { StationError } from '../../../shared/errors.js';
import { generateKeyPair, type TestKeyPair } from '../../fixtures/pki.js';

const payload = encodeCanonical(new Map<number, unknown>([[1, 'VN'], [4, 1700000000], [6, 1690000000]]));
const kid = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);

const keys: Record<string, TestKeyPair> = {};
beforeAll(async () => {
  keys.ES256 = await generateKeyPair('EC');
  keys.PS256 = await generateKeyPair('RSA', { forSign: 'PS256' });
  keys.RS256 = await generateKeyPair('RSA', { forSign: 'RS256' });
});

async function signed(alg: 'ES256' | 'PS256' | 'RS256', extra: Partial<Parameters<typeof signSign1>[0]> = {}): Promise<Uint8Array> {
  return signSign1({
    protectedHeader: new Map<number, unknown>([[COSE_HEADER.kid, kid]]),
    payload,
    signer: webCryptoSigner(keys[alg]!.privateKey, COSE_ALG[alg]),
    ...extra,
  });
}

function codeOf(fn: () => unknown): { code: string; reason?: unknown } | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (!(e instanceof StationError)) return { code: `raw ${String(e)}` };
    return { code: e.code, reason: (e.details as { reason?: unknown } | undefined)?.reason };
  }
}

describe.each(['ES256', 'PS256', 'RS256'] as const)('%s', (alg) => {
  it('signs and verifies with the public CryptoKey and with the SPKI bytes', async () => {
    const s = decodeSign1(await signed(alg));
    expect(algOf(s)).toBe(COSE_ALG[alg]);
    expect(await verifySign1(s, keys[alg]!.publicKey)).toBe(true);
    expect(await verifySign1(s, keys[alg]!.spki)).toBe(true);
  });

  it('a changed payload, protected header or signature fails', async () => {
    const s = decodeSign1(await signed(alg));
    const payload2 = s.payload.slice();
    payload2[payload2.length - 1]! ^= 1;
    expect(await verifySign1({ ...s, payload: payload2 }, keys[alg]!.spki)).toBe(false);
    const protected2 = encodeCanonical(new Map<number, unknown>([[COSE_HEADER.alg, COSE_ALG[alg]], [COSE_HEADER.kid, Uint8Array.of(9)]]));
    expect(await verifySign1({ ...s, protectedBytes: protected2 }, keys[alg]!.spki)).toBe(false);
    const sig2 = s.signature.slice();
    sig2[5]! ^= 0x80;
    expect(await verifySign1Detailed({ ...s, signature: sig2 }, keys[alg]!.spki)).toEqual({ valid: false, reason: 'BAD_SIGNATURE', alg: COSE_ALG[alg] });
  });

  it('external AAD is bound into the signature', async () => {
    const aad = Uint8Array.of(0xaa);
    const s = decodeSign1(await signed(alg, { externalAad: aad }));
    expect(await verifySign1(s, keys[alg]!.spki, aad)).toBe(true);
    expect(await verifySign1(s, keys[alg]!.spki)).toBe(false);
  });

  it('another key of the same type does not verify', async () => {
    const other = await generateKeyPair(alg === 'ES256' ? 'EC' : 'RSA', { forSign: alg });
    expect(await verifySign1(decodeSign1(await signed(alg)), other.spki)).toBe(false);
  });
});

describe('algorithm and key checks', () => {
  it('an EC key cannot verify an RSA signature and vice versa (KEY_MISMATCH, no exception)', async () => {
    const ps = decodeSign1(await signed('PS256'));
    expect(await verifySign1Detailed(ps, keys.ES256!.spki)).toMatchObject({ valid: false, reason: 'KEY_MISMATCH' });
    const es = decodeSign1(await signed('ES256'));
    expect(await verifySign1Detailed(es, keys.PS256!.publicKey)).toMatchObject({ valid: false, reason: 'KEY_MISMATCH' });
  });

  it('an RSA public key generated for PSS still verifies RS256 (it is re-imported)', async () => {
    const rs = decodeSign1(await signed('RS256'));
    const pssView = await globalThis.crypto.subtle.importKey('spki', asBufferSource(keys.RS256!.spki), { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']);
    expect(await verifySign1(rs, pssView)).toBe(true);
  });

  it('a private key or garbage as key gives false', async () => {
    const es = decodeSign1(await signed('ES256'));
    expect(await verifySign1(es, keys.ES256!.privateKey)).toBe(false);
    expect(await verifySign1(es, Uint8Array.of(1, 2, 3))).toBe(false);
  });

  it('missing or unsupported alg gives false with the reason', async () => {
    const es = decodeSign1(await signed('ES256'));
    const noAlg: Sign1 = { ...es, protectedHeader: new Map([[COSE_HEADER.kid, kid]]) };
    expect(await verifySign1Detailed(noAlg, keys.ES256!.spki)).toEqual({ valid: false, reason: 'MISSING_ALG', alg: null });
    const es384: Sign1 = { ...es, protectedHeader: new Map([[COSE_HEADER.alg, -35]]) };
    expect(await verifySign1Detailed(es384, keys.ES256!.spki)).toEqual({ valid: false, reason: 'UNSUPPORTED_ALG', alg: -35 });
  });

  it('an ES256 signature of the wrong length is false, not an exception', async () => {
    const es = decodeSign1(await signed('ES256'));
    expect(await verifySign1({ ...es, signature: es.signature.subarray(0, 63) }, keys.ES256!.spki)).toBe(false);
    expect(await verifySign1({ ...es, signature: new Uint8Array(0) }, keys.ES256!.spki)).toBe(false);
  });

  it('PS256 with the maximum salt length (OpenSSL default) is accepted too', async () => {
    const s = decodeSign1(await signed('PS256'));
    const tbs = sigStructure(s);
    const maxSalt = 256 - 32 - 2;
    const sig = new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'RSA-PSS', saltLength: maxSalt }, keys.PS256!.privateKey, asBufferSource(tbs)));
    expect(await verifySign1({ ...s, signature: sig }, keys.PS256!.spki)).toBe(true);
    const salt20 = new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 20 }, keys.PS256!.privateKey, asBufferSource(tbs)));
    expect(await verifySign1({ ...s, signature: salt20 }, keys.PS256!.spki)).toBe(false);
  });

  it('signSign1 adds alg from the signer and refuses a contradicting one', async () => {
    const s = decodeSign1(await signed('ES256'));
    expect(s.protectedHeader.get(COSE_HEADER.alg)).toBe(-7);
    await expect(
      signSign1({
        protectedHeader: new Map([[COSE_HEADER.alg, COSE_ALG.PS256]]),
        payload,
        signer: webCryptoSigner(keys.ES256!.privateKey, COSE_ALG.ES256),
      }),
    ).rejects.toMatchObject({ code: 'COSE_ALG_MISMATCH' });
  });

  it('refuses an ES256 signer that returns DER instead of raw r‖s', async () => {
    const derSigner = { alg: COSE_ALG.ES256 as CoseAlg, sign: async () => new Uint8Array(70) };
    await expect(signSign1({ protectedHeader: new Map(), payload, signer: derSigner })).rejects.toMatchObject({
      code: 'COSE_SIGNATURE_FORMAT',
    });
  });
});

describe('structure', () => {
  it('the Sig_structure is ["Signature1", protected, aad, payload] (RFC 9052 §4.4)', () => {
    const tbs = sigStructure({ protectedBytes: hexToBytes('a10126'), payload: hexToBytes('01') });
    expect(bytesToHex(tbs)).toBe('846a5369676e61747572653143a10126404101');
  });

  it('tag 18 by default, untagged on request; header layout as the manifest needs it', async () => {
    const cert = Uint8Array.of(0x30, 0x00);
    const bytes = await signed('ES256', { unprotectedHeader: new Map([[COSE_HEADER.x5chain, cert]]) });
    expect(bytes[0]).toBe(0xd2);
    const s = decodeSign1(bytes);
    expect(s.tags).toEqual([18]);
    expect(bytesToHex(s.protectedBytes)).toBe('a2012604480102030405060708');
    expect(x5chainOf(s)).toEqual([cert]);
    const untagged = decodeSign1(await signed('ES256', { tag: false }));
    expect(untagged.tags).toEqual([]);
    expect(await verifySign1(untagged, keys.ES256!.spki)).toBe(true);
  });

  it('decodes CWT tag 61 around tag 18', async () => {
    const inner = decodeCbor(await signed('ES256'));
    const s = decodeSign1(encodeCanonical(new Tagged(61, inner)));
    expect(s.tags).toEqual([61, 18]);
    expect(await verifySign1(s, keys.ES256!.spki)).toBe(true);
  });

  it('an empty protected header is the empty byte string', async () => {
    const signer = webCryptoSigner(keys.ES256!.privateKey, COSE_ALG.ES256);
    const s = decodeSign1(await signSign1({ protectedHeader: new Map(), payload, signer }));
    expect(s.protectedHeader.get(1)).toBe(-7);
    const empty = decodeSign1(hexToBytes('d28440a10126420102' + '40'));
    expect(empty.protectedHeader.size).toBe(0);
    expect(algOf(empty)).toBe(-7);
  });

  it('kid: protected header wins, unprotected is the fallback (hcert §3.3.1)', () => {
    const both = decodeSign1(encodeCanonical(new Tagged(18, [encodeCanonical(new Map([[4, Uint8Array.of(1)]])), new Map([[4, Uint8Array.of(2)]]), payload, new Uint8Array(64)])));
    expect(kidOf(both)).toEqual(Uint8Array.of(1));
    const unprot = decodeSign1(encodeCanonical([new Uint8Array(0), new Map([[4, Uint8Array.of(2)]]), payload, new Uint8Array(64)]));
    expect(kidOf(unprot)).toEqual(Uint8Array.of(2));
    const none = decodeSign1(encodeCanonical([new Uint8Array(0), new Map(), payload, new Uint8Array(64)]));
    expect(kidOf(none)).toBeNull();
    const textKid = decodeSign1(encodeCanonical([encodeCanonical(new Map([[4, 'abc']])), new Map(), payload, new Uint8Array(64)]));
    expect(kidOf(textKid)).toBeNull();
  });

  it('kidFromCertificate is the first 8 bytes of SHA-256 of the DER', async () => {
    const der = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05);
    expect(await kidFromCertificate(der)).toEqual((await sha256(der)).slice(0, 8));
  });
});

describe('malformed COSE is COSE_INVALID with a reason', () => {
  const p = bytesToHex(payload);
  it.each([
    ['00', 'NOT_ARRAY_OF_4'],
    ['ff', 'NOT_CBOR'],
    ['d28340a0' + '40', 'NOT_ARRAY_OF_4'],
    ['d3844040' + '40' + '40', 'UNEXPECTED_TAG'],
    ['d2840aa04040', 'PROTECTED_NOT_BSTR'],
    ['d28442a101a04040', 'PROTECTED_NOT_MAP'],
    ['d2844101a04040', 'PROTECTED_NOT_MAP'],
    ['d2844080' + '40' + '40', 'UNPROTECTED_NOT_MAP'],
    ['d28440a0f640', 'DETACHED_PAYLOAD'],
    ['d28440a00140', 'PAYLOAD_NOT_BSTR'],
    ['d28440a0410001', 'SIGNATURE_NOT_BSTR'],
    ['d28440a0' + p + '40', 'PAYLOAD_NOT_BSTR'],
    ['d28440a2040104024040', 'NOT_CBOR'],
  ])('%s → %s', (hex, reason) => {
    expect(codeOf(() => decodeSign1(hexToBytes(hex)))).toEqual({ code: 'COSE_INVALID', reason });
  });

  it('random bytes and corrupted COSE never throw anything but COSE_INVALID', async () => {
    const good = await signed('ES256');
    const onlyCoseInvalid = (b: Uint8Array) => {
      const r = codeOf(() => decodeSign1(b));
      if (r !== null) expect(r.code).toBe('COSE_INVALID');
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), onlyCoseInvalid), { numRuns: 1000 });
    fc.assert(
      fc.property(fc.nat(), fc.nat(255), (at, byte) => {
        const b = good.slice();
        b[at % b.length] = byte;
        onlyCoseInvalid(b);
        onlyCoseInvalid(good.subarray(0, at % good.length));
      }),
      { numRuns: 1000 },
    );
  });
});
