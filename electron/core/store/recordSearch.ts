/**
 * The records table's query (DESIGN §8): filters, a search box that takes a name (any case, with
 * or without diacritics, any word of it by prefix), an id number prefix or a phone prefix;
 * newest first; paged by a stable cursor (or an offset); with the total. Every common query is
 * answered from an index or the full-text index — test/unit/db/queryPlans.test.ts checks the plans.
 */
import type Database from 'better-sqlite3';
import { RECORD_STATES, type RecordState } from '../../../shared/domain/types.js';
import { StationError } from '../../../shared/errors.js';
import { foldForSearch } from './domain.js';
import { PERSON_COLUMNS_AS_P, splitJoined, toPerson, toRecord } from './rows.js';
import type { RecordPage, RecordQuery } from './storeTypes.js';

/** Above every character a folded name or an id number holds: `x >= p AND x < p || HIGH` is "starts with p". */
const HIGH = '\u{10FFFF}';
const MAX_LIMIT = 1000;

export interface ListSql {
  sql: string;
  countSql: string;
  /** Only states filter the query: the total comes from record_state_counts. */
  statesOnly: RecordState[] | null;
  params: Record<string, string | number>;
  limit: number;
}

function invalid(field: string, en: string, vi: string): StationError {
  return new StationError('QUERY_INVALID', vi, en, { field });
}

/** Turns a search box text into the SQL condition on d.person_id, or null for no search. */
function searchCondition(raw: string, params: Record<string, string | number>): string | null {
  const text = raw.trim();
  if (text === '') return null;
  const compact = text.replace(/[\s.\-()]/g, '');
  const parts: string[] = [];
  if (/^\+?\d+$/.test(compact)) {
    const digits = compact.replace(/^\+/, '');
    params.idFrom = digits;
    params.idTo = digits + HIGH;
    parts.push('SELECT id FROM people WHERE id_number >= @idFrom AND id_number < @idTo');
    // A phone typed as +84 / 84 is stored as 0...: look for both forms.
    const phone = /^84\d/.test(digits) ? `0${digits.slice(2)}` : digits;
    params.phoneFrom = phone;
    params.phoneTo = phone + HIGH;
    parts.push('SELECT id FROM people WHERE phone >= @phoneFrom AND phone < @phoneTo');
  } else {
    const tokens = foldForSearch(text).split(/[\s\p{P}\p{S}]+/u).filter((t) => t !== '');
    if (tokens.length > 0) {
      // Every word must start a word of the name, in any order: FTS5 prefix queries, quoted.
      params.fts = tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
      parts.push('SELECT id FROM people WHERE seq IN (SELECT rowid FROM people_fts WHERE people_fts MATCH @fts)');
    }
    if (/^[A-Za-z0-9]+$/.test(compact)) {
      params.idFrom = compact.toUpperCase();
      params.idTo = compact.toUpperCase() + HIGH;
      parts.push('SELECT id FROM people WHERE id_number >= @idFrom AND id_number < @idTo');
    }
  }
  if (parts.length === 0) return '0';
  return `d.person_id IN (${parts.join(' UNION ')})`;
}

export function recordListSql(q: RecordQuery): ListSql {
  const params: Record<string, string | number> = {};
  const where: string[] = [];
  const search = q.search !== undefined ? searchCondition(String(q.search), params) : null;
  // With a search, the matching people drive the query (a name narrows more than a state or a
  // month); the unary + keeps the planner from walking a whole state or date range instead.
  const col = (name: string) => (search !== null ? `+d.${name}` : `d.${name}`);
  const states = q.state === undefined ? null : Array.isArray(q.state) ? q.state : [q.state as RecordState];
  if (states === null) where.push(`${col('state')} <> 'superseded'`);
  else {
    if (states.length === 0 || states.some((s) => !RECORD_STATES.includes(s))) {
      throw invalid('state', `state must be one of ${RECORD_STATES.join(', ')}`, `trạng thái phải là một trong ${RECORD_STATES.join(', ')}`);
    }
    states.forEach((s, i) => (params[`state${i}`] = s));
    where.push(`${col('state')} IN (${states.map((_, i) => `@state${i}`).join(', ')})`);
  }
  if (q.vaccine !== undefined && q.vaccine !== '') {
    params.vaccine = q.vaccine;
    where.push(`${col('vaccine')} = @vaccine`);
  }
  for (const [key, op] of [['dateFrom', '>='], ['dateTo', '<=']] as const) {
    const v = q[key];
    if (v === undefined || v === '') continue;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw invalid(key, `${key} must be YYYY-MM-DD`, `${key} phải có dạng YYYY-MM-DD`);
    params[key] = v;
    where.push(`${col('vaccination_date')} ${op} @${key}`);
  }
  const statesOnly = where.length > 1 || search !== null ? null : (states ?? RECORD_STATES.filter((s) => s !== 'superseded'));
  if (search !== null) where.push(search);
  const limit = q.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw invalid('limit', `limit must be 1–${MAX_LIMIT}`, `limit phải từ 1 đến ${MAX_LIMIT}`);
  const filters = where.length > 0 ? where.join(' AND ') : '1';
  const page = [filters];
  if (q.cursor !== undefined) {
    if (!/^\d{1,15}$/.test(q.cursor)) throw invalid('cursor', 'cursor is not one this station gave', 'con trỏ trang không hợp lệ');
    params.cursor = Number(q.cursor);
    page.push('d.seq < @cursor');
  }
  const offset = q.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalid('offset', 'offset must be 0 or more', 'offset phải từ 0 trở lên');
  params.limit = limit + 1;
  params.offset = offset;
  return {
    sql: `SELECT d.*, ${PERSON_COLUMNS_AS_P} FROM dose_records d JOIN people p ON p.id = d.person_id
      WHERE ${page.join(' AND ')} ORDER BY d.seq DESC LIMIT @limit OFFSET @offset`,
    countSql: `SELECT count(*) AS n FROM dose_records d WHERE ${filters}`,
    statesOnly,
    params,
    limit,
  };
}

export function listRecords(db: Database.Database, q: RecordQuery = {}): RecordPage {
  const { sql, countSql, statesOnly, params, limit } = recordListSql(q);
  const { limit: _l, offset: _o, cursor: _c, ...countParams } = params;
  const rows = db.prepare(sql).all(params) as Record<string, unknown>[];
  const more = rows.length > limit;
  const items = rows.slice(0, limit).map((r) => {
    const { record, person } = splitJoined(r);
    return { record: toRecord(record), person: toPerson(person), seq: record.seq };
  });
  const total = statesOnly
    ? (db.prepare(`SELECT coalesce(sum(n), 0) AS n FROM record_state_counts WHERE state IN (${statesOnly.map(() => '?').join(', ')})`).get(...statesOnly) as { n: number }).n
    : (db.prepare(countSql).get(countParams) as { n: number }).n;
  const last = items[items.length - 1];
  return { items: items.map(({ record, person }) => ({ record, person })), total, nextCursor: more && last ? String(last.seq) : null };
}
