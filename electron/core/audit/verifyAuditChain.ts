import type Database from 'better-sqlite3';
import { canonicalEntry, entryHash, GENESIS_HASH, toHex, type AuditRow } from './auditLog.js';

export type AuditBreak =
  /** The entry's content no longer matches its hash: it was edited. */
  | 'AUDIT_ENTRY_ALTERED'
  /** The entry's prev_hash is not the previous entry's hash: something was inserted, removed or reordered before it. */
  | 'AUDIT_CHAIN_BROKEN'
  /** A sequence number is missing: the entry was deleted. */
  | 'AUDIT_ENTRY_MISSING'
  /** The chain ends before the recorded head, or does not end at its hash: the tail was cut or replaced. */
  | 'AUDIT_HEAD_MISMATCH';

export interface AuditVerification {
  ok: boolean;
  /** Entries read. */
  entries: number;
  /** Hash of the last entry (hex), null for an empty log. */
  head: string | null;
  /** The first sequence number found wrong, null when the chain verifies. */
  brokenAt: number | null;
  code: AuditBreak | null;
  reason: string | null;
  reason_vi: string | null;
}

function broken(entries: number, head: string | null, seq: number, code: AuditBreak, en: string, vi: string): AuditVerification {
  return { ok: false, entries, head, brokenAt: seq, code, reason: en, reason_vi: vi };
}

/**
 * Walks the whole chain, oldest first, and names the first entry that does not verify. It
 * recomputes every hash from the entry's fields, so it catches edits made with the append-only
 * triggers dropped or straight in the file. What a chain cannot catch alone — the last entries
 * cut off — is caught against `audit_head`; someone who rewrites the whole chain and the head
 * consistently is beyond a local log (the signed batch manifests and the platform are the anchor).
 */
export function verifyAuditChain(db: Database.Database): AuditVerification {
  let prev: Uint8Array = GENESIS_HASH;
  let prevSeq = 0;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    entries++;
    const head = toHex(prev);
    if (row.seq !== prevSeq + 1) {
      const missing = prevSeq + 1;
      return broken(entries, head, missing, 'AUDIT_ENTRY_MISSING',
        `audit entry ${missing} is missing (the log jumps from ${prevSeq} to ${row.seq})`,
        `thiếu mục nhật ký ${missing} (nhật ký nhảy từ ${prevSeq} sang ${row.seq})`);
    }
    if (!equalBytes(row.prev_hash, prev)) {
      return broken(entries, head, row.seq, 'AUDIT_CHAIN_BROKEN',
        `audit entry ${row.seq} does not follow entry ${prevSeq}: an entry was inserted, removed or reordered before it`,
        `mục nhật ký ${row.seq} không nối tiếp mục ${prevSeq}: có mục bị chèn, xoá hoặc đổi thứ tự trước nó`);
    }
    let details: unknown;
    try {
      details = JSON.parse(row.details);
    } catch {
      details = row.details;
    }
    const hash = entryHash(prev, canonicalEntry({ seq: row.seq, at: row.at, actor: row.actor, action: row.action, entity: row.entity, entityId: row.entity_id, details }));
    if (!equalBytes(row.hash, hash)) {
      return broken(entries, head, row.seq, 'AUDIT_ENTRY_ALTERED',
        `audit entry ${row.seq} was altered: its content does not match its hash`,
        `mục nhật ký ${row.seq} đã bị sửa: nội dung không khớp với mã băm`);
    }
    prev = hash;
    prevSeq = row.seq;
  }
  const head = entries === 0 ? null : toHex(prev);
  const recorded = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: Buffer } | undefined;
  const recordedSeq = recorded?.seq ?? 0;
  if (recordedSeq > prevSeq) {
    return broken(entries, head, prevSeq + 1, 'AUDIT_HEAD_MISMATCH',
      `audit entries ${prevSeq + 1} to ${recordedSeq} were removed: the log ends at entry ${prevSeq} but its recorded head is entry ${recordedSeq}`,
      `các mục nhật ký ${prevSeq + 1} đến ${recordedSeq} đã bị xoá: nhật ký kết thúc ở mục ${prevSeq} nhưng đầu chuỗi đã ghi là mục ${recordedSeq}`);
  }
  if (recordedSeq < prevSeq) {
    return broken(entries, head, recordedSeq + 1, 'AUDIT_HEAD_MISMATCH',
      `audit entries ${recordedSeq + 1} to ${prevSeq} were added outside the station: its recorded head is entry ${recordedSeq}`,
      `các mục nhật ký ${recordedSeq + 1} đến ${prevSeq} được thêm từ bên ngoài phần mềm: đầu chuỗi đã ghi là mục ${recordedSeq}`);
  }
  if (recorded && !equalBytes(recorded.hash, prev)) {
    return broken(entries, head, prevSeq, 'AUDIT_HEAD_MISMATCH',
      `audit entry ${prevSeq} was replaced: it does not match the recorded head`,
      `mục nhật ký ${prevSeq} đã bị thay thế: không khớp với đầu chuỗi đã ghi`);
  }
  return { ok: true, entries, head, brokenAt: null, code: null, reason: null, reason_vi: null };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
