/**
 * The sync client's memory between runs and restarts, in the `sync_state` table (DESIGN §6):
 * the certificate cursor (written in the same transaction as the certificates it covers), the
 * cached trust list, the last contact, the measured clock skew, a pending Retry-After and the
 * last error. Nothing the client needs lives only in memory (STYLE rule 6).
 */
import type { StationDatabase } from '../db/openStationDatabase.js';
import type { Reason } from '../batches/batchStore.js';

export const SYNC_KEYS = {
  cursor: 'certificates.cursor',
  trustList: 'trust.list',
  lastContactAt: 'platform.lastContactAt',
  clockSkew: 'clock.skewSeconds',
  retryAfterUntil: 'platform.retryAfterUntil',
  /** The platform URL that sent the pending Retry-After: another address is not bound by it. */
  retryAfterFrom: 'platform.retryAfterFrom',
  lastError: 'sync.lastError',
} as const;
export type SyncKey = (typeof SYNC_KEYS)[keyof typeof SYNC_KEYS];

export function syncState(db: StationDatabase, now: () => Date) {
  const read = db.prepare('SELECT value FROM sync_state WHERE name = ?');
  const readUpdatedAt = db.prepare('SELECT updated_at FROM sync_state WHERE name = ?');
  const write = db.prepare(`INSERT INTO sync_state (name, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  const remove = db.prepare('DELETE FROM sync_state WHERE name = ?');

  const get = (key: SyncKey): string | null => (read.get(key) as { value: string } | undefined)?.value ?? null;
  const set = (key: SyncKey, value: string | null): void => {
    if (value === null) remove.run(key);
    else write.run(key, value, now().toISOString());
  };

  return {
    get,
    set,
    /** When the value was last written (ISO), or null when there is none. */
    updatedAt(key: SyncKey): string | null {
      return (readUpdatedAt.get(key) as { updated_at: string } | undefined)?.updated_at ?? null;
    },
    lastError(): Reason | null {
      const text = get(SYNC_KEYS.lastError);
      if (text === null) return null;
      try {
        return JSON.parse(text) as Reason;
      } catch {
        return null;
      }
    },
    setLastError(reason: Reason | null): void {
      set(SYNC_KEYS.lastError, reason === null ? null : JSON.stringify(reason));
    },
    clockSkew(): number | null {
      const text = get(SYNC_KEYS.clockSkew);
      return text === null || !Number.isFinite(Number(text)) ? null : Number(text);
    },
  };
}

export type SyncState = ReturnType<typeof syncState>;
