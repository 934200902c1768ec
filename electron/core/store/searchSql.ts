/**
 * The SQL of the records table's query (recordSearch.ts parses the query, searchPlan.ts picks the
 * plan). Every statement here is answered from an index or the full-text index;
 * test/unit/db/queryPlans.test.ts checks the plans and searchPlans.test.ts that every plan gives
 * the same rows as a naive query.
 */
import type { RecordState } from '../../../shared/domain/types.js';
import { PERSON_COLUMNS_AS_P } from './rows.js';

export type Params = Record<string, string | number>;

/** One way a search finds people (recordSearch.ts makes them: full-text match, id or phone prefix). */
export interface SearchSource {
  /** SELECT of the matching people's seq (rowid), as a set for IN. */
  set: string;
  /** The same as a condition on a joined person `p`, tested row by row. */
  test: string;
  /** FROM … and WHERE … yielding the matching people as `p`, and the ORDER BY that reads them newest first. */
  from: string;
  where: string;
  order: string;
  /** The full-text match: its people are first copied into temp.search_people by this statement (@fts, and @born… with a date of birth). */
  fill?: string;
  /**
   * A name alone, all a–z and 0–9 (nameQuery.ts namePhrases): the newest @fillCap of its people
   * can be copied instead (`fill`), and `test` then says who matches (@fillFloor: the oldest copied).
   */
  newest?: { fill: string; test: string };
}

export interface ParsedQuery {
  /** null: every state but superseded. */
  states: RecordState[] | null;
  vaccine: string | null;
  dateFrom: string | null;
  dateTo: string | null;
  /** null: no search; [] a search that can match nothing. */
  search: SearchSource[] | null;
  limit: number;
  offset: number;
  cursor: number | null;
  /** Bound values of states, filters and search sources. */
  params: Params;
}

const JOINED = `d.*, ${PERSON_COLUMNS_AS_P}`;

/** The filter conditions; `unary` puts a + on the columns so no index is used for them. */
function filterConditions(q: ParsedQuery, unary: boolean): string[] {
  const col = (name: string) => (unary ? `+d.${name}` : `d.${name}`);
  const where: string[] = [];
  if (q.states === null) where.push(`${col('state')} <> 'superseded'`);
  else where.push(`${col('state')} IN (${q.states.map((_, i) => `@state${i}`).join(', ')})`);
  if (q.vaccine !== null) where.push(`${col('vaccine')} = @vaccine`);
  if (q.dateFrom !== null) where.push(`${col('vaccination_date')} >= @dateFrom`);
  if (q.dateTo !== null) where.push(`${col('vaccination_date')} <= @dateTo`);
  return where;
}

function matchingSeqs(sources: SearchSource[]): string {
  return sources.length === 0 ? 'SELECT NULL AS seq WHERE 0' : sources.map((s) => s.set).join(' UNION ');
}

const PAGE_TAIL = 'ORDER BY d.seq DESC LIMIT @limit OFFSET @offset';

/** No search: the filters' own indexes, newest first; the total counted exactly. */
export function plainSql(q: ParsedQuery): { page: string; count: string } {
  const filters = filterConditions(q, false).join(' AND ');
  const cursor = q.cursor !== null ? ' AND d.seq < @cursor' : '';
  return {
    page: `SELECT ${JOINED} FROM dose_records d JOIN people p ON p.id = d.person_id WHERE ${filters}${cursor} ${PAGE_TAIL}`,
    count: `SELECT count(*) AS n FROM dose_records d WHERE ${filters}`,
  };
}

/**
 * With states, people first reads only the records at or after @minSeq, the oldest record in those
 * states: the person index holds the seq, so a person's older records (most of them, for `ready`)
 * are skipped without reading their rows.
 */
function peopleFirstFilters(q: ParsedQuery): string[] {
  return q.states === null ? filterConditions(q, true) : [...filterConditions(q, true), 'd.seq >= @minSeq'];
}

/** People first: every record of the matching people, sorted. */
export function peopleFirstPageSql(q: ParsedQuery, sources: SearchSource[]): string {
  const where = peopleFirstFilters(q);
  if (q.cursor !== null) where.push('d.seq < @cursor');
  return `SELECT ${JOINED} FROM (${matchingSeqs(sources)}) m CROSS JOIN people p ON p.seq = m.seq CROSS JOIN dose_records d ON d.person_id = p.id
    WHERE ${where.join(' AND ')} ${PAGE_TAIL}`;
}

