/**
 * Who a record belongs to. The same id type + number with the same name and date of birth is the
 * same person. The same id number with another name or date of birth is NOT silently taken as
 * the same person: it becomes a person of its own, validation warns about it, and
 * findDuplicatePeople lists it until someone merges the two (mergePeople) or fixes the number.
 */
import type { Person } from '../../../shared/domain/types.js';
import { cmndAndCccd, datesOfBirthAgree, isValidIsoDate, oneSlipApart, sameName, type OtherDose, type OtherPerson } from './domain.js';
import type { StoreContext } from './ports.js';
import type { PreparedPerson } from './recordInput.js';
import { toPerson, type PersonRow } from './rows.js';

export interface PersonMatch {
  /** The stored person this input is, or null: a new person. */
  existing: PersonRow | null;
  /** Likely duplicates to tell validation about. */
  others: readonly OtherPerson[];
  /**
   * `existing` matched with a date of birth written more or less exactly than the stored one
   * ("1985" and "1985-03-12", datesOfBirthAgree): the stored one, as it was when matched.
   */
  storedDob?: string;
}

/** The others of a person with none (most rows of an import): one frozen list, not one per row. */
const NO_OTHERS: readonly OtherPerson[] = Object.freeze([]);

/** Who an input is and their other doses: the stored people (peopleRepository) or a bulk snapshot (bulkLookup). */
export interface PeopleSource {
  match(p: PreparedPerson, current?: PersonRow): PersonMatch;
  /** The person's live doses, to read during the call (a bulk snapshot answers its own list). */
  doses(personId: string, excludeRecordIds?: readonly string[]): readonly OtherDose[];
}

export function toOtherPerson(r: PersonRow): OtherPerson {
  return { id: r.id, idType: r.id_type, idNumber: r.id_number, fullName: r.full_name, dob: r.dob, phone: r.phone };
}

/**
 * The matching rule, over the candidates however they were read: `sameId` = the people with the
 * input's id type + number (merged ones included), `sameNameDob` = the unmerged people with its
 * folded name and a date of birth in the same year (those that agree with its own are kept), both
 * in insertion order; `live` follows a merge to the kept person.
 */
export function matchPerson(
  p: PreparedPerson,
  current: PersonRow | undefined,
  sameId: readonly PersonRow[],
  sameNameDob: () => readonly PersonRow[],
  live: (row: PersonRow) => PersonRow,
): PersonMatch {
  let existing: PersonRow | null = current ?? null;
  let storedDob: string | undefined;
  if (!existing) {
    const exact = sameId.find((r) => r.dob === p.dob && (r.name_folded === p.nameFolded || sameName(r.full_name, p.fullName)));
    existing = exact ? live(exact) : null;
  }
  if (!existing && p.nameFolded !== '') {
    // (The same name: folded, or written with its apostrophe or hyphen another way, sameName.)
    // The same number and name with a year of birth and a whole date in it: one person written
    // once less exactly (a list with "1985" for dose 1 and 12/03/1985 for dose 2), not a second
    // person under the same CCCD. The caller keeps the exact date (recordWriter.ts).
    const near = sameId.find((r) => (r.name_folded === p.nameFolded || sameName(r.full_name, p.fullName)) && datesOfBirthAgree(r.dob, p.dob));
    if (near) {
      existing = live(near);
      if (existing.dob !== p.dob) storedDob = existing.dob;
    }
  }
  // Made on the first candidate: an import's rows mostly have none (a new person, or the person
  // the row's other dose just matched).
  let others: Map<string, PersonRow> | null = null;
  for (const r of sameId) if (r.merged_into === null && r.id !== existing?.id) (others ??= new Map()).set(r.id, r);
  // The same name and birth date under another id: the same phone, or an id number one typing
  // slip away (personValidation.ts oneSlipApart), makes them a likely duplicate to compare.
  if (p.nameFolded !== '') {
    for (const r of sameNameDob()) {
      if (r.id === existing?.id || r.id_number === p.idNumber || !datesOfBirthAgree(r.dob, p.dob)) continue;
      if (
        (p.phone !== null && r.phone === p.phone) ||
        (r.id_type === p.idType && oneSlipApart(r.id_number, p.idNumber)) ||
        // A CMND then a CCCD (or back) with the same name and whole date of birth: papers changed.
        // Not on a year of birth alone, which many namesakes share.
        (isValidIsoDate(p.dob) && r.dob === p.dob && cmndAndCccd(r.id_type, r.id_number, p.idType, p.idNumber))
      ) (others ??= new Map()).set(r.id, r);
    }
  }
  const found = others === null ? NO_OTHERS : [...others.values()].map(toOtherPerson);
  return storedDob === undefined ? { existing, others: found } : { existing, others: found, storedDob };
}

