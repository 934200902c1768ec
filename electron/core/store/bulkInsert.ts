/**
 * Many people and records written with one INSERT per chunk instead of one per row. Inside a big
 * transaction every statement that fires a trigger (the full-text index on people, the state
 * counts on records) keeps a statement journal of the pages it touches; a statement of a thousand
 * rows journals each page once instead of once per row. Measured on 40k rows: people 36 → 9 µs a
 * row, records 23 → 10 µs. Same rows, same order (seq), same triggers as the per-row inserts.
 */
import type { StoreContext } from './ports.js';
import type { PreparedPerson } from './recordInput.js';

/** Rows per statement: past a few hundred the gain is flat; the JSON argument stays small. */
const CHUNK = 1000;

export interface NewPerson {
  id: string;
  person: PreparedPerson;
}

export interface NewRecord {
  id: string;
  personId: string;
  vaccine: string;
  lot: string;
  doseNumber: number;
  vaccinationDate: string;
  facilityCode: string;
  state: string;
  /** JSON text of the findings. */
  findings: string;
  warningsConfirmed: boolean;
  naturalKey: string;
  source: string;
  importRunId: string | null;
}

const PEOPLE_COLUMNS = ['id', 'id_type', 'id_number', 'full_name', 'family_name', 'given_name', 'fnt', 'gnt', 'name_folded', 'dob', 'sex', 'nationality', 'phone'];
const RECORD_COLUMNS = [
  'id', 'person_id', 'vaccine', 'lot', 'dose_number', 'vaccination_date', 'facility_code', 'state', 'findings', 'warnings_confirmed', 'natural_key',
  'source', 'import_run_id',
];

/** `INSERT INTO table (columns…, created_at, updated_at) SELECT j.value ->> 0, … FROM json_each(?)`, in array order. */
function insertFromJson(ctx: StoreContext, table: string, columns: readonly string[]) {
  const values = columns.map((_, i) => `j.value ->> ${i}`).join(', ');
  return ctx.db.prepare(`INSERT INTO ${table} (${columns.join(', ')}, created_at, updated_at) SELECT ${values}, @now, @now FROM json_each(@rows) AS j ORDER BY j.key`);
}

export function bulkInsert(ctx: StoreContext) {
  const people = insertFromJson(ctx, 'people', PEOPLE_COLUMNS);
  const records = insertFromJson(ctx, 'dose_records', RECORD_COLUMNS);

  function run<T>(statement: ReturnType<typeof insertFromJson>, rows: readonly T[], toArray: (row: T) => unknown[], now: string): void {
    for (let at = 0; at < rows.length; at += CHUNK) {
      statement.run({ now, rows: JSON.stringify(rows.slice(at, at + CHUNK).map(toArray)) });
    }
  }

  return {
    /** Inside the caller's transaction. */
    people(rows: readonly NewPerson[], now: string): void {
      run(people, rows, ({ id, person: p }) => [id, p.idType, p.idNumber, p.fullName, p.familyName, p.givenName, p.fnt, p.gnt, p.nameFolded, p.dob, p.sex, p.nationality, p.phone], now);
    },

    /** Inside the caller's transaction, after the people they belong to. */
    records(rows: readonly NewRecord[], now: string): void {
      run(records, rows, (r) => [
        r.id, r.personId, r.vaccine, r.lot, r.doseNumber, r.vaccinationDate, r.facilityCode, r.state, r.findings, r.warningsConfirmed ? 1 : 0, r.naturalKey,
        r.source, r.importRunId,
      ], now);
    },
  };
}
