/**
 * What an import needs to know about the stored queue, read in a few set-based queries instead of
 * three lookups per row, plus the records the same call creates (rows of one file see each other:
 * dose 2 after dose 1 of a new person). It answers exactly what peopleRepository.match/doses and
 * recordWriter.storedCopy answer after the earlier rows were inserted: stored rows first in their
 * insertion (seq) order, then this call's in row order — the order the per-row queries return
 * them in, which decides the ids that findings and duplicates name.
 *
 * Nothing here writes: the preview uses it as is, the commit writes what it planned.
 */
import type { OtherDose } from './domain.js';
import { matchPerson, type PeopleSource, type PersonMatch } from './people.js';
import type { StoreContext } from './ports.js';
import type { PreparedPerson } from './recordInput.js';
import { liveCopyOf } from './recordWriter.js';
import type { PersonRow } from './rows.js';

interface KeyedRecord {
  id: string;
  state: string;
}

/**
 * Lists keyed by two strings (id type + id number, date of birth + folded name) without joining
 * them: a map per first key of lists by the second. A joined key was a new string per row and per
 * lookup, flattened and hashed each time; the row's own strings (a prepared person's, shared by
 * its doses) keep their hash once computed. Each list is in insertion order, as before.
 */
class PairLists<V> {
  private readonly outer = new Map<string, Map<string, V[]>>();

  get(a: string, b: string): V[] | undefined {
    return this.outer.get(a)?.get(b);
  }

  push(a: string, b: string, value: V): void {
    let inner = this.outer.get(a);
    if (inner === undefined) {
      inner = new Map();
      this.outer.set(a, inner);
    }
    push(inner, b, value);
  }

  /** Every value, lists in no particular order. */
  *values(): Generator<V> {
    for (const inner of this.outer.values()) for (const list of inner.values()) yield* list;
  }
}