/**
 * The walk's domain: one state's (state, seq) index, else the table by seq with the states
 * tested on each row (an IN over several states would need a sort to merge them).
 */
function walkDomain(q: ParsedQuery): string {
  if (q.states === null) return `+d.state <> 'superseded'`;
  if (q.states.length === 1) return 'd.state = @state0';
  return `+d.state IN (${q.states.map((_, i) => `@state${i}`).join(', ')})`;
}

/** Whether a walk can answer the query: only states filter it besides the search. */
export function walkable(q: ParsedQuery): boolean {
  return q.vaccine === null && q.dateFrom === null && q.dateTo === null;
}

function walkMatch(sources: SearchSource[]): string {
  return sources.length === 0 ? '0' : `(${sources.map((s) => s.test).join(' OR ')})`;
}

/** The walk's records and people; `tested`: only the matching ones. */
function walkFrom(q: ParsedQuery, sources: SearchSource[], tested = true): string {
  const where = [walkDomain(q), 'd.seq > @floor', ...(tested ? [walkMatch(sources)] : [])];
  if (q.cursor !== null) where.push('d.seq < @cursor');
  // CROSS JOIN: the records drive, newest first; the person is looked up per record. INDEXED BY:
  // the plan was chosen for this index; statistics saying most rows are in one state must not
  // turn the walk into another one.
  const records = q.states !== null && q.states.length === 1 ? 'dose_records d INDEXED BY dose_records_state' : 'dose_records d';
  return `FROM ${records} CROSS JOIN people p ON p.id = d.person_id WHERE ${where.join(' AND ')}`;
}

/** The walk: records newest first above @floor, each tested against the matching people. */
export function walkPageSql(q: ParsedQuery, sources: SearchSource[]): string {
  return `SELECT ${JOINED} ${walkFrom(q, sources)} ${PAGE_TAIL}`;
}

/**
 * The seqs of the matching records among the newest @scan of the walk's domain, newest first, up
 * to @cap, whatever the cursor (a total). Its own LIMIT bounds the rows read, matching or not.
 */
export function walkSeqsSql(q: ParsedQuery, sources: SearchSource[]): string {
  const from = walkFrom({ ...q, cursor: null }, sources, false);
  return `SELECT seq FROM (SELECT d.seq AS seq, ${walkMatch(sources)} AS hit ${from} ORDER BY d.seq DESC LIMIT @scan) WHERE hit LIMIT @cap`;
}

/** Whether a state holds more than @scan records: read from its index, stopping there. */
export const STATE_HOLDS_MORE = 'SELECT count(*) AS n FROM (SELECT 1 FROM dose_records INDEXED BY dose_records_state WHERE state = @state LIMIT 1 OFFSET @scan)';

/**
 * The seqs of the matching records, up to @cap, people first and lazily: each source reads its
 * people newest first where it can (a state like `ready` holds the newest records), a person found
 * by an earlier source is not read again (so no record comes twice), and it stops at the cap.
 * Fewer than @cap: every match, so the page is these seqs sorted (recordSearch.ts).
 */
export function peopleFirstSeqsSql(q: ParsedQuery, sources: SearchSource[]): string {
  if (sources.length === 0) return 'SELECT NULL AS seq WHERE 0';
  const filters = peopleFirstFilters(q);
  const branches = sources.map((s, i) => {
    // IS NOT 1, not NOT: a person with no phone is NULL to a phone range, and NOT NULL would drop
    // them from a later source that found them by name ("Hồ Chiêu 1990": a label, or a name and year).
    const where = [s.where, ...filters, ...sources.slice(0, i).map((earlier) => `(${earlier.test}) IS NOT 1`)];
    // Its own LIMIT keeps each branch's ORDER BY (a flattened subquery would drop it).
    return `SELECT * FROM (SELECT d.seq AS seq FROM ${s.from} CROSS JOIN dose_records d ON d.person_id = p.id WHERE ${where.join(' AND ')} ${s.order} LIMIT @cap)`;
  });
  return `SELECT seq FROM (${branches.join(' UNION ALL ')} LIMIT @cap)`;
}

