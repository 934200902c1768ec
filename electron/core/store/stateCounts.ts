/**
 * `record_state_counts` adjusted per statement (migration 0007): every writer of
 * `dose_records.state` calls this in the transaction of its UPDATE, with the number of rows that
 * moved. The counts' CHECK (n >= 0) refuses an adjustment below zero.
 */
import type Database from 'better-sqlite3';
import type { RecordState } from '../../../shared/domain/types.js';

export type StateCountAdjuster = (from: RecordState, to: RecordState, moved: number) => void;

const adjusters = new WeakMap<Database.Database, StateCountAdjuster>();

export function stateCounts(db: Database.Database): StateCountAdjuster {
  let adjust = adjusters.get(db);
  if (!adjust) {
    const out = db.prepare('UPDATE record_state_counts SET n = n - ? WHERE state = ?');
    const into = db.prepare('INSERT INTO record_state_counts (state, n) VALUES (?, ?) ON CONFLICT (state) DO UPDATE SET n = n + excluded.n');
    adjust = (from, to, moved) => {
      if (moved === 0 || from === to) return;
      out.run(moved, from);
      into.run(to, moved);
    };
    adjusters.set(db, adjust);
  }
  return adjust;
}
