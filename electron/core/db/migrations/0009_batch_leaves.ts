import type { Migration } from './migration.js';

/**
 * A signed batch's leaves are stored as ONE blob per batch, and each record knows its batch and
 * leaf index, instead of one `batch_items` row per record. The signing step wrote 10,000 item rows
 * into a table with two indexes (its key and the UNIQUE record id) — ~30–60 ms and ~280 of the
 * ~1,440 WAL pages of a 10,000-record batch (npm run bench -- signing) — while every reader of
 * items wants either all of a batch's leaves in order (the upload body) or a record's place in
 * its batch (history, a platform answer, a correction's predecessor). The record row is rewritten
 * by the ready → signed move anyway, so two small columns there cost nothing more.
 *
 * - `batch_leaves.leaves`: the records' deterministic CBOR exactly as the token's signature covers
 *   them, concatenated in leaf order (a CBOR sequence, RFC 8742); `ends`: each leaf's end offset
 *   as a 4-byte big-endian integer, so leaf i is leaves[ends[i-1] .. ends[i]). Never changed.
 * - `dose_records.batch_seq` (the batch's `seq`, migration 0005) and `batch_idx` (its leaf index):
 *   set by the same UPDATE that moves the record to `signed`, and locked with the signed data.
 *
 * Existing items move over in SQL. The audit paths stored before migration 0006 are dropped: RFC
 * 9162 paths are a function of the leaves, and the upload body derives every one of them already
 * (test/integration/signing/derivedProofs.test.ts compares both). Shipped: never edit.
 */
export const m0009BatchLeaves: Migration = {
  version: 9,
  name: 'batch_leaves',
  sql: `
CREATE TABLE batch_leaves (
  batch_seq INTEGER PRIMARY KEY REFERENCES batches(seq),
  leaves BLOB NOT NULL,
  ends BLOB NOT NULL CHECK (length(ends) >= 4 AND length(ends) % 4 = 0)
);
CREATE TRIGGER batch_leaves_immutable BEFORE UPDATE ON batch_leaves
BEGIN
  SELECT RAISE(ABORT, 'BATCH_IMMUTABLE: signed batch items are never changed');
END;
CREATE TRIGGER batch_leaves_no_delete BEFORE DELETE ON batch_leaves
BEGIN
  SELECT RAISE(ABORT, 'BATCH_IMMUTABLE: signed batch items are never deleted');
END;

ALTER TABLE dose_records ADD COLUMN batch_seq INTEGER;
ALTER TABLE dose_records ADD COLUMN batch_idx INTEGER CHECK ((batch_idx IS NULL) = (batch_seq IS NULL) AND (batch_idx IS NULL OR batch_idx >= 0));
-- A batch's records in leaf order (a platform answer, the record ids of a batch).
CREATE UNIQUE INDEX dose_records_batch ON dose_records(batch_seq, batch_idx) WHERE batch_seq IS NOT NULL;

UPDATE dose_records SET batch_seq = b.seq, batch_idx = i.idx
  FROM batch_items i JOIN batches b ON b.id = i.batch_id
  WHERE dose_records.id = i.record_id;
INSERT INTO batch_leaves (batch_seq, leaves, ends)
  SELECT b.seq,
    unhex(group_concat(hex(x.record_cbor), '' ORDER BY x.idx)),
    unhex(group_concat(printf('%08X', x.leaf_end), '' ORDER BY x.idx))
  FROM (SELECT batch_id, idx, record_cbor,
          sum(length(record_cbor)) OVER (PARTITION BY batch_id ORDER BY idx) AS leaf_end
        FROM batch_items) x
  JOIN batches b ON b.id = x.batch_id
  GROUP BY x.batch_id;
DROP TABLE batch_items;

DROP TRIGGER dose_records_locked;
-- Defence in depth for DESIGN §4: once signed, the dose data is covered by the facility's
-- signature, and its place in the signed batch never moves. Only the state, the platform's
-- answer and the person link (mergePeople) may change.
CREATE TRIGGER dose_records_locked
BEFORE UPDATE OF vaccine, lot, dose_number, vaccination_date, facility_code, natural_key, supersedes, created_at, findings, batch_seq, batch_idx ON dose_records
WHEN old.state NOT IN ('draft', 'ready') AND (
  new.vaccine IS NOT old.vaccine OR new.lot IS NOT old.lot OR new.dose_number IS NOT old.dose_number
  OR new.vaccination_date IS NOT old.vaccination_date OR new.facility_code IS NOT old.facility_code
  OR new.natural_key IS NOT old.natural_key OR new.supersedes IS NOT old.supersedes
  OR new.created_at IS NOT old.created_at OR new.findings IS NOT old.findings
  OR new.batch_seq IS NOT old.batch_seq OR new.batch_idx IS NOT old.batch_idx)
BEGIN
  SELECT RAISE(ABORT, 'RECORD_LOCKED: a signed record is never edited; correct it instead');
END;
`,
};
