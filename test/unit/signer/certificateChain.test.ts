// The x5chain the station sends (RFC 9360) must be the path the platform builds: CAs re-key and
// keep their name ("Viettel-CA SHA-256" of 2019 and of 2024), and a token keeps both
// intermediates. An issuer chosen by name alone was the wrong one about half the time (SoftHSM's
// object order), and the platform refused the whole batch as CERT_UNTRUSTED.
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

let layout: ReturnType<typeof makeLayout> | null = null;
/** One layout for the file: RSA keys take a second each to make. */
const viettelLayout = () => (layout ??= makeLayout());

async function makeLayout() {
  const root = await createCertificate({
    subject: [{ attr: 'C', value: 'VN' }, { attr: 'O', value: 'Ministry of Information and Communications' }, { attr: 'CN', value: 'Vietnam National Root CA' }],
    keys: await generateKeyPair('RSA', { forSign: 'RS256' }),
    isCa: true,
    notBefore: new Date(now - 3000 * DAY),
    notAfter: new Date(now + 3000 * DAY),
  });
  const name = [{ attr: 'C', value: 'VN' }, { attr: 'O', value: 'Viettel Group' }, { attr: 'CN', value: 'Viettel-CA SHA-256' }];
  const intermediate = async (notBefore: number, notAfter: number) =>
    createCertificate({ subject: name, keys: await generateKeyPair('RSA', { forSign: 'RS256' }), issuer: root, isCa: true, notBefore: new Date(notBefore), notAfter: new Date(notAfter) });
  const old = await intermediate(now - 2000 * DAY, now - 10 * DAY);
  const current = await intermediate(now - 100 * DAY, now + 2000 * DAY);
  const leaf = await createCertificate({ subject: facilitySubject(), keyUsage: ['digitalSignature', 'nonRepudiation'], keys: await generateKeyPair('RSA', { forSign: 'RS256' }), issuer: current });
  return { root, old, current, leaf };
}

describe('the chain sent with a signature', () => {
  it('is the issuer whose key signed the certificate, not the first of that name: the platform accepts it', async () => {
    const { root, old, current, leaf } = await viettelLayout();
    // The old intermediate first, as the token happened to list it.
    const certs = [onToken(leaf, 'Trung tâm Y tế'), onToken(old, 'Viettel-CA 2019'), onToken(current, 'Viettel-CA 2024'), onToken(root, 'Root')];
    const chain = issuerChain(certs[0]!, certs, new Date(now));
    expect(chain.map((d) => Buffer.from(d))).toEqual([Buffer.from(current.der), Buffer.from(root.der)]);
    const accepted = await checkFacilityCertificate({ chain: [leaf.der, ...chain], anchors: [root.cert], signedAt: new Date(now), now: new Date(now), graceMs: 0, taxCode: TEST_FACILITY.taxCode });
    expect(accepted.serialNumber).toBe(leaf.cert.serialNumber);
  });

  it('sends no certificate that did not sign the one below it (an issuer by name only is left out)', async () => {
    const { old, leaf } = await viettelLayout();
    const certs = [onToken(leaf, 'leaf'), onToken(old, 'Viettel-CA 2019')];
    expect(issuerChain(certs[0]!, certs, new Date(now))).toEqual([]);
  });

  it('of two issuers with the same key (a CA certificate renewed), the one valid at signing', async () => {
    const { root, leaf, current } = await viettelLayout();
    const renewed = await createCertificate({ subject: [{ attr: 'C', value: 'VN' }, { attr: 'O', value: 'Viettel Group' }, { attr: 'CN', value: 'Viettel-CA SHA-256' }], keys: current.keys, issuer: root, isCa: true, notBefore: new Date(now - 3000 * DAY), notAfter: new Date(now - DAY) });
    const certs = [onToken(leaf, 'leaf'), onToken(renewed, 'expired copy'), onToken(current, 'current')];
    expect(issuerChain(certs[0]!, certs, new Date(now)).map((d) => Buffer.from(d))).toEqual([Buffer.from(current.der)]);
  });
});
