import type { Migration } from './migration.js';

/**
 * The lock on signed records (0001 `dose_records_locked`) fires only for UPDATEs that set one of
 * the columns it guards. Unchanged guarantee — an UPDATE that does not name a column cannot change
 * it, and the WHEN clause is the same — but the state moves of signing and sync (which set only
 * the state, the time and the platform's answer) no longer run the trigger for every row they
 * move (~5 ms of a 10,000-record batch, again for each pass of a platform answer). Shipped:
 * never edit.
 */
export const m0008RecordLockColumns: Migration = {
  version: 8,
  name: 'record_lock_columns',
  sql: `
DROP TRIGGER dose_records_locked;
-- Defence in depth for DESIGN §4: once signed, the dose data is covered by the facility's
-- signature. Only the state, the platform's answer and the person link (mergePeople) may change.
CREATE TRIGGER dose_records_locked
BEFORE UPDATE OF vaccine, lot, dose_number, vaccination_date, facility_code, natural_key, supersedes, created_at, findings ON dose_records
WHEN old.state NOT IN ('draft', 'ready') AND (
  new.vaccine IS NOT old.vaccine OR new.lot IS NOT old.lot OR new.dose_number IS NOT old.dose_number
  OR new.vaccination_date IS NOT old.vaccination_date OR new.facility_code IS NOT old.facility_code
  OR new.natural_key IS NOT old.natural_key OR new.supersedes IS NOT old.supersedes
  OR new.created_at IS NOT old.created_at OR new.findings IS NOT old.findings)
BEGIN
  SELECT RAISE(ABORT, 'RECORD_LOCKED: a signed record is never edited; correct it instead');
END;
`,
};
