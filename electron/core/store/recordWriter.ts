/**
 * The pieces every write shares: evaluate an input against the stored queue (who the person is,
 * their other doses, likely duplicates, findings), find an already stored copy, insert a record.
 * Callers run these inside their own transaction.
 */
import { warningsConfirmedFlag } from '../../../shared/domain/lifecycle.js';
import { StationError } from '../../../shared/errors.js';
import type { AuditInput } from '../audit/auditLog.js';
import type { PersonFindingsMemo } from '../../../shared/domain/personFindingsMemo.js';
import type { Finding, RecordState } from '../../../shared/domain/types.js';
import { formatDayFirst, validateRecord, warning, type OtherDose } from './domain.js';
import { peopleRepository, type PeopleSource, type PersonMatch } from './people.js';
import type { StoreContext } from './ports.js';
import { isStorable, naturalKey, prepareRecord, unstorableFields, type PreparedDose, type PreparedPerson } from './recordInput.js';
import { toPerson, toRecord, type PersonRow, type RecordRow } from './rows.js';
import type { RecordInput, RecordSource, SavedRecord } from './storeTypes.js';
import { discardedLookup, recordDiscarded } from './recordDiscard.js';

export interface Evaluation {
  person: PreparedPerson;
  dose: PreparedDose;
  match: PersonMatch;
  findings: Finding[];
  naturalKey: string;
  storable: boolean;
  /** The matched person's date of birth to write: the row's whole date where a year was stored (dobOfMatch). */
  setDob?: string;
}

/** A dose of the person's that is signed or further: their details are then changed only by a correction. */
function isSigned(d: OtherDose): boolean {
  return d.state !== undefined && d.state !== 'draft' && d.state !== 'ready' && d.state !== 'superseded';
}

/**
 * The date of birth a row matched by a less or more exact one (PersonMatch.storedDob) is filed
 * with, and the warning that says so: the whole date wins — the row's, written onto the person
 * (all their unsigned doses), or the stored one, kept. A person with a signed dose keeps theirs:
 * what was signed is changed only by a correction.
 */
function dobOfMatch(storedDob: string, rowDob: string, personId: string, doses: readonly OtherDose[]): { dob: string; write: boolean; finding: Finding } {
  const stored = formatDayFirst(storedDob);
  const row = formatDayFirst(rowDob);
  if (storedDob.length > rowDob.length) {
    return {
      dob: storedDob, write: false,
      finding: warning('dob', 'DOB_LESS_EXACT',
        `Ngày sinh ${row} của dòng này khớp với ngày sinh ${stored} đã ghi cho người cùng số giấy tờ và họ tên (mã ${personId}): cùng một người, giữ ngày sinh ${stored}.`,
        `The date of birth ${row} here agrees with ${stored}, recorded for the person with the same id number and name (id ${personId}): the same person, born ${stored}.`),
    };
  }
  if (doses.some(isSigned)) {
    return {
      dob: storedDob, write: false,
      finding: warning('dob', 'DOB_MORE_EXACT_SIGNED',
        `Ngày sinh ${row} rõ hơn năm sinh ${stored} đã ghi cho người cùng số giấy tờ và họ tên (mã ${personId}): cùng một người, nhưng người này đã có mũi tiêm được ký nên vẫn giữ ${stored}; để ghi ngày sinh đầy đủ, hãy tạo bản đính chính cho mũi đã ký.`,
        `The date of birth ${row} is more exact than ${stored}, recorded for the person with the same id number and name (id ${personId}): the same person, but a dose of theirs is signed, so ${stored} is kept; to record the whole date, make a correction of the signed dose.`),
    };
  }
  return {
    dob: rowDob, write: true,
    finding: warning('dob', 'DOB_MORE_EXACT',
      `Ngày sinh ${row} rõ hơn năm sinh ${stored} đã ghi cho người cùng số giấy tờ và họ tên (mã ${personId}): cùng một người, ngày sinh của người này được ghi thành ${row} (cho mọi mũi chưa ký).`,
      `The date of birth ${row} is more exact than ${stored}, recorded for the person with the same id number and name (id ${personId}): the same person; their date of birth becomes ${row} (for all their unsigned doses).`),
  };
}

export interface InsertMeta {
  id?: string;
  state: RecordState;
  source: RecordSource;
  warningsConfirmed: boolean;
  importRunId?: string | null;
  supersedes?: { id: string; reason: string } | null;
}

