/**
 * The findings about a person that depend on the person alone (id, name, date of birth, sex,
 * nationality, phone: not the duplicate checks against other people), remembered by those fields.
 * An import validates each person once per dose: a person with two doses is checked twice for
 * the same answer. One memo serves one validation pass; pure, so any pass may share one.
 */
import { isBlank } from './findings.js';
import type { Finding, PersonInput } from './types.js';
import { COUNTRY_VN } from './vaccines.js';

/** People remembered per id number: past this (a file repeating one number), the rest are computed. */
const MAX_PER_ID = 8;

interface Seen {
  person: PersonInput;
  findings: readonly Finding[];
}

/**
 * The nationality the person's own findings read: a blank one is VN (personValidation's
 * ownFindings reads it only this way). The import's file pass sees the cell as written ('' when the
 * file has no such column), the store pass the store's default ('VN'): the same findings.
 */
function effectiveNationality(n: string | undefined): string {
  return isBlank(n) ? COUNTRY_VN : (n ?? '').trim();
}

/** Every field the person's own findings read, compared exactly (no key text to build and hash). */
function samePerson(a: PersonInput, b: PersonInput): boolean {
  return (
    a.idNumber === b.idNumber && a.idType === b.idType && a.fullName === b.fullName && a.dob === b.dob && a.sex === b.sex &&
    a.phone === b.phone && (a.nationality === b.nationality || effectiveNationality(a.nationality) === effectiveNationality(b.nationality)) &&
    a.familyName === b.familyName && a.givenName === b.givenName && a.fnt === b.fnt && a.gnt === b.gnt
  );
}

export class PersonFindingsMemo {
  private readonly byId = new Map<string | undefined, Seen[]>();
  private day = '';

  /**
   * `compute(p, today)` for a person already cleaned (cleanPersonInput: a fresh object the memo may
   * keep), from memory when the same fields were seen on the same day. The caller gets its own list.
   */
  findings(p: PersonInput, today: string, compute: (p: PersonInput, today: string) => Finding[]): Finding[] {
    if (today !== this.day) {
      this.byId.clear();
      this.day = today;
    }
    let seen = this.byId.get(p.idNumber);
    if (seen === undefined) {
      seen = [];
      this.byId.set(p.idNumber, seen);
    }
    for (const s of seen) if (samePerson(s.person, p)) return s.findings.slice();
    const findings = compute(p, today);
    if (seen.length < MAX_PER_ID) seen.push({ person: p, findings: findings.slice() });
    return findings;
  }
}
