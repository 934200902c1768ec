import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { StationError } from '../../../shared/errors.js';
import { canonicalJson, type JsonObject } from './canonicalJson.js';

/** The genesis entry's prev_hash. */
export const GENESIS_HASH = new Uint8Array(32);

export interface AuditInput {
  /** `record.create`, `record.signed`, `person.merge`, `settings.set`, ... */
  action: string;
  /** `record`, `person`, `settings`, `import`, `batch`, ... */
  entity: string;
  entityId: string | null;
  details?: JsonObject;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  details: JsonObject;
  /** Hex. */
  prevHash: string;
  /** Hex. */
  hash: string;
}

/** The fields an entry's hash covers, in the canonical form (README.md of this folder). */
export function canonicalEntry(e: { seq: number; at: string; actor: string; action: string; entity: string; entityId: string | null; details: unknown }): string {
  return canonicalJson({ v: 1, seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityId, details: e.details });
}

/** hash = SHA-256(prev_hash ‖ UTF-8(canonical entry)). */
export function entryHash(prevHash: Uint8Array, canonical: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(prevHash).update(canonical, 'utf8').digest());
}

interface Statements {
  head: Database.Statement;
  insert: Database.Statement;
  setHead: Database.Statement;
}
const statements = new WeakMap<Database.Database, Statements>();

function prepared(db: Database.Database): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      head: db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare(
        'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      setHead: db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash'),
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * Appends one entry to the chain. Must run inside the transaction that makes the change it
 * describes (STYLE rule 6): either both are written or neither.
 */
export function appendAudit(db: Database.Database, actor: string, at: string, input: AuditInput): AuditEntry {
  if (!db.inTransaction) {
    throw new StationError(
      'AUDIT_OUTSIDE_TRANSACTION',
      'Lỗi nội bộ: nhật ký kiểm toán phải được ghi cùng giao dịch với thay đổi.',
      'Internal error: an audit entry must be written in the same transaction as its change.',
    );
  }
  const s = prepared(db);
  const last = s.head.get() as { seq: number; hash: Buffer } | undefined;
  const seq = last ? last.seq + 1 : 1;
  const prev = last ? new Uint8Array(last.hash) : GENESIS_HASH;
  const details = input.details ?? {};
  const entry = { seq, at, actor, action: input.action, entity: input.entity, entityId: input.entityId, details };
  const hash = entryHash(prev, canonicalEntry(entry));
  s.insert.run(seq, at, actor, input.action, input.entity, input.entityId, canonicalJson(details), prev, hash);
  s.setHead.run(seq, hash);
  return { ...entry, prevHash: toHex(prev), hash: toHex(hash) };
}

/**
 * Appends many entries in order, for one change that touches many entities (a signed batch, a
 * platform reply, an import). Same chain and same canonical form as `appendAudit`: the head is
 * read once and written once, the entries are hashed in a loop. Must run inside the change's
 * transaction.
 */
export function appendAuditMany(db: Database.Database, actor: string, at: string, inputs: readonly AuditInput[]): void {
  if (inputs.length === 0) return;
  if (inputs.length === 1) {
    appendAudit(db, actor, at, inputs[0]!);
    return;
  }
  if (!db.inTransaction) {
    throw new StationError(
      'AUDIT_OUTSIDE_TRANSACTION',
      'Lỗi nội bộ: nhật ký kiểm toán phải được ghi cùng giao dịch với thay đổi.',
      'Internal error: an audit entry must be written in the same transaction as its change.',
    );
  }
  const s = prepared(db);
  const last = s.head.get() as { seq: number; hash: Buffer } | undefined;
  let seq = last ? last.seq : 0;
  let prev: Uint8Array = last ? new Uint8Array(last.hash) : GENESIS_HASH;
  for (const input of inputs) {
    seq += 1;
    const details = input.details ?? {};
    const detailsJson = canonicalJson(details);
    // The same string canonicalEntry builds, with the details serialised once instead of twice.
    const canonical = `{"action":${JSON.stringify(input.action)},"actor":${JSON.stringify(actor)},"at":${JSON.stringify(at)},"details":${detailsJson},"entity":${JSON.stringify(input.entity)},"entityId":${JSON.stringify(input.entityId)},"seq":${seq},"v":1}`;
    const hash = entryHash(prev, canonical);
    s.insert.run(seq, at, actor, input.action, input.entity, input.entityId, detailsJson, prev, hash);
    prev = hash;
  }
  s.setHead.run(seq, prev);
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string;
  prev_hash: Buffer;
  hash: Buffer;
}

export function rowToEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    details: JSON.parse(r.details) as JsonObject,
    prevHash: toHex(r.prev_hash),
    hash: toHex(r.hash),
  };
}

/** Newest first, `limit` entries before `beforeSeq` (the audit log screen pages backwards). */
export function listAudit(db: Database.Database, q: { limit: number; beforeSeq?: number }): AuditEntry[] {
  const rows = db
    .prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
    .all(q.beforeSeq ?? Number.MAX_SAFE_INTEGER, q.limit) as AuditRow[];
  return rows.map(rowToEntry);
}

/** Every entry about one entity, oldest first (a record's history). */
export function auditFor(db: Database.Database, entity: string, entityId: string): AuditEntry[] {
  const rows = db.prepare('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq').all(entity, entityId) as AuditRow[];
  return rows.map(rowToEntry);
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
