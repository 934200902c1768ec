/**
 * The whole-batch checks of `PUT /v1/batches/{id}` (DESIGN §5, §6): any failure here refuses the
 * whole upload with one code, because the facility's signature covers the batch as a whole.
 * Decoding is split from verification so that a repeated upload can be answered from the stored
 * reply before the (slower, clock-dependent) certificate checks run again.
 */
import { createHash } from 'node:crypto';
import { decodeManifest, type BatchManifest } from '../../../shared/batch/manifest.js';
import { decodeSignedRecord } from '../../../shared/batch/readSignedRecord.js';
import type { SignedRecord } from '../../../shared/batch/signedRecord.js';
import { decodeUploadBody, type UploadItem } from '../../../shared/batch/uploadBody.js';
import { COSE_HEADER, algOf, decodeSign1, isCoseAlg, kidFromCertificate, kidOf, verifySign1Detailed, x5chainOf, type Sign1 } from '../../../shared/cose/cose.js';
import { bytesToHex, equalBytes } from '../../../shared/crypto/bytes.js';
import { isStationError } from '../../../shared/errors.js';
import { leafHashSync, verifyInclusionSync, type SyncSha256Port } from '../../../shared/merkle/index.js';
import type { Certificate } from '../../../shared/x509/x509.js';
import { PlatformFailure, type PlatformFailureCode } from '../platformFailure.js';
import { checkFacilityCertificate } from './facilityCertificate.js';
import { allProofsValid } from './proofTree.js';

export interface DecodedUpload {
  manifestBytes: Uint8Array;
  sign1: Sign1;
  manifest: BatchManifest;
  items: UploadItem[];
}

export interface CheckedItem {
  index: number;
  bytes: Uint8Array;
  record: SignedRecord;
}

export interface VerifyContext {
  facilityCode: string;
  taxCode: string;
  anchors: readonly Certificate[];
  now: Date;
  graceMs: number;
  /** How far in the future `created` may be (the station's clock may run a little fast). */
  maxSkewMs: number;
}

// The platform is Node: hash synchronously, a batch holds up to a million proofs.
const nodeSha256: SyncSha256Port = { sha256: (data) => new Uint8Array(createHash('sha256').update(data).digest()) };

function causeOf(e: unknown): unknown {
  return isStationError(e) ? e.toInfo() : String(e);
}

function rethrow(e: unknown, code: PlatformFailureCode): never {
  if (isStationError(e) && (e.code === 'CBOR_INVALID' || e.code === 'UPLOAD_BODY_INVALID') && code === 'UPLOAD_BODY_INVALID') {
    throw new PlatformFailure(e.code, e.details);
  }
  throw new PlatformFailure(code, { cause: causeOf(e) });
}

export function decodeUpload(body: Uint8Array, batchId: string): DecodedUpload {
  let upload;
  try {
    upload = decodeUploadBody(body);
  } catch (e) {
    rethrow(e, 'UPLOAD_BODY_INVALID');
  }
  let sign1: Sign1;
  let manifest: BatchManifest;
  try {
    sign1 = decodeSign1(upload.manifest);
    manifest = decodeManifest(sign1.payload);
  } catch (e) {
    rethrow(e, 'MANIFEST_INVALID');
  }
  if (manifest.batch !== batchId) throw new PlatformFailure('MANIFEST_MISMATCH', { field: 'batch', manifest: manifest.batch, url: batchId });
  return { manifestBytes: upload.manifest, sign1, manifest, items: upload.items };
}

async function checkSignature(upload: DecodedUpload, ctx: VerifyContext): Promise<Certificate> {
  const { sign1, manifest } = upload;
  // DESIGN §5: alg and kid are in the protected header, covered by the signature.
  const alg = sign1.protectedHeader.get(COSE_HEADER.alg);
  if (!isCoseAlg(alg)) throw new PlatformFailure('ALG_UNSUPPORTED', { alg: algOf(sign1), protected: alg !== undefined });
  if (manifest.facility !== ctx.facilityCode) {
    throw new PlatformFailure('MANIFEST_MISMATCH', { field: 'facility', manifest: manifest.facility, apiKey: ctx.facilityCode });
  }
  const signedAt = new Date(manifest.created * 1000);
  if (signedAt.getTime() > ctx.now.getTime() + ctx.maxSkewMs) {
    throw new PlatformFailure('BATCH_CREATED_IN_FUTURE', { created: signedAt.toISOString(), serverTime: ctx.now.toISOString() });
  }
  const signer = await checkFacilityCertificate({
    chain: x5chainOf(sign1),
    anchors: ctx.anchors,
    signedAt,
    now: ctx.now,
    graceMs: ctx.graceMs,
    taxCode: ctx.taxCode,
  });
  const kid = sign1.protectedHeader.get(COSE_HEADER.kid);
  const expected = await kidFromCertificate(signer.der);
  if (!(kid instanceof Uint8Array) || !equalBytes(kid, expected)) {
    const found = kidOf(sign1);
    throw new PlatformFailure('KID_MISMATCH', { kid: found && bytesToHex(found), protected: kid !== undefined, expected: bytesToHex(expected) });
  }
  const outcome = await verifySign1Detailed(sign1, signer.publicKey.spki);
  if (!outcome.valid) throw new PlatformFailure('BATCH_SIGNATURE_INVALID', { reason: outcome.reason });
  return signer;
}

/** RFC 9162 §2.1.3.2 for every item; together with count == items and distinct indexes, the items are exactly the signed leaves. */
function checkItems(upload: DecodedUpload): CheckedItem[] {
  const { manifest, items } = upload;
  if (manifest.count !== items.length) {
    throw new PlatformFailure('MANIFEST_MISMATCH', { field: 'count', manifest: manifest.count, items: items.length });
  }
  // One tree for all proofs (proofTree.ts); on any difference, item by item for the refusal's index.
  const proven = allProofsValid(manifest.count, manifest.root, items);
  const seenIndex = new Set<number>();
  const seenId = new Set<string>();
  const checked: CheckedItem[] = [];
  for (const item of items) {
    if (item.index >= manifest.count || seenIndex.has(item.index)) throw new PlatformFailure('PROOF_INVALID', { index: item.index, reason: 'index' });
    seenIndex.add(item.index);
    if (!proven && !verifyInclusionSync(leafHashSync(item.record, nodeSha256), item.index, manifest.count, item.proof, manifest.root, nodeSha256)) {
      throw new PlatformFailure('PROOF_INVALID', { index: item.index });
    }
    let record: SignedRecord;
    try {
      record = decodeSignedRecord(item.record);
    } catch (e) {
      throw new PlatformFailure('RECORD_FORMAT_INVALID', { index: item.index, cause: causeOf(e) });
    }
    if (seenId.has(record.id)) throw new PlatformFailure('BATCH_DUPLICATE_RECORD', { index: item.index, recordId: record.id });
    seenId.add(record.id);
    checked.push({ index: item.index, bytes: item.record, record });
  }
  return checked.sort((a, b) => a.index - b.index);
}

export async function verifyUpload(upload: DecodedUpload, ctx: VerifyContext): Promise<{ signer: Certificate; items: CheckedItem[] }> {
  const signer = await checkSignature(upload, ctx);
  return { signer, items: checkItems(upload) };
}
