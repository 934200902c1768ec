import type { Migration } from './migration.js';

/**
 * The HC1 of a certificate a reissue replaced (session 27). The platform's revocation of it
 * carries that code, signed by a DSC that may have left the trust list since; a certificate held
 * in `certificates` is compared with the code stored (verified when it was stored), and so, now, is
 * a replaced one: before, its revocation failed the check against today's list, or came wrapped
 * (a line break, a quote) with nothing to compare it with, and was passed over, and `dcc.verify`
 * called the revoked QR only "replaced". Rows replaced before this migration have none (NULL):
 * their revocations are checked against the list as before. Shipped: never edit.
 */
export const m0016ReplacedCertificateHc1: Migration = {
  version: 16,
  name: 'replaced_certificate_hc1',
  sql: `
ALTER TABLE certificates_replaced ADD COLUMN hc1 TEXT;
`,
};
