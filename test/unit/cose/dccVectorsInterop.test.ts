// Interop with the EU DCC conformance vectors (dgc-testdata): our COSE + X.509 code must agree
// with EXPECTEDVERIFY (kid matches the DSC and the signature verifies). Engineer B's DCC suite
// runs every vector; these prove the crypto core on ES256, PS256 (RSA 2048/3072) and tag 61+18.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSign1, kidFromCertificate, kidOf, verifySign1, verifySign1Detailed } from '../../../shared/cose/cose.js';
import { base64ToBytes, equalBytes, hexToBytes } from '../../../shared/crypto/crypto.js';
import { importCertificateKey, parseCertificate } from '../../../shared/x509/x509.js';

const raw = resolve(import.meta.dirname, '../../..', '../shared/testdata/dcc/vectors/common/2DCode/raw');

interface Vector {
  COSE: string;
  TESTCTX: { CERTIFICATE: string; DESCRIPTION: string };
  EXPECTEDRESULTS: { EXPECTEDVERIFY?: boolean };
}

const load = (name: string) => JSON.parse(readFileSync(resolve(raw, `${name}.json`), 'utf8')) as Vector;

async function verifyVector(v: Vector): Promise<boolean> {
  const sign1 = decodeSign1(hexToBytes(v.COSE));
  const der = base64ToBytes(v.TESTCTX.CERTIFICATE);
  const cert = parseCertificate(der);
  const kid = kidOf(sign1);
  const kidMatches = kid !== null && equalBytes(kid, await kidFromCertificate(der));
  return kidMatches && (await verifySign1(sign1, cert.publicKey.spki));
}

describe('EU DCC vectors: EXPECTEDVERIFY', () => {
  it.each([
    ['CO1', 'RSA 2048, PS256', -37],
    ['CO2', 'RSA 3072, PS256', -37],
    ['CO3', 'EC P-256, ES256', -7],
    ['CO28', 'CWT tag 61 + COSE tag 18', -7],
    ['CO19', 'kid only in the unprotected header', -7],
  ])('%s (%s) verifies', async (name, _what, alg) => {
    const v = load(name);
    expect(v.EXPECTEDRESULTS.EXPECTEDVERIFY).toBe(true);
    expect(await verifyVector(v)).toBe(true);
    const sign1 = decodeSign1(hexToBytes(v.COSE));
    const cert = parseCertificate(base64ToBytes(v.TESTCTX.CERTIFICATE));
    expect(await verifySign1Detailed(sign1, cert.publicKey.spki)).toEqual({ valid: true, alg });
  });

  it('CO5 (cryptographically invalid signature) fails with BAD_SIGNATURE', async () => {
    const v = load('CO5');
    expect(v.EXPECTEDRESULTS.EXPECTEDVERIFY).toBe(false);
    expect(await verifyVector(v)).toBe(false);
    const sign1 = decodeSign1(hexToBytes(v.COSE));
    const cert = parseCertificate(base64ToBytes(v.TESTCTX.CERTIFICATE));
    expect(await verifySign1Detailed(sign1, cert.publicKey.spki)).toMatchObject({ valid: false, reason: 'BAD_SIGNATURE' });
  });

  it('CO22 and CO23 (wrong kid in the protected header) fail on the kid', async () => {
    for (const name of ['CO22', 'CO23']) {
      const v = load(name);
      expect(v.EXPECTEDRESULTS.EXPECTEDVERIFY).toBe(false);
      expect(await verifyVector(v)).toBe(false);
    }
  });

  it('CO28 reports both outer tags', () => {
    expect(decodeSign1(hexToBytes(load('CO28').COSE)).tags).toEqual([61, 18]);
  });

  it('importCertificateKey gives a key that verifies the vector', async () => {
    const v = load('CO3');
    const key = await importCertificateKey(parseCertificate(base64ToBytes(v.TESTCTX.CERTIFICATE)), -7);
    expect(await verifySign1(decodeSign1(hexToBytes(v.COSE)), key)).toBe(true);
    await expect(importCertificateKey(parseCertificate(base64ToBytes(v.TESTCTX.CERTIFICATE)), -37)).rejects.toMatchObject({
      code: 'CERT_KEY_MISMATCH',
    });
  });
});
