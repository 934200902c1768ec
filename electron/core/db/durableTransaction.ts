import type Database from 'better-sqlite3';
import { StationError } from '../../../shared/errors.js';

const durable = new WeakSet<Database.Database>();

/**
 * Runs `fn` in a transaction committed with `synchronous = FULL` (DESIGN §4): for the commits
 * that record something outside this file that cannot be redone for free — a batch the token
 * signed, the platform's acknowledgement. SQLite refuses to change the safety level inside a
 * transaction, so this must be the outermost one; inside it, nested store calls become savepoints.
 */
export function withDurableTransaction<T>(db: Database.Database, fn: () => T): T {
  if (db.inTransaction) {
    if (durable.has(db)) return db.transaction(fn)();
    throw new StationError(
      'DB_TRANSACTION_NESTING',
      'Lỗi nội bộ: giao dịch bền vững phải là giao dịch ngoài cùng.',
      'Internal error: a durable transaction must be the outermost transaction.',
    );
  }
  db.pragma('synchronous = FULL');
  durable.add(db);
  try {
    return db.transaction(fn).immediate();
  } finally {
    durable.delete(db);
    db.pragma('synchronous = NORMAL');
  }
}

export function inDurableTransaction(db: Database.Database): boolean {
  return durable.has(db);
}
