import type { Migration } from './migration.js';

/**
 * Pairs a clerk has looked at and said are two people (session 28): namesakes born the same day,
 * one with a CMND, one with a CCCD, are listed as a likely duplicate (0018), and some are two
 * people. With no way to say so, they stayed at the top of the duplicates screen for good: at 1M
 * records the first 100 pairs were such namesakes, and every pair after them was never shown.
 * `a` < `b`: the two people's seqs (as in people_pairs), with the reason and who said it when;
 * audited (`person.distinct`). Kept: never updated or deleted (the triggers), so the screen's
 * list and the audit log agree. Shipped: never edit, add a new numbered migration.
 */
export const m0019PeopleDistinct: Migration = {
  version: 19,
  name: 'people_distinct',
  sql: `
CREATE TABLE people_distinct (
  a INTEGER NOT NULL REFERENCES people(seq),
  b INTEGER NOT NULL REFERENCES people(seq),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  marked_at TEXT NOT NULL,
  marked_by TEXT NOT NULL,
  PRIMARY KEY (a, b),
  CHECK (a < b)
) WITHOUT ROWID;
CREATE TRIGGER people_distinct_kept_update BEFORE UPDATE ON people_distinct
BEGIN
  SELECT RAISE(ABORT, 'PEOPLE_DISTINCT_KEPT: a pair said to be two people is kept as it was');
END;
CREATE TRIGGER people_distinct_kept_delete BEFORE DELETE ON people_distinct
BEGIN
  SELECT RAISE(ABORT, 'PEOPLE_DISTINCT_KEPT: a pair said to be two people is kept as it was');
END;
`,
};
