/**
 * Which way a records search is answered (issue 3: first page + total in < 50 ms at 1M records).
 *
 * Two plans give the same rows in the same order; their cost depends on how many people match:
 * - people first: every record of every matching person, sorted by seq. Cheap for a rare name,
 *   but "nguyen van" matches ~22k people / ~43k records at 1M, all fetched and sorted for 50.
 * - walk: the records newest first (the rowid, or the (state, seq) index for one state), each
 *   tested against the matching people, stopping at the page. Cheap when matches are common,
 *   a scan of the whole table when they are rare.
 *
 * SQLite's planner cannot tell them apart (no statistics for the full-text index), so the store
 * counts the matching people first (capped) and this model, fitted on the 1M-record bench
 * database, picks. The estimates assume matches spread evenly over time; the walk is therefore
 * bounded (`floor`) and falls back to people first when the bound is reached, so an unlucky
 * estimate costs time, never rows.
 */

/**
 * Per-row costs in µs, measured at 1M records with the 32 MiB page cache (only their ratio
 * matters): a record walked and tested; a record of a matching person fetched through the person
 * index (random pages), joined, carried and sorted.
 */
const COST_WALK_ROW = 1;
const COST_SORTED_RECORD = 13;
/** How far past the expected stopping point the walk may go before it gives up. */
const WALK_SAFETY = 8;

export interface SearchStats {
  /** People in the table (an upper estimate: max seq). */
  people: number;
  /** Records in the table, every state (an upper estimate: max seq). */
  records: number;
  /** Records not superseded. */
  live: number;
  /** Records in the states asked for. */
  inStates: number;
  /** People matching the search (a lower bound when an id or phone prefix reached the probe's cap). */
  matched: number;
  /** Records the walk goes through: `records` for a seq walk, `inStates` for one state's index. */
  walkDomain: number;
}

export interface WalkEstimate {
  /** Estimated cost (µs) of walking to `need` matching records. */
  cost: number;
  /** Expected seq span the walk covers to find them. */
  span: number;
}

/** Records matching the search within the states (even spread assumed). */
function expectedMatches(s: SearchStats): number {
  return s.people === 0 ? 0 : (s.matched * s.inStates) / s.people;
}

/** Walking newest first until `need` matching records are found. */
export function walkEstimate(s: SearchStats, need: number): WalkEstimate {
  const matches = expectedMatches(s);
  const rows = matches <= 0 ? s.walkDomain : Math.min(s.walkDomain, (need * s.walkDomain) / matches);
  // A state's index covers fewer rows than seq values: its rows are spread over the whole seq range.
  const span = s.walkDomain === 0 ? s.records : (rows * s.records) / s.walkDomain;
  return { cost: COST_WALK_ROW * rows, span };
}

/** Cost of the page by people first: every record of the matching people fetched and sorted. */
export function peopleFirstPageCost(s: SearchStats): number {
  return s.people === 0 ? 0 : COST_SORTED_RECORD * s.matched * (s.live / s.people);
}

export type SearchPlan = { kind: 'people' } | { kind: 'walk'; floor: number };

/**
 * The plan for a page of `need` rows (offset + limit + 1) below `top` (the cursor, or past the
 * newest record). `floor`: the walk looks at seq > floor only (0: the whole table); when it finds
 * fewer than `need` there, the caller asks people first.
 */
export function choosePagePlan(s: SearchStats, need: number, top: number): SearchPlan {
  const walk = walkEstimate(s, need);
  if (walk.cost >= peopleFirstPageCost(s)) return { kind: 'people' };
  return { kind: 'walk', floor: Math.max(0, Math.floor(top - WALK_SAFETY * walk.span)) };
}