/** The matching records counted up to @cap, as peopleFirstSeqsSql reads them. */
export function peopleFirstCountSql(q: ParsedQuery, sources: SearchSource[]): string {
  return `SELECT count(*) AS n FROM (${peopleFirstSeqsSql(q, sources)})`;
}

/** A page's rows by their seqs (@seqs: a JSON array), newest first: rowid lookups, no scan. */
export const ROWS_BY_SEQS = `SELECT ${JOINED} FROM json_each(@seqs) j CROSS JOIN dose_records d ON d.seq = j.value CROSS JOIN people p ON p.id = d.person_id ORDER BY d.seq DESC`;

/** How many people each source finds, up to @probe each (the plan's estimate). */
export function probeSql(source: SearchSource): string {
  return `SELECT count(*) AS n FROM (${source.set} LIMIT @probe)`;
}

/** A connection's table of the people a name search matched (temp: memory, this connection only). */
export const CREATE_SEARCH_PEOPLE = 'CREATE TEMP TABLE IF NOT EXISTS search_people (seq INTEGER PRIMARY KEY)';
export const CLEAR_SEARCH_PEOPLE = 'DELETE FROM temp.search_people';
export const FILL_SEARCH_PEOPLE = 'INSERT INTO temp.search_people (seq) SELECT rowid FROM people_fts WHERE people_fts MATCH @fts';
/** The newest @fillCap people the name matches: FTS5 reads its rowids newest first and stops there. */
export const FILL_SEARCH_PEOPLE_NEWEST = `${FILL_SEARCH_PEOPLE} ORDER BY rowid DESC LIMIT @fillCap`;
/** The name's SQL function (recordSearch.ts registers it: nameQuery.ts nameMatches over @nameWords). */
export const NAME_MATCH_FUNCTION = 'station_name_match';
/**
 * Whether person `p` matches when temp.search_people holds only the name's newest matches, those
 * from @fillFloor up: the copy answers for them, the name itself (as the index reads it) for older.
 */
export const NEWEST_MATCH_TEST = `(CASE WHEN p.seq >= @fillFloor THEN p.seq IN (SELECT seq FROM temp.search_people) ELSE ${NAME_MATCH_FUNCTION}(p.name_folded, @nameWords) END)`;

/** The people born on a typed date (@<name>From…@<name>To: stored dates starting with it), or also in its year or month (@<name>Year, @<name>Month), from people_dob (migration 0015). */
export function bornCondition(name: string, coarser: boolean): string {
  const range = `p.dob >= @${name}From AND p.dob < @${name}To`;
  return coarser ? `(${range} OR p.dob IN (@${name}Year, @${name}Month))` : `(${range})`;
}

/**
 * A name with a date of birth ("Đức 1990", "nguyen 1990"): the name's full-text match, each person
 * kept when the date's people (bornCondition, read from people_dob) hold them. The test runs inside
 * SQLite against the date's people, built once as a list (a year: ~1/80 of people; a whole date: a
 * handful), so "nguyen" alone (~200k people at 1M records) is never read row by row: 117 ms before,
 * when each match was looked up by rowid to test its date. The + keeps `rowid IN (…)` a test: as a
 * constraint FTS5 would run the whole match once per person of the date (39 s for "nguyen 1990").
 */
export const FILL_SEARCH_PEOPLE_BORN = `INSERT INTO temp.search_people (seq) SELECT rowid FROM people_fts
  WHERE people_fts MATCH @fts AND +rowid IN (SELECT p.seq FROM people p WHERE ${bornCondition('born', true)})`;

/**
 * A name with an id or phone number typed beside it ("Đức 0977000222"): the people the name
 * matches, looked up by rowid and kept when one of `conditions` (ranges on p.id_number, p.phone)
 * holds (and, `born`, the date of birth typed with them: @born…). The name's index narrows first,
 * as with a date of birth.
 */
export function fillSearchPeopleNumbered(conditions: readonly string[], born: boolean): string {
  return `INSERT INTO temp.search_people (seq) SELECT p.seq FROM people_fts CROSS JOIN people p ON p.seq = people_fts.rowid
  WHERE people_fts MATCH @fts AND (${conditions.join(' OR ')})${born ? ` AND ${bornCondition('born', true)}` : ''}`;
}
