/** New records: one from the form, many from an import commit (one transaction), and previews. */
import { stateForFindings, warningsConfirmedFlag } from '../../../shared/domain/lifecycle.js';
import { PersonFindingsMemo } from '../../../shared/domain/personFindingsMemo.js';
import { StationError } from '../../../shared/errors.js';
import type { Finding } from '../../../shared/domain/types.js';
import type { OtherDose } from './domain.js';
import type { AuditInput } from '../audit/auditLog.js';
import { bulkInsert, type NewPerson, type NewRecord } from './bulkInsert.js';
import { bulkLookup } from './bulkLookup.js';
import { hasErrors, validateDoseAmongOthers } from './domain.js';
import { withDurableTransaction } from '../db/durableTransaction.js';
import { IDLE_MS, SIGNING_WAL_PAGES, withDeferredCheckpoint } from '../db/walCheckpoint.js';
import { ImportAuditEntry } from './importAudit.js';
import { importRuns } from './importRuns.js';
import type { StoreContext } from './ports.js';
import { naturalKey, PreparedPeople, prepareDose, type PreparedDose, type PreparedPerson } from './recordInput.js';
import { matchPlan, sameStamp, snapshotRow, storeCounters, type Plan, type PlanStamp } from './previewPlan.js';
import { createdAudit, duplicateRecord, notStorable, type RecordWriter } from './recordWriter.js';
import type { PersonRow } from './rows.js';
import type { CreateOptions, CreateRecordsResult, RecordInput, RowOutcome, SavedRecord } from './storeTypes.js';

const SOURCES = ['form', 'import', 'correction', 'api'];

function assertSource(source: unknown): void {
  if (!SOURCES.includes(source as string)) {
    throw new StationError('RECORD_SOURCE_INVALID', `Nguồn bản ghi không hợp lệ: ${String(source)}.`, `Not a record source: ${String(source)}.`, { source });
  }
}

/**
 * A row's planned answer; a created one keeps what the write needs and the ids it drew, not the
 * whole evaluation: its person match (and the match's list) lived from the preview to the commit
 * for nothing, ~12 MB a 100k-row import the collector copied.
 */
type Planned =
  | { created: false; outcome: 'duplicate'; existingId: string }
  | { created: false; outcome: 'invalid'; findings: Finding[] }
  | {
      created: true;
      person: PreparedPerson;
      dose: PreparedDose;
      findings: Finding[];
      naturalKey: string;
      doseNumber: number;
      id: string;
      personId: string;
      personCreated: boolean;
      /** The matched person's date of birth made exact by this row (Evaluation.setDob). */
      setDob?: string;
    };

/**
 * Findings about a dose that depend on every dose of the person, not only on those before it: a
 * dose number past one the person has none of (DOSE_NUMBER_GAP) is no gap when the lower dose
 * comes later in the same import, and is one when the row of the dose past it came first. Dose
 * numbers that do not follow the dates (DOSE_ORDER_MISMATCH) may be either record's mistake:
 * both carry it, not only the one whose row came second (a signer looking at the other saw nothing).
 */
const WHOLE_PERSON_CODES: ReadonlySet<string> = new Set(['DOSE_NUMBER_GAP', 'DOSE_ORDER_MISMATCH']);

/**
 * Each created row with a later created row of the same person, checked again for
 * WHOLE_PERSON_CODES against all the person's doses (stored, and every row of this call): those
 * findings replaced in place, added, or dropped. Warnings only: which rows are created is not
 * changed. A row with no later row of its person saw all of them already.
 */
function recheckWholePerson(planned: Planned[], doses: (personId: string) => readonly OtherDose[], today: string): void {
  const last = new Map<string, number>();
  planned.forEach((p, i) => {
    if (p.created) last.set(p.personId, i);
  });
  planned.forEach((p, i) => {
    if (!p.created || last.get(p.personId) === i) return;
    const fresh = validateDoseAmongOthers({ ...p.dose.input, id: p.id }, { today, otherDoses: doses(p.personId) }).filter((f) => WHOLE_PERSON_CODES.has(f.code));
    const kept: Finding[] = [];
    for (const f of p.findings) {
      if (!WHOLE_PERSON_CODES.has(f.code)) kept.push(f);
      else {
        const at = fresh.findIndex((g) => g.code === f.code);
        if (at >= 0) kept.push(...fresh.splice(at, 1));
      }
    }
    p.findings = [...kept, ...fresh];
  });
}

