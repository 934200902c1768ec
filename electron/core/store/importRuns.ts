import { StationError } from '../../../shared/errors.js';
import type { JsonObject } from '../audit/canonicalJson.js';
import type { StoreContext } from './ports.js';

export interface ImportRun {
  id: string;
  fileName: string;
  fileHash: string;
  startedAt: string;
  committedAt: string | null;
  rows: number | null;
  created: number | null;
  duplicates: number | null;
  invalid: number | null;
}

interface ImportRunRow {
  id: string;
  file_name: string;
  file_hash: string;
  started_at: string;
  committed_at: string | null;
  rows: number | null;
  created: number | null;
  duplicates: number | null;
  invalid: number | null;
}

function toRun(r: ImportRunRow): ImportRun {
  return {
    id: r.id, fileName: r.file_name, fileHash: r.file_hash, startedAt: r.started_at, committedAt: r.committed_at,
    rows: r.rows, created: r.created, duplicates: r.duplicates, invalid: r.invalid,
  };
}

/**
 * The committed runs of one file's bytes, newest first: the newest `limit - 1` and the first run
 * (the oldest: the one that normally created the records; later runs find them stored), with
 * how many there are. One lookup in import_runs_file_hash (migration 0001), the few runs of that
 * hash then numbered. A run that failed or was never committed has no committed_at and is not one
 * (its rows were not imported). Parameters: the hash, the limit (at least 1).
 */
export const COMMITTED_RUNS_BY_HASH_SQL = `SELECT * FROM (
    SELECT *, row_number() OVER (ORDER BY committed_at DESC, id DESC) AS newest, count(*) OVER () AS total
    FROM import_runs WHERE file_hash = ? AND committed_at IS NOT NULL
  ) WHERE newest < ? OR newest = total ORDER BY newest`;

/** One import of one file: started when the user picks it, committed with its rows (createRecords). */
export function importRuns(ctx: StoreContext) {
  const { db } = ctx;
  const get = db.prepare('SELECT * FROM import_runs WHERE id = ?');
  const committedByHash = db.prepare(COMMITTED_RUNS_BY_HASH_SQL);
  return {
    /** `fileHash`: hex SHA-256 of the file bytes (the same file imported again is recognisable). */
    start(input: { fileName: string; fileHash: string }): ImportRun {
      const id = ctx.newId();
      db.transaction(() => {
        db.prepare('INSERT INTO import_runs (id, file_name, file_hash, started_at) VALUES (?, ?, ?, ?)').run(id, input.fileName, input.fileHash, ctx.nowIso());
        ctx.audit({ action: 'import.start', entity: 'import', entityId: id, details: { fileName: input.fileName, fileHash: input.fileHash } });
      }).immediate();
      return toRun(get.get(id) as ImportRunRow);
    },

    get(id: string): ImportRun | null {
      const r = get.get(id) as ImportRunRow | undefined;
      return r ? toRun(r) : null;
    },

    /**
     * The same file's runs that committed, newest first, at most `limit` (≥ 1): "this file was
     * imported before". The last is always the first run; past the limit the runs between it and
     * the newest are left out. `total`: every committed run of the file.
     */
    committedByHash(fileHash: string, limit: number): { runs: ImportRun[]; total: number } {
      const rows = committedByHash.all(fileHash, Math.max(1, limit)) as (ImportRunRow & { total: number })[];
      return { runs: rows.map(toRun), total: rows[0]?.total ?? 0 };
    },

    /** Inside the commit's transaction: the run must exist and not be committed yet. */
    assertOpen(id: string): void {
      const r = get.get(id) as ImportRunRow | undefined;
      if (!r) {
        throw new StationError('IMPORT_RUN_UNKNOWN', `Không tìm thấy lần nhập ${id}.`, `Import run ${id} does not exist.`, { id });
      }
      if (r.committed_at !== null) {
        throw new StationError('IMPORT_RUN_COMMITTED', `Lần nhập ${id} đã được ghi lúc ${r.committed_at}.`,
          `Import run ${id} was already committed at ${r.committed_at}.`, { id, committedAt: r.committed_at });
      }
    },

    /**
     * A run whose commit failed after it started (cancelled, disk full, the database locked): an
     * `import.fail` entry with the error's code, so the audit log says how the run it opened ended.
     * Nothing when the run is unknown or committed. Its own transaction, after the commit's rolled back.
     */
    fail(id: string, failure: { code: string; cause?: string }): void {
      db.transaction(() => {
        const r = get.get(id) as ImportRunRow | undefined;
        if (r === undefined || r.committed_at !== null) return;
        ctx.audit({ action: 'import.fail', entity: 'import', entityId: id, details: failure.cause !== undefined ? { cause: failure.cause, code: failure.code } : { code: failure.code } });
      }).immediate();
    },

    /** `details`: the commit's entry with its records (importAudit.ts); the counts alone without. */
    markCommitted(id: string, counts: { rows: number; created: number; duplicates: number; invalid: number }, details?: JsonObject): void {
      db.prepare('UPDATE import_runs SET committed_at = ?, rows = ?, created = ?, duplicates = ?, invalid = ? WHERE id = ?')
        .run(ctx.nowIso(), counts.rows, counts.created, counts.duplicates, counts.invalid, id);
      ctx.audit({ action: 'import.commit', entity: 'import', entityId: id, details: details ?? counts });
    },
  };
}
