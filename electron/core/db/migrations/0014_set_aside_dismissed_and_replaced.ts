import type { Migration } from './migration.js';

/**
 * Two things the certificate pull forgot (session 26, second pass). Shipped: never edit.
 *
 * - `certificates_set_aside.dismissed_at/_by`: an entry a clerk dismissed (a certificate for a
 *   record this station never had, an entry naming no record) is kept, with who and when, but no
 *   longer listed nor asked for again; before, it was listed and retried at every pull for ever.
 *   The row stays so that the same bad entry sent again stays dismissed.
 * - `certificates_replaced`: a certificate of a record the platform reissued under a new UVCI. The
 *   record's one row in `certificates` now holds the new one, so a QR printed from the old one was
 *   unknown to `dcc.verify`; it is now "replaced by a newer certificate" with the date.
 *   `replaced_at` is the newer certificate's signed issue time; `revoked_at` the platform's
 *   revocation of the old one when it comes after (its row in `certificates` is gone).
 */
export const m0014SetAsideDismissedAndReplaced: Migration = {
  version: 14,
  name: 'set_aside_dismissed_and_replaced',
  sql: `
ALTER TABLE certificates_set_aside ADD COLUMN dismissed_at TEXT;
ALTER TABLE certificates_set_aside ADD COLUMN dismissed_by TEXT;
CREATE TABLE certificates_replaced (
  uvci TEXT PRIMARY KEY,
  record_id TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  replaced_by TEXT NOT NULL,
  replaced_at TEXT NOT NULL,
  revoked_at TEXT
);
`,
};