export function peopleRepository(ctx: StoreContext) {
  const { db } = ctx;
  const byIdNumber = db.prepare('SELECT * FROM people WHERE id_number = ? AND id_type = ?');
  // The same name with the same date of birth, or one in the same year (matchPerson keeps those
  // that agree: "1990" and "1990-06-05"); the range stays on the (name_folded, dob) index.
  const byNameDob = db.prepare(
    "SELECT * FROM people WHERE name_folded = @name AND (dob = @dob OR dob BETWEEN @year AND @year || '-99') AND merged_into IS NULL ORDER BY seq",
  );
  const byId = db.prepare('SELECT * FROM people WHERE id = ?');
  const dosesOf = db.prepare(
    "SELECT id, dose_number AS doseNumber, vaccination_date AS vaccinationDate, vaccine, lot, state FROM dose_records WHERE person_id = ? AND state <> 'superseded'",
  );
  const insert = db.prepare(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex,
    nationality, phone, created_at, updated_at) VALUES (@id, @idType, @idNumber, @fullName, @familyName, @givenName, @fnt, @gnt, @nameFolded,
    @dob, @sex, @nationality, @phone, @now, @now)`);
  const update = db.prepare(`UPDATE people SET id_type = @idType, id_number = @idNumber, full_name = @fullName, family_name = @familyName,
    given_name = @givenName, fnt = @fnt, gnt = @gnt, name_folded = @nameFolded, dob = @dob, sex = @sex, nationality = @nationality,
    phone = @phone, updated_at = @now WHERE id = @id`);

  const setDob = db.prepare('UPDATE people SET dob = @dob, updated_at = @now WHERE id = @id');

  function get(id: string): PersonRow | undefined {
    return byId.get(id) as PersonRow | undefined;
  }

  /** Follows merges to the person that is kept. */
  function live(row: PersonRow): PersonRow {
    let r = row;
    for (let hops = 0; r.merged_into !== null && hops < 100; hops++) r = get(r.merged_into) ?? r;
    return r;
  }

  return {
    get,
    person(id: string): Person | undefined {
      const r = get(id);
      return r ? toPerson(r) : undefined;
    },

    /**
     * `current`: the person a stored record already belongs to (an update): it stays that
     * person, and is not its own duplicate.
     */
    match(p: PreparedPerson, current?: PersonRow): PersonMatch {
      return matchPerson(p, current, byIdNumber.all(p.idNumber, p.idType) as PersonRow[], () => byNameDob.all({ name: p.nameFolded, dob: p.dob, year: p.dob.slice(0, 4) }) as PersonRow[], live);
    },

    doses(personId: string, excludeRecordIds: readonly string[] = []): OtherDose[] {
      return (dosesOf.all(personId) as OtherDose[]).filter((d) => !excludeRecordIds.includes(d.id));
    },

    insert(p: PreparedPerson): PersonRow {
      const id = ctx.newId();
      insert.run({ ...fields(p), id, now: ctx.nowIso() });
      return get(id)!;
    },

    /** A matched person's date of birth made exact (a year → the whole date): the change, for the audit entry. */
    setDob(row: PersonRow, dob: string): Record<string, [string | null, string | null]> {
      setDob.run({ id: row.id, dob, now: ctx.nowIso() });
      return { dob: [row.dob, dob] };
    },

    /** Writes the changed fields and returns them as [before, after] for the audit entry. */
    update(row: PersonRow, p: PreparedPerson): Record<string, [string | null, string | null]> {
      const before = toPerson(row);
      const after = { ...fields(p) };
      const changes: Record<string, [string | null, string | null]> = {};
      for (const k of ['idType', 'idNumber', 'fullName', 'familyName', 'givenName', 'fnt', 'gnt', 'dob', 'sex', 'nationality', 'phone'] as const) {
        if (before[k] !== after[k]) changes[k] = [before[k], after[k]];
      }
      if (Object.keys(changes).length > 0) update.run({ ...after, id: row.id, now: ctx.nowIso() });
      return changes;
    },
  };
}

export type PeopleRepository = ReturnType<typeof peopleRepository>;

function fields(p: PreparedPerson) {
  return {
    idType: p.idType,
    idNumber: p.idNumber,
    fullName: p.fullName,
    familyName: p.familyName,
    givenName: p.givenName,
    fnt: p.fnt,
    gnt: p.gnt,
    nameFolded: p.nameFolded,
    dob: p.dob,
    sex: p.sex,
    nationality: p.nationality,
    phone: p.phone,
  };
}