/** The row a person created by this call will have, for the rows after it. */
function newPersonRow(id: string, p: PreparedPerson, now: string): PersonRow {
  return {
    seq: 0, id, id_type: p.idType as PersonRow['id_type'], id_number: p.idNumber, full_name: p.fullName, family_name: p.familyName, given_name: p.givenName,
    fnt: p.fnt, gnt: p.gnt, name_folded: p.nameFolded, dob: p.dob, sex: p.sex as PersonRow['sex'], nationality: p.nationality, phone: p.phone,
    identity_status: 'unverified', identity_checked_at: null, merged_into: null, merge_reason: null, created_at: now, updated_at: now,
  };
}

/**
 * The checkpoint threshold during a commit of `rows` rows: above what it writes, so SQLite does
 * not checkpoint at its end (a 100k-row CSV — 50k people, 100k records, their indexes, full text
 * and the audit entry — left ~21,200 WAL pages: ~0.21 a row; 0.5 leaves room for a WAL not yet
 * checkpointed and for wider rows), and capped at 256 MB of 4 KiB pages so the WAL stays bounded
 * whatever the file: past it, SQLite checkpoints at the commit as it always did.
 */
export const IMPORT_WAL_PAGES_MAX = 65_536;
export function importWalPages(rows: number): number {
  return Math.min(IMPORT_WAL_PAGES_MAX, SIGNING_WAL_PAGES + Math.ceil(rows / 2));
}

