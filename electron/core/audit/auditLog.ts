import { createHash, hash as oneShotHash } from 'node:crypto';
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
  insertMany: Database.Statement;
  setHead: Database.Statement;
}
/**
 * Entries per INSERT in appendAuditMany: past a few hundred the gain is flat. 500 rows × 9 bound
 * values stays far below SQLite's 32,766-variable limit.
 */
const MANY_CHUNK = 500;
const AUDIT_COLUMNS = 'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash) VALUES ';
const AUDIT_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';

function insertRows(rows: number): string {
  return AUDIT_COLUMNS + Array.from({ length: rows }, () => AUDIT_ROW).join(', ');
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
      // Many entries per statement (appendAuditMany): one statement per row cost more than hashing
      // it. Rows as bound values, not one JSON argument: SQLite parsing the JSON back (and the
      // hashes as hex) cost a third more than binding (10,000 entries: ~44 ms instead of ~61 ms).
      insertMany: db.prepare(insertRows(MANY_CHUNK)),
      setHead: db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash'),
    };
    statements.set(db, s);
  }
  return s;
}

/** An entry is written in the transaction of the change it describes, or not at all. */
function assertInTransaction(db: Database.Database): void {
  if (!db.inTransaction) {
    throw new StationError(
      'AUDIT_OUTSIDE_TRANSACTION',
      'Lỗi nội bộ: nhật ký kiểm toán phải được ghi cùng giao dịch với thay đổi.',
      'Internal error: an audit entry must be written in the same transaction as its change.',
    );
  }
}

/**
 * Appends one entry to the chain. Must run inside the transaction that makes the change it
 * describes (STYLE rule 6): either both are written or neither.
 */
export function appendAudit(db: Database.Database, actor: string, at: string, input: AuditInput): AuditEntry {
  assertInTransaction(db);
  const s = prepared(db);
  const last = s.head.get() as { seq: number; hash: Buffer } | undefined;
  const seq = last ? last.seq + 1 : 1;
  const prev = last ? new Uint8Array(last.hash) : GENESIS_HASH;
  const details = input.details ?? {};
  const entry = { seq, at, actor, action: input.action, entity: input.entity, entityId: input.entityId, details };
  // The details serialised once, for the hash and for the row: a set transition's entry names
  // 10,000 records, and serialising them twice through canonicalJson was most of writing it.
  const detailsJson = canonicalDetails(details);
  const hash = entryHash(prev, canonicalWith(entry, JSON.stringify(actor), JSON.stringify(at), detailsJson));
  s.insert.run(seq, at, actor, input.action, input.entity, input.entityId, detailsJson, prev, hash);
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
  assertInTransaction(db);
  const s = prepared(db);
  const last = s.head.get() as { seq: number; hash: Buffer } | undefined;
  let seq = last ? last.seq : 0;
  let prev: Uint8Array = last ? new Uint8Array(last.hash) : GENESIS_HASH;
  // The entry's fields that are the same for all of them, serialised once.
  const actorJson = JSON.stringify(actor);
  const atJson = JSON.stringify(at);
  // prev_hash ‖ UTF-8(canonical) written into one reused buffer and hashed in one call: a Hash
  // object per entry cost as much as the hashing.
  let buffer = Buffer.alloc(4096);
  // One change's entries usually share one details object (a signed batch): serialised once.
  let lastDetails: unknown = undefined;
  let detailsJson = '';
  let values: unknown[] = [];
  for (const input of inputs) {
    seq += 1;
    const details = input.details ?? {};
    if (details !== lastDetails) {
      detailsJson = canonicalDetails(details);
      lastDetails = details;
    }
    const canonical = canonicalWith({ seq, action: input.action, entity: input.entity, entityId: input.entityId }, actorJson, atJson, detailsJson);
    // A UTF-16 code unit is at most 3 UTF-8 bytes.
    if (32 + canonical.length * 3 > buffer.length) buffer = Buffer.alloc(32 + canonical.length * 3);
    buffer.set(prev, 0);
    const length = 32 + buffer.write(canonical, 32, 'utf8');
    const hash = oneShotHash('sha256', buffer.subarray(0, length), 'buffer');
    values.push(seq, at, actor, input.action, input.entity, input.entityId, detailsJson, prev, hash);
    prev = hash;
    if (values.length === MANY_CHUNK * 9) {
      s.insertMany.run(values);
      values = [];
    }
  }
  // The last partial chunk: a statement of its size (prepared here; a few hundred µs).
  if (values.length > 0) db.prepare(insertRows(values.length / 9)).run(values);
  s.setHead.run(seq, prev);
}

