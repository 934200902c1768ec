import type { Migration } from './migration.js';

/**
 * `batch_items.proof` may now be empty for an item of a batch of several: the signing step stores
 * the leaves (record_cbor, idx) and the upload body derives every RFC 9162 audit path from them
 * (batchStore.uploadBody) instead of writing ~4.5 MB of hashes per 10,000 records. Rows stored
 * before keep their paths and are sent as stored (the same bytes a derivation gives). No schema
 * or data changes: the version bump is the point — code older than this reads an empty blob as
 * "no path" and would upload batches the platform refuses, so it must refuse this database
 * (migrate.ts refuses a database newer than the code). Shipped: never edit.
 */
export const m0006DerivedProofs: Migration = {
  version: 6,
  name: 'derived_proofs',
  sql: `
-- batch_items.proof: the RFC 9162 audit path as concatenated 32-byte hashes, or empty when it is
-- derived from the batch's stored leaves on export (every item of a batch signed from version 6 on).
SELECT 1;
`,
};