export function recordWriter(ctx: StoreContext) {
  const { db } = ctx;
  const people = peopleRepository(ctx);
  const byKey = db.prepare('SELECT id, state FROM dose_records WHERE natural_key = ?');
  const successor = db.prepare('SELECT id, state FROM dose_records WHERE supersedes = ?');
  const byId = db.prepare('SELECT * FROM dose_records WHERE id = ?');
  const discarded = discardedLookup(ctx);
  const facility = db.prepare("SELECT value FROM settings WHERE key = 'facility.code'");
  const insert = db.prepare(`INSERT INTO dose_records (id, person_id, vaccine, lot, dose_number, vaccination_date, facility_code, state,
    findings, warnings_confirmed, natural_key, source, import_run_id, supersedes, supersede_reason, created_at, updated_at)
    VALUES (@id, @personId, @vaccine, @lot, @doseNumber, @vaccinationDate, @facilityCode, @state, @findings, @warningsConfirmed,
    @naturalKey, @source, @importRunId, @supersedes, @supersedeReason, @now, @now)`);

  /**
   * `today`: the validation day, read once per call by bulk callers (the clock port is not free).
   */
  function evaluatePrepared(
    prepared: { person: PreparedPerson; dose: PreparedDose },
    source: PeopleSource,
    current?: { person: PersonRow; recordId?: string },
    exclude: readonly string[] = [],
    today: string = ctx.today(),
    personMemo?: PersonFindingsMemo,
    /** naturalKey(person, dose) when the caller has it already (a bulk caller keys its lookup by it). */
    key: string = naturalKey(prepared.person, prepared.dose),
  ): Evaluation {
    const { person, dose } = prepared;
    const match = source.match(person, current?.person);
    const otherDoses = match.existing ? source.doses(match.existing.id, exclude) : [];
    let personInput = match.existing ? { ...person.input, id: match.existing.id } : person.input;
    const refined = match.existing && match.storedDob !== undefined ? dobOfMatch(match.storedDob, person.dob, match.existing.id, otherDoses) : null;
    // Validated with the date of birth the person is filed with.
    if (refined !== null) personInput = { ...personInput, dob: refined.dob };
    // A likely duplicate under another id number, with their doses: the same dose is not recorded twice (likelySameDose.ts).
    const otherPeople = match.others.length === 0 ? match.others : match.others.map((o) => (o.idNumber === person.idNumber ? o : { ...o, doses: source.doses(o.id, exclude) }));
    const doseInput = current?.recordId !== undefined ? { ...dose.input, id: current.recordId } : dose.input;
    let findings = validateRecord(personInput, doseInput, personMemo ? { today, otherDoses, otherPeople, personMemo } : { today, otherDoses, otherPeople });
    // "nguyen van an" filed under the stored "Nguyễn Văn An" keeps the stored name: the certificate
    // prints that one, so the typed one's case is nothing to confirm.
    if (match.existing && match.existing.full_name !== person.fullName) findings = findings.filter((f) => f.code !== 'NAME_LOWER_CASE');
    if (refined !== null) findings.unshift(refined.finding);
    const ev: Evaluation = { person, dose, match, findings, naturalKey: key, storable: isStorable(person, dose) };
    if (refined?.write === true) ev.setDob = refined.dob;
    return ev;
  }

  function defaultFacility(): string {
    return (facility.get() as { value: string } | undefined)?.value ?? '';
  }

  return {
    people,
    defaultFacility,

    getRow(id: string): RecordRow | undefined {
      return byId.get(id) as RecordRow | undefined;
    },

    requireRow(id: string): RecordRow {
      const row = byId.get(id) as RecordRow | undefined;
      if (!row) {
        // Discarded (recordDiscard.ts): said so, with when and why, not "not found".
        const gone = discarded(id);
        throw gone !== undefined ? recordDiscarded(gone) : recordNotFound(id);
      }
      return row;
    },

    /**
     * `current`: a stored record being edited or corrected — its person stays its person, and it
     * is not compared with itself. `exclude`: records validation must not count as other doses.
     */
    evaluate(raw: RecordInput, facilityCode: string, current?: { person: PersonRow; recordId?: string }, exclude: readonly string[] = []): Evaluation {
      return evaluatePrepared(prepareRecord(raw, facilityCode), people, current, exclude);
    },

    /** evaluate, for an input already prepared, against `source` (the store, or a bulk snapshot). */
    evaluatePrepared,

    /**
     * The stored record an import row repeats (any record with its natural key, a corrected one
     * answered by its live successor), or null.
     */
    storedCopy(key: string): string | null {
      return liveCopyOf(byKey.all(key) as { id: string; state: RecordState }[], (id) => successor.get(id) as { id: string; state: RecordState } | undefined);
    },

    /** A live (not superseded) record other than `exclude` with this natural key, or null. */
    liveCopy(key: string, exclude: readonly string[]): string | null {
      const rows = byKey.all(key) as { id: string; state: RecordState }[];
      return rows.find((r) => r.state !== 'superseded' && !exclude.includes(r.id))?.id ?? null;
    },

    /** Inserts the record (and its person when new) with its audit entry. */
    insert(ev: Evaluation, meta: InsertMeta): { id: string; personId: string; personCreated: boolean } {
      if (!ev.storable || ev.dose.doseNumber === null) throw notStorable(ev);
      const personRow = ev.match.existing ?? people.insert(ev.person);
      if (ev.match.existing && ev.setDob !== undefined) {
        ctx.audit({ action: 'person.update', entity: 'person', entityId: personRow.id, details: { changes: people.setDob(personRow, ev.setDob), dobMoreExact: true } });
      }
      const id = meta.id ?? ctx.newId();
      insert.run({
        id,
        personId: personRow.id,
        vaccine: ev.dose.vaccine,
        lot: ev.dose.lot,
        doseNumber: ev.dose.doseNumber,
        vaccinationDate: ev.dose.vaccinationDate,
        facilityCode: ev.dose.facilityCode,
        state: meta.state,
        findings: JSON.stringify(ev.findings),
        warningsConfirmed: warningsConfirmedFlag(ev.findings, meta.warningsConfirmed) ? 1 : 0,
        naturalKey: ev.naturalKey,
        source: meta.source,
        importRunId: meta.importRunId ?? null,
        supersedes: meta.supersedes?.id ?? null,
        supersedeReason: meta.supersedes?.reason ?? null,
        now: ctx.nowIso(),
      });
      const personCreated = ev.match.existing === null;
      ctx.audit(createdAudit(ev, meta, id, personRow.id, personCreated));
      return { id, personId: personRow.id, personCreated };
    },

    saved(id: string): SavedRecord {
      const row = byId.get(id) as RecordRow;
      const record = toRecord(row);
      return { record, person: toPerson(people.get(row.person_id)!), findings: record.findings };
    },
  };
}

