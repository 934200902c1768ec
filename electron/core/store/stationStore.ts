/**
 * The station's queue: every read and write of records, people, settings and the audit log goes
 * through this object (the one writer, DESIGN §4). Each write is one transaction holding the data
 * change, the state transition and the audit entries together. API: README.md of this folder.
 */
import { StationError } from '../../../shared/errors.js';
import type { StationDatabase } from '../db/openStationDatabase.js';
import { listAudit, type AuditEntry } from '../audit/auditLog.js';
import { verifyAuditChain, type AuditVerification } from '../audit/verifyAuditChain.js';
import { peopleMaintenance } from './peopleMaintenance.js';
import { storeContext, type StorePorts } from './ports.js';
import { recordCreation } from './recordCreate.js';
import { fitDiscardReason, recordDiscarding, type DiscardedRecord } from './recordDiscard.js';
import { draftRechecking, type DraftRecheck } from './draftRecheck.js';
import { heldBackRecords, type HeldBack } from './holdBack.js';
import { recordEditing } from './recordEdit.js';
import { recordReading } from './recordRead.js';
import { listRecords } from './recordSearch.js';
import { recordStates } from './recordStates.js';
import { recordWriter } from './recordWriter.js';
import { settingsStore } from './settingsStore.js';
import type { ImportRun } from './importRuns.js';
import type {
  CreateOptions, CreateRecordsResult, DuplicatePair, RecordDetails, RecordInput, RecordPage, RecordPatch, RecordQuery, SavedRecord, StateChangeItem,
} from './storeTypes.js';
import type { Finding, Person, RecordState } from '../../../shared/domain/types.js';

export interface StationStore {
  readonly db: StationDatabase;
  createRecord(input: RecordInput, opts: CreateOptions): SavedRecord;
  createRecords(rows: readonly RecordInput[], opts: CreateOptions): CreateRecordsResult;
  previewRecords(rows: readonly RecordInput[], opts: Omit<CreateOptions, 'importRunId'>): CreateRecordsResult;
  /** Equal at two moments: nothing a preview read has changed between them (recordCreate.ts). */
  previewStamp(): string;
  validateInput(input: RecordInput, recordId?: string): { findings: Finding[]; familyName: string; givenName: string; fnt: string; gnt: string };
  startImportRun(input: { fileName: string; fileHash: string }): ImportRun;
  getImportRun(id: string): ImportRun | null;
  /** An `import.fail` entry for a run whose commit failed after it started (importRuns.fail). */
  failImportRun(id: string, failure: { code: string; cause?: string }): void;
  /** The committed runs of a file with this hash, newest first, at most `limit`, the first run always among them; `total`: all of them (importRuns.ts). */
  committedImportRuns(fileHash: string, limit: number): { runs: ImportRun[]; total: number };
  updateRecord(id: string, patch: RecordPatch, opts?: { confirmWarnings?: boolean }): SavedRecord;
  correctRecord(id: string, patch: RecordPatch, reason: string, opts?: { confirmWarnings?: boolean | 'as-before' }): SavedRecord & { alsoCorrected: string[] };
  setRecordsState(items: readonly StateChangeItem[], from: RecordState, to: RecordState, details?: Record<string, string | number | boolean | null>): { changed: number };
  /** Ready records the platform would refuse, back to draft with the findings saying why (holdBack.ts); the ids moved. */
  holdBackRecords(items: readonly HeldBack[]): string[];
  getRecord(id: string): RecordDetails;
  countByState(): Record<RecordState, number>;
  listRecords(q?: RecordQuery): RecordPage;
  getPerson(id: string): Person | undefined;
  findDuplicatePeople(opts?: { limit?: number }): { pairs: DuplicatePair[] };
  /**
   * `discardedDoses`: the merged person's unsigned copies of a dose the kept person already holds
   * (same vaccine, dose number, date and lot), discarded by the merge (recordDiscard.ts).
   */
  /** `backToDraft`: ready records of either person the re-check sent back to draft (a finding to look at before signing). */
  mergePeople(keepId: string, mergeId: string, reason: string): { person: Person; movedDoses: number; discardedDoses: string[]; backToDraft: string[] };
  /** A listed pair said to be two people: no longer listed, audited (peopleMaintenance.ts). */
  markPeopleDistinct(aId: string, bId: string, reason: string): { markedAt: string };
  /** An unsigned (draft/ready) record out of the queue, kept whole and audited (recordDiscard.ts). */
  discardRecord(id: string, reason: string): DiscardedRecord;
  getSetting(key: string): string | null;
  setSetting(key: string, value: string | null): void;
  /** `facility.code`, and the unsigned records stamped with the old one follow it; `{moved}`: how many. */
  setFacilityCode(value: string | null): { moved: number };
  /** Drafts held back only by a date after the PC's today, validated again once it has come (draftRecheck.ts). */
  recheckDatedDrafts(): DraftRecheck;
  listAudit(q: { limit: number; beforeSeq?: number }): AuditEntry[];
  verifyAudit(): AuditVerification;
}

