import type { Migration } from './migration.js';

/**
 * The likely duplicate people (session 28, the duplicates screen), kept as they are made instead
 * of searched for each time the screen opens. `people.duplicates` joined every person to the
 * others four times (same id number; same name, date of birth and phone; a CMND and a CCCD; a
 * typing slip): each a scan of the whole table with an index probe per person, 1.5–2 s at 1M
 * records (515k people), and no faster once the clinic had merged every pair. Here a person's
 * pairs are found with two index probes when the person is written (the same ones the import's
 * warning makes), so the screen reads the pairs, not the people.
 *
 * A row is one pair, `a` the older person's seq, `b` the newer's, and the reason's code:
 * - SAME_ID_NUMBER: the same id type and number (with another name or date of birth, or the
 *   match would have been the same person);
 * - the same folded name and date of birth, another id number, and: the same phone
 *   (SAME_NAME_DOB_PHONE); else the same id type and length (SAME_NAME_DOB_ID_SLIP, a
 *   candidate: peopleMaintenance keeps it when the numbers are one slip apart, which SQL cannot
 *   say); else a 9-digit CMND and a 12-digit CCCD with a whole date (SAME_NAME_DOB_PAPERS_CHANGED).
 * A merged person has no pairs (the update trigger drops them). A pair is the four queries'
 * rule as it was, each pair under one code. Shipped: never edit, add a new numbered migration.
 */
export function pairsOf(which: string, other: string): string {
  return `
SELECT 'SAME_ID_NUMBER' AS code, min(o.seq, n.seq) AS a, max(o.seq, n.seq) AS b FROM people n
  JOIN people o ON o.id_number = n.id_number AND o.id_type = n.id_type AND ${other}
  WHERE ${which} o.merged_into IS NULL AND n.merged_into IS NULL
UNION ALL
SELECT code, a, b FROM (
  SELECT CASE
      WHEN o.phone = n.phone THEN 'SAME_NAME_DOB_PHONE'
      WHEN o.id_type = n.id_type THEN CASE WHEN length(o.id_number) = length(n.id_number) THEN 'SAME_NAME_DOB_ID_SLIP' END
      WHEN length(n.dob) = 10 AND (
        (o.id_type = 'CMND' AND length(o.id_number) = 9 AND n.id_type = 'CCCD' AND length(n.id_number) = 12) OR
        (o.id_type = 'CCCD' AND length(o.id_number) = 12 AND n.id_type = 'CMND' AND length(n.id_number) = 9))
        THEN 'SAME_NAME_DOB_PAPERS_CHANGED'
    END AS code, min(o.seq, n.seq) AS a, max(o.seq, n.seq) AS b FROM people n
    JOIN people o ON o.name_folded = n.name_folded AND o.dob = n.dob AND ${other} AND o.id_number <> n.id_number
    WHERE ${which} o.merged_into IS NULL AND n.merged_into IS NULL
) WHERE code IS NOT NULL`;
}

/** Every pair of the people stored (the migration's fill; the bench's bulk load runs it too). */
export const FILL_PEOPLE_PAIRS = `INSERT OR IGNORE INTO people_pairs (code, a, b) ${pairsOf('', 'o.seq < n.seq')};`;

/** The pairs of one person (`seq`: NEW.seq in the triggers), older or newer than them: two index probes (queryPlans.test.ts). */
export function pairsOfPerson(seq: string): string {
  return pairsOf(`n.seq = ${seq} AND`, 'o.seq <> n.seq');
}

const PAIRS_OF_NEW = `INSERT OR IGNORE INTO people_pairs (code, a, b) ${pairsOfPerson('NEW.seq')};`;

export const m0018PeoplePairs: Migration = {
  version: 18,
  name: 'people_pairs',
  sql: `
CREATE TABLE people_pairs (
  code TEXT NOT NULL CHECK (code IN ('SAME_ID_NUMBER', 'SAME_NAME_DOB_PHONE', 'SAME_NAME_DOB_ID_SLIP', 'SAME_NAME_DOB_PAPERS_CHANGED')),
  a INTEGER NOT NULL,
  b INTEGER NOT NULL,
  PRIMARY KEY (code, a, b),
  CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX people_pairs_a ON people_pairs(a);
CREATE INDEX people_pairs_b ON people_pairs(b);
${FILL_PEOPLE_PAIRS}
CREATE TRIGGER people_pairs_insert AFTER INSERT ON people BEGIN
  ${PAIRS_OF_NEW}
END;
CREATE TRIGGER people_pairs_update AFTER UPDATE OF id_type, id_number, name_folded, dob, phone, merged_into ON people BEGIN
  DELETE FROM people_pairs WHERE a = OLD.seq;
  DELETE FROM people_pairs WHERE b = OLD.seq;
  ${PAIRS_OF_NEW}
END;
CREATE TRIGGER people_pairs_delete AFTER DELETE ON people BEGIN
  DELETE FROM people_pairs WHERE a = OLD.seq;
  DELETE FROM people_pairs WHERE b = OLD.seq;
END;
`,
};
