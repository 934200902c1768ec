/**
 * Certificates from the feed that failed the station's checks, set aside with their reason
 * (migration 0013, session 26) instead of stopping the pull before them: one bad entry held
 * back every later passport of the facility. A set-aside certificate is never a passport (it is
 * not in `certificates`); it is shown with its reason (`sync.status`, `station sync`), tried again
 * at every pull (its page asked again from the cursor it came from: the platform may have mended
 * it) and dropped once a verified certificate for its record is stored.
 *
 * A clerk may dismiss one (migration 0014, second pass of session 26) when it names no record or
 * a record this station does not hold: it is then neither listed nor asked for again, but kept,
 * so the same entry sent again stays dismissed. One for a record held here cannot be dismissed
 * (dismissSetAside.ts says why).
 */
import { createHash } from 'node:crypto';
import type { StationDatabase } from '../db/openStationDatabase.js';
import type { Reason } from '../batches/batchStore.js';

/** How much of a feed entry is kept (an HC1 is ~1 KB; a hostile entry may be megabytes). */
const ENTRY_MAX = 16_384;
/** How many the status lists (the total is always given). */
export const SET_ASIDE_LISTED = 20;

/** Where a feed entry came from: the cursor its page was asked with and its place on the page. */
export interface FeedPlace {
  after: string | null;
  position: number;
}

export interface SetAsideItem extends Reason {
  /** A printable handle of the entry (its key holds a NUL), for dismissing it. */
  id: string;
  recordId: string;
  uvci: string;
  /** Its record is held here: a person waits for it, and it cannot be dismissed. */
  recordHeld: boolean;
  firstSeenAt: string;
  lastTriedAt: string;
  tries: number;
}

/** An entry a clerk dismissed: its reason, who and when, and the handle to undo it by. */
export interface DismissedItem extends Reason {
  id: string;
  recordId: string;
  uvci: string;
  dismissedAt: string;
  dismissedBy: string;
}

export interface SetAsideRow extends FeedPlace {
  key: string;
  recordId: string;
  uvci: string;
  entry: string;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.slice(0, 200) : '';
}

/** The key of an entry: its record and UVCI when it names them, else its page and position. */
export function setAsideKey(raw: unknown, place: FeedPlace): string {
  const e = (typeof raw === 'object' && raw !== null ? raw : {}) as { recordId?: unknown; uvci?: unknown };
  const recordId = text(e.recordId);
  const uvci = text(e.uvci);
  return recordId !== '' && uvci !== '' ? `${recordId}\u0000${uvci}` : `page:${place.after ?? ''}#${place.position}`;
}

/** The entry's printable handle: 16 hex digits of the key's SHA-256 (stable, whatever the key holds). */
export function setAsideId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export interface SetAsideEntry {
  key: string;
  recordId: string;
  uvci: string;
  code: string;
  dismissedAt: string | null;
}

/**
 * When an entry sent again under a dismissed key is another than the one dismissed (a key by its
 * place in the feed: another entry there), or is for a record held here now: the dismissal was
 * not about it, and it is listed and tried again (review of session 26).
 */
const UNDISMISS = `excluded.record_id IS NOT record_id OR excluded.uvci IS NOT uvci
  OR EXISTS (SELECT 1 FROM dose_records d WHERE d.id = excluded.record_id)`;

