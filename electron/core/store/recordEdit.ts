/**
 * Changing a stored record. Before signing it is edited in place (its state follows its
 * findings: draft ↔ ready). From signing on it is never edited: a correction writes a new
 * record that supersedes it, and the old one becomes `superseded` (DESIGN §4).
 */
import { SIGNED_REASON_MAX } from '../../../shared/batch/signedRecord.js';
import { assertTransition, isCorrectable, isEditable, stateForFindings, warningsConfirmedFlag } from '../../../shared/domain/lifecycle.js';
import { StationError } from '../../../shared/errors.js';
import { formatDayFirst } from '../../../shared/domain/dates.js';
import type { Finding, RecordState } from '../../../shared/domain/types.js';
import type { StoreContext } from './ports.js';
import { naturalKey } from './recordInput.js';
import { duplicateRecord, notStorable, type RecordWriter } from './recordWriter.js';
import { stateCounts } from './stateCounts.js';
import type { PersonRow, RecordRow } from './rows.js';
import type { RecordInput, RecordPatch, SavedRecord } from './storeTypes.js';

/** The stored record with the patch applied; name parts and transliterations re-derived when their source changed. */
export function applyPatch(person: PersonRow, record: RecordRow, patch: RecordPatch): RecordInput {
  const p = patch.person ?? {};
  const merged: RecordInput['person'] = {
    idType: person.id_type, idNumber: person.id_number, fullName: person.full_name, familyName: person.family_name,
    givenName: person.given_name, fnt: person.fnt, gnt: person.gnt, dob: person.dob, sex: person.sex,
    nationality: person.nationality, phone: person.phone,
  };
  Object.assign(merged, p);
  const nameChanged = p.fullName !== undefined && p.fullName !== person.full_name;
  if (nameChanged && p.familyName === undefined && p.givenName === undefined) {
    delete merged.familyName;
    delete merged.givenName;
  }
  const splitChanged = merged.familyName !== person.family_name || merged.givenName !== person.given_name;
  if (splitChanged && p.fnt === undefined && p.gnt === undefined) {
    delete merged.fnt;
    delete merged.gnt;
  }
  const dose = {
    vaccine: record.vaccine, lot: record.lot, doseNumber: record.dose_number, vaccinationDate: record.vaccination_date,
    facilityCode: record.facility_code, ...(patch.dose ?? {}),
  };
  return { person: merged, dose };
}

interface SiblingRow {
  id: string;
  state: RecordState;
  warnings_confirmed: number;
  findings: string;
  dose_number: number | null;
  vaccine: string;
  vaccination_date: string;
}

/**
 * CORRECTION_BREAKS_OTHER_DOSE: the person's new details would leave another signed dose of
 * theirs with an error (or a warning nobody confirmed), so it could not be signed again.
 */
function breaksOtherDose(other: RecordRow, findings: readonly Finding[], confirmed: boolean): StationError {
  const shown = findings.filter((f) => f.severity === 'error' || !confirmed);
  const dose = { vi: `mũi ${other.dose_number ?? '?'} ngày ${formatDayFirst(other.vaccination_date)}`, en: `dose ${other.dose_number ?? '?'} of ${formatDayFirst(other.vaccination_date)}` };
  return new StationError(
    'CORRECTION_BREAKS_OTHER_DOSE',
    `Thông tin người mới sẽ làm ${dose.vi} (đã ký) của người này có vấn đề: ${shown.map((f) => f.message_vi).join(' ')} Hãy kiểm tra lại; chưa có gì được lưu.`,
    `The person's new details would give their signed ${dose.en} a problem: ${shown.map((f) => f.message_en).join(' ')} Check them; nothing was saved.`,
    { recordId: other.id, findings: shown.map((f) => ({ field: f.field, code: f.code, severity: f.severity })) },
  );
}

function reasonTooLong(length: number): StationError {
  return new StationError('CORRECTION_REASON_TOO_LONG',
    `Lý do đính chính dài ${length} ký tự, quá ${SIGNED_REASON_MAX} ký tự bản ghi ký gửi được: hãy ghi ngắn gọn.`,
    `The correction's reason is ${length} characters long, past the ${SIGNED_REASON_MAX} a signed record holds: write it shorter.`,
    { length, max: SIGNED_REASON_MAX });
}

/**
 * The reason of a dose corrected along with record `by` (the person changed): the clerk's reason
 * and the record it came with. Signed, it must fit SIGNED_REASON_MAX: a long reason is cut, with
 * "…", before the record named — that record carries it whole. A reason of 377–500 characters
 * (what the form allows) made these doses' signed reason past 500, and the platform refused the
 * whole batch they were in.
 */
