/**
 * The audit entry of an import commit: the run's ONE `import.commit` entry (entity `import`, the
 * run id, written by importRuns.markCommitted with the run's counts) also names every record the commit created, in insertion order, each with its file row, its person
 * and what `record.create` said of it — instead of one hash-chained entry per record (100k
 * entries were ~1.2 s of a 100k-row commit and ~30 MB of WAL). Records are tuples in the order of
 * `fields`, so the entry stays about a third of the size of named objects; a record's history
 * finds its tuple at its position among the run's records (audit/recordHistory.ts).
 */
import type { JsonObject, JsonValue } from '../audit/canonicalJson.js';

/** The names of a record tuple's positions, stored in the entry itself so it reads alone. */
export const IMPORT_RECORD_FIELDS = ['id', 'row', 'personId', 'personCreated', 'state', 'findings'] as const;

/**
 * Appended to `fields` (and to each tuple) only when the commit read several sheets (a sheet per
 * vaccination day): there "row 2" is a row of every sheet. Older entries and one-sheet files keep
 * the six positions.
 */
export const IMPORT_RECORD_SHEET_FIELD = 'sheet';

export interface ImportedRecord {
  id: string;
  /** The record's row in the file (1-based, as the preview shows it); null when not given. */
  row: number | null;
  /** The row's sheet, when the file's rows came from several (null: the first, or not given). */
  sheet?: string | null;
  personId: string;
  personCreated: boolean;
  state: string;
  findings: readonly { code: string }[];
}

/** Collects a commit's created records in order and builds its one entry. */
export class ImportAuditEntry {
  private readonly records: JsonValue[] = [];
  private peopleCreated = 0;

  /** `sheets`: the rows come from several sheets, each tuple names its own (IMPORT_RECORD_SHEET_FIELD). */
  constructor(private readonly sheets = false) {}

  add(r: ImportedRecord): void {
    if (r.personCreated) this.peopleCreated++;
    const codes: string[] = [];
    for (const f of r.findings) codes.push(f.code);
    if (this.sheets) this.records.push([r.id, r.row, r.personId, r.personCreated, r.state, codes, r.sheet ?? null]);
    else this.records.push([r.id, r.row, r.personId, r.personCreated, r.state, codes]);
  }

  get size(): number {
    return this.records.length;
  }

  /**
   * The details of the run's `import.commit` entry (importRuns.markCommitted): its counts, and the
   * records. Keys in canonical (sorted) order: the serialiser then does not sort them.
   */
  details(counts: { rows: number; created: number; duplicates: number; invalid: number }, meta: { source: string; warningsConfirmed: boolean }): JsonObject {
    return {
      created: counts.created,
      duplicates: counts.duplicates,
      fields: this.sheets ? [...IMPORT_RECORD_FIELDS, IMPORT_RECORD_SHEET_FIELD] : [...IMPORT_RECORD_FIELDS],
      invalid: counts.invalid,
      peopleCreated: this.peopleCreated,
      records: this.records,
      rows: counts.rows,
      source: meta.source,
      warningsConfirmed: meta.warningsConfirmed,
    };
  }
}
