/**
 * Sending the next batch while the answer to the previous one is applied (uploadBatches.ts).
 * Strict oldest-first still holds: a batch goes only once the platform has answered the one
 * before it, and the platform commits before it answers, so it receives the batches in signing
 * order. Exactly once still holds: each answer is applied in its own durable transaction, in
 * order, and a batch whose answer is not applied (a crash, a failure of the one before) is sent
 * again later and answered from the platform's stored reply.
 */
import type Database from 'better-sqlite3';
import type { BatchReply } from '../../../shared/platform/api.js';
import type { BatchStore } from '../batches/batchStore.js';
import type { PlatformClient } from './platformClient.js';

export type SendOutcome = { reply: BatchReply } | { error: unknown };

export interface Sending {
  id: string;
  /** Never rejects: a batch sent ahead and then abandoned must not become an unhandled rejection. */
  outcome: Promise<SendOutcome>;
  /** The body has left (or the exchange is over): the main thread may block on SQLite now. */
  sent: Promise<void>;
}

/** `body`: the batch's upload body if it was built already (while the platform worked on the one before). */
export function sendBatch(client: PlatformClient, batches: BatchStore, id: string, body?: Uint8Array): Sending {
  let markSent: () => void = () => undefined;
  const left = new Promise<void>((resolve) => {
    markSent = resolve;
  });
  let outcome: Promise<SendOutcome>;
  try {
    outcome = client.putBatch(id, body ?? batches.uploadBody(id), () => markSent()).then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    );
  } catch (error) {
    outcome = Promise.resolve({ error });
  }
  return { id, outcome, sent: Promise.race([left, outcome.then(() => undefined)]) };
}

/**
 * The signed batch right after `id` in the outbox order (batches.seq), if it is due now: the one
 * that may be sent ahead. A batch waiting for its retry is not (the loop decides about it), nor
 * one signed under another facility code than `facility()` (the loop fails it unsent).
 */
export function batchAfter(db: Database.Database, facility: () => string | null = () => null): (id: string, now: Date) => string | null {
  const next = db.prepare(`SELECT id, next_try_at AS nextTryAt, facility_code AS facilityCode FROM batches
    WHERE state = 'signed' AND seq > (SELECT seq FROM batches WHERE id = ?) ORDER BY seq LIMIT 1`);
  return (id, now) => {
    const row = next.get(id) as { id: string; nextTryAt: string | null; facilityCode: string } | undefined;
    if (!row || (row.nextTryAt !== null && row.nextTryAt > now.toISOString())) return null;
    const current = facility();
    if (current !== null && row.facilityCode !== current) return null;
    return row.id;
  };
}