export function cascadeReason(why: string, by: string): string {
  const tail = ` (đính chính cùng bản ghi ${by} / corrected with record ${by})`;
  if (why.length + tail.length <= SIGNED_REASON_MAX) return `${why}${tail}`;
  let keep = SIGNED_REASON_MAX - tail.length - 1;
  // Never half of a surrogate pair: it would be signed as U+FFFD.
  if (/[\uD800-\uDBFF]/.test(why.charAt(keep - 1))) keep -= 1;
  return `${why.slice(0, keep).trimEnd()}…${tail}`;
}

/** Whether a person's changes reach their records' duplicate key (recordInput.ts naturalKey). */
function idChanged(changes: Record<string, unknown>): boolean {
  return changes.idType !== undefined || changes.idNumber !== undefined;
}

/** A name's fields: an edit of one is an edit of the name. */
const NAME_FIELDS: readonly string[] = ['fullName', 'familyName', 'givenName', 'fnt', 'gnt'];
/** The fields an import finding is about that an edit may change ("fullName" also by its split). */
const FINDING_FIELDS: Readonly<Record<string, readonly string[]>> = {
  fullName: NAME_FIELDS,
  familyName: NAME_FIELDS,
  givenName: NAME_FIELDS,
  idNumber: ['idNumber', 'idType'],
  idType: ['idNumber', 'idType'],
  facility: ['facilityCode'],
};

/**
 * The import's own findings of a record (IMPORT_*: a vaccine read from a misspelling, a dose
 * another facility gave, stored by createRecords' extraFindings) that an edit keeps: those about
 * a field the edit left as it was. Validation cannot make them again, and a draft whose other
 * field was fixed (or rechecked for its date) must not become ready without them (session 23).
 * Those about a changed field are the file's cells the clerk replaced; those about the row as a
 * whole stay.
 */
function importFindingsKept(stored: string, changes: Readonly<Record<string, unknown>>): Finding[] {
  if (!stored.includes('"IMPORT_')) return [];
  return (JSON.parse(stored) as Finding[]).filter((f) => {
    if (!f.code.startsWith('IMPORT_')) return false;
    const about = FINDING_FIELDS[f.field] ?? [f.field];
    return !about.some((field) => field in changes);
  });
}

function warningCodes(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((f) => f.severity === 'warning').map((f) => `${f.field}:${f.code}`));
}

/**
 * Confirms a correction's warnings only when each was confirmed on the record it replaces: a
 * warning nobody saw (the rules or the person's other doses changed since) makes it a draft.
 */
function confirmedBefore(row: { warnings_confirmed: number; findings: string }, alsoSeen: ReadonlySet<string> = new Set()): (findings: readonly Finding[]) => boolean {
  const before = row.warnings_confirmed === 1 ? warningCodes(JSON.parse(row.findings) as Finding[]) : new Set<string>();
  return (findings) => [...warningCodes(findings)].every((c) => alsoSeen.has(c) || before.has(c));
}

