/**
 * Everything of a batch that is computed before the token is asked (DESIGN §5): each record's
 * deterministic CBOR, the RFC 9162 Merkle tree over them, the manifest and the COSE Sig_structure
 * the token will sign (inclusion proofs are derived from the stored leaves when a batch is
 * exported). Pure computation, hashed with node:crypto (the root: merkleRoot.ts).
 */
import { hash } from 'node:crypto';
import { encodeCanonical } from '../../../shared/cbor/encodeCanonical.js';
import { Tagged } from '../../../shared/cbor/tagged.js';
import { COSE_HEADER, COSE_SIGN1_TAG, sigStructure, type CoseAlg } from '../../../shared/cose/index.js';
import { encodeManifest, type BatchManifest } from '../../../shared/batch/manifest.js';
import { toSignedRecord } from '../../../shared/batch/signedRecord.js';
import { vaccineByCode } from '../../../shared/domain/vaccines.js';
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { StationError } from '../../../shared/errors.js';
import { MerkleTree, type SyncSha256Port } from '../../../shared/merkle/index.js';
import { merkleRoot } from './merkleRoot.js';
import type { ReadyRecord } from './readyRecords.js';

export const nodeSha256: SyncSha256Port = {
  sha256: (bytes) => new Uint8Array(hash('sha256', bytes, 'buffer')),
};

export interface BatchItem {
  recordId: string;
  /** The record's rowid when it was read with it (the signing step): its state moves by it. */
  recordSeq?: number;
  index: number;
  recordCbor: Uint8Array;
  /**
   * The RFC 9162 audit path, when the caller has it. The signing step leaves it out: the store
   * keeps the leaves, and the upload body derives every path from them (batchStore.uploadBody),
   * the same bytes without writing ~4.5 MB of hashes per 10,000 records.
   */
  proof?: Uint8Array[];
}

/** The part of a batch that does not depend on the key: records, Merkle root, manifest. */
export interface BatchTree {
  manifest: BatchManifest;
  manifestBytes: Uint8Array;
  items: BatchItem[];
}

export interface PreparedBatch extends BatchTree {
  /** The algorithm the protected header names: the token must sign with exactly this one. */
  alg: CoseAlg;
  /** The COSE_Sign1 protected header bytes and the Sig_structure over them and the manifest. */
  protectedBytes: Uint8Array;
  toBeSigned: Uint8Array;
}

/** The record's signed CBOR, with the catalog's EU codes as of signing time. */
export function signedRecordCbor(person: Person, record: DoseRecord): Uint8Array {
  const vaccine = vaccineByCode(record.vaccine);
  if (!vaccine) {
    throw new StationError('VACCINE_UNKNOWN', `Vắc xin "${record.vaccine}" không có trong danh mục`, `Vaccine "${record.vaccine}" is not in the catalog`, {
      recordId: record.id,
    });
  }
  return encodeCanonical(toSignedRecord(person, record, vaccine));
}

export interface BatchInput {
  batchId: string;
  facility: string;
  station: string;
  created: Date;
  /** Read as signed CBOR (readyRecordBytes), or as domain objects encoded here. */
  records: readonly (ReadyRecord | { person: Person; record: DoseRecord })[];
  /** Their Merkle root when the reader computed it already (splitRead.ts: two threads). */
  root?: Uint8Array;
}

/**
 * Records, Merkle tree and manifest: everything but the header, so the signing step can do it
 * while the token is still being listed (the header needs the chosen key's alg and kid).
 */
export function buildBatchTree(opts: BatchInput): BatchTree {
  const ready = opts.records.map((r) => ('cbor' in r ? r : { id: r.record.id, cbor: signedRecordCbor(r.person, r.record) }));
  const cbors = ready.map((r) => r.cbor);
  // Only the root: the audit paths are derived from the stored leaves when a batch is exported.
  const root = opts.root ?? merkleRoot(cbors);
  const items = ready.map((r, index): BatchItem => {
    const item: BatchItem = { recordId: r.id, index, recordCbor: r.cbor };
    if ('seq' in r && r.seq !== undefined) item.recordSeq = r.seq;
    return item;
  });
  const manifest: BatchManifest = {
    v: 1,
    batch: opts.batchId,
    facility: opts.facility,
    station: opts.station,
    count: cbors.length,
    root,
    created: Math.floor(opts.created.getTime() / 1000),
  };
  return { manifest, manifestBytes: encodeManifest(manifest), items };
}

/** The protected header {1: alg, 4: kid} and the Sig_structure the token signs (RFC 9052 §4.4). */
export function protectBatch(built: BatchTree, alg: CoseAlg, kid: Uint8Array): PreparedBatch {
  const protectedBytes = encodeCanonical(new Map<number, unknown>([[COSE_HEADER.alg, alg], [COSE_HEADER.kid, kid]]));
  return { ...built, alg, protectedBytes, toBeSigned: sigStructure({ protectedBytes, payload: built.manifestBytes }) };
}

/** Tree + header, every item with its audit path (tools and tests that build a batch by hand). */
export function prepareBatch(opts: BatchInput & { alg: CoseAlg; kid: Uint8Array }): Omit<PreparedBatch, 'items'> & { items: (BatchItem & { proof: Uint8Array[] })[] } {
  const built = buildBatchTree(opts);
  const tree = MerkleTree.buildSync(built.items.map((i) => i.recordCbor), nodeSha256);
  const items = built.items.map((item) => ({ ...item, proof: tree.inclusionProof(item.index) }));
  return { ...protectBatch(built, opts.alg, opts.kid), items };
}

/** COSE_Sign1 (tag 18) from the prepared parts and the token's signature, x5chain unprotected (RFC 9360). */
export function assembleSign1(prepared: PreparedBatch, signature: Uint8Array, certificates: readonly Uint8Array[]): Uint8Array {
  const x5chain = certificates.length === 1 ? certificates[0]! : [...certificates];
  return encodeCanonical(new Tagged(COSE_SIGN1_TAG, [prepared.protectedBytes, new Map([[COSE_HEADER.x5chain, x5chain]]), prepared.manifestBytes, signature]));
}
