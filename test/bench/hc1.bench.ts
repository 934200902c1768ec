/**
 * HC1 throughput: the station's pipeline (shared/dcc: deterministic CBOR, COSE_Sign1 over
 * WebCrypto, pako, own base45) next to a pipeline assembled from the `cbor`, `cose-js`, `pako` and
 * `base45` npm packages doing the same work with the same keys and payload, in the same run.
 */
import { createRequire } from 'node:module';
import { deflate, inflate } from 'pako';
import { encodeHc1 } from '../../shared/dcc/hc1.js';
import { trustEntryFromCertificate } from '../../shared/dcc/trust.js';
import { verifyHc1 } from '../../shared/dcc/verify.js';
import { webCryptoSigner, kidFromCertificate, type CoseAlg } from '../../shared/cose/index.js';
import { base64ToBytes } from '../../shared/crypto/bytes.js';
import { createCertificate, generateKeyPair } from '../fixtures/pki.js';
import { throughput, type Figure } from './harness.js';

const require = createRequire(import.meta.url);
const cbor = require('cbor') as { encode(v: unknown): Buffer; decodeFirstSync(b: Uint8Array): unknown };
const cose = require('cose-js') as {
  sign: {
    create(headers: unknown, payload: Buffer, signer: unknown): Promise<Buffer>;
    verifySync(message: Buffer, verifier: unknown): Buffer;
  };
};
const base45 = require('base45') as { encode(b: Uint8Array): string; decode(s: string): Buffer };

const payload = {
  ver: '1.3.0',
  nam: { fn: 'Nguyễn', gn: 'Bảo Duy', fnt: 'NGUYEN', gnt: 'BAO<DUY' },
  dob: '1983-10-10',
  v: [{ tg: '840539006', vp: 'J07BX03', mp: 'EU/1/21/1529', ma: 'ORG-100001699', dn: 2, sd: 2, dt: '2021-03-18', co: 'VN', is: 'Ministry of Health of Viet Nam', ci: 'URN:UVCI:01:VN:FFFE3D31FABD035899134A9D3BAE9BCF#E' }],
};
const iat = 1_763_856_000;
const exp = iat + 365 * 86_400;
const at = new Date((iat + 86_400) * 1000);

function b64url(s: string): Buffer {
  return Buffer.from(base64ToBytes(s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '=')));
}

async function setup(algName: 'ES256' | 'PS256') {
  const keys = await generateKeyPair(algName === 'ES256' ? 'EC' : 'RSA', { forSign: algName });
  const dsc = await createCertificate({
    subject: [{ attr: 'CN', value: 'Bench DSC' }, { attr: 'C', value: 'VN' }],
    keys,
    extKeyUsage: ['1.3.6.1.4.1.1847.2021.1.2'],
    signatureAlg: algName,
    notBefore: new Date((iat - 86_400) * 1000),
    notAfter: new Date((exp + 86_400) * 1000),
  });
  const alg: CoseAlg = algName === 'ES256' ? -7 : -37;
  const kid = await kidFromCertificate(dsc.der);
  const trust = [await trustEntryFromCertificate(dsc.der)];
  const jwk = (await crypto.subtle.exportKey('jwk', keys.privateKey)) as Record<string, string>;
  // cose-js wants raw key components: d for ES256 signing, x/y to verify; RSA CRT components.
  const baselineSigner = algName === 'ES256' ? { key: { d: b64url(jwk.d!) } } : { key: Object.fromEntries(['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'].map((k) => [k, b64url(jwk[k]!)])) };
  const baselineVerifier = algName === 'ES256' ? { key: { x: b64url(jwk.x!), y: b64url(jwk.y!) } } : { key: { n: b64url(jwk.n!), e: b64url(jwk.e!) } };
  const signer = webCryptoSigner(keys.privateKey, alg);

  const station = {
    encode: () => encodeHc1({ payload, signer, kid, iss: 'VN', iat, exp }),
    verify: async (text: string) => {
      const report = await verifyHc1(text, { trust, at });
      if (!report.valid) throw new Error(`station verify failed: ${JSON.stringify(report.errors)}`);
    },
  };
  const baseline = {
    encode: async () => {
      const claims = new Map<number, unknown>([[1, 'VN'], [4, exp], [6, iat], [-260, new Map([[1, payload]])]]);
      const signed = await cose.sign.create({ p: { alg: algName, kid: Buffer.from(kid) }, u: {} }, cbor.encode(claims), baselineSigner);
      return `HC1:${base45.encode(deflate(signed, { level: 9 }))}`;
    },
    verify: (text: string) => {
      const signed = inflate(base45.decode(text.slice(4)));
      const claims = cbor.decodeFirstSync(cose.sign.verifySync(Buffer.from(signed), baselineVerifier)) as Map<number, unknown>;
      const e = claims.get(4) as number;
      if (!(claims.get(-260) instanceof Map) || e * 1000 < at.getTime()) throw new Error('baseline verify failed');
    },
  };
  return { station, baseline };
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const alg of ['ES256', 'PS256'] as const) {
    const { station, baseline } = await setup(alg);
    // Both pipelines must produce codes the other accepts: the comparison is of equal work.
    await baseline.verify(await station.encode());
    await station.verify(await baseline.encode());
    const stationText = await station.encode();
    const baselineText = await baseline.encode();
    const seconds = alg === 'PS256' ? 3 : 2;
    const enc = await throughput(station.encode, { seconds });
    const encBase = await throughput(baseline.encode, { seconds, warmup: 5 });
    const dec = await throughput(() => station.verify(stationText), { seconds });
    const decBase = await throughput(() => baseline.verify(baselineText), { seconds, warmup: 5 });
    figures.push(
      { suite: 'hc1', name: `encode + sign ${alg}`, value: enc, unit: 'codes/s', baseline: { name: 'cbor+cose-js+pako+base45', value: encBase }, better: 'higher', goal: '≥ 2× baseline', goalMet: enc >= 2 * encBase },
      { suite: 'hc1', name: `decode + verify ${alg}`, value: dec, unit: 'codes/s', baseline: { name: 'cbor+cose-js+pako+base45', value: decBase }, better: 'higher', goal: '≥ 2× baseline', goalMet: dec >= 2 * decBase },
    );
  }
  return figures;
}
