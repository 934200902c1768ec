import type { Migration } from './migration.js';

/**
 * The outbox's order is the order batches were signed in, not their `created_at` (DESIGN §6):
 * `created_at` comes from the PC clock, and a batch signed while the clock was days ahead would
 * otherwise be overtaken by the batches signed after the clock was fixed — one of which may
 * correct a record of it. `seq` is the insertion order: existing batches are numbered in the
 * order the station used until now (created_at, id); each new one gets max + 1 in the insert
 * (batchStore.ts). A rowid alias cannot be added to an existing table, hence a plain column,
 * unique, required and never changed (triggers). Shipped: never edit.
 */
export const m0005BatchOrder: Migration = {
  version: 5,
  name: 'batch_order',
  sql: `
ALTER TABLE batches ADD COLUMN seq INTEGER;
UPDATE batches SET seq = o.n
  FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM batches) AS o
  WHERE o.id = batches.id;
CREATE UNIQUE INDEX batches_seq ON batches(seq);
CREATE INDEX batches_outbox_seq ON batches(state, seq);
CREATE TRIGGER batches_seq_required BEFORE INSERT ON batches
WHEN new.seq IS NULL
BEGIN
  SELECT RAISE(ABORT, 'BATCH_SEQ_MISSING: a batch is stored with its insertion order');
END;
CREATE TRIGGER batches_seq_fixed BEFORE UPDATE OF seq ON batches
WHEN new.seq IS NOT old.seq
BEGIN
  SELECT RAISE(ABORT, 'BATCH_SEQ_FIXED: the outbox order of a batch never changes');
END;
`,
};
