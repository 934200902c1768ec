// Session 26, a mutation probe of session 25's issuer chain: a CA certificate renewed on the same
// key may be on the token before it is valid (a CA ships its next intermediate ahead). The chain
// took the one that ends last, not yet valid at signing, and the platform refused the whole batch.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issuerChain } from '../../../electron/signer/certificateChain.js';
import type { TokenCertificate } from '../../../electron/signer/tokenObjects.js';
import { checkFacilityCertificate } from '../../platform/batch/facilityCertificate.js';
import { createCertificate, generateKeyPair, type IssuedCert } from '../../fixtures/pki.js';
import { TEST_FACILITY, facilitySubject } from '../../fixtures/softhsm.js';

const DAY = 86400_000;
const now = Date.now();

const onToken = (issued: IssuedCert, label: string): TokenCertificate => ({
  id: new Uint8Array(),
  label,
  der: issued.der,
  fingerprint: createHash('sha256').update(issued.der).digest('hex'),
  cert: issued.cert,
});

describe('of issuers with the same key and name', () => {
  it('the one valid at signing is sent, not a later one the token holds ahead of its start', async () => {
    const root = await createCertificate({
      subject: [{ attr: 'C', value: 'VN' }, { attr: 'CN', value: 'Vietnam National Root CA' }],
      keys: await generateKeyPair('EC', { forSign: 'ES256' }),
      isCa: true,
      notBefore: new Date(now - 3000 * DAY),
      notAfter: new Date(now + 6000 * DAY),
    });
    const name = [{ attr: 'C', value: 'VN' }, { attr: 'O', value: 'Viettel Group' }, { attr: 'CN', value: 'Viettel-CA SHA-256' }];
    const keys = await generateKeyPair('EC', { forSign: 'ES256' });
    const current = await createCertificate({ subject: name, keys, issuer: root, isCa: true, notBefore: new Date(now - 100 * DAY), notAfter: new Date(now + 200 * DAY) });
    const next = await createCertificate({ subject: name, keys, issuer: root, isCa: true, notBefore: new Date(now + 30 * DAY), notAfter: new Date(now + 3000 * DAY) });
    const leaf = await createCertificate({ subject: facilitySubject(), keyUsage: ['digitalSignature', 'nonRepudiation'], keys: await generateKeyPair('EC', { forSign: 'ES256' }), issuer: current });
    const certs = [onToken(leaf, 'leaf'), onToken(next, 'next'), onToken(current, 'current'), onToken(root, 'root')];
    const chain = issuerChain(certs[0]!, certs, new Date(now));
    expect(chain.map((d) => Buffer.from(d))).toEqual([Buffer.from(current.der), Buffer.from(root.der)]);
    const accepted = await checkFacilityCertificate({ chain: [leaf.der, ...chain], anchors: [root.cert], signedAt: new Date(now), now: new Date(now), graceMs: 0, taxCode: TEST_FACILITY.taxCode });
    expect(accepted.serialNumber).toBe(leaf.cert.serialNumber);
  });
});
