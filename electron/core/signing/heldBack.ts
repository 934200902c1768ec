/**
 * The records of a batch about to be signed that the platform would refuse, found as the
 * platform finds them: each record's CBOR read with its own reader (decodeSignedRecord, the
 * schema's checks). One such record made the platform refuse the whole batch (RECORD_FORMAT_INVALID)
 * and every record in it; "put back" signed it again, and the batch was refused again. Validation
 * keeps such records from `ready` (session 26); this catches one stored by an older build, or one
 * past a limit no rule knows, and holds it back (store/holdBack.ts) so the rest is signed.
 */
import { decodeSignedRecord } from '../../../shared/batch/readSignedRecord.js';
import { SIGNED_RECORD_INVALID, signedRecordProblems } from '../../../shared/batch/signedRecordProblems.js';
import { decodeCbor } from '../../../shared/cbor/decodeCbor.js';
import { error } from '../../../shared/domain/findings.js';
import type { Finding } from '../../../shared/domain/types.js';
import { StationError } from '../../../shared/errors.js';
import type { HeldBack } from '../store/holdBack.js';
import type { StationStore } from '../store/stationStore.js';
import type { ReadyRecord } from './readyRecords.js';

function findingsFor(cbor: Uint8Array, refusal: StationError): Finding[] {
  let found: Finding[] = [];
  try {
    found = signedRecordProblems(decodeCbor(cbor));
  } catch {
    // Not CBOR the decoder reads: said below with the platform's own code.
  }
  if (found.length > 0) return found;
  return [error('record', SIGNED_RECORD_INVALID,
    `Hồ sơ này chưa được ký: hệ thống quốc gia sẽ từ chối cả lô vì nó (${refusal.code}). Hãy kiểm tra và lưu lại hồ sơ.`,
    `This record was held back from signing: the national platform would refuse the whole batch for it (${refusal.code}). Check the record and save it again.`)];
}

/** The records of `records` the platform's reader refuses, each with the findings saying why. */
export function refusedRecords(records: readonly ReadyRecord[]): HeldBack[] {
  const out: HeldBack[] = [];
  for (const r of records) {
    try {
      decodeSignedRecord(r.cbor);
    } catch (e) {
      if (!(e instanceof StationError)) throw e;
      out.push({ id: r.id, findings: findingsFor(r.cbor, e) });
    }
  }
  return out;
}

/**
 * Holds back the refused records of `records` (draft, with their findings, audited) and adds them
 * to `held`; true when there were some — the caller reads the batch again without them.
 */
export function holdBackRefused(store: StationStore, records: readonly ReadyRecord[], held: HeldBack[]): boolean {
  const refused = refusedRecords(records);
  if (refused.length === 0) return false;
  const moved = new Set(store.holdBackRecords(refused));
  for (const r of refused) if (moved.has(r.id)) held.push(r);
  return true;
}

/** What the signing reply says of a held-back record: its id and its first finding. */
export function heldBackSummary(held: readonly HeldBack[]): { id: string; code: string; field: string; message_vi: string; message_en: string }[] {
  return held.map(({ id, findings }) => {
    const f = findings[0]!;
    return { id, code: f.code, field: f.field, message_vi: f.message_vi, message_en: f.message_en };
  });
}
