import type { Migration } from './migration.js';

/**
 * Certificates pulled back from the platform (DESIGN §6): a correction on the platform revokes
 * the superseded record's certificate and the feed sends it again with `revokedAt`. The station
 * keeps it (what was printed stays explainable) but marks it. The index serves the certificates
 * screen and `station certificates list`, newest first. Shipped: never edit.
 */
export const m0004CertificateRevocation: Migration = {
  version: 4,
  name: 'certificate_revocation',
  sql: `
ALTER TABLE certificates ADD COLUMN revoked_at TEXT;
CREATE INDEX certificates_issued ON certificates(issued_at DESC, record_id);
`,
};
