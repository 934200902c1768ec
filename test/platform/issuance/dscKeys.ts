/**
 * The simulator's document signers (step 3 of DESIGN §1): a simulator CSCA and two DSCs it issued
 * with the EU DCC vaccination extended key usage (1.3.6.1.4.1.1847.2021.1.2), one ES256 (P-256)
 * and one PS256 (RSA-2048; the Vietnamese production DSCs are RSA-PSS). Both are made at first
 * start and kept in the data dir, so certificates issued before a restart still verify; both are
 * in the trust list, and `--dsc-alg` picks the one that signs.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kidFromCertificate, webCryptoSigner, COSE_ALG, type CoseSigner } from '../../../shared/cose/cose.js';
import { asBufferSource, bytesToBase64 } from '../../../shared/crypto/bytes.js';
import type { TrustList } from '../../../shared/platform/api.js';
import { OID, derToPem, parseCertificate, type Certificate } from '../../../shared/x509/x509.js';
import { createCertificate, generateKeyPair, type IssuedCert, type TestKeyPair } from '../../fixtures/pki.js';

export type DscAlg = 'ES256' | 'PS256';
export const DSC_ALGS: readonly DscAlg[] = ['ES256', 'PS256'];

export interface Dsc {
  alg: DscAlg;
  der: Uint8Array;
  cert: Certificate;
  kid: Uint8Array;
  signer: CoseSigner;
}

export interface DscSet {
  csca: Certificate;
  dscs: Dsc[];
  active: Dsc;
  trustList: TrustList;
  trustListPath: string;
}

const YEAR_MS = 365.25 * 86400_000;
const subtle = globalThis.crypto.subtle;

const SUBJECT_BASE = [
  { attr: 'C', value: 'VN' },
  { attr: 'O', value: 'Bộ Y tế' },
  { attr: 'OU', value: 'Cục Y tế dự phòng' },
];

function importParams(type: 'EC' | 'RSA'): EcKeyImportParams | RsaHashedImportParams {
  return type === 'EC' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSA-PSS', hash: 'SHA-256' };
}

/** Written beside and renamed, so a crash never leaves half a key. Private keys: owner-only. */
function writeAtomic(path: string, data: Uint8Array | string, secret = false): void {
  const tmp = `${path}.${randomUUID()}.tmp`;
  writeFileSync(tmp, data, secret ? { mode: 0o600 } : {});
  if (secret) chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

async function saveIssued(dir: string, name: string, issued: IssuedCert): Promise<void> {
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', issued.keys.privateKey));
  writeAtomic(join(dir, `${name}.key.der`), pkcs8, true);
  writeAtomic(join(dir, `${name}.pem`), issued.pem);
  writeAtomic(join(dir, `${name}.der`), issued.der);
}

async function loadIssued(dir: string, name: string): Promise<IssuedCert | null> {
  const derPath = join(dir, `${name}.der`);
  const keyPath = join(dir, `${name}.key.der`);
  if (!existsSync(derPath) || !existsSync(keyPath)) return null;
  const der = new Uint8Array(readFileSync(derPath));
  const cert = parseCertificate(der);
  const type = cert.publicKey.type === 'RSA' ? 'RSA' : 'EC';
  const privateKey = await subtle.importKey('pkcs8', asBufferSource(new Uint8Array(readFileSync(keyPath))), importParams(type), true, ['sign']);
  const publicKey = await subtle.importKey('spki', asBufferSource(cert.publicKey.spki), importParams(type), true, ['verify']);
  const keys: TestKeyPair = { privateKey, publicKey, spki: cert.publicKey.spki, type };
  return { der, pem: derToPem(der), cert, keys };
}

async function createCsca(now: Date): Promise<IssuedCert> {
  return createCertificate({
    subject: [...SUBJECT_BASE, { attr: 'CN', value: 'Viet Nam DCC CSCA (simulator)' }],
    keys: await generateKeyPair('EC'),
    isCa: true,
    notBefore: new Date(now.getTime() - 86400_000),
    notAfter: new Date(now.getTime() + 20 * YEAR_MS),
  });
}

/**
 * A DSC must outlive every certificate it signs (hcert: exp ≤ DSC notAfter, and verifiers check
 * it), and certificates last 12 months: the simulator's DSCs are valid for 10 years.
 */
async function createDsc(alg: DscAlg, csca: IssuedCert, now: Date): Promise<IssuedCert> {
  return createCertificate({
    subject: [...SUBJECT_BASE, { attr: 'CN', value: `Viet Nam DCC DSC ${alg} (simulator)` }],
    keys: await generateKeyPair(alg === 'ES256' ? 'EC' : 'RSA', { forSign: 'PS256' }),
    issuer: csca,
    notBefore: new Date(now.getTime() - 86400_000),
    notAfter: new Date(now.getTime() + 10 * YEAR_MS),
    keyUsage: ['digitalSignature'],
    extKeyUsage: [OID.dccVaccination],
  });
}

export async function loadOrCreateDscs(dataDir: string, activeAlg: DscAlg, now: Date): Promise<DscSet> {
  const dir = join(dataDir, 'dcc-signer');
  mkdirSync(dir, { recursive: true });
  let csca = await loadIssued(dir, 'csca');
  const dscs: Dsc[] = [];
  for (const alg of DSC_ALGS) {
    const name = `dsc-${alg.toLowerCase()}`;
    let issued = await loadIssued(dir, name);
    if (!issued) {
      if (!csca) {
        csca = await createCsca(now);
        await saveIssued(dir, 'csca', csca);
      }
      issued = await createDsc(alg, csca, now);
      await saveIssued(dir, name, issued);
    }
    const coseAlg = alg === 'ES256' ? COSE_ALG.ES256 : COSE_ALG.PS256;
    dscs.push({ alg, der: issued.der, cert: issued.cert, kid: await kidFromCertificate(issued.der), signer: webCryptoSigner(issued.keys.privateKey, coseAlg) });
  }
  const trustList: TrustList = {
    certificates: dscs.map((d) => ({ kid: bytesToBase64(d.kid), country: 'VN', certificate: bytesToBase64(d.der) })),
  };
  const trustListPath = join(dataDir, 'trust-list.json');
  writeAtomic(trustListPath, `${JSON.stringify(trustList, null, 2)}\n`);
  const active = dscs.find((d) => d.alg === activeAlg)!;
  return { csca: (csca ?? (await loadIssued(dir, 'csca'))!).cert, dscs, active, trustList, trustListPath };
}
