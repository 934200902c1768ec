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
  const row = db.prepare('SELECT supersedes, platform_code FROM dose_records WHERE id = ?');
  // A record the platform refused in its state carries the refusal's code (platform_code: set
  // only when the platform rejects a record, alone or with its whole batch — the answer's one
  // audit entry names it). One refused after it was corrected here has a `record.platform_refused`
  // entry; one refused before set transitions were audited per batch, a `record.rejected` entry.
  const refusedEntry = db.prepare(`SELECT 1 FROM audit_log WHERE entity = 'record' AND entity_id = ?
    AND action IN ('record.rejected', ?) LIMIT 1`).pluck();
  // Signed: it has a place in a signed batch (migration 0009), whatever its state now.
  const signed = db.prepare('SELECT 1 FROM dose_records WHERE id = ? AND batch_seq IS NOT NULL').pluck();
  return (supersedes) => {
    let at = supersedes;
    for (let hops = 0; at !== null && hops < 1000; hops++) {
      const r = row.get(at) as { supersedes: string | null; platform_code: string | null } | undefined;
      const refused = r?.platform_code != null || refusedEntry.get(at, PLATFORM_REFUSED_ACTION) !== undefined;
      // Never signed (a draft corrected before signing cannot exist, but be safe) or refused: skip it.
      if (signed.get(at) !== undefined && !refused) return at;
      at = r?.supersedes ?? null;
    }
    return null;
  };
}