export function setAsideStore(db: StationDatabase) {
  const put = db.prepare(`INSERT INTO certificates_set_aside (key, record_id, uvci, entry, after, position, code, message_vi, message_en, first_seen_at, last_tried_at)
    VALUES (@key, @recordId, @uvci, @entry, @after, @position, @code, @messageVi, @messageEn, @now, @now)
    ON CONFLICT (key) DO UPDATE SET entry = excluded.entry, after = excluded.after, position = excluded.position, code = excluded.code,
      message_vi = excluded.message_vi, message_en = excluded.message_en, last_tried_at = excluded.last_tried_at, tries = tries + 1,
      record_id = excluded.record_id, uvci = excluded.uvci,
      dismissed_at = CASE WHEN ${UNDISMISS} THEN NULL ELSE dismissed_at END,
      dismissed_by = CASE WHEN ${UNDISMISS} THEN NULL ELSE dismissed_by END
    RETURNING dismissed_at AS dismissedAt`);
  const dropKey = db.prepare('DELETE FROM certificates_set_aside WHERE key = ?');
  const dropRecord = db.prepare('DELETE FROM certificates_set_aside WHERE record_id = ?');
  const count = db.prepare('SELECT count(*) AS n FROM certificates_set_aside WHERE dismissed_at IS NULL').pluck();
  const listed = db.prepare(`SELECT key, record_id AS recordId, uvci, code, message_vi, message_en, first_seen_at AS firstSeenAt,
    last_tried_at AS lastTriedAt, tries, EXISTS (SELECT 1 FROM dose_records d WHERE d.id = record_id) AS recordHeld
    FROM certificates_set_aside WHERE dismissed_at IS NULL ORDER BY first_seen_at, key LIMIT ?`);
  const forRetry = db.prepare(`SELECT key, record_id AS recordId, uvci, entry, after, position FROM certificates_set_aside
    WHERE dismissed_at IS NULL ORDER BY last_tried_at, key LIMIT ?`);
  const ofRecord = db.prepare(`SELECT code, message_vi, message_en FROM certificates_set_aside WHERE record_id = ? AND dismissed_at IS NULL
    ORDER BY last_tried_at DESC LIMIT 1`);
  const keys = db.prepare('SELECT key, record_id AS recordId, uvci, code, dismissed_at AS dismissedAt FROM certificates_set_aside');
  const dismiss = db.prepare('UPDATE certificates_set_aside SET dismissed_at = ?, dismissed_by = ? WHERE key = ? AND dismissed_at IS NULL');
  const undismiss = db.prepare('UPDATE certificates_set_aside SET dismissed_at = NULL, dismissed_by = NULL WHERE key = ? AND dismissed_at IS NOT NULL');
  const dismissedCount = db.prepare('SELECT count(*) AS n FROM certificates_set_aside WHERE dismissed_at IS NOT NULL').pluck();
  const dismissedListed = db.prepare(`SELECT key, record_id AS recordId, uvci, code, message_vi, message_en, dismissed_at AS dismissedAt,
    dismissed_by AS dismissedBy FROM certificates_set_aside WHERE dismissed_at IS NOT NULL ORDER BY dismissed_at DESC, key LIMIT ?`);

  return {
    /** Sets an entry aside (or again, counting the try), with the reason it failed; whether it was dismissed before. */
    put(raw: unknown, place: FeedPlace, reason: Reason, now: string): { key: string; dismissed: boolean } {
      const key = setAsideKey(raw, place);
      const e = (typeof raw === 'object' && raw !== null ? raw : {}) as { recordId?: unknown; uvci?: unknown };
      let entry: string;
      try {
        entry = JSON.stringify(raw) ?? 'null';
      } catch {
        entry = 'null';
      }
      const row = put.get({
        key, recordId: text(e.recordId), uvci: text(e.uvci), entry: entry.slice(0, ENTRY_MAX), after: place.after, position: place.position,
        code: reason.code, messageVi: reason.message_vi, messageEn: reason.message_en, now,
      }) as { dismissedAt: string | null };
      return { key, dismissed: row.dismissedAt !== null };
    },
    drop(key: string): void {
      dropKey.run(key);
    },
    /** A verified certificate of the record is stored: what was set aside for it is settled. */
    settled(recordId: string): void {
      dropRecord.run(recordId);
    },
    count: (): number => count.get() as number,
    list: (limit = SET_ASIDE_LISTED): SetAsideItem[] =>
      (listed.all(limit) as (Omit<SetAsideItem, 'id' | 'recordHeld'> & { key: string; recordHeld: number })[])
        .map(({ key, recordHeld, ...item }) => ({ id: setAsideId(key), ...item, recordHeld: recordHeld === 1 })),
    /** The entry with this handle (dismissed or not), else null. A scan: dismissing is a rare act of a person. */
    byId(id: string): SetAsideEntry | null {
      for (const row of keys.iterate() as Iterable<SetAsideEntry>) if (setAsideId(row.key) === id) return row;
      return null;
    },
    /** Dismissed: no longer listed nor tried again; kept, so the same entry sent again stays dismissed. */
    dismiss(key: string, actor: string, now: string): boolean {
      return dismiss.run(now, actor, key).changes === 1;
    },
    /**
     * A dismissal undone (session 27): listed and asked for again from the next pull on, the one
     * tried longest ago first. False when it was not dismissed.
     */
    undismiss(key: string): boolean {
      return undismiss.run(key).changes === 1;
    },
    dismissedCount: (): number => dismissedCount.get() as number,
    /** The dismissed entries, the latest first: where a dismissal is found to be undone. */
    dismissedList: (limit = SET_ASIDE_LISTED): DismissedItem[] =>
      (dismissedListed.all(limit) as (Omit<DismissedItem, 'id'> & { key: string })[]).map(({ key, ...item }) => ({ id: setAsideId(key), ...item })),
    /** The ones tried longest ago first. */
    forRetry: (limit: number): SetAsideRow[] => forRetry.all(limit) as SetAsideRow[],
    /** Why the record's certificate was set aside, if it was. */
    reasonOf: (recordId: string): Reason | null => (ofRecord.get(recordId) as Reason | undefined) ?? null,
  };
}

export type SetAsideStore = ReturnType<typeof setAsideStore>;
