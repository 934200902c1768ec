import type { Migration } from './migration.js';

/**
 * Certificates from the feed that failed the station's checks (session 26): set aside, each with
 * its reason, instead of stopping the pull before them (one bad entry held back every later
 * passport of the facility). Never a passport: the `certificates` table holds only verified ones.
 * `entry` is the feed's entry as received (JSON, clamped), `after` the cursor its page was asked
 * with (NULL: the feed's start), `position` its place on that page: a later pull asks that page
 * again and takes the platform's current entry for the record. `key` is the record id and UVCI
 * for an entry that reads as one, else the page and position. Shipped: never edit.
 */
export const m0013CertificatesSetAside: Migration = {
  version: 13,
  name: 'certificates_set_aside',
  sql: `
CREATE TABLE certificates_set_aside (
  key TEXT PRIMARY KEY,
  record_id TEXT NOT NULL,
  uvci TEXT NOT NULL,
  entry TEXT NOT NULL,
  after TEXT,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  message_vi TEXT NOT NULL,
  message_en TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_tried_at TEXT NOT NULL,
  tries INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX certificates_set_aside_record ON certificates_set_aside(record_id);
`,
};
