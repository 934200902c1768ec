/** New records: one from the form, many from an import commit (one transaction), and previews. */
import { stateForFindings } from '../../../shared/domain/lifecycle.js';
import { StationError } from '../../../shared/errors.js';
import type { Finding } from '../../../shared/domain/types.js';
import { hasErrors } from './domain.js';
import { importRuns } from './importRuns.js';
import type { StoreContext } from './ports.js';
import { duplicateRecord, notStorable, type RecordWriter } from './recordWriter.js';
import type { CreateOptions, CreateRecordsResult, RecordInput, RowOutcome, SavedRecord } from './storeTypes.js';

const ROLLBACK = Symbol('preview rollback');
const SOURCES = ['form', 'import', 'correction', 'api'];

function assertSource(source: unknown): void {
  if (!SOURCES.includes(source as string)) {
    throw new StationError('RECORD_SOURCE_INVALID', `Nguồn bản ghi không hợp lệ: ${String(source)}.`, `Not a record source: ${String(source)}.`, { source });
  }
}

export function recordCreation(ctx: StoreContext, writer: RecordWriter) {
  const { db } = ctx;
  const runs = importRuns(ctx);

  function createMany(rows: readonly RecordInput[], opts: CreateOptions): CreateRecordsResult {
    assertSource(opts.source);
    if (opts.importRunId !== undefined) runs.assertOpen(opts.importRunId);
    const facility = writer.defaultFacility();
    const outcomes: RowOutcome[] = [];
    let created = 0;
    let duplicates = 0;
    let invalid = 0;
    rows.forEach((row, index) => {
      const ev = writer.evaluate(row, facility);
      const existingId = writer.storedCopy(ev.naturalKey);
      if (existingId !== null && ev.storable) {
        duplicates++;
        outcomes.push({ index, outcome: 'duplicate', existingId, findings: [] });
        return;
      }
      if (!ev.storable || (hasErrors(ev.findings) && !opts.saveInvalidAsDraft)) {
        invalid++;
        outcomes.push({ index, outcome: 'invalid', findings: ev.findings });
        return;
      }
      const confirmed = opts.confirmWarnings === true;
      const state = stateForFindings(ev.findings, confirmed);
      const r = writer.insert(ev, { state, source: opts.source, warningsConfirmed: confirmed, importRunId: opts.importRunId ?? null });
      created++;
      outcomes.push({ index, outcome: 'created', id: r.id, personId: r.personId, personCreated: r.personCreated, state, findings: ev.findings });
    });
    if (opts.importRunId !== undefined) runs.markCommitted(opts.importRunId, { rows: rows.length, created, duplicates, invalid });
    return { outcomes, created, duplicates, invalid, importRunId: opts.importRunId ?? null };
  }

  return {
    runs,

    /**
     * One record from the form. Saved as `ready` when it has no errors and no unconfirmed
     * warnings, else as `draft` with its findings. Refuses RECORD_DUPLICATE (the same dose is
     * stored) and RECORD_NOT_STORABLE (no id type/number, name, sex or dose number to file it by).
     */
    createRecord(input: RecordInput, opts: CreateOptions): SavedRecord {
      assertSource(opts.source);
      return db.transaction(() => {
        const ev = writer.evaluate(input, writer.defaultFacility());
        if (!ev.storable) throw notStorable(ev.findings);
        const existingId = writer.storedCopy(ev.naturalKey);
        if (existingId !== null) throw duplicateRecord(existingId);
        const confirmed = opts.confirmWarnings === true;
        const r = writer.insert(ev, {
          state: stateForFindings(ev.findings, confirmed),
          source: opts.source,
          warningsConfirmed: confirmed,
          importRunId: opts.importRunId ?? null,
        });
        return writer.saved(r.id);
      })();
    },

    /**
     * An import commit: every row in ONE transaction — all written or, on any failure, none.
     * Per row: `created`, `duplicate` (its natural key is stored: nothing written) or `invalid`.
     */
    createRecords(rows: readonly RecordInput[], opts: CreateOptions): CreateRecordsResult {
      return db.transaction(() => createMany(rows, opts))();
    },

    /**
     * What createRecords would answer, computed by the same code in a transaction that is rolled
     * back: rows of one file see each other (dose 2 after dose 1 of a new person). The ids in
     * `created` outcomes are not kept.
     */
    previewRecords(rows: readonly RecordInput[], opts: Omit<CreateOptions, 'importRunId'>): CreateRecordsResult {
      let result: CreateRecordsResult | undefined;
      try {
        db.transaction(() => {
          result = createMany(rows, opts);
          throw ROLLBACK;
        })();
      } catch (err) {
        if (err !== ROLLBACK) throw err;
      }
      return result!;
    },

    /** Live validation for the entry form: findings and the derived name parts, nothing written. */
    validateInput(input: RecordInput, recordId?: string): { findings: Finding[]; familyName: string; givenName: string; fnt: string; gnt: string } {
      const row = recordId !== undefined ? writer.getRow(recordId) : undefined;
      const personRow = row ? writer.people.get(row.person_id) : undefined;
      const ev = writer.evaluate(input, writer.defaultFacility(), personRow ? { person: personRow, recordId: row!.id } : undefined, row ? [row.id] : []);
      return { findings: ev.findings, familyName: ev.person.familyName, givenName: ev.person.givenName, fnt: ev.person.fnt, gnt: ev.person.gnt };
    },
  };
}
