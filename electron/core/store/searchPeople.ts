/**
 * The people a search box's readings (searchText.ts) find, as SQL: shared by the records table
 * (recordSearch.ts) and the certificates list (sync/certificateSearch.ts), so that whatever finds a
 * person's record finds their certificate too (session 27). Each way is a range of an index
 * (people_id_number, people_phone, people_dob) or the full-text index.
 */
import { ftsNameQuery, namePhrases } from './nameQuery.js';
import type { NumberReading, SearchReading, TypedBirthDate } from './searchText.js';
import {
  bornCondition, FILL_SEARCH_PEOPLE, FILL_SEARCH_PEOPLE_BORN, FILL_SEARCH_PEOPLE_NEWEST, fillSearchPeopleNumbered, NEWEST_MATCH_TEST, type Params, type SearchSource,
} from './searchSql.js';

/** Above every character a folded name or an id number holds: `x >= p AND x < p || HIGH` is "starts with p". */
const HIGH = '\u{10FFFF}';

/**
 * The stored forms (0 + the number: canonicalPhone) a phone typed as digits is searched by, as a
 * prefix. +84 / 84 / 0084 in place of the 0, and "+84 (0) 9…" with it kept; a whole mobile number
 * without its 0 (a spreadsheet drops it: 987000111) is searched with it too, the digits as typed
 * staying a prefix of their own.
 */
export function phoneForms(digits: string): string[] {
  const national = digits.replace(/^(?:0084|84)(?=\d)/, '0').replace(/^00(?=[1-9])/, '0');
  return /^[35789]\d{8}$/.test(digits) ? [national, `0${digits}`] : [national];
}

/**
 * The ways the readings of a search text find people, as SQL over a person `p` (their parameters
 * set in `params`); a name's full-text match is copied first into temp.search_people by the
 * source's `fill`, and at most one source has one (readSearchText reads at most one name).
 */
export function peopleSources(readings: readonly SearchReading[], params: Params): SearchSource[] {
  const sources: SearchSource[] = [];
  const range = (column: string, name: string, prefix: string, born: string | null = null) => {
    params[`${name}From`] = prefix;
    params[`${name}To`] = prefix + HIGH;
    const where = `p.${column} >= @${name}From AND p.${column} < @${name}To${born === null ? '' : ` AND ${born}`}`;
    sources.push({ set: `SELECT seq FROM people p WHERE ${where}`, test: `(${where})`, from: 'people p', where, order: '' });
  };
  // Each number's parameters are named by its place (a row copied from a sheet can hold two).
  readings.forEach((reading, at) => {
    const n = at === 0 ? '' : String(at);
    // A date of birth typed with the number ("CCCD: 079…, NS: 12/05/1990") tests the number's people.
    const born = reading.kind !== 'born' && reading.kind !== 'name' && reading.born !== undefined ? bornFilter(`nborn${n}`, reading.born, params) : null;
    if (reading.kind === 'digits') {
      range('id_number', `id${n}`, reading.digits, born);
      phoneForms(reading.digits).forEach((form, i) => range('phone', `phone${n}${i}`, form, born));
    } else if (reading.kind === 'passport') {
      range('id_number', `id${n}`, reading.prefix, born);
    } else if (reading.kind === 'born') {
      // A date of birth alone: the stored dates starting with it, from people_dob (migration 0015).
      // Not the people stored with its year only: a whole date typed alone would list all of them.
      range('dob', `dob${n}`, reading.born.prefix);
    } else {
      // Every word must start a word of the name, in any order: FTS5 prefix queries (nameQuery.ts).
      params.fts = ftsNameQuery(reading.words);
      if (reading.born !== null) {
        // A date of birth typed with the name filters the people the name found (bornParams).
        Object.assign(params, bornParams(reading.born));
      }
      // The matches are copied once into a temp table (fillSearchPeople): the plan's count, the
      // walk's membership test and the total then read it instead of running the match again.
      const set = 'SELECT seq FROM temp.search_people';
      let fill = reading.born === null ? FILL_SEARCH_PEOPLE : FILL_SEARCH_PEOPLE_BORN;
      if (reading.number !== undefined) {
        // The number beside the name: its id number or phone must start with it (nameNumberRanges).
        // With a date of birth too ("Họ tên: … Ngày sinh: … SĐT: …"), the date filters them as well.
        fill = fillSearchPeopleNumbered(nameNumberRanges(reading.number, params), reading.born !== null);
      }
      const source: SearchSource = { set, test: `p.seq IN (${set})`, from: 'temp.search_people m CROSS JOIN people p ON p.seq = m.seq', where: '1', order: 'ORDER BY m.seq DESC', fill };
      // One name word alone ("n", "nguyen", "thi": the first keystrokes, each matching up to half the
      // people) that can be tested row by row: the records table may copy its newest people only.
      // Not two words or more: "nguyen van" and the like match 1/20 of the people or fewer, and the
      // search bench's p95 for them at 1M rose from 22 to 39 ms with the newest-first copy (the
      // full-text index reads an AND of prefixes newest first more slowly, and the walk's row test
      // is paid on more rows), so they copy every match as before.
      const phrases = fill === FILL_SEARCH_PEOPLE && reading.words.length === 1 ? namePhrases(reading.words) : null;
      if (phrases !== null) {
        params.nameWords = JSON.stringify(phrases);
        source.newest = { fill: FILL_SEARCH_PEOPLE_NEWEST, test: NEWEST_MATCH_TEST };
      }
      sources.push(source);
    }
  });
  return sources;
}

/** The conditions on a person `p` that a number typed beside a name asks (its params set as @named…). */
function nameNumberRanges(number: NumberReading, params: Params): string[] {
  const forms = number.kind === 'digits' ? [['id_number', number.digits], ...phoneForms(number.digits).map((f) => ['phone', f])] : [['id_number', number.prefix]];
  return forms.map(([column, prefix], i) => {
    params[`named${i}From`] = prefix as string;
    params[`named${i}To`] = (prefix as string) + HIGH;
    return `p.${column} >= @named${i}From AND p.${column} < @named${i}To`;
  });
}

/** The condition that a person `p` was born on the typed date (or in its year or month, stored less exactly), its params named `name`…. */
function bornFilter(name: string, born: TypedBirthDate, params: Params): string {
  for (const [key, value] of Object.entries(bornParams(born))) params[key.replace(/^born/, name)] = value;
  return bornCondition(name, true);
}

/** FILL_SEARCH_PEOPLE_BORN's bounds: the stored dates starting with the typed one, or a year (or month) of it. */
function bornParams(born: TypedBirthDate): Params {
  return { bornFrom: born.prefix, bornTo: born.prefix + HIGH, bornYear: born.coarser[0] ?? born.prefix, bornMonth: born.coarser[1] ?? born.coarser[0] ?? born.prefix };
}