export function recordCreation(ctx: StoreContext, writer: RecordWriter) {
  const { db } = ctx;
  const runs = importRuns(ctx);

  const inserts = bulkInsert(ctx);
  const dobUpdate = db.prepare('UPDATE people SET dob = ?, updated_at = ? WHERE id = ?');
  const storedDob = db.prepare('SELECT dob FROM people WHERE id = ?').pluck();

  /** The last preview's plan, for the commit that follows it (previewPlan.ts). */
  let lastPlan: Plan<Planned> | null = null;

  function stampOf(opts: CreateOptions): PlanStamp {
    return {
      ...storeCounters(db),
      today: ctx.today(),
      facility: writer.defaultFacility(),
      source: opts.source,
      saveInvalidAsDraft: opts.saveInvalidAsDraft === true,
      wholePerson: opts.wholePerson === true,
    };
  }

  /**
   * Every row evaluated in order against one snapshot of the store (bulkLookup) that also holds
   * the rows created before it: the same answers, row by row, as inserting each before evaluating
   * the next; with `wholePerson` (an import's rows are one set, not a sequence), the findings that
   * look at every dose of the person then checked again (recheckWholePerson).
   * Nothing is written; ids are drawn for the rows that would be created.
   */
  function plan(rows: readonly RecordInput[], opts: CreateOptions, facility: string, today: string): Planned[] {
    const now = ctx.nowIso();
    const people = new PreparedPeople();
    // Persons and doses in two lists, not a {person, dose} pair per row kept to the end of the plan.
    const persons = rows.map((row) => people.prepare(row?.person));
    const doses = rows.map((row) => prepareDose(row?.dose, facility));
    const keys = doses.map((dose, i) => naturalKey(persons[i]!, dose));
    const lookup = bulkLookup(ctx, persons, keys);
    const confirmed = opts.confirmWarnings === true;
    // A person's doses share the person's own findings (one check per person, not per dose).
    const personMemo = opts.personMemo ?? new PersonFindingsMemo();
    const planned = doses.map((d, i): Planned => {
      const ev = writer.evaluatePrepared({ person: persons[i]!, dose: d }, lookup, undefined, [], today, personMemo, keys[i]);
      const existingId = lookup.storedCopy(ev.naturalKey);
      if (existingId !== null && ev.storable) return { created: false, outcome: 'duplicate', existingId };
      const dose = ev.dose;
      const doseNumber = dose.doseNumber;
      // isStorable already requires a dose number; the check is for the type.
      if (!ev.storable || doseNumber === null || (hasErrors(ev.findings) && !opts.saveInvalidAsDraft)) return { created: false, outcome: 'invalid', findings: ev.findings };
      // Ids in the order the per-row inserts drew them: the person's, then the record's.
      const personCreated = ev.match.existing === null;
      const personId = ev.match.existing?.id ?? ctx.newId();
      if (personCreated) lookup.addPerson(newPersonRow(personId, ev.person, now));
      else if (ev.setDob !== undefined) lookup.setDob(ev.match.existing!, ev.setDob);
      const id = ctx.newId();
      // Validation reads another dose's state only to skip superseded ones (and whether the person
      // has a signed one): a new record is neither.
      lookup.addRecord(personId, ev.naturalKey, { id, doseNumber, vaccinationDate: dose.vaccinationDate, vaccine: dose.vaccine, lot: dose.lot, state: stateForFindings(ev.findings, confirmed) });
      const planned: Planned = { created: true, person: ev.person, dose, findings: ev.findings, naturalKey: ev.naturalKey, doseNumber, id, personId, personCreated };
      if (ev.setDob !== undefined) planned.setDob = ev.setDob;
      return planned;
    });
    if (opts.wholePerson === true) recheckWholePerson(planned, (personId) => lookup.doses(personId), today);
    return planned;
  }

  /** The answers of a plan and, for the commit, its writes (people, records, audit entries). */
  function answer(rows: readonly RecordInput[], planned: readonly Planned[], opts: CreateOptions, write: boolean): CreateRecordsResult {
    const now = ctx.nowIso();
    const confirmed = opts.confirmWarnings === true;
    const meta = { source: opts.source, importRunId: opts.importRunId ?? null };
    const outcomes: RowOutcome[] = [];
    const newPeople: NewPerson[] = [];
    // A person this call creates, by id: a later row that makes their date of birth exact changes the one to insert.
    const newPersonAt = new Map<string, number>();
    const newRecords: NewRecord[] = [];
    const audits: AuditInput[] = [];
    // An import run's records are named by ONE entry (importAudit.ts); without a run, one each.
    const runEntry = opts.importRunId !== undefined ? new ImportAuditEntry(opts.sourceSheets !== undefined) : null;
    const sourceRows = opts.sourceRows;
    let created = 0;
    let duplicates = 0;
    let invalid = 0;
    planned.forEach((p, index) => {
      if (!p.created) {
        if (p.outcome === 'duplicate') {
          duplicates++;
          outcomes.push({ index, outcome: 'duplicate', existingId: p.existingId, findings: [] });
        } else {
          invalid++;
          outcomes.push({ index, outcome: 'invalid', findings: p.findings });
        }
        return;
      }
      const { dose, id, personId, personCreated, doseNumber } = p;
      // The caller's own findings first, as its preview listed them (the import's before validation's).
      const extra = opts.extraFindings?.[index];
      const findings = extra === undefined || extra.length === 0 ? p.findings : [...extra, ...p.findings];
      const state = stateForFindings(findings, confirmed);
      const flagged = warningsConfirmedFlag(findings, confirmed);
      if (write) {
        if (personCreated) {
          newPersonAt.set(personId, newPeople.length);
          newPeople.push({ id: personId, person: p.person });
        } else if (p.setDob !== undefined) {
          const at = newPersonAt.get(personId);
          // The prepared person is shared by the rows of this person: a copy with the new date.
          if (at !== undefined) newPeople[at] = { id: personId, person: { ...newPeople[at]!.person, dob: p.setDob } };
          else {
            const before = storedDob.get(personId) as string;
            dobUpdate.run(p.setDob, now, personId);
            audits.push({ action: 'person.update', entity: 'person', entityId: personId, details: { changes: { dob: [before, p.setDob] }, dobMoreExact: true, recordId: id } });
          }
        }
        newRecords.push({
          id, personId, vaccine: dose.vaccine, lot: dose.lot, doseNumber, vaccinationDate: dose.vaccinationDate,
          // Most imported records have no findings: '[]' is what JSON.stringify would write.
          facilityCode: dose.facilityCode, state, findings: findings.length === 0 ? '[]' : JSON.stringify(findings), warningsConfirmed: flagged ? 1 : 0, naturalKey: p.naturalKey,
        });
        if (runEntry !== null) runEntry.add({ id, row: sourceRows?.[index] ?? null, sheet: opts.sourceSheets?.[index] ?? null, personId, personCreated, state, findings });
        else audits.push(createdAudit({ findings }, { source: meta.source, warningsConfirmed: flagged, importRunId: meta.importRunId, state }, id, personId, personCreated));
      }
      created++;
      outcomes.push({ index, outcome: 'created', id, personId, personCreated, state, findings });
    });
    if (write) {
      inserts.people(newPeople, now);
      inserts.records(newRecords, meta, now);
      ctx.auditMany(audits);
    }
    if (opts.importRunId !== undefined) {
      const held = opts.heldBack ?? { duplicates: 0, invalid: 0 };
      const counts = { rows: rows.length + held.duplicates + held.invalid, created, duplicates: duplicates + held.duplicates, invalid: invalid + held.invalid };
      runs.markCommitted(opts.importRunId, counts, runEntry?.details(counts, { source: opts.source, warningsConfirmed: confirmed }));
    }
    return { outcomes, created, duplicates, invalid, importRunId: opts.importRunId ?? null };
  }

  /** The commit: the last preview's plan when it still holds for these rows, else a new one. */
  function createMany(rows: readonly RecordInput[], opts: CreateOptions): CreateRecordsResult {
    assertSource(opts.source);
    if (opts.importRunId !== undefined) runs.assertOpen(opts.importRunId);
    const stamp = stampOf(opts);
    const kept = lastPlan;
    lastPlan = null;
    const reused = kept !== null && sameStamp(kept.stamp, stamp) ? matchPlan(kept, rows) : null;
    return answer(rows, reused ?? plan(rows, opts, stamp.facility, stamp.today), opts, true);
  }

  /** The preview: the plan, answered, and kept for the commit when every row could be copied. */
  function previewMany(rows: readonly RecordInput[], opts: CreateOptions): CreateRecordsResult {
    assertSource(opts.source);
    lastPlan = null;
    const stamp = stampOf(opts);
    const planned = plan(rows, opts, stamp.facility, stamp.today);
    const copies = rows.map(snapshotRow);
    if (copies.every((c) => c !== null)) lastPlan = { stamp, rows: copies as NonNullable<(typeof copies)[number]>[], planned };
    return answer(rows, planned, opts, false);
  }

  /** Starting an import run writes nothing evaluation reads: a plan fresh before it stays fresh. */
  // Immediate: no other connection commits between the check and the re-stamp.
  const startRun = (input: { fileName: string; fileHash: string }) =>
    db
      .transaction(() => {
        const kept = lastPlan;
        const fresh = kept !== null && sameStamp(kept.stamp, { ...kept.stamp, ...storeCounters(db) });
        const run = runs.start(input);
        if (kept !== null && fresh) kept.stamp = { ...kept.stamp, ...storeCounters(db) };
        return run;
      })
      .immediate();

  /**
   * What a preview's answers depend on in the store, as one string (previewPlan.ts PlanStamp's
   * store part): equal before and after means no row was written on this connection, no other
   * connection committed, and the day and default facility are the same.
   */
  const previewStamp = (): string => {
    const { changes, dataVersion } = storeCounters(db);
    return JSON.stringify([changes, dataVersion, ctx.today(), writer.defaultFacility()]);
  };

  return {
    runs: { ...runs, start: startRun },
    previewStamp,

    /**
     * One record from the form. Saved as `ready` when it has no errors and no unconfirmed
     * warnings, else as `draft` with its findings. Refuses RECORD_DUPLICATE (the same dose is
     * stored) and RECORD_NOT_STORABLE (no id type/number, name, sex or dose number to file it by).
     */
    createRecord(input: RecordInput, opts: CreateOptions): SavedRecord {
      assertSource(opts.source);
      return db.transaction(() => {
        const ev = writer.evaluate(input, writer.defaultFacility());
        if (!ev.storable) throw notStorable(ev);
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
      }).immediate();
    },

    /**
     * An import commit: every row in ONE transaction — all written or, on any failure, none.
     * Per row: `created`, `duplicate` (its natural key is stored: nothing written) or `invalid`.
     */
    createRecords(rows: readonly RecordInput[], opts: CreateOptions): CreateRecordsResult {
      // Inside a caller's transaction: part of it (a savepoint), committed by the caller.
      if (db.inTransaction) return db.transaction(() => createMany(rows, opts))();
      // The checkpoint of a big commit (~0.6 s for 100k rows) runs once the station is idle, not
      // inside the commit the user waits for; committed with synchronous=FULL, so the commit is
      // on disk when this returns, as the checkpoint used to make it (walCheckpoint.ts).
      return withDeferredCheckpoint(db, () => withDurableTransaction(db, () => createMany(rows, opts)), IDLE_MS, importWalPages(rows.length));
    },

    /**
     * What createRecords would answer, computed by the same code without writing: rows of one
     * file see each other (dose 2 after dose 1 of a new person). The ids in `created` outcomes are
     * not kept.
     */
    previewRecords(rows: readonly RecordInput[], opts: Omit<CreateOptions, 'importRunId'>): CreateRecordsResult {
      // A read transaction: every lookup sees the same snapshot; nothing is written.
      return db.transaction(() => previewMany(rows, opts))();
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
