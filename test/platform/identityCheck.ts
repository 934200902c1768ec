/**
 * Step 1 of DESIGN §1 as the population database answers it: is there a person with this id,
 * and do the name and date of birth agree? Names compare after Unicode NFC, whitespace folding
 * and case folding, but WITH their diacritics: "Nguyễn Văn An" and "Nguyen Van An" are different
 * people to the civil registry. A partial date of birth (YYYY or YYYY-MM, as on some old papers)
 * agrees with a full one that it is a prefix of.
 */
import type { IdentityQuery } from '../../shared/platform/api.js';
import type { PopulationPerson } from './population.js';

export type IdentityStatus = 'verified' | 'mismatch' | 'not_found';

export interface IdentityResult {
  ref: string;
  status: IdentityStatus;
  mismatches?: ('fullName' | 'dob')[];
}

export function personKey(idType: string, idNumber: string): string {
  return `${idType}:${idNumber.normalize('NFKC').replace(/[\s.\-_]/g, '').toUpperCase()}`;
}

function foldName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
}

function datesAgree(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short !== '' && long.startsWith(short) && (long.length === short.length || long[short.length] === '-');
}

export function checkIdentity(query: IdentityQuery, lookup: (key: string) => PopulationPerson | undefined): IdentityResult {
  const held = lookup(personKey(query.idType, query.idNumber));
  if (!held) return { ref: query.ref, status: 'not_found' };
  const mismatches: ('fullName' | 'dob')[] = [];
  if (foldName(held.fullName) !== foldName(query.fullName)) mismatches.push('fullName');
  if (!datesAgree(held.dob, query.dob.trim())) mismatches.push('dob');
  return mismatches.length === 0 ? { ref: query.ref, status: 'verified' } : { ref: query.ref, status: 'mismatch', mismatches };
}
