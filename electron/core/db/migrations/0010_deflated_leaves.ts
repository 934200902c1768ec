import type { Migration } from './migration.js';

/**
 * A signed batch's leaves may be stored deflated: `batch_leaves.codec` says how the `leaves` blob
 * is held — 'none' (the records' CBOR concatenated, as 0009 stored every batch) or 'deflate-raw'
 * (the same bytes through raw DEFLATE, RFC 1951). The records of a batch share their vaccine,
 * facility, lot and field names, so the blob shrinks ~6× (3.4 MB → 0.57 MB for 10,000 records):
 * a station keeps its signed batches for years (1M records: ~340 MB of leaves → ~60 MB), and the
 * durable commit of a 10k batch writes ~700 fewer WAL pages. The bytes the token signed are what
 * inflating gives back, byte for byte; ends, root and manifest are unchanged. Batches stored before
 * stay 'none' (SQL has no deflate, and a signed batch's leaves are never rewritten). Shipped:
 * never edit.
 */
export const m0010DeflatedLeaves: Migration = {
  version: 10,
  name: 'deflated_leaves',
  sql: `
ALTER TABLE batch_leaves ADD COLUMN codec TEXT NOT NULL DEFAULT 'none' CHECK (codec IN ('none', 'deflate-raw'));
`,
};
