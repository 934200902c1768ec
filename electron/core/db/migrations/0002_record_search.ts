import type { Migration } from './migration.js';

/**
 * Search and listing at 1M records (DESIGN §8: "nguyen van an" finds "Nguyễn Văn An").
 * Shipped: never edit, add a new numbered migration.
 *
 * The full-text index holds people.name_folded, which the store folds itself (đ → d included:
 * FTS5's `remove_diacritics` leaves đ alone), so every name token is searchable by prefix,
 * anywhere in the name ("van an" finds "Nguyễn Văn An"). External content: the text lives once,
 * in people; the triggers keep the index in step and 'rebuild' fills it for existing rows.
 */
export const m0002RecordSearch: Migration = {
  version: 2,
  name: 'record_search',
  sql: `
CREATE VIRTUAL TABLE people_fts USING fts5(
  name_folded, content = 'people', content_rowid = 'seq', tokenize = 'unicode61', prefix = '2 3'
);
INSERT INTO people_fts(people_fts) VALUES ('rebuild');

CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_fts(rowid, name_folded) VALUES (new.seq, new.name_folded);
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
  INSERT INTO people_fts(people_fts, rowid, name_folded) VALUES ('delete', old.seq, old.name_folded);
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF name_folded ON people BEGIN
  INSERT INTO people_fts(people_fts, rowid, name_folded) VALUES ('delete', old.seq, old.name_folded);
  INSERT INTO people_fts(rowid, name_folded) VALUES (new.seq, new.name_folded);
END;

-- phone prefix search ("0912...")
CREATE INDEX people_phone ON people(phone) WHERE phone IS NOT NULL;
-- newest first (seq order) within a state or a vaccine
CREATE INDEX dose_records_state ON dose_records(state, seq);
CREATE INDEX dose_records_vaccine ON dose_records(vaccine, seq);
CREATE INDEX dose_records_date ON dose_records(vaccination_date);
`,
};
