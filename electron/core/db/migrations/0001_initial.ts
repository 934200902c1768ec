import type { Migration } from './migration.js';

/**
 * The station's queue (DESIGN §3, §4). Shipped: never edit, add a new numbered migration.
 * Timestamps are ISO-8601 UTC strings from the store's clock port; ids are UUIDv7 text.
 */
export const m0001Initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
-- seq: an explicit INTEGER PRIMARY KEY, because VACUUM may renumber an implicit rowid and the
-- search index (0002) points at people by rowid.
CREATE TABLE people (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  id_type TEXT NOT NULL CHECK (id_type IN ('CCCD', 'CMND', 'PASSPORT')),
  id_number TEXT NOT NULL,
  full_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  given_name TEXT NOT NULL,
  fnt TEXT NOT NULL,
  gnt TEXT NOT NULL,
  -- foldForSearch(full_name): lower case, no diacritics, đ → d. Matching and search use it.
  name_folded TEXT NOT NULL,
  dob TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('M', 'F', 'X')),
  nationality TEXT NOT NULL DEFAULT 'VN',
  -- digits only, national form (0xxxxxxxxx); NULL when unknown
  phone TEXT,
  identity_status TEXT NOT NULL DEFAULT 'unverified'
    CHECK (identity_status IN ('unverified', 'verified', 'mismatch', 'not_found')),
  identity_checked_at TEXT,
  -- set by mergePeople: the row stays (history), its doses moved to merged_into
  merged_into TEXT REFERENCES people(id),
  merge_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- Not UNIQUE: the same id number typed with another name or date of birth is kept as a separate
-- person and reported as a likely duplicate, never merged silently.
CREATE INDEX people_id_number ON people(id_number, id_type);
CREATE INDEX people_name_dob ON people(name_folded, dob);

CREATE TABLE import_runs (
  id TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_hash TEXT NOT NULL,
  started_at TEXT NOT NULL,
  committed_at TEXT,
  rows INTEGER,
  created INTEGER,
  duplicates INTEGER,
  invalid INTEGER
);
CREATE INDEX import_runs_file_hash ON import_runs(file_hash);

-- seq: insertion order. Listing is newest first by seq (stable paging, and an import keeps its
-- file order, which UUIDv7 made within one millisecond would not).
CREATE TABLE dose_records (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  person_id TEXT NOT NULL REFERENCES people(id),
  vaccine TEXT NOT NULL,
  lot TEXT NOT NULL,
  dose_number INTEGER NOT NULL,
  vaccination_date TEXT NOT NULL,
  facility_code TEXT NOT NULL,
  state TEXT NOT NULL
    CHECK (state IN ('draft', 'ready', 'signed', 'submitted', 'accepted', 'rejected', 'issued', 'superseded')),
  findings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(findings)),
  warnings_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (warnings_confirmed IN (0, 1)),
  -- id type + id number + dose number + vaccine + date: an import of the same row writes nothing
  natural_key TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('form', 'import', 'correction', 'api')),
  import_run_id TEXT REFERENCES import_runs(id),
  -- UNIQUE: a record is corrected at most once; the chain is linear
  supersedes TEXT UNIQUE REFERENCES dose_records(id),
  supersede_reason TEXT,
  platform_code TEXT,
  platform_message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((supersedes IS NULL) = (supersede_reason IS NULL))
);
CREATE INDEX dose_records_person ON dose_records(person_id);
CREATE INDEX dose_records_natural_key ON dose_records(natural_key);
CREATE INDEX dose_records_import_run ON dose_records(import_run_id) WHERE import_run_id IS NOT NULL;

-- Defence in depth for DESIGN §4: once signed, the dose data is covered by the facility's
-- signature. Only the state, the platform's answer and the person link (mergePeople) may change.
CREATE TRIGGER dose_records_locked BEFORE UPDATE ON dose_records
WHEN old.state NOT IN ('draft', 'ready') AND (
  new.vaccine IS NOT old.vaccine OR new.lot IS NOT old.lot OR new.dose_number IS NOT old.dose_number
  OR new.vaccination_date IS NOT old.vaccination_date OR new.facility_code IS NOT old.facility_code
  OR new.natural_key IS NOT old.natural_key OR new.supersedes IS NOT old.supersedes
  OR new.created_at IS NOT old.created_at OR new.findings IS NOT old.findings)
BEGIN
  SELECT RAISE(ABORT, 'RECORD_LOCKED: a signed record is never edited; correct it instead');
END;
CREATE TRIGGER dose_records_no_delete BEFORE DELETE ON dose_records
WHEN old.state NOT IN ('draft', 'ready')
BEGIN
  SELECT RAISE(ABORT, 'RECORD_LOCKED: a signed record is never deleted');
END;

-- The signing outbox (DESIGN §5, §6): one row per signed batch, drained by the sync client.
CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  facility_code TEXT NOT NULL,
  station_id TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 1),
  root BLOB NOT NULL CHECK (length(root) = 32),
  -- COSE algorithm id: -7 ES256, -37 PS256, -257 RS256
  alg INTEGER NOT NULL,
  -- the COSE_Sign1 bytes exactly as the token signed them
  manifest BLOB NOT NULL,
  state TEXT NOT NULL DEFAULT 'signed' CHECK (state IN ('signed', 'submitted', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_try_at TEXT,
  last_error TEXT,
  submitted_at TEXT
);
CREATE INDEX batches_outbox ON batches(state, created_at);

CREATE TABLE batch_items (
  batch_id TEXT NOT NULL REFERENCES batches(id),
  idx INTEGER NOT NULL CHECK (idx >= 0),
  record_id TEXT NOT NULL UNIQUE REFERENCES dose_records(id),
  -- RFC 9162 audit path: concatenated 32-byte hashes
  proof BLOB NOT NULL,
  -- the deterministic CBOR the leaf hash was made from
  record_cbor BLOB NOT NULL,
  PRIMARY KEY (batch_id, idx)
);
CREATE TRIGGER batch_items_immutable BEFORE UPDATE ON batch_items
BEGIN
  SELECT RAISE(ABORT, 'BATCH_IMMUTABLE: signed batch items are never changed');
END;

CREATE TABLE certificates (
  record_id TEXT PRIMARY KEY REFERENCES dose_records(id),
  uvci TEXT NOT NULL UNIQUE,
  hc1 TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  received_at TEXT NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- e.g. name 'certificates.cursor': where the certificate pull resumes after a restart (DESIGN §6)
CREATE TABLE sync_state (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Append-only, hash-chained (electron/core/audit/README.md):
-- hash = SHA-256(prev_hash || canonical JSON of the entry), genesis prev_hash = 32 zero bytes.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  details TEXT NOT NULL CHECK (json_valid(details)),
  prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
  hash BLOB NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: audit entries are never changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: audit entries are never deleted');
END;

-- The chain's head, written with every entry: a truncated tail (deleted last entries, which the
-- chain alone cannot show) no longer matches it.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash BLOB NOT NULL CHECK (length(hash) = 32)
);
`,
};