/** The key people are listed by name under: the year of their date of birth (all of an unreadable one). */
function yearOf(dob: string): string {
  return dob.length >= 4 && dob.charCodeAt(4) === 45 ? dob.slice(0, 4) : dob;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Each distinct (a, b) of the `people` that `when` takes, in first-seen order. A person's doses
 * share one PreparedPerson (PreparedPeople): a person just seen is skipped without a lookup, and
 * no pair is made for a person already seen (a pair per row and a list per pair were most of what
 * this allocated).
 */
function distinctPairs(people: readonly PreparedPerson[], first: (p: PreparedPerson) => string, second: (p: PreparedPerson) => string, when?: (p: PreparedPerson) => boolean): [string, string][] {
  const seen = new Map<string, Set<string>>();
  const out: [string, string][] = [];
  let last: PreparedPerson | undefined;
  for (const p of people) {
    if (p === last) continue;
    last = p;
    if (when !== undefined && !when(p)) continue;
    const a = first(p);
    const b = second(p);
    let inner = seen.get(a);
    if (inner === undefined) {
      inner = new Set();
      seen.set(a, inner);
    } else if (inner.has(b)) continue;
    inner.add(b);
    out.push([a, b]);
  }
  return out;
}

export interface BulkLookup extends PeopleSource {
  /** storedCopy over the stored records and those this call created. */
  storedCopy(key: string): string | null;
  /** Records a person created by this call, and a record created by this call. */
  addPerson(row: PersonRow): void;
  addRecord(personId: string, naturalKey: string, dose: OtherDose): void;
  /** A person's date of birth made exact by a row of this call: the rows after it see the new one. */
  setDob(row: PersonRow, dob: string): void;
}

/**
 * Loads the stored people sharing an id number or a name + date of birth with `people`, their
 * doses, and the stored records with one of `naturalKeys`.
 */
export function bulkLookup(ctx: StoreContext, people: readonly PreparedPerson[], naturalKeys: readonly string[]): BulkLookup {
  const { db } = ctx;
  // By id type, then id number; by date of birth, then folded name.
  const byId = new PairLists<PersonRow>();
  const byNameDob = new PairLists<PersonRow>();
  const doses = new Map<string, OtherDose[]>();
  const records = new Map<string, KeyedRecord[]>();

  // Nothing stored, nothing to find: a station's first import does not send every row's keys to
  // SQLite to find none (~0.3 s of a 100k-row preview). The same snapshot as the queries below
  // (the caller's transaction), so the answers are the same.
  const anyPeople = db.prepare('SELECT EXISTS (SELECT 1 FROM people)').pluck().get() === 1;
  const anyRecords = db.prepare('SELECT EXISTS (SELECT 1 FROM dose_records)').pluck().get() === 1;

  // json_each as the outer loop of each join: one statement, the tables' own indexes per key.
  // Pairs as the queries read them: [id number, id type], [folded name, date of birth].
  const read = new Map<string, PersonRow>();
  // A person found by two pairs of one year ("1990", "1990-06-05") is listed once.
  const seenByName = new Set<string>();
  if (anyPeople) {
    const ids = distinctPairs(people, (p) => p.idNumber, (p) => p.idType);
    for (const r of db
      .prepare('SELECT p.* FROM json_each(?) AS j CROSS JOIN people AS p ON p.id_number = j.value ->> 0 AND p.id_type = j.value ->> 1 ORDER BY p.seq')
      .iterate(JSON.stringify(ids)) as IterableIterator<PersonRow>) {
      byId.push(r.id_type, r.id_number, r);
      read.set(r.id, r);
    }
    // Every named person, phone or not: matchPerson also takes an id number one slip away, and a
    // CMND beside a CCCD, without a phone.
    // The same name and date of birth, or a date of birth in the same year: listed by year, and
    // matchPerson keeps those that agree ("1990" and "1990-06-05", datesOfBirthAgree).
    const names = distinctPairs(people, (p) => p.nameFolded, (p) => p.dob, (p) => p.nameFolded !== '');
    for (const r of db
      .prepare(
        `SELECT p.* FROM json_each(?) AS j CROSS JOIN people AS p ON p.name_folded = j.value ->> 0
           AND (p.dob = j.value ->> 1 OR p.dob BETWEEN substr(j.value ->> 1, 1, 4) AND substr(j.value ->> 1, 1, 4) || '-99')
         WHERE p.merged_into IS NULL ORDER BY p.seq`,
      )
      .iterate(JSON.stringify(names)) as IterableIterator<PersonRow>) {
      if (seenByName.has(r.id)) continue;
      seenByName.add(r.id);
      // Most people come by both ways (a file imported again is all of them): one object each.
      byNameDob.push(yearOf(r.dob), r.name_folded, read.get(r.id) ?? r);
    }
  }
  const owners = [...new Set(Array.from(byId.values(), (r) => r.id))];
  for (const id of owners) doses.set(id, []);
  if (anyRecords && owners.length > 0) {
    const doseRows = db
      .prepare(
        `SELECT d.person_id AS personId, d.id, d.dose_number AS doseNumber, d.vaccination_date AS vaccinationDate, d.vaccine, d.lot, d.state
         FROM json_each(?) AS j CROSS JOIN dose_records AS d ON d.person_id = j.value WHERE d.state <> 'superseded' ORDER BY d.seq`,
      )
      .iterate(JSON.stringify(owners)) as IterableIterator<OtherDose & { personId: string }>;
    // Read as they come (a file imported again is every stored person's doses): no array of rows
    // beside the lists they go into.
    for (const r of doseRows) doses.get(r.personId)!.push({ id: r.id, doseNumber: r.doseNumber, vaccinationDate: r.vaccinationDate, vaccine: r.vaccine, lot: r.lot, state: r.state });
  }
  if (anyRecords) {
    for (const r of db
      .prepare('SELECT d.natural_key AS key, d.id, d.state FROM json_each(?) AS j CROSS JOIN dose_records AS d ON d.natural_key = j.value ORDER BY d.seq')
      .iterate(JSON.stringify([...new Set(naturalKeys)])) as IterableIterator<KeyedRecord & { key: string }>) {
      push(records, r.key, { id: r.id, state: r.state });
    }
  }

  // The rare cases outside the preloaded set: a merged person's kept one, a corrected record's successor.
  const personById = db.prepare('SELECT * FROM people WHERE id = ?');
  const dosesOf = db.prepare(
    "SELECT id, dose_number AS doseNumber, vaccination_date AS vaccinationDate, vaccine, lot, state FROM dose_records WHERE person_id = ? AND state <> 'superseded'",
  );
  const successor = db.prepare('SELECT id, state FROM dose_records WHERE supersedes = ?');

  function live(row: PersonRow): PersonRow {
    let r = row;
    for (let hops = 0; r.merged_into !== null && hops < 100; hops++) r = (personById.get(r.merged_into) as PersonRow | undefined) ?? r;
    return r;
  }

  function dosesOfPerson(personId: string): OtherDose[] {
    let list = doses.get(personId);
    if (!list) {
      list = dosesOf.all(personId) as OtherDose[];
      doses.set(personId, list);
    }
    return list;
  }

  return {
    match(p: PreparedPerson, current?: PersonRow): PersonMatch {
      return matchPerson(p, current, byId.get(p.idType, p.idNumber) ?? [], () => byNameDob.get(yearOf(p.dob), p.nameFolded) ?? [], live);
    },

    doses(personId: string, excludeRecordIds: readonly string[] = []): readonly OtherDose[] {
      const list = dosesOfPerson(personId);
      // The list itself, not a copy: validation only reads it, before the next row adds to it.
      return excludeRecordIds.length === 0 ? list : list.filter((d) => !excludeRecordIds.includes(d.id));
    },

    storedCopy(key: string): string | null {
      const stored = records.get(key);
      // Most rows of an import are new: no list to walk, no closure to make.
      if (stored === undefined) return null;
      return liveCopyOf(stored, (id) => successor.get(id) as KeyedRecord | undefined);
    },

    addPerson(row: PersonRow): void {
      byId.push(row.id_type, row.id_number, row);
      byNameDob.push(yearOf(row.dob), row.name_folded, row);
      doses.set(row.id, []);
    },

    setDob(row: PersonRow, dob: string): void {
      // The row object is the one both lists hold (and the plan's existing person): changed in place.
      // Listed by year: a date made exact within its year stays where it is.
      row.dob = dob;
    },

    addRecord(personId: string, naturalKey: string, dose: OtherDose): void {
      dosesOfPerson(personId).push(dose);
      // The dose stands for its record (its id and state) when it has a state: no second object a row.
      push(records, naturalKey, dose.state !== undefined ? (dose as KeyedRecord) : { id: dose.id, state: 'draft' });
    },
  };
}