export type RecordWriter = ReturnType<typeof recordWriter>;

/** The audit entry of a created (or correcting) record: the same for one record and for an import. */
export function createdAudit(ev: Pick<Evaluation, 'findings'>, meta: InsertMeta, id: string, personId: string, personCreated: boolean): AuditInput {
  return {
    action: meta.supersedes ? 'record.correct' : 'record.create',
    entity: 'record',
    entityId: id,
    // Keys in canonical (sorted) order, so an import's 100k entries need no sort; the hash does not depend on it.
    details: {
      findings: ev.findings.map((f) => f.code),
      importRunId: meta.importRunId ?? null,
      personCreated,
      personId,
      ...(meta.supersedes ? { reason: meta.supersedes.reason } : {}),
      source: meta.source,
      state: meta.state,
      ...(meta.supersedes ? { supersedes: meta.supersedes.id } : {}),
    },
  };
}

/**
 * Of the records with one natural key (insertion order): the first live one, else the end of the
 * first one's correction chain (`successorOf`: the record that supersedes an id), else null.
 */
export function liveCopyOf(rows: readonly { id: string; state: string }[], successorOf: (id: string) => { id: string } | undefined): string | null {
  const live = rows.find((r) => r.state !== 'superseded');
  if (live) return live.id;
  const first = rows[0];
  if (!first) return null;
  let at: { id: string } = first;
  for (let hops = 0; hops < 1000; hops++) {
    const next = successorOf(at.id);
    if (!next) break;
    at = next;
  }
  return at.id;
}

export function recordNotFound(id: string): StationError {
  return new StationError('RECORD_NOT_FOUND', `Không tìm thấy bản ghi ${id}.`, `Record ${id} was not found.`, { id });
}

/**
 * The row cannot be filed at all: which of the fields the queue finds it by is missing or wrong is
 * said (the fuzz of session 27 found only the list of all five), the findings in details.
 */
export function notStorable(ev: Pick<Evaluation, 'person' | 'dose' | 'findings'>): StationError {
  const fields = unstorableFields(ev.person, ev.dose);
  const en = fields.map((f) => f.en);
  const enList = en.length > 1 ? `${en.slice(0, -1).join(', ')} and ${en.at(-1)!}` : (en[0] ?? 'the id type, id number, name, sex or dose number');
  return new StationError(
    'RECORD_NOT_STORABLE',
    `Không lưu được bản ghi: thiếu hoặc sai ${fields.map((f) => f.vi).join(', ') || 'loại giấy tờ, số giấy tờ, họ tên, giới tính hoặc mũi tiêm'}.`,
    `The record cannot be stored: ${enList} ${en.length > 1 ? 'are' : 'is'} missing or wrong.`,
    { findings: ev.findings, fields: fields.map((f) => f.en.replace(/^the /, '')) },
  );
}

export function duplicateRecord(existingId: string): StationError {
  return new StationError(
    'RECORD_DUPLICATE',
    `Mũi tiêm này đã có trong hàng đợi (bản ghi ${existingId}): cùng số giấy tờ, mũi, vắc xin và ngày tiêm.`,
    `This dose is already in the queue (record ${existingId}): same id number, dose number, vaccine and date.`,
    { existingId },
  );
}