export function createStationStore(db: StationDatabase, ports: StorePorts): StationStore {
  const ctx = storeContext(db, ports);
  const writer = recordWriter(ctx);
  const creation = recordCreation(ctx, writer);
  const editing = recordEditing(ctx, writer);
  const reading = recordReading(ctx, writer);
  const states = recordStates(ctx);
  const people = peopleMaintenance(ctx);
  const settings = settingsStore(ctx);
  const rechecking = draftRechecking(ctx, editing);
  const discarding = recordDiscarding(ctx, writer);
  const lotOf = db.prepare('SELECT lot FROM dose_records WHERE id = ?').pluck();
  const correctsOf = db.prepare('SELECT supersedes FROM dose_records WHERE id = ?').pluck();

  return {
    db,
    createRecord: creation.createRecord,
    createRecords: creation.createRecords,
    previewRecords: creation.previewRecords,
    previewStamp: creation.previewStamp,
    validateInput: creation.validateInput,
    startImportRun: creation.runs.start,
    getImportRun: creation.runs.get,
    failImportRun: creation.runs.fail,
    committedImportRuns: creation.runs.committedByHash,
    updateRecord: editing.updateRecord,
    correctRecord: editing.correctRecord,
    setRecordsState: states.setRecordsState,
    holdBackRecords: heldBackRecords(ctx),
    getRecord: reading.getRecord,
    countByState: reading.countByState,
    listRecords: (q: RecordQuery = {}) => listRecords(db, q),
    getPerson: writer.people.person,
    findDuplicatePeople: people.findDuplicatePeople,
    // Doses moved onto the kept person meet that person's other doses for the first time (a
    // duplicate dose, an interval too short): re-check every one still editable, in the merge's
    // transaction, so none stays ready with a finding it never showed. A moved dose the kept
    // person already holds, lot and all, is the double entry the merge is for: the moved copy
    // (never signed: MERGE_PERSON_SIGNED) is discarded, kept whole and audited, and the merge goes
    // on (session 28; before, MERGE_DUPLICATE_DOSE refused it with no way forward). A copy with
    // another lot is refused: which lot is right is the clerk's to say.
    mergePeople: (keepId, mergeId, reason) =>
      db.transaction(() => {
        const moving = new Set(db.prepare(`SELECT id FROM dose_records WHERE person_id = ? AND state IN ('draft', 'ready')`).pluck().all(mergeId) as string[]);
        const ready = db.prepare(`SELECT id FROM dose_records WHERE person_id IN (?, ?) AND state = 'ready' ORDER BY seq`).pluck().all(keepId, mergeId) as string[];
        const result = people.mergePeople(keepId, mergeId, reason);
        const editable = db.prepare(`SELECT id FROM dose_records WHERE person_id = ? AND state IN ('draft', 'ready') ORDER BY seq`).pluck().all(keepId) as string[];
        const discardedDoses: string[] = [];
        const mergedName = () => writer.people.person(mergeId)?.fullName ?? mergeId;
        for (const id of editable) {
          while (!discardedDoses.includes(id)) {
            try {
              editing.updateRecord(id, {});
              break;
            } catch (err) {
              const pair = duplicatePair(err, id, moving);
              if (pair === null) throw err;
              const lots = [lotOf.get(pair.copy) as string, lotOf.get(pair.kept) as string] as const;
              if (lots[0] !== lots[1]) throw sameDoseOnBoth(pair, mergedName(), lots);
              const corrects = correctsOf.get(pair.copy) as string | null | undefined;
              if (corrects != null) throw correctionOnBoth(pair, mergedName(), corrects);
              const why = `Nhập trùng mũi ${pair.kept} (gộp người) / Entered twice, same as ${pair.kept} (people merged): ${reason.trim()}`;
              discarding.discardRecord(pair.copy, fitDiscardReason(why), { duplicateOf: pair.kept });
              discardedDoses.push(pair.copy);
            }
          }
        }
        // A ready record the re-check found a fault in (two dose 2 on other dates, an interval too
        // short) is a draft now, held back from signing: said, not left to be found (session 28).
        const stateOf = db.prepare('SELECT state FROM dose_records WHERE id = ?').pluck();
        const backToDraft = ready.filter((id) => stateOf.get(id) === 'draft');
        return { ...result, discardedDoses, backToDraft };
      }).immediate(),
    markPeopleDistinct: people.markPeopleDistinct,
    discardRecord: (id, reason) => discarding.discardRecord(id, reason),
    getSetting: settings.getSetting,
    setSetting: settings.setSetting,
    // A record takes the facility code of the day it was saved (recordWriter.defaultFacility).
    // Unsigned, nothing outside the station has seen it; left with the old code it would be
    // signed under the new one and refused by the platform (RECORD_FACILITY_MISMATCH), so it
    // follows the setting, in the setting's transaction, with one entry naming every record.
    setFacilityCode: (value) =>
      db.transaction(() => {
        const before = settings.getSetting('facility.code');
        // Cleared, the code would leave unsigned records stamped with it and nothing to follow
        // later: the next code set would not move them, and the platform would refuse each one
        // (review of session 17). A new code is set in its place, not after a blank.
        if (value === null && before !== null) {
          const carrying = db.prepare("SELECT count(*) FROM dose_records WHERE state IN ('draft', 'ready') AND facility_code = ?").pluck().get(before) as number;
          if (carrying > 0) {
            throw new StationError('FACILITY_CODE_IN_USE',
              `Không xóa được mã cơ sở ${before}: ${carrying} hồ sơ chưa ký mang mã này. Hãy đặt thẳng mã mới thay cho mã cũ; các hồ sơ đó sẽ theo mã mới.`,
              `The facility code ${before} cannot be cleared: ${carrying} unsigned record(s) carry it. Set the new code in its place instead; those records follow it.`,
              { current: before, records: carrying });
          }
        }
        settings.setSetting('facility.code', value);
        if (value === null || before === value) return { moved: 0 };
        // The first code set takes the records saved before it, stamped with none (an import
        // done before Settings): signed with an empty code, the platform refused each one, and
        // no edit of the record could give it a code (session 27).
        const moved = db
          .prepare(`UPDATE dose_records SET facility_code = ?, updated_at = ? WHERE state IN ('draft', 'ready') AND facility_code = ? RETURNING id`)
          .pluck()
          .all(value, ctx.nowIso(), before ?? '') as string[];
        if (moved.length > 0) ctx.audit({ action: 'records.facility', entity: 'settings', entityId: 'facility.code', details: { from: before, to: value, records: moved } });
        // A record whose finding is about the old code (past the signed record's limit, stored by
        // an older build) is validated again with the new one, so it does not stay a draft with
        // an error about a code it no longer carries (session 27).
        const aboutFacility = db.prepare(`SELECT id FROM dose_records WHERE id = ? AND EXISTS (SELECT 1 FROM json_each(findings) WHERE json_extract(value, '$.field') = 'facility')`).pluck();
        for (const id of moved) if (aboutFacility.get(id) !== undefined) editing.updateRecord(id, {});
        return { moved: moved.length };
      }).immediate(),
    recheckDatedDrafts: rechecking.recheckDatedDrafts,
    listAudit: (q) => listAudit(db, q),
    verifyAudit: () => verifyAuditChain(db),
  };
}

