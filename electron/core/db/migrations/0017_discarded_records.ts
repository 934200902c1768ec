import type { Migration } from './migration.js';

/**
 * Unsigned records a clerk discarded (session 28): the usual one is a dose entered twice, which
 * blocked merging the person entered twice (MERGE_DUPLICATE_DOSE) with nothing to get rid of the
 * copy. The row leaves `dose_records` (so no count, search, duplicate check or signing meets it)
 * and is kept here whole: `row` is every column as it was, as JSON; `duplicate_of` the record it
 * was a copy of, when discarded as one. Only a draft or ready record may be (0001's no-delete
 * trigger holds for the rest); nothing here is updated or deleted. Shipped: never edit.
 */
export const m0017DiscardedRecords: Migration = {
  version: 17,
  name: 'discarded_records',
  sql: `
CREATE TABLE discarded_records (
  record_id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id),
  state TEXT NOT NULL CHECK (state IN ('draft', 'ready')),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  duplicate_of TEXT,
  discarded_at TEXT NOT NULL,
  discarded_by TEXT NOT NULL,
  row TEXT NOT NULL CHECK (json_valid(row))
);
CREATE TRIGGER discarded_records_kept_update BEFORE UPDATE ON discarded_records
BEGIN
  SELECT RAISE(ABORT, 'RECORD_DISCARDED_KEPT: a discarded record is kept as it was');
END;
CREATE TRIGGER discarded_records_kept_delete BEFORE DELETE ON discarded_records
BEGIN
  SELECT RAISE(ABORT, 'RECORD_DISCARDED_KEPT: a discarded record is kept as it was');
END;
`,
};
