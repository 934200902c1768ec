/**
 * The records table's query (DESIGN §8): filters, a search box that takes a name (any case, with
 * or without diacritics, any word of it by prefix), an id number prefix or a phone prefix;
 * newest first; paged by a stable cursor (or an offset); with the total.
 *
 * At 1M records (issue 3) a search's page and total must come in < 50 ms whatever the name: the
 * matching people are counted first (capped), then searchPlan.ts picks how to read the page
 * (people first, or walking the records newest first); a very common name copies only its newest
 * matches first (namedSearchPage). A search's total is counted up to a cap
 * a little past the page (`totalCapped`: the table shows "1.000+" and grows as it scrolls);
 * without a search it stays exact. SQL in searchSql.ts.
 */
import type Database from 'better-sqlite3';
import { RECORD_STATES, type RecordState } from '../../../shared/domain/types.js';
import { isValidIsoDate } from '../../../shared/domain/dates.js';
import { StationError } from '../../../shared/errors.js';
import { splitJoined, toPerson, toRecord } from './rows.js';
import { peopleSources } from './searchPeople.js';
import { readSearchText } from './searchText.js';
import { choosePagePlan, type SearchPlan, type SearchStats } from './searchPlan.js';
import { nameMatches } from './nameQuery.js';
import {
  CLEAR_SEARCH_PEOPLE, CREATE_SEARCH_PEOPLE, NAME_MATCH_FUNCTION, peopleFirstPageSql, peopleFirstSeqsSql, plainSql, probeSql, ROWS_BY_SEQS, STATE_HOLDS_MORE, walkable, walkPageSql, walkSeqsSql,
  type Params, type ParsedQuery, type SearchSource,
} from './searchSql.js';
import type { RecordPage, RecordQuery } from './storeTypes.js';

const MAX_LIMIT = 1000;
/** A search's total is exact up to here (and further as the user pages further). */
export const TOTAL_CAP_STEP = 1000;
/** Matching people counted for the plan; past this the walk wins anyway. */
const PROBE_CAP = 5000;
/**
 * A name alone copies at most this many of its people, the newest, first (measured at 1M records:
 * "nguyen" 212k people, "n" 264k). Enough for the total's thousand records in most states.
 */
const FILL_CAP = 5000;
/**
 * When a common name's newest people hold too few records of the one state asked (its records old,
 * like `signed` or `accepted`, or few, like `draft`), its total is counted by walking the state's
 * newest records, at most this many (a state this small, 8k–18k at 1M records, whole), rather than
 * copying every match: a name matching 1 in 100 finds its thousand within them.
 */
const WALK_TOTAL_MAX = 20_000;

function invalid(field: string, en: string, vi: string): StationError {
  return new StationError('QUERY_INVALID', vi, en, { field });
}

/** Turns a search box text into the ways it finds people (none: matches nothing); searchText.ts reads it. */
function searchSources(raw: string, params: Params): SearchSource[] | null {
  const readings = readSearchText(raw);
  if (readings.length === 0 && raw.trim() === '') return null;
  return peopleSources(readings, params);
}

/** Checks and normalises a query; throws QUERY_INVALID naming the field. */
export function parseRecordQuery(q: RecordQuery): ParsedQuery {
  const params: Params = {};
  const states = q.state === undefined ? null : Array.isArray(q.state) ? [...q.state] : [q.state as RecordState];
  if (states !== null) {
    if (states.length === 0 || states.some((s) => !RECORD_STATES.includes(s))) {
      throw invalid('state', `state must be one of ${RECORD_STATES.join(', ')}`, `trạng thái phải là một trong ${RECORD_STATES.join(', ')}`);
    }
    states.forEach((s, i) => (params[`state${i}`] = s));
  }
  const vaccine = q.vaccine !== undefined && q.vaccine !== '' ? q.vaccine : null;
  if (vaccine !== null) params.vaccine = vaccine;
  const dates: Record<'dateFrom' | 'dateTo', string | null> = { dateFrom: null, dateTo: null };
  for (const key of ['dateFrom', 'dateTo'] as const) {
    const v = q[key];
    if (v === undefined || v === '') continue;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw invalid(key, `${key} must be YYYY-MM-DD`, `${key} phải có dạng YYYY-MM-DD`);
    // Compared as text, a day no calendar has filtered silently wrong ("2021-13-01": 2022 on).
    if (!isValidIsoDate(v)) throw invalid(key, `${key} ${v} is not a day of the calendar`, `${key} ${v} không phải là một ngày có thật`);
    dates[key] = params[key] = v;
  }
  if (dates.dateFrom !== null && dates.dateTo !== null && dates.dateTo < dates.dateFrom) {
    throw invalid('dateTo', `the range ends (${dates.dateTo}) before it starts (${dates.dateFrom}): nothing could match`,
      `khoảng ngày kết thúc (${dates.dateTo}) trước khi bắt đầu (${dates.dateFrom}): không bản ghi nào khớp được`);
  }
  const search = q.search !== undefined ? searchSources(String(q.search), params) : null;
  const limit = q.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw invalid('limit', `limit must be 1–${MAX_LIMIT}`, `limit phải từ 1 đến ${MAX_LIMIT}`);
  let cursor: number | null = null;
  if (q.cursor !== undefined) {
    if (!/^\d{1,15}$/.test(q.cursor)) throw invalid('cursor', 'cursor is not one this station gave', 'con trỏ trang không hợp lệ');
    cursor = params.cursor = Number(q.cursor);
  }
  const offset = q.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalid('offset', 'offset must be 0 or more', 'offset phải từ 0 trở lên');
  return { states, vaccine, ...dates, search, limit, offset, cursor, params };
}

