import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { appendAudit, appendAuditMany, type AuditEntry, type AuditInput } from '../audit/auditLog.js';
import { vietnamDay } from '../../../shared/domain/dates.js';
import { uuidv7 } from './domain.js';

/** What the store needs from the outside world (STYLE rule 4): it never reads the clock itself. */
export interface StorePorts {
  now(): Date;
  randomBytes(n: number): Uint8Array;
  /** Who acts: `user:<name>`, `cli:<os user>`, `sync`, ... Written into every audit entry. */
  actor: string;
}

/**
 * The real clock and randomness, for the composition roots (the app, the CLI). Random bytes are
 * drawn from the OS 4 KiB at a time: one call per record id cost more than the id itself. Each
 * answer is a view of the pool, not a copy: a pool is never written again once drawn (the next
 * one is a new array), so a view keeps its bytes; a copy was an ArrayBuffer per id (150k ids in
 * a 100k-row import: ~30 MB of allocation outside the heap, which the collector counts).
 */
/**
 * The system clock's now(). storeContext reads the time of a new id as Date.now() when a port's
 * clock is this very function: the same number, without a Date per id (150k in a 100k-row import).
 * A port that replaces now() (a skewed clock in a test) is asked as before.
 */
const systemNow = (): Date => new Date();

export function systemStorePorts(actor: string): StorePorts {
  let pool = new Uint8Array(0);
  let at = 0;
  return {
    now: systemNow,
    randomBytes: (n) => {
      if (n > 1024) return new Uint8Array(randomBytes(n));
      if (at + n > pool.length) {
        pool = new Uint8Array(randomBytes(4096));
        at = 0;
      }
      at += n;
      return pool.subarray(at - n, at);
    },
    actor,
  };
}

/** What every store module shares: the connection, the ports and the audit writer. */
export interface StoreContext {
  db: Database.Database;
  ports: StorePorts;
  nowIso(): string;
  today(): string;
  newId(): string;
  /** Appends an audit entry; only inside the transaction of the change it describes. */
  audit(input: AuditInput): AuditEntry;
  /** Appends many entries of one change in order (bulk paths: batches, replies, imports). */
  auditMany(inputs: readonly AuditInput[]): void;
}

export function storeContext(db: Database.Database, ports: StorePorts): StoreContext {
  return {
    db,
    ports,
    nowIso: () => ports.now().toISOString(),
    today: () => vietnamDay(ports.now()),
    newId: () => uuidv7(ports.now === systemNow ? Date.now() : ports.now().getTime(), (n) => ports.randomBytes(n)),
    audit: (input) => appendAudit(db, ports.actor, ports.now().toISOString(), input),
    auditMany: (inputs) => appendAuditMany(db, ports.actor, ports.now().toISOString(), inputs),
  };
}
