/**
 * Certificates from the feed that failed the station's checks, set aside with their reason
 * (migration 0013, session 26) instead of stopping the pull before them: one bad entry held
 * back every later passport of the facility. A set-aside certificate is never a passport (it is
 * not in `certificates`); it is shown with its reason (`sync.status`, `station sync`), tried again
 * at every pull (its page asked again from the cursor it came from: the platform may have mended
 * it) and dropped once a verified certificate for its record is stored.
 */
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
  recordId: string;
  uvci: string;
  firstSeenAt: string;
  lastTriedAt: string;
  tries: number;
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

export function setAsideStore(db: StationDatabase) {
  const put = db.prepare(`INSERT INTO certificates_set_aside (key, record_id, uvci, entry, after, position, code, message_vi, message_en, first_seen_at, last_tried_at)
    VALUES (@key, @recordId, @uvci, @entry, @after, @position, @code, @messageVi, @messageEn, @now, @now)
    ON CONFLICT (key) DO UPDATE SET entry = excluded.entry, after = excluded.after, position = excluded.position, code = excluded.code,
      message_vi = excluded.message_vi, message_en = excluded.message_en, last_tried_at = excluded.last_tried_at, tries = tries + 1`);
  const dropKey = db.prepare('DELETE FROM certificates_set_aside WHERE key = ?');
  const dropRecord = db.prepare('DELETE FROM certificates_set_aside WHERE record_id = ?');
  const count = db.prepare('SELECT count(*) AS n FROM certificates_set_aside').pluck();
  const listed = db.prepare(`SELECT record_id AS recordId, uvci, code, message_vi, message_en, first_seen_at AS firstSeenAt,
    last_tried_at AS lastTriedAt, tries FROM certificates_set_aside ORDER BY first_seen_at, key LIMIT ?`);
  const forRetry = db.prepare('SELECT key, record_id AS recordId, uvci, entry, after, position FROM certificates_set_aside ORDER BY last_tried_at, key LIMIT ?');
  const ofRecord = db.prepare('SELECT code, message_vi, message_en FROM certificates_set_aside WHERE record_id = ? ORDER BY last_tried_at DESC LIMIT 1');

  return {
    /** Sets an entry aside (or again, counting the try), with the reason it failed. */
    put(raw: unknown, place: FeedPlace, reason: Reason, now: string): string {
      const key = setAsideKey(raw, place);
      const e = (typeof raw === 'object' && raw !== null ? raw : {}) as { recordId?: unknown; uvci?: unknown };
      let entry: string;
      try {
        entry = JSON.stringify(raw) ?? 'null';
      } catch {
        entry = 'null';
      }
      put.run({
        key, recordId: text(e.recordId), uvci: text(e.uvci), entry: entry.slice(0, ENTRY_MAX), after: place.after, position: place.position,
        code: reason.code, messageVi: reason.message_vi, messageEn: reason.message_en, now,
      });
      return key;
    },
    drop(key: string): void {
      dropKey.run(key);
    },
    /** A verified certificate of the record is stored: what was set aside for it is settled. */
    settled(recordId: string): void {
      dropRecord.run(recordId);
    },
    count: (): number => count.get() as number,
    list: (limit = SET_ASIDE_LISTED): SetAsideItem[] => listed.all(limit) as SetAsideItem[],
    /** The ones tried longest ago first. */
    forRetry: (limit: number): SetAsideRow[] => forRetry.all(limit) as SetAsideRow[],
    /** Why the record's certificate was set aside, if it was. */
    reasonOf: (recordId: string): Reason | null => (ofRecord.get(recordId) as Reason | undefined) ?? null,
  };
}

export type SetAsideStore = ReturnType<typeof setAsideStore>;
