import type { Migration } from './migration.js';

/**
 * `record_state_counts` is kept per STATEMENT on a state change, not per row: the UPDATE trigger
 * of 0003 ran two statements for every record a batch moved (~12 ms CPU of a 10,000-record
 * signing, twice per platform answer). A set move knows its from/to states and its row count, so
 * the writers of a state change adjust the counts themselves, in the same transaction:
 * store/recordStates.ts (sign, sync, issue: one adjustment per UPDATE) and store/recordEdit.ts
 * (edit, correction: one per record) — the only code that changes `dose_records.state`
 * (test/unit/db/stateCountWriters.test.ts runs each against `count(*) GROUP BY state`). The
 * INSERT and DELETE triggers stay. The counts are rebuilt once here, from the rows themselves.
 * Shipped: never edit.
 */
export const m0007StateCountsPerStatement: Migration = {
  version: 7,
  name: 'state_counts_per_statement',
  sql: `
DROP TRIGGER record_state_counts_update;
DELETE FROM record_state_counts;
INSERT INTO record_state_counts (state, n) SELECT state, count(*) FROM dose_records GROUP BY state;
`,
};
