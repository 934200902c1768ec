/**
 * What a correction's signed `supersedes` names (DESIGN §4, §6). Locally a correction always
 * points at the record it replaces; the platform, though, only knows records it accepted — or
 * will accept, since batches upload oldest first. So the signed copy names the nearest earlier
 * record of the chain that the platform did not reject, and nothing when there is none (a
 * correction of a refused record is, for the platform, simply the first record of that dose).
 */
import type { StationDatabase } from '../db/openStationDatabase.js';

/**
 * Audit action for a platform refusal of a record already corrected when the answer came: it
 * stays superseded (no state change), so there is no `record.rejected` entry, yet the platform
 * does not hold it (sync/applyBatchReply.ts writes it).
 */
export const PLATFORM_REFUSED_ACTION = 'record.platform_refused';

export function platformPredecessor(db: StationDatabase): (supersedes: string | null) => string | null {
  const parent = db.prepare('SELECT supersedes FROM dose_records WHERE id = ?').pluck();
  // A record the platform refused, alone or with its whole batch, has a `record.rejected` entry,
  // or a `record.platform_refused` one when it had been corrected before the answer came.
  const rejected = db.prepare(`SELECT 1 FROM audit_log WHERE entity = 'record' AND entity_id = ?
    AND action IN ('record.rejected', ?) LIMIT 1`).pluck();
  const signed = db.prepare('SELECT 1 FROM batch_items WHERE record_id = ?').pluck();
  return (supersedes) => {
    let at = supersedes;
    for (let hops = 0; at !== null && hops < 1000; hops++) {
      // Never signed (a draft corrected before signing cannot exist, but be safe) or refused: skip it.
      if (signed.get(at) !== undefined && rejected.get(at, PLATFORM_REFUSED_ACTION) === undefined) return at;
      at = (parent.get(at) as string | null | undefined) ?? null;
    }
    return null;
  };
}
