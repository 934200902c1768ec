/**
 * An independent check of an exported batch (DESIGN §5, §6), written without the production
 * code path: the `cbor` npm package decodes, node:crypto hashes and verifies, and the Merkle
 * audit-path walk is RFC 9162 §2.1.3.2 written out again here.
 */
import { X509Certificate, createHash, constants, verify } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cbor = require('cbor') as { decodeFirstSync(b: Uint8Array): unknown; encode(v: unknown): Buffer; Tagged: new (tag: number, v: unknown) => unknown };

const sha256 = (...parts: Uint8Array[]) => createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();

function rootFromPath(leaf: Buffer, index: number, size: number, proof: Buffer[]): Buffer | null {
  if (index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.from([1]), p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
    } else {
      r = sha256(Buffer.from([1]), r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? r : null;
}

export interface IndependentResult {
  signatureValid: boolean;
  kidMatches: boolean;
  alg: number;
  manifest: Record<string, unknown>;
  proofsValid: number;
  records: Record<string, unknown>[];
  certificate: X509Certificate;
}

export function verifyExportedBatch(body: Uint8Array): IndependentResult {
  const top = cbor.decodeFirstSync(body) as { manifest: Buffer; items: { record: Buffer; index: number; proof: Buffer[] }[] } | Map<string, unknown>;
  const get = (o: unknown, k: string): unknown => (o instanceof Map ? o.get(k) : (o as Record<string, unknown>)[k]);
  const manifestBytes = get(top, 'manifest') as Buffer;
  const items = get(top, 'items') as unknown[];
  let sign1 = cbor.decodeFirstSync(manifestBytes) as { tag?: number; value?: unknown } | unknown[];
  if (!Array.isArray(sign1)) sign1 = (sign1 as { value: unknown[] }).value;
  const [protectedBytes, unprotected, payload, signature] = sign1 as [Buffer, Map<number, unknown>, Buffer, Buffer];
  const protectedHeader = cbor.decodeFirstSync(protectedBytes) as Map<number, unknown>;
  const alg = protectedHeader.get(1) as number;
  const kid = protectedHeader.get(4) as Buffer;
  const x5 = unprotected.get(33);
  const leafDer = Buffer.isBuffer(x5) ? x5 : (x5 as Buffer[])[0]!;
  const certificate = new X509Certificate(leafDer);
  const kidMatches = sha256(leafDer).subarray(0, 8).equals(kid);
  const toBeSigned = cbor.encode(['Signature1', protectedBytes, Buffer.alloc(0), payload]);
  let signatureValid: boolean;
  if (alg === -7) signatureValid = verify('sha256', toBeSigned, { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  else if (alg === -37) signatureValid = verify('sha256', toBeSigned, { key: certificate.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
  else signatureValid = verify('sha256', toBeSigned, { key: certificate.publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
  const decodedManifest = cbor.decodeFirstSync(payload);
  const manifest = decodedManifest instanceof Map ? (Object.fromEntries(decodedManifest) as Record<string, unknown>) : (decodedManifest as Record<string, unknown>);
  const root = get(manifest, 'root') as Buffer;
  const count = get(manifest, 'count') as number;
  let proofsValid = 0;
  const records: Record<string, unknown>[] = [];
  for (const item of items) {
    const record = get(item, 'record') as Buffer;
    const index = get(item, 'index') as number;
    const proof = get(item, 'proof') as Buffer[];
    const computed = rootFromPath(sha256(Buffer.from([0]), record), index, count, proof);
    if (computed?.equals(root)) proofsValid++;
    const decoded = cbor.decodeFirstSync(record);
    records.push(decoded instanceof Map ? Object.fromEntries(decoded) : (decoded as Record<string, unknown>));
  }
  return { signatureValid, kidMatches, alg, manifest, proofsValid, records, certificate };
}
