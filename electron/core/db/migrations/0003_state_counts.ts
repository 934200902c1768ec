import type { Migration } from './migration.js';

/**
 * Records per state, kept by triggers: the overview screen and the records table's total read one
 * small table instead of counting a million rows on every refresh. Shipped: never edit.
 */
export const m0003StateCounts: Migration = {
  version: 3,
  name: 'state_counts',
  sql: `
CREATE TABLE record_state_counts (
  state TEXT PRIMARY KEY,
  n INTEGER NOT NULL CHECK (n >= 0)
) WITHOUT ROWID;
INSERT INTO record_state_counts (state, n) SELECT state, count(*) FROM dose_records GROUP BY state;

CREATE TRIGGER record_state_counts_insert AFTER INSERT ON dose_records BEGIN
  INSERT INTO record_state_counts (state, n) VALUES (new.state, 1) ON CONFLICT (state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER record_state_counts_update AFTER UPDATE OF state ON dose_records WHEN new.state IS NOT old.state BEGIN
  UPDATE record_state_counts SET n = n - 1 WHERE state = old.state;
  INSERT INTO record_state_counts (state, n) VALUES (new.state, 1) ON CONFLICT (state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER record_state_counts_delete AFTER DELETE ON dose_records BEGIN
  UPDATE record_state_counts SET n = n - 1 WHERE state = old.state;
END;
`,
};
