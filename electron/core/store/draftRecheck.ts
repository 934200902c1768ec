/**
 * Drafts a wrong PC clock left (probe 17, F4). With the clock behind, each of the day's doses was
 * saved as a draft "in the future" (VACCINATION_DATE_FUTURE); findings are computed at save, so
 * once the clock was right they stayed drafts with a stale finding, out of signing, and the
 * clinic saw "nothing to sign, all synced". Here a draft held back ONLY by that finding, whose
 * date has now come, is validated again and takes the state a fresh save gives it, through
 * updateRecord: the same lifecycle transition, audit entries and warning rule (a warning nobody
 * confirmed still needs its confirm). A draft with any other error is left as the clerk saved it.
 */
import { addDays } from '../../../shared/domain/dates.js';
import { CLOCK_BEHIND_HINT_DAYS } from '../../../shared/domain/doseValidation.js';
import type { Finding } from '../../../shared/domain/types.js';
import { StationError } from '../../../shared/errors.js';
import type { StoreContext } from './ports.js';
import type { RecordEditing } from './recordEdit.js';

const DATE_FUTURE = 'VACCINATION_DATE_FUTURE';

export interface DraftRecheck {
  /** Drafts validated again because their date has come. */
  rechecked: number;
  /** Of those, ready to sign now. */
  ready: number;
  /** Drafts still dated just after the PC's today (clockDrafts): if those doses were given, the PC clock is behind. */
  future: number;
}

function heldOnlyByDate(findings: string): boolean {
  const errors = (JSON.parse(findings) as Finding[]).filter((f) => f.severity === 'error');
  return errors.length > 0 && errors.every((f) => f.code === DATE_FUTURE);
}

/**
 * Drafts a clock behind explains: held back by a date "in the future" that is a real date at most
 * CLOCK_BEHIND_HINT_DAYS after the PC's today, as the finding's own clock hint counts them. A date
 * typed wrong ("31/12/2022" kept as typed, a year 2033) is not the clock's doing, and counting it
 * told the clinic to move a clock that was right (review of session 17).
 */
export function clockDrafts(db: StoreContext['db']): { get(today: string): number } {
  const count = db.prepare(`SELECT count(*) FROM dose_records WHERE state = 'draft' AND findings LIKE '%${DATE_FUTURE}%'
    AND vaccination_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND vaccination_date > ? AND vaccination_date <= ?`).pluck();
  return { get: (today) => count.get(today, addDays(today, CLOCK_BEHIND_HINT_DAYS) ?? today) as number };
}

export function draftRechecking(ctx: StoreContext, editing: RecordEditing) {
  const { db } = ctx;
  // LIKE narrows to the few drafts that could be concerned; heldOnlyByDate decides.
  const candidates = db.prepare(`SELECT id, findings FROM dose_records
    WHERE state = 'draft' AND vaccination_date <= ? AND findings LIKE '%${DATE_FUTURE}%' ORDER BY seq`);
  const future = clockDrafts(db);
  // Drafts found due that a fresh save refuses (a live copy of the dose saved since), with the
  // day they were tried: passed over until the day changes, so that each sign preview does not
  // take the write lock for them again (session 17 left it). Per process; a new one tries once.
  const refused = new Map<string, string>();

  return {
    /** One transaction; each record's own entries as an edit writes them, with `recheck` naming why. */
    recheckDatedDrafts(): DraftRecheck {
      // Nearly always nothing to do: answered from a read, without the write lock a sign preview
      // would otherwise wait for behind another process's import.
      const today = ctx.today();
      const due = (): { id: string; findings: string }[] =>
        (candidates.all(today) as { id: string; findings: string }[]).filter((r) => refused.get(r.id) !== today && heldOnlyByDate(r.findings));
      if (!db.inTransaction && due().length === 0) return { rechecked: 0, ready: 0, future: future.get(today) as number };
      return db.transaction(() => {
        const rows = due();
        let ready = 0;
        let rechecked = 0;
        for (const { id } of rows) {
          try {
            if (editing.updateRecord(id, {}, { recheck: DATE_FUTURE }).record.state === 'ready') ready += 1;
            rechecked += 1;
          } catch (e) {
            // A live copy of the same dose saved since (RECORD_DUPLICATE): the draft stays as it is.
            if (!(e instanceof StationError)) throw e;
            if (e.code === 'RECORD_DUPLICATE') refused.set(id, today);
          }
        }
        return { rechecked, ready, future: future.get(today) as number };
      }).immediate();
    },
  };
}