/**
 * Whether JSON.stringify writes `list` exactly as canonicalJson does: a dense list (a hole is
 * `null` to JSON.stringify, empty to canonicalJson) of strings, booleans, null, finite numbers and
 * such lists (a few levels deep). Objects (keys to sort) and anything canonicalJson refuses: no.
 */
function scalarLists(list: readonly unknown[], depth: number): boolean {
  if (depth > 4) return false;
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) return false;
    const v = list[i];
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      continue;
    }
    if (!Array.isArray(v) || !scalarLists(v, depth + 1)) return false;
  }
  return true;
}

/**
 * The string canonicalEntry builds, from the entry's details already serialised (canonicalDetails)
 * and its actor and time already JSON-quoted (the same for every entry of a bulk append).
 */
function canonicalWith(e: { seq: number; action: string; entity: string; entityId: string | null }, actorJson: string, atJson: string, detailsJson: string): string {
  return `{"action":${JSON.stringify(e.action)},"actor":${actorJson},"at":${atJson},"details":${detailsJson},"entity":${JSON.stringify(e.entity)},"entityId":${JSON.stringify(e.entityId)},"seq":${e.seq},"v":1}`;
}

/**
 * canonicalJson (canonicalJson.ts) without its intermediate arrays, for the bulk path: the same
 * string for every value (tested against it), objects whose keys are already in order not sorted.
 * Anything but strings, arrays and plain objects goes to canonicalJson itself (its refusals too).
 */
export function canonicalDetails(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    // A list of scalars and lists of them (an import entry's 100k record tuples): JSON.stringify
    // writes exactly the canonical text, natively (~10× faster than concatenating it here).
    if (scalarLists(value, 0)) return JSON.stringify(value);
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole stays empty, as Array.prototype.map leaves it.
      if (i in value) out += canonicalDetails(value[i] === undefined ? null : value[i]);
    }
    return `${out}]`;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const obj = value as Record<string, unknown>;
    let keys = Object.keys(obj);
    for (let i = 1; i < keys.length; i++) {
      if (keys[i - 1]! > keys[i]!) {
        keys = keys.sort();
        break;
      }
    }
    let out = '{';
    for (const k of keys) {
      const v = obj[k];
      if (v === undefined) continue;
      if (out.length > 1) out += ',';
      out += `${JSON.stringify(k)}:${canonicalDetails(v)}`;
    }
    return `${out}}`;
  }
  return canonicalJson(value);
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

/**
 * Newest first, `limit` entries before `beforeSeq` (the audit log screen pages backwards). A set
 * transition's entry (a signed batch, a platform answer, an import commit: recordHistory.ts) comes with its lists of
 * every record summarised as `recordCount`, so a page does not carry megabytes of record ids to
 * the screen; the stored entry stays whole (verifyAuditChain and recordHistory read it).
 */
export function listAudit(db: Database.Database, q: { limit: number; beforeSeq?: number }): AuditEntry[] {
  const rows = db
    .prepare(`SELECT seq, at, actor, action, entity, entity_id, prev_hash, hash,
        CASE WHEN json_type(details, '$.records') = 'array'
          THEN json_set(json_remove(details, '$.records', '$.results', '$.fields'), '$.recordCount', json_array_length(details, '$.records'))
          ELSE details END AS details
      FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`)
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
