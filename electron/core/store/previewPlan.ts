/**
 * What a preview decided, kept for the commit that follows it. An import previews every row
 * against the store, then commits the rows the user accepted: the same rows (minus the ones the
 * preview found duplicate or invalid) against the same store. Evaluating them again (person
 * matching, validation, likely duplicates) costs as much as the preview did, and answers the same
 * when nothing the evaluation reads has changed in between. The plan says when that holds:
 *
 * - the store: no row written on this connection (`total_changes()`, trigger and rolled-back
 *   writes included) and no commit by another one (`PRAGMA data_version`) since the preview,
 *   except the import run the commit starts (startImportRun re-stamps a fresh plan: evaluation
 *   never reads import runs or the audit log);
 * - the day validation runs on, the default facility, the options that change outcomes;
 * - the rows: the commit's rows are the preview's, in order, equal field by field, with only rows
 *   left out that created nothing in the preview (a duplicate or invalid row changes no later
 *   row's answer, so the others' answers stand).
 *
 * Anything else, and the commit evaluates from scratch. The ids drawn in the preview are kept:
 * findings name the people an earlier row of the same file created.
 */
import type Database from 'better-sqlite3';
import type { RecordInput } from './storeTypes.js';

export interface PlanStamp {
  changes: number;
  dataVersion: number;
  today: string;
  facility: string;
  source: string;
  saveInvalidAsDraft: boolean;
  wholePerson: boolean;
}

export interface Plan<T extends { created: boolean }> {
  stamp: PlanStamp;
  /** Shallow copies of the previewed rows' person and dose, as they were evaluated. */
  rows: { person: Record<string, unknown>; dose: Record<string, unknown> }[];
  planned: T[];
}

export function storeCounters(db: Database.Database): { changes: number; dataVersion: number } {
  return { changes: db.prepare('SELECT total_changes()').pluck().get() as number, dataVersion: db.pragma('data_version', { simple: true }) as number };
}

export function sameStamp(a: PlanStamp, b: PlanStamp): boolean {
  return (
    a.changes === b.changes &&
    a.dataVersion === b.dataVersion &&
    a.today === b.today &&
    a.facility === b.facility &&
    a.source === b.source &&
    a.saveInvalidAsDraft === b.saveInvalidAsDraft &&
    a.wholePerson === b.wholePerson
  );
}

/** A copy of a row's fields as evaluated; null when a value is not a primitive (it could change unseen). */
export function snapshotRow(row: RecordInput): { person: Record<string, unknown>; dose: Record<string, unknown> } | null {
  const person = copyPrimitives(row?.person);
  const dose = copyPrimitives(row?.dose);
  return person && dose ? { person, dose } : null;
}

// Written with for-in over own keys rather than Object.entries or Object.keys (the same keys, in
// the same order): the preview copies and the commit compares every row of a 100k-row import, and
// those allocated a pair per field or an array per row.
function copyPrimitives(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object') return null;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in source) {
    if (!Object.hasOwn(source, k)) continue;
    const v = source[k];
    if (v !== null && (typeof v === 'object' || typeof v === 'function')) return null;
    out[k] = v;
  }
  return out;
}

/** Object.keys(o).length without the array. */
function ownKeyCount(o: object): number {
  let n = 0;
  for (const k in o) if (Object.hasOwn(o, k)) n++;
  return n;
}

function sameFields(a: Record<string, unknown>, b: unknown): boolean {
  const bb = (b ?? {}) as Record<string, unknown>;
  if (typeof bb !== 'object') return false;
  let count = 0;
  for (const k in a) {
    count++;
    if (!Object.hasOwn(bb, k) || !Object.is(a[k], bb[k])) return false;
  }
  return count === ownKeyCount(bb);
}

/**
 * The planned answer of each of `rows`, or null when `rows` are not the plan's rows minus some
 * that created nothing (then the commit evaluates again).
 */
export function matchPlan<T extends { created: boolean }>(plan: Plan<T>, rows: readonly RecordInput[]): T[] | null {
  const out: T[] = [];
  let at = 0;
  for (const row of rows) {
    for (;;) {
      const planned = plan.planned[at];
      const seen = plan.rows[at];
      if (planned === undefined || seen === undefined) return null;
      at++;
      if (sameFields(seen.person, row?.person) && sameFields(seen.dose, row?.dose)) {
        out.push(planned);
        break;
      }
      // Left out by the commit: only a row that created nothing may be.
      if (planned.created) return null;
    }
  }
  return out;
}
