/**
 * A record's history (store.getRecord → RPC `records.get`): its own entries (creation, edits,
 * correction, a certificate) and the entries of the set transitions that moved it. A signed batch
 * and the platform's answer to it are ONE entry each (`batch.signed`, `batch.reply`,
 * `batch.failed`), whose details name every record of the batch in leaf order (`records`) and,
 * for an answer, each record's outcome at the same index (`results`). A record is in at most one
 * batch, at the leaf index its row keeps (dose_records.batch_seq / batch_idx), so its part of such an
 * entry is read in SQL at that index: the 10,000 ids are never parsed in JavaScript nor shipped to
 * the renderer. The entry shown keeps its seq, hash and action; its details are the stored ones
 * without the lists, plus `index` and, for an answer, this record's `result`.
 *
 * An import commit is ONE entry too (`import.commit`, entity `import`, the run id: store/importAudit.ts)
 * naming the records it created in insertion order as tuples (positions named by its `fields`). A
 * record's position is the number of its run's records inserted before it (dose_records_import_run
 * indexes import_run_id, in seq order), checked against the id at that position; the entry shown
 * keeps its seq, hash and action, its details without the list, plus `importRunId`, `index` and this
 * record's fields (`row`, `personId`, `personCreated`, `state`, `findings`), as `record.create` had.
 *
 * Entries written before set transitions were audited this way (per-record `record.signed`,
 * `record.submitted`, ... and a `batch.signed` without `records`) are shown as they are: a batch
 * entry that does not name the record is not part of its history.
 */
import type Database from 'better-sqlite3';
import type { JsonObject, JsonValue } from './canonicalJson.js';
import { auditFor, rowToEntry, type AuditEntry, type AuditRow } from './auditLog.js';

interface SetEntryRow extends AuditRow {
  named: string | null;
  result: string | null;
  idx: number;
}

const statements = new WeakMap<Database.Database, Database.Statement>();

function setEntries(db: Database.Database): Database.Statement {
  let s = statements.get(db);
  if (!s) {
    // `->` gives JSON text (a string result quoted, an object as written); `->>` the SQL value.
    s = db.prepare(`SELECT a.seq, a.at, a.actor, a.action, a.entity, a.entity_id, a.prev_hash, a.hash, i.idx,
        json_remove(a.details, '$.records', '$.results') AS details,
        a.details ->> ('$.records[' || i.idx || ']') AS named,
        a.details -> ('$.results[' || i.idx || ']') AS result
      FROM (SELECT b.id AS batch_id, d.batch_idx AS idx FROM dose_records d JOIN batches b ON b.seq = d.batch_seq WHERE d.id = ?) i
      JOIN audit_log a ON a.entity = 'batch' AND a.entity_id = i.batch_id
      ORDER BY a.seq`);
    statements.set(db, s);
  }
  return s;
}

interface ImportEntryRow extends AuditRow {
  fields: string | null;
  part: string | null;
  idx: number;
}

const importStatements = new WeakMap<Database.Database, Database.Statement>();

function importEntry(db: Database.Database): Database.Statement {
  let s = importStatements.get(db);
  if (!s) {
    s = db.prepare(`WITH r AS (SELECT d.import_run_id AS run,
          (SELECT count(*) FROM dose_records e WHERE e.import_run_id = d.import_run_id AND e.seq < d.seq) AS idx
        FROM dose_records d WHERE d.id = @id AND d.import_run_id IS NOT NULL)
      , found AS (SELECT a.*,
          CASE WHEN a.details ->> ('$.records[' || r.idx || '][0]') = @id THEN r.idx
            -- Not where the insertion order puts it (never expected): looked for in the whole list.
            ELSE (SELECT j.key FROM json_each(a.details, '$.records') j WHERE j.value ->> 0 = @id) END AS idx
        FROM r JOIN audit_log a ON a.entity = 'import' AND a.entity_id = r.run AND a.action = 'import.commit')
      SELECT seq, at, actor, action, entity, entity_id, prev_hash, hash, idx,
        json_remove(details, '$.records', '$.fields') AS details,
        details -> '$.fields' AS fields,
        details -> ('$.records[' || idx || ']') AS part
      FROM found WHERE idx IS NOT NULL ORDER BY seq`);
    importStatements.set(db, s);
  }
  return s;
}

/** The record's part of its import run's `import.commit` entry (none for a form's record or an older import). */
function importPart(db: Database.Database, recordId: string): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const r of importEntry(db).all({ id: recordId }) as ImportEntryRow[]) {
    if (r.part === null || r.fields === null) continue;
    const entry = rowToEntry(r);
    const fields = JSON.parse(r.fields) as string[];
    const part = JSON.parse(r.part) as JsonValue[];
    const details: JsonObject = { ...entry.details, importRunId: r.entity_id, index: r.idx };
    fields.forEach((name, i) => {
      if (name !== 'id') details[name] = part[i] ?? null;
    });
    out.push({ ...entry, details });
  }
  return out;
}

/** The record's own entries and its part of each set-transition entry naming it, oldest first. */
export function recordHistory(db: Database.Database, recordId: string): AuditEntry[] {
  const own = [...auditFor(db, 'record', recordId), ...importPart(db, recordId)];
  const sets = (setEntries(db).all(recordId) as SetEntryRow[])
    .filter((r) => r.named === recordId)
    .map((r): AuditEntry => {
      const entry = rowToEntry(r);
      const details: JsonObject = { ...entry.details, index: r.idx };
      if (r.result !== null) details.result = JSON.parse(r.result) as JsonValue;
      return { ...entry, details };
    });
  if (sets.length === 0) return own.length > 1 ? own.sort((a, b) => a.seq - b.seq) : own;
  return [...own, ...sets].sort((a, b) => a.seq - b.seq);
}
