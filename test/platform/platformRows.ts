/**
 * The shapes of the simulator's database (platformStore.ts): what it holds, what one upload
 * commits, and the rows as SQLite returns them with their mapping to those shapes.
 */
import { decodeSignedRecord } from '../../shared/batch/readSignedRecord.js';
import type { SignedRecord } from '../../shared/batch/signedRecord.js';

export interface StoredBatch {
  id: string;
  facility: string;
  root: Uint8Array;
  reply: string;
}

export interface HeldRecord {
  id: string;
  batchId: string;
  facility: string;
  index: number;
  personKey: string;
  dose: number;
  date: string;
  vaccine: string;
  recordCbor: Uint8Array;
  record: SignedRecord;
  supersededBy: string | null;
  acceptedAt: string;
}

export interface CertificateRow {
  id: number;
  recordId: string;
  facility: string;
  uvci: string;
  hc1: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  feedSeq: number;
}

export interface NewCertificate {
  recordId: string;
  facility: string;
  uvci: string;
  hc1: string;
  issuedAt: string;
  expiresAt: string;
}

/**
 * Everything one upload changes, written in ONE transaction before the reply is sent. The people
 * whose certificates it affects are queued in that same transaction; the certificates themselves
 * are issued from the queue (issuer.ts).
 */
export interface BatchCommit {
  batch: { id: string; facility: string; root: Uint8Array; manifest: Uint8Array; created: number; receivedAt: string; reply: string };
  accepted: Omit<HeldRecord, 'supersededBy'>[];
  superseded: { id: string; by: string }[];
  revoked: { certificateId: number; at: string }[];
  /** Person keys to (re)consider for issuance. */
  issuance: string[];
}

export interface RecordRow {
  id: string;
  batch_id: string;
  facility: string;
  idx: number;
  person_key: string;
  dose: number;
  date: string;
  vaccine: string;
  record_cbor: Uint8Array;
  superseded_by: string | null;
  accepted_at: string;
}

export interface CertRow {
  id: number;
  record_id: string;
  facility: string;
  uvci: string;
  hc1: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
  feed_seq: number;
}

/**
 * `record` is decoded from the signed CBOR on first use: deciding an upload reads the held
 * records of every person it names but looks only at the columns (dose, date, facility, bytes).
 */
export function toRecord(r: RecordRow): HeldRecord {
  const recordCbor = new Uint8Array(r.record_cbor);
  let decoded: SignedRecord | undefined;
  return {
    id: r.id,
    batchId: r.batch_id,
    facility: r.facility,
    index: r.idx,
    personKey: r.person_key,
    dose: r.dose,
    date: r.date,
    vaccine: r.vaccine,
    recordCbor,
    get record(): SignedRecord {
      decoded ??= decodeSignedRecord(recordCbor);
      return decoded;
    },
    supersededBy: r.superseded_by,
    acceptedAt: r.accepted_at,
  };
}

export function toCert(r: CertRow): CertificateRow {
  return {
    id: r.id,
    recordId: r.record_id,
    facility: r.facility,
    uvci: r.uvci,
    hc1: r.hc1,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    feedSeq: r.feed_seq,
  };
}