/**
 * Of a RECORD_DUPLICATE met re-checking `id` after a merge, the moved copy (one of `moving`, the
 * merged person's unsigned doses) and the kept person's record it repeats; null for any other
 * failure. Either can be the one re-checked: the kept person's own draft meets the moved copy
 * when both were typed with the same id number.
 */
function duplicatePair(err: unknown, id: string, moving: ReadonlySet<string>): { copy: string; kept: string } | null {
  if (!(err instanceof StationError) || err.code !== 'RECORD_DUPLICATE') return null;
  const other = String((err.details as { existingId?: unknown } | undefined)?.existingId ?? '');
  if (moving.has(id) && !moving.has(other)) return { copy: id, kept: other };
  if (moving.has(other) && !moving.has(id)) return { copy: other, kept: id };
  return null;
}

/**
 * A moved dose that is the kept person's own dose again (same vaccine, dose number and date) with
 * another lot refuses the merge, naming both records and both lots and what to do: said as a merge,
 * not RECORD_DUPLICATE's "already in the queue" (fuzz of session 27). The same lot is folded.
 */
function sameDoseOnBoth(pair: { copy: string; kept: string }, mergedName: string, [copyLot, keptLot]: readonly [string, string]): StationError {
  const { copy: recordId, kept: existingId } = pair;
  return new StationError(
    'MERGE_DUPLICATE_DOSE',
    `Chưa gộp: mũi tiêm ${recordId} của ${mergedName} trùng với mũi ${existingId} của người giữ lại (cùng vắc xin, mũi và ngày tiêm) nhưng khác số lô (${copyLot} và ${keptLot}), tức một lần tiêm được nhập hai lần. Hãy loại bỏ bản chưa ký ${recordId} (nếu số lô của ${existingId} mới sai, hãy sửa hoặc đính chính ${existingId} trước), rồi gộp lại. Không có gì thay đổi.`,
    `Not merged: dose ${recordId} of ${mergedName} is the same as dose ${existingId} of the person kept (same vaccine, dose number and date) but with another lot (${copyLot} and ${keptLot}): one vaccination entered twice. Discard the unsigned copy ${recordId} (if the lot of ${existingId} is the wrong one, edit or correct ${existingId} first), then merge again. Nothing was changed.`,
    { recordId, existingId, lots: [copyLot, keptLot] },
  );
}

/**
 * A moved dose that repeats the kept person's, lot and all, but is the correction of a signed dose:
 * never folded (discarded), its signed original is already superseded by it (recordDiscard.ts).
 * The way out is the merge the other way round, where the kept person's copy is the one folded.
 */
function correctionOnBoth(pair: { copy: string; kept: string }, mergedName: string, corrects: string): StationError {
  const { copy: recordId, kept: existingId } = pair;
  return new StationError(
    'MERGE_DUPLICATE_DOSE',
    `Chưa gộp: mũi tiêm ${recordId} của ${mergedName} trùng với mũi ${existingId} của người giữ lại (cùng vắc xin, mũi, ngày tiêm và số lô), nhưng là bản đính chính của bản đã ký ${corrects} nên không được loại bỏ. Hãy giữ ${mergedName} và gộp người kia vào. Không có gì thay đổi.`,
    `Not merged: dose ${recordId} of ${mergedName} is the same as dose ${existingId} of the person kept (same vaccine, dose number, date and lot), but it is the correction of signed record ${corrects}, so it is never discarded. Keep ${mergedName} and merge the other into them. Nothing was changed.`,
    { recordId, existingId, corrects },
  );
}
