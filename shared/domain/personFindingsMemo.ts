/**
 * The findings about a person that depend on the person alone (id, name, date of birth, sex,
 * nationality, phone: not the duplicate checks against other people), remembered by those fields.
 * An import validates each person once per dose: a person with two doses is checked twice for
 * the same answer. One memo serves one validation pass; pure, so any pass may share one.
 */
import type { Finding, PersonInput } from './types.js';

/** Length-prefixed, so no field's text can make two different people one key. */
function part(text: string | null | undefined): string {
  return text === null || text === undefined ? '-|' : `${text.length}|${text}`;
}

export class PersonFindingsMemo {
  private readonly byKey = new Map<string, readonly Finding[]>();
  private day = '';

  /** `compute(p, today)` for a person already cleaned (cleanPersonInput), from memory when seen. */
  findings(p: PersonInput, today: string, compute: (p: PersonInput, today: string) => Finding[]): Finding[] {
    if (today !== this.day) {
      this.byKey.clear();
      this.day = today;
    }
    const key =
      part(p.idType) + part(p.idNumber) + part(p.fullName) + part(p.familyName) + part(p.givenName) + part(p.fnt) + part(p.gnt) +
      part(p.dob) + part(p.sex) + part(p.nationality) + part(p.phone);
    let known = this.byKey.get(key);
    if (known === undefined) {
      known = compute(p, today);
      this.byKey.set(key, known);
    }
    return known.slice();
  }
}
