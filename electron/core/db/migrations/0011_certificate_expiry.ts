import type { Migration } from './migration.js';

/**
 * The certificates list's "expired" filter (session 20): a certificate is expired once its
 * `expires_at` is past the station's clock. The expired ones are the oldest, so walking the
 * `certificates_issued` index newest first to find them would pass every valid one first (~200k
 * at a big site a year on). This index reads them as a range, and carries `issued_at, record_id`
 * so their page is sorted from the index alone and their count never reads the table's rows (an
 * HC1 each). Shipped: never edit.
 */
export const m0011CertificateExpiry: Migration = {
  version: 11,
  name: 'certificate_expiry',
  sql: `
CREATE INDEX certificates_expiry ON certificates(expires_at, issued_at, record_id);
`,
};