/** The cap of a search's total: the next multiple of the step past this page (so it can grow). */
export function totalCap(offset: number, limit: number, step = TOTAL_CAP_STEP): number {
  return Math.ceil((offset + limit + 1) / step) * step;
}

/**
 * For tests: force a plan (and the walk's floor) or a smaller cap step, to compare every path.
 * `walk`/`people` read the page that way even when the total's seqs hold every match.
 */
export interface SearchTuning {
  plan?: 'walk' | 'people';
  floor?: number;
  capStep?: number;
  /** How many of a name's newest people are copied first (FILL_CAP). */
  fillCap?: number;
  /** How many of one state's newest records a common name's total walks (WALK_TOTAL_MAX). */
  walkTotalMax?: number;
}

type Row = Record<string, unknown>;
type Db = Database.Database;

/** Prepared statements per connection: the SQL varies only in shape, so the set stays small. */
const statements = new WeakMap<Db, Map<string, Database.Statement>>();
function stmt(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (cache === undefined) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (s === undefined) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

function countOf(db: Db, sql: string, params: Params): number {
  return (stmt(db, sql).get(params) as { n: number }).n;
}

function searchStats(db: Db, q: ParsedQuery, sources: SearchSource[]): SearchStats {
  const maxes = stmt(db, 'SELECT (SELECT max(seq) FROM people) AS people, (SELECT max(seq) FROM dose_records) AS records').get() as { people: number | null; records: number | null };
  const counts = new Map((stmt(db, 'SELECT state, n FROM record_state_counts').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
  const sum = (states: readonly string[]) => states.reduce((a, s) => a + (counts.get(s) ?? 0), 0);
  const live = sum(RECORD_STATES.filter((s) => s !== 'superseded'));
  const inStates = q.states === null ? live : sum(q.states);
  const records = maxes.records ?? 0;
  let matched = 0;
  for (const source of sources) {
    matched += source.fill ? countOf(db, 'SELECT count(*) AS n FROM temp.search_people', {}) : countOf(db, probeSql(source), { ...q.params, probe: PROBE_CAP });
  }
  return { people: maxes.people ?? 0, records, live, inStates, matched, walkDomain: q.states?.length === 1 ? inStates : records };
}

/** Runs a plan; a walk that reached its floor short of `need` rows answers null (ask people first). */
function byPlan<T>(plan: SearchPlan, walk: (floor: number) => { value: T; found: number }, need: number, people: () => T): T {
  if (plan.kind === 'walk') {
    const { value, found } = walk(plan.floor);
    if (found >= need || plan.floor === 0) return value;
  }
  return people();
}

/** Creates temp.search_people and the name's SQL function on a connection's first name search. */
function prepareNameSearch(db: Db): void {
  if (withSearchTable.has(db)) return;
  db.exec(CREATE_SEARCH_PEOPLE);
  // The words are parsed once per search, not per row.
  let last = { text: '', phrases: [] as string[][][] };
  db.function(NAME_MATCH_FUNCTION, { deterministic: true }, (folded: unknown, words: unknown) => {
    if (last.text !== words) last = { text: String(words), phrases: JSON.parse(String(words)) as string[][][] };
    const found = nameMatches(String(folded), last.phrases);
    if (found === null) throw new NotAsciiName();
    return found ? 1 : 0;
  });
  withSearchTable.add(db);
}
const withSearchTable = new WeakSet<Db>();

/** A name past ASCII met by the walk over the newest matches: the search copies every match instead. */
class NotAsciiName extends Error {}

/** Copies the people the name matches into temp.search_people; how many it copied. */
function fillSearchPeople(db: Db, fill: string, params: Params): number {
  stmt(db, CLEAR_SEARCH_PEOPLE).run();
  return stmt(db, fill).run(params).changes;
}

type Answer = { rows: Row[]; total: number; totalCapped: boolean };

/**
 * A name search. A very common name ("nguyen": 212k people at 1M records; "n" as the first key is
 * typed) first copies only its newest people: the total's people-first pass finds past the cap
 * among them, and the walk tests older people by the name itself (NEWEST_MATCH_TEST). Only when
 * that cannot answer (a narrow state, a page people first) is every match copied, as before.
 */
function namedSearchPage(db: Db, q: ParsedQuery, named: SearchSource, pageParams: Params, countParams: Params, tuning: SearchTuning): Answer {
  prepareNameSearch(db);
  const fillCap = tuning.fillCap ?? FILL_CAP;
  if (named.newest !== undefined) {
    const copied = fillSearchPeople(db, named.newest.fill, { ...q.params, fillCap });
    if (copied < fillCap) return searchPage(db, q, q.search ?? [], pageParams, countParams, tuning);
    const fillFloor = countOf(db, 'SELECT min(seq) AS n FROM temp.search_people', {});
    const answer = newestOnlyPage(db, q, named, { ...pageParams, fillFloor }, countParams, tuning);
    if (answer !== null) return answer;
  }
  fillSearchPeople(db, named.fill as string, q.params);
  return searchPage(db, q, q.search ?? [], pageParams, countParams, tuning);
}

/**
 * The answer from the name's newest people only, or null when they cannot give it: the total found
 * no more than the cap among them (it must then be counted from every match), the plan reads
 * people first, or the walk met a name it cannot test (past ASCII).
 */
function newestOnlyPage(db: Db, q: ParsedQuery, named: SearchSource, pageParams: Params, countParams: Params, tuning: SearchTuning): Answer | null {
  const sources = q.search ?? [];
  const tested = sources.map((s) => (s === named && s.newest !== undefined ? { ...s, test: s.newest.test } : s));
  try {
    let { total, totalCapped } = searchTotal(db, q, sources, pageParams, countParams, tuning);
    if (!totalCapped) {
      // One state: its newest records walked, each tested (WALK_TOTAL_MAX); the whole state read,
      // fewer than the cap are every match's seq.
      // Not when the name is too rare to find its thousand there: the newest copied people, spread
      // over the seqs from the oldest of them, say how rare (the walk then costs as much again).
      if (!walkable(q) || q.states?.length !== 1) return null;
      const cap = totalCap(q.offset, q.limit, tuning.capStep);
      const scan = tuning.walkTotalMax ?? WALK_TOTAL_MAX;
      const stats = searchStats(db, q, sources);
      const share = stats.matched / Math.max(1, stats.people - (pageParams.fillFloor as number) + 1);
      if (stats.inStates > scan && share * scan < 2 * (cap + 1)) return null;
      const seqs = stmt(db, walkSeqsSql(q, tested)).pluck().all({ ...pageParams, floor: 0, cap: cap + 1, scan }) as number[];
      ({ total, totalCapped } = { total: Math.min(seqs.length, cap), totalCapped: seqs.length > cap });
      // Fewer than the cap: every match only if the walk read the whole state (counted from its index).
      if (!totalCapped && countOf(db, STATE_HOLDS_MORE, { state: q.states[0] as string, scan }) > 0) return null;
      if (!totalCapped && tuning.plan === undefined) return { rows: rowsOfSeqs(db, q, seqs), total, totalCapped };
    }
    const rows = planPage(db, q, tested, pageParams, tuning, false);
    return rows === null ? null : { rows, total, totalCapped };
  } catch (e) {
    if (e instanceof NotAsciiName) return null;
    throw e;
  }
}

/** The total's seqs: every matching record's up to the cap + 1, people first (peopleFirstSeqsSql). */
function searchTotal(db: Db, q: ParsedQuery, sources: SearchSource[], pageParams: Params, countParams: Params, tuning: SearchTuning): { seqs: number[]; total: number; totalCapped: boolean } {
  if (q.states !== null) {
    const oldest = q.states.map((state) => (stmt(db, 'SELECT min(seq) AS n FROM dose_records WHERE state = ?').get(state) as { n: number | null }).n);
    pageParams.minSeq = countParams.minSeq = Math.min(...oldest.map((n) => n ?? Number.MAX_SAFE_INTEGER));
  }
  const cap = totalCap(q.offset, q.limit, tuning.capStep);
  const seqs = stmt(db, peopleFirstSeqsSql(q, sources)).pluck().all({ ...countParams, cap: cap + 1 }) as number[];
  return { seqs, total: Math.min(seqs.length, cap), totalCapped: seqs.length > cap };
}

/**
 * A search's total, counted up to a cap, and its page. The total reads the matching records' seqs
 * people first, newest person first, stopping past the cap (measured cheaper than a walk for
 * every kind of name and state: a walk must go far to count a thousand). Below the cap those seqs
 * are every match, so the page is them sorted and read by seq: the matching people are not read a
 * second time (a mid-frequency name within `ready` paid for them twice). Past it, the page is
 * read by the plan the match count suggests.
 */
function searchPage(db: Db, q: ParsedQuery, sources: SearchSource[], pageParams: Params, countParams: Params, tuning: SearchTuning): Answer {
  const { seqs, total, totalCapped } = searchTotal(db, q, sources, pageParams, countParams, tuning);
  if (!totalCapped && tuning.plan === undefined) return { rows: rowsOfSeqs(db, q, seqs), total, totalCapped };
  return { rows: planPage(db, q, sources, pageParams, tuning, true) as Row[], total, totalCapped };
}

/** The page out of every matching record's seq: newest first, below the cursor, offset, limit + 1. */
function rowsOfSeqs(db: Db, q: ParsedQuery, seqs: number[]): Row[] {
  const below = q.cursor === null ? seqs : seqs.filter((s) => s < (q.cursor as number));
  const page = below.sort((a, b) => b - a).slice(q.offset, q.offset + q.limit + 1);
  return page.length === 0 ? [] : (stmt(db, ROWS_BY_SEQS).all({ seqs: JSON.stringify(page) }) as Row[]);
}

/**
 * The page by the plan the match count suggests (people first, or a walk newest first); null when
 * it would read people first and `peopleFirst` is false (the copy holds only the newest matches).
 */
function planPage(db: Db, q: ParsedQuery, sources: SearchSource[], pageParams: Params, tuning: SearchTuning, peopleFirst: boolean): Row[] | null {
  const stats = searchStats(db, q, sources);
  const canWalk = walkable(q) && sources.length > 0;
  const need = q.offset + q.limit + 1;
  const top = q.cursor ?? stats.records + 1;
  let pagePlan: SearchPlan = canWalk ? choosePagePlan(stats, need, top) : { kind: 'people' };
  if (tuning.plan === 'people' || (tuning.plan === 'walk' && canWalk)) pagePlan = tuning.plan === 'people' ? { kind: 'people' } : { kind: 'walk', floor: tuning.floor ?? 0 };
  return byPlan<Row[] | null>(
    pagePlan,
    (floor) => {
      const value = stmt(db, walkPageSql(q, sources)).all({ ...pageParams, floor }) as Row[];
      return { value, found: q.offset + value.length };
    },
    need,
    () => (peopleFirst ? (stmt(db, peopleFirstPageSql(q, sources)).all(pageParams) as Row[]) : null),
  );
}

export function listRecords(db: Db, query: RecordQuery = {}, tuning: SearchTuning = {}): RecordPage {
  const q = parseRecordQuery(query);
  const pageParams: Params = { ...q.params, limit: q.limit + 1, offset: q.offset };
  const countParams: Params = { ...q.params };
  delete countParams.cursor;
  let rows: Row[];
  let total: number;
  let totalCapped = false;
  if (q.search === null) {
    const sql = plainSql(q);
    rows = stmt(db, sql.page).all(pageParams) as Row[];
    const onlyStates = q.vaccine === null && q.dateFrom === null && q.dateTo === null;
    // Only states filter: the total comes from record_state_counts (kept per statement, migration 0007).
    const states = q.states ?? RECORD_STATES.filter((s) => s !== 'superseded');
    total = onlyStates
      ? (stmt(db, `SELECT coalesce(sum(n), 0) AS n FROM record_state_counts WHERE state IN (${states.map(() => '?').join(', ')})`).get(...states) as { n: number }).n
      : countOf(db, sql.count, countParams);
  } else {
    const named = q.search.find((s) => s.fill !== undefined);
    try {
      ({ rows, total, totalCapped } = named === undefined ? searchPage(db, q, q.search, pageParams, countParams, tuning) : namedSearchPage(db, q, named, pageParams, countParams, tuning));
    } finally {
      if (named !== undefined) stmt(db, CLEAR_SEARCH_PEOPLE).run();
    }
  }
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map((r) => {
    const { record, person } = splitJoined(r);
    return { record: toRecord(record), person: toPerson(person), seq: record.seq };
  });
  const last = items[items.length - 1];
  return { items: items.map(({ record, person }) => ({ record, person })), total, totalCapped, nextCursor: more && last ? String(last.seq) : null };
}
