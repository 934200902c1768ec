import type { Migration } from './migration.js';
import { pairsOf, pairsOfPerson } from './0018_people_pairs.js';

/**
 * 0018's insert trigger looked for each new person's pairs one row at a time: on an import's
 * 50,000 new people, ~0.4 s of a 100k-row commit (2.26 → 2.67 s, measured alternating with the
 * build before 0018). An import now pauses it (a row in `people_pairs_paused`, inside the import's
 * transaction) and finds the pairs of all its new people in one statement after them
 * (PAIRS_OF_PEOPLE_AFTER, `bulkInsert.ts`): the same pairs, each person's two index lookups without
 * a trigger's per-row cost. Every other writer, and an import that fails, leaves the table empty:
 * the trigger runs as before.
 */
export const PAIRS_OF_PEOPLE_AFTER = `INSERT OR IGNORE INTO people_pairs (code, a, b) ${pairsOf('n.seq > @after AND', 'o.seq <> n.seq')};`;

export const m0020PeoplePairsPaused: Migration = {
  version: 20,
  name: 'people_pairs_paused',
  sql: `
CREATE TABLE people_pairs_paused (one INTEGER PRIMARY KEY CHECK (one = 1));
DROP TRIGGER people_pairs_insert;
CREATE TRIGGER people_pairs_insert AFTER INSERT ON people WHEN NOT EXISTS (SELECT 1 FROM people_pairs_paused) BEGIN
  INSERT OR IGNORE INTO people_pairs (code, a, b) ${pairsOfPerson('NEW.seq')};
END;
`,
};
