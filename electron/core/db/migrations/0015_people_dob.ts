import type { Migration } from './migration.js';

/**
 * An index on the people's dates of birth (issue 3: a search's first page in < 50 ms at 1M
 * records). A date of birth typed with a name ("nguyen 1990", "Nguyễn Văn An 12/05/1990") was
 * answered by the name's full-text match alone, each person it found read by rowid to test the
 * date: "nguyen" alone is ~200k people at 1M records, 117 ms. With this index the typed date's
 * people (a year: ~1/80 of them; a whole date: a handful) are the set the name's match is tested
 * against, inside SQLite (searchSql.ts), and a date of birth typed alone finds its people too.
 * Stored dates are 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', so a typed date is a range of this index
 * plus its coarser forms. Shipped: never edit, add a new numbered migration.
 */
export const m0015PeopleDob: Migration = {
  version: 15,
  name: 'people_dob',
  sql: `
CREATE INDEX people_dob ON people(dob);
`,
};