export function recordEditing(ctx: StoreContext, writer: RecordWriter) {
  const { db } = ctx;
  const people = writer.people;
  const lockedOfPerson = db.prepare("SELECT count(*) AS n FROM dose_records WHERE person_id = ? AND state NOT IN ('draft', 'ready', 'superseded')");
  const updateRow = db.prepare(`UPDATE dose_records SET vaccine = @vaccine, lot = @lot, dose_number = @doseNumber,
    vaccination_date = @vaccinationDate, facility_code = @facilityCode, state = @state, findings = @findings,
    warnings_confirmed = @warningsConfirmed, natural_key = @naturalKey, updated_at = @now WHERE id = @id`);
  const supersede = db.prepare("UPDATE dose_records SET state = 'superseded', updated_at = ? WHERE id = ?");
  // The person's other records, for a person change: signed ones are corrected with it, the
  // others take the person's new id into their duplicate key.
  const othersOfPerson = db.prepare(`SELECT id, state, warnings_confirmed, findings, dose_number, vaccine, vaccination_date FROM dose_records
    WHERE person_id = ? AND state != 'superseded' AND id != ? ORDER BY seq`);
  const rekey = db.prepare('UPDATE dose_records SET natural_key = ? WHERE id = ?');
  // The state counts follow each state change here (per statement since migration 0007).
  const counts = stateCounts(db);

  /** A record of a person whose id changed: its duplicate key follows (natural key, recordInput.ts). */
  function rekeySibling(person: PersonRow, other: SiblingRow): void {
    rekey.run(naturalKey({ idType: person.id_type, idNumber: person.id_number }, { doseNumber: other.dose_number, vaccine: other.vaccine, vaccinationDate: other.vaccination_date }), other.id);
  }

  /**
   * One correction (see correctRecord); the person's changed fields, for the caller's cascade.
   * `confirms` says whether the new record's warnings count as confirmed; with `mustBeReady` a
   * correction that would be a draft (an error, or a warning nobody confirmed) is refused.
   */
  function correctOne(
    id: string,
    patch: RecordPatch,
    why: string,
    confirms: (findings: readonly Finding[]) => boolean,
    mustBeReady = false,
  ): { saved: SavedRecord; personChanges: Record<string, unknown> } {
    const row = writer.requireRow(id);
    if (row.state === 'superseded') {
      const by = db.prepare('SELECT id FROM dose_records WHERE supersedes = ?').get(id) as { id: string } | undefined;
      throw new StationError('RECORD_ALREADY_CORRECTED', `Bản ghi ${id} đã được đính chính bởi ${by?.id ?? '?'}.`,
        `Record ${id} was already corrected by ${by?.id ?? '?'}.`, { id, supersededBy: by?.id ?? null });
    }
    if (!isCorrectable(row.state)) {
      throw new StationError('RECORD_NOT_SIGNED', `Bản ghi ${id} chưa ký: hãy sửa trực tiếp.`,
        `Record ${id} is not signed yet: edit it instead.`, { id, state: row.state });
    }
    if (why === '') {
      throw new StationError('CORRECTION_REASON_REQUIRED', 'Cần nêu lý do đính chính.', 'A correction needs a reason.');
    }
    if (why.length > SIGNED_REASON_MAX) throw reasonTooLong(why.length);
    const t = assertTransition(row.state, 'superseded');
    const newId = ctx.newId();
    supersede.run(ctx.nowIso(), id);
    counts(row.state, 'superseded', 1);
    ctx.audit({ action: t.action, entity: 'record', entityId: id, details: { from: row.state, to: 'superseded', by: newId, reason: why } });

    const personRow = people.get(row.person_id)!;
    const ev = writer.evaluate(applyPatch(personRow, row, patch), row.facility_code, { person: personRow, recordId: newId }, [id]);
    if (!ev.storable) throw notStorable(ev);
    const dup = writer.liveCopy(ev.naturalKey, [id]);
    if (dup !== null) throw duplicateRecord(dup);
    const confirmWarnings = confirms(ev.findings);
    const state = stateForFindings(ev.findings, confirmWarnings);
    if (mustBeReady && state !== 'ready') throw breaksOtherDose(row, ev.findings, confirmWarnings);
    const personChanges = people.update(personRow, ev.person);
    if (Object.keys(personChanges).length > 0) {
      ctx.audit({ action: 'person.update', entity: 'person', entityId: personRow.id, details: { recordId: newId, correction: true, changes: personChanges } });
    }
    writer.insert({ ...ev, match: { ...ev.match, existing: people.get(personRow.id)! } }, {
      id: newId, state, source: 'correction', warningsConfirmed: confirmWarnings,
      supersedes: { id, reason: why },
    });
    return { saved: writer.saved(newId), personChanges };
  }

  return {
    /**
     * Edits a draft or ready record in place and re-validates it. `confirmWarnings` omitted keeps
     * an earlier confirmation as long as no new warning appeared. Editing the person changes the
     * person of all their records, so it is refused (PERSON_LOCKED) once one of them is signed.
     * `recheck`: the finding that made the station validate it again by itself (draftRecheck.ts).
     */
    updateRecord(id: string, patch: RecordPatch, opts: { confirmWarnings?: boolean; recheck?: string } = {}): SavedRecord {
      return db.transaction(() => {
        const row = writer.requireRow(id);
        if (!isEditable(row.state)) {
          throw new StationError('RECORD_LOCKED',
            `Bản ghi ${id} đã ký (trạng thái "${row.state}"): không sửa được, hãy tạo bản đính chính.`,
            `Record ${id} is signed (state "${row.state}"): it cannot be edited; make a correction instead.`, { id, state: row.state });
        }
        const personRow = people.get(row.person_id)!;
        const ev = writer.evaluate(applyPatch(personRow, row, patch), row.facility_code, { person: personRow, recordId: id }, [id]);
        if (!ev.storable || ev.dose.doseNumber === null) throw notStorable(ev);
        const dup = writer.liveCopy(ev.naturalKey, [id]);
        if (dup !== null) throw duplicateRecord(dup);

        const personChanges = people.update(personRow, ev.person);
        if (Object.keys(personChanges).length > 0) {
          if ((lockedOfPerson.get(personRow.id) as { n: number }).n > 0) {
            throw new StationError('PERSON_LOCKED',
              'Người này đã có mũi tiêm được ký: thông tin cá nhân chỉ sửa được bằng bản đính chính.',
              "This person has signed records: their details can only be changed by a correction.", { personId: personRow.id });
          }
          ctx.audit({ action: 'person.update', entity: 'person', entityId: personRow.id, details: { recordId: id, changes: personChanges } });
          if (idChanged(personChanges)) {
            const person = people.get(personRow.id)!;
            for (const other of othersOfPerson.all(person.id, id) as SiblingRow[]) rekeySibling(person, other);
          }
        }

        const doseChanges: Record<string, [string | number, string | number]> = {};
        const next = { vaccine: ev.dose.vaccine, lot: ev.dose.lot, doseNumber: ev.dose.doseNumber, vaccinationDate: ev.dose.vaccinationDate, facilityCode: ev.dose.facilityCode };
        const prev = { vaccine: row.vaccine, lot: row.lot, doseNumber: row.dose_number, vaccinationDate: row.vaccination_date, facilityCode: row.facility_code };
        for (const k of Object.keys(next) as (keyof typeof next)[]) if (prev[k] !== next[k]) doseChanges[k] = [prev[k], next[k]];

        // The import's own findings stay with the record while what they are about is unchanged.
        const findings = [...importFindingsKept(row.findings, { ...personChanges, ...doseChanges }), ...ev.findings];
        const confirmed = opts.confirmWarnings ?? confirmedBefore(row)(findings);
        const state = stateForFindings(findings, confirmed);
        const flagged = warningsConfirmedFlag(findings, confirmed);
        updateRow.run({ ...next, id, state, findings: JSON.stringify(findings), warningsConfirmed: flagged ? 1 : 0, naturalKey: ev.naturalKey, now: ctx.nowIso() });
        ctx.audit({
          action: 'record.update', entity: 'record', entityId: id,
          details: {
            changes: doseChanges, personChanged: Object.keys(personChanges).length > 0, findings: findings.map((f) => f.code), warningsConfirmed: flagged,
            ...(opts.recheck !== undefined ? { recheck: opts.recheck } : {}),
          },
        });
        if (state !== row.state) {
          counts(row.state, state, 1);
          const t = assertTransition(row.state, state);
          ctx.audit({ action: t.action, entity: 'record', entityId: id, details: { from: row.state, to: state } });
        }
        return writer.saved(id);
      }).immediate();
    },

    /**
     * Corrects a signed (or later) record: a new record with the patch applied, `supersedes` the
     * old one with the reason; the old one becomes `superseded`. Person fields may change here
     * (that is what corrections are for); when they do, the person's other signed records are
     * corrected with it (`alsoCorrected`), so no signed dose keeps details the person no longer has.
     */
    correctRecord(id: string, patch: RecordPatch, reason: string, opts: { confirmWarnings?: boolean | 'as-before' } = {}): SavedRecord & { alsoCorrected: string[] } {
      return db.transaction(() => {
        const why = typeof reason === 'string' ? reason.trim() : '';
        const clerkConfirmed = opts.confirmWarnings === true;
        const confirms = opts.confirmWarnings === 'as-before' ? confirmedBefore(writer.requireRow(id)) : () => clerkConfirmed;
        const { saved, personChanges } = correctOne(id, patch, why, confirms);
        const alsoCorrected: string[] = [];
        if (Object.keys(personChanges).length > 0) {
          // One person, one set of details: every other signed dose of theirs was signed with
          // the old ones (and its passport says them), so each gets the same correction, same
          // dose, the person's new details. Unsigned doses simply follow the person; their
          // duplicate key takes a changed id number.
          const person = people.get(saved.person.id)!;
          const cascadeWhy = cascadeReason(why, saved.record.id);
          // A warning counts as confirmed on another dose when it was confirmed there before, or
          // when the clerk confirmed the same one on this correction (a person's warning, such as
          // the phone's, is the same on each dose). Anything else would make a signed dose a
          // draft the clerk never saw: the whole correction is refused, naming that dose.
          const seen = clerkConfirmed ? warningCodes(saved.findings) : new Set<string>();
          for (const other of othersOfPerson.all(person.id, saved.record.id) as SiblingRow[]) {
            if (isCorrectable(other.state)) {
              alsoCorrected.push(correctOne(other.id, {}, cascadeWhy, confirmedBefore(other, seen), true).saved.record.id);
            } else if (idChanged(personChanges)) {
              rekeySibling(person, other);
            }
          }
        }
        return { ...saved, alsoCorrected };
      }).immediate();
    },
  };
}

export type RecordEditing = ReturnType<typeof recordEditing>;
