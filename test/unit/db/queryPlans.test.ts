// STYLE rule 5 / DESIGN §8 at 1M records: the queries the station runs all the time are answered
// from an index (or the full-text index), never by reading every row. Checked with EXPLAIN QUERY
// PLAN on fresh statistics-free databases (a new station) and after ANALYZE (PRAGMA optimize).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairsOfPerson } from '../../../electron/core/db/migrations/0018_people_pairs.js';
import { PAIRS_SQL } from '../../../electron/core/store/peopleMaintenance.js';
import { listRecords, parseRecordQuery } from '../../../electron/core/store/recordSearch.js';
import { RANGE_PEOPLE_SQL, RANGE_RECORDS_SQL } from '../../../electron/core/signing/rangeBytes.js';
import { SIGN_BY_ID_SQL, SIGN_BY_SEQ_SQL } from '../../../electron/core/store/recordStates.js';
import { CREATE_SEARCH_PEOPLE, FILL_SEARCH_PEOPLE_BORN, FILL_SEARCH_PEOPLE_NEWEST, STATE_HOLDS_MORE, walkSeqsSql, type SearchSource, peopleFirstCountSql, peopleFirstPageSql, plainSql, ROWS_BY_SEQS, walkPageSql } from '../../../electron/core/store/searchSql.js';
import type { RecordQuery } from '../../../electron/core/store/storeTypes.js';
import { generateRecords } from '../../fixtures/records.js';
import { openTestStore, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeAll(() => {
  t = openTestStore();
  t.store.createRecords(generateRecords(3000, { seed: 5 }), { source: 'import' });
  t.db.exec(CREATE_SEARCH_PEOPLE);
});
afterAll(() => t.close());

function plan(sql: string, params: Record<string, unknown> | unknown[] = []): string[] {
  const stmt = t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (Array.isArray(params) ? stmt.all(...params) : stmt.all(params)) as { detail: string }[];
  return rows.map((r) => r.detail);
}

/**
 * A line that reads a whole table. Not counted: the FTS5 virtual table's "SCAN" (its MATCH
 * lookup), the people a name matched (temp.search_people, filled from it) and subquery results
 * (`m`: the matching people).
 */
function fullScans(lines: string[]): string[] {
  return lines.filter((l) => /^SCAN /.test(l) && !/VIRTUAL TABLE INDEX|search_people|\(subquery-|^SCAN m$/.test(l));
}

/** The plan of the page and the total; with a search, people first (the plan for rare matches). */
function listPlan(q: RecordQuery): { page: string[]; count: string[] } {
  const parsed = parseRecordQuery(q);
  const params = { ...parsed.params, limit: 51, offset: 0, cap: 1001, minSeq: 0 };
  if (parsed.search === null) {
    const sql = plainSql(parsed);
    return { page: plan(sql.page, params), count: plan(sql.count, params) };
  }
  return { page: plan(peopleFirstPageSql(parsed, parsed.search), params), count: plan(peopleFirstCountSql(parsed, parsed.search), params) };
}

/** The walk (the plan for common matches): records newest first, tested against the matches. */
function walkPlan(q: RecordQuery): string[] {
  const parsed = parseRecordQuery(q);
  return plan(walkPageSql(parsed, parsed.search ?? []), { ...parsed.params, limit: 51, offset: 0, floor: 0 });
}

const searches: [string, RecordQuery][] = [
  ['a name', { search: 'nguyen van an' }],
  ['one name word', { search: 'NGUYEN' }],
  ['an id number prefix', { search: '079090' }],
  ['a phone prefix', { search: '0912 34' }],
  ['a passport number', { search: 'C1234' }],
  ['a name within a state', { search: 'tran thi', state: 'ready' }],
  ['an id number with its label', { search: 'CCCD: 079090' }],
  ['a name with a year of birth', { search: 'nguyen van 1990' }],
  ['a name that is also a label, with a year', { search: 'Hồ Chiêu 1990' }],
  ['a date of birth alone', { search: '12/05/1990' }],
  ['a date of birth with dots (also digits)', { search: '12.05.1990' }],
  ['a date of birth after its label', { search: 'Ngày sinh: 05/1990' }],
  ['a label, a number and a name', { search: 'CCCD 079090001234 Nguyễn Văn An' }],
  ['a name after its label', { search: 'Họ và tên: Nguyễn Văn An' }],
  ['a number with a date of birth', { search: 'CCCD: 079090001234, NS: 12/05/1990' }],
];

describe.each([['without statistics', false], ['after ANALYZE', true]])('query plans %s', (_label, analyze) => {
  beforeAll(() => {
    if (analyze) t.db.exec('ANALYZE');
  });

  it.each(searches)('search by %s reads no table in full, for the page and the total', (_what, q) => {
    const { page, count } = listPlan(q);
    expect(fullScans(page), page.join('\n')).toEqual([]);
    expect(fullScans(count), count.join('\n')).toEqual([]);
    expect(page.join('\n')).toMatch(/search_people|people_id_number|people_phone|people_dob/);
    const walk = walkPlan(q);
    expect(fullScans(walk), walk.join('\n')).toEqual([]);
  });

  it('narrows a name with a date of birth by the date index, the full-text match tested against it: no table read in full, no match read by rowid', () => {
    for (const typed of ['nguyen van 12/05/1990', 'nguyen 1990', 'an 05/1990']) {
      const parsed = parseRecordQuery({ search: typed });
      const lines = plan(FILL_SEARCH_PEOPLE_BORN, parsed.params);
      expect(fullScans(lines), lines.join('\n')).toEqual([]);
      const text = lines.join('\n');
      expect(text).toMatch(/SCAN people_fts VIRTUAL TABLE INDEX 0:M/);
      // The match is not run once per person of the date (FTS5 given rowid=: 39 s for "nguyen 1990" at 1M).
      expect(text).not.toMatch(/VIRTUAL TABLE INDEX 0:=/);
      expect(text).toMatch(/SEARCH p USING COVERING INDEX people_dob \(dob>\? AND dob<\?\)/);
      expect(text).not.toMatch(/SEARCH p USING INTEGER PRIMARY KEY/);
    }
  });

  it('narrows a name with a number (and a date of birth) by the full-text match, each match looked up by rowid: no table read in full', () => {
    for (const typed of ['Đức 0977000222', 'CCCD 079090001234 Nguyễn Văn An', 'Họ và tên: Lê Văn Đức, Ngày sinh: 12/05/1988, SĐT: 0977000222']) {
      const parsed = parseRecordQuery({ search: typed });
      const fill = parsed.search?.find((s) => s.fill !== undefined)?.fill;
      expect(fill, typed).toMatch(/^INSERT INTO temp.search_people/);
      const lines = plan(fill!, parsed.params);
      expect(fullScans(lines), lines.join('\n')).toEqual([]);
      expect(lines.join('\n')).toMatch(/SCAN people_fts VIRTUAL TABLE INDEX 0:M/);
      expect(lines.join('\n')).toMatch(/SEARCH p USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    }
  });

  it("reads a page from its matches' seqs by rowid, the person by id: no table read in full", () => {
    const lines = plan(ROWS_BY_SEQS, { seqs: '[30, 20, 10]' });
    expect(fullScans(lines), lines.join('\n')).toEqual([]);
    expect(lines.join('\n')).toMatch(/SEARCH d USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(lines.join('\n')).toMatch(/SEARCH p USING (COVERING )?INDEX sqlite_autoindex_people_1 \(id=\?\)/);
  });

  it('moves a signed batch by looking each record up by its rowid (by seq) or its id index (by id): no table read in full', () => {
    const params = { to: 'signed', from: 'ready', now: 't', batch: 1 };
    const bySeq = plan(SIGN_BY_SEQ_SQL, { ...params, pairs: '["1 a", "2 b"]' });
    expect(fullScans(bySeq).filter((l) => !/^SCAN j/.test(l)), bySeq.join('\n')).toEqual([]);
    expect(bySeq.join('\n')).toMatch(/SEARCH dose_records USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    const byId = plan(SIGN_BY_ID_SQL, { ...params, ids: '["a", "b"]' });
    expect(fullScans(byId).filter((l) => !/^SCAN j/.test(l)), byId.join('\n')).toEqual([]);
    expect(byId.join('\n')).toMatch(/SEARCH dose_records USING INDEX sqlite_autoindex_dose_records_1 \(id=\?\)/);
  });

  it("reads a signing range's records in seq order (the (state, seq) index or the rowid range), their people by id: no table read in full", () => {
    // The blob's rows come in the order the plan visits them (rangeBytes.ts checks it; another
    // order would send every batch down the general path).
    const records = plan(RANGE_RECORDS_SQL, [1, 500]);
    expect(fullScans(records), records.join('\n')).toEqual([]);
    expect(records.join('\n')).toMatch(/SEARCH d USING (INDEX dose_records_state \(state=\? AND seq>\? AND seq<\?\)|INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\))/);
    expect(records.join('\n')).not.toContain('TEMP B-TREE');
    const people = plan(RANGE_PEOPLE_SQL, [1, 500]);
    expect(fullScans(people), people.join('\n')).toEqual([]);
    expect(people.join('\n')).toMatch(/SEARCH p USING INDEX sqlite_autoindex_people_1 \(id=\?\)/);
  });

  it("copies a common name's newest people straight from the full-text index, newest first: no sort, no table read", () => {
    const lines = plan(FILL_SEARCH_PEOPLE_NEWEST, { ...parseRecordQuery({ search: 'nguyen' }).params, fillCap: 5000 });
    expect(fullScans(lines), lines.join('\n')).toEqual([]);
    // idxNum 192: FTS5 itself reads the rowids in descending order (FTS5_BI_ORDER_ROWID | _DESC).
    expect(lines.join('\n')).toMatch(/SCAN people_fts VIRTUAL TABLE INDEX 192:M/);
    expect(lines.join('\n')).not.toContain('TEMP B-TREE');
  });

  it('walks a common name over its newest people, testing older people by name, as it walks the whole match', () => {
    listRecords(t.db, { search: 'nguyen' }); // registers the name's SQL function on the connection
    for (const q of [{ search: 'nguyen' }, { search: 'thi', state: 'ready' }, { search: 'hbla', state: ['ready', 'draft'] }] as RecordQuery[]) {
      const parsed = parseRecordQuery(q);
      const sources = (parsed.search ?? []).map((s): SearchSource => (s.newest !== undefined ? { ...s, test: s.newest.test } : s));
      expect(sources.some((s) => s.test.includes('@fillFloor'))).toBe(true);
      const lines = plan(walkPageSql(parsed, sources), { ...parsed.params, limit: 51, offset: 0, floor: 0, fillFloor: 1000 });
      expect(fullScans(lines), lines.join('\n')).toEqual([]);
      expect(lines.join('\n')).not.toContain('TEMP B-TREE');
      expect(lines.join('\n')).toMatch(q.state === 'ready' ? /SEARCH d USING INDEX dose_records_state/ : /SEARCH d USING INTEGER PRIMARY KEY \(rowid>\?\)/);
      if (q.state === 'ready') {
        // The total over one state's newest records: its index newest first, stopping at @scan.
        const total = plan(walkSeqsSql(parsed, sources), { ...parsed.params, floor: 0, fillFloor: 1000, cap: 1001, scan: 20_000 }).join('\n');
        expect(fullScans(total.split('\n')), total).toEqual([]);
        expect(total).toMatch(/SEARCH d USING INDEX dose_records_state \(state=\? AND (seq|rowid)>\?\)/);
        expect(total).not.toContain('TEMP B-TREE');
      }
    }
    const holds = plan(STATE_HOLDS_MORE, { state: 'draft', scan: 20_000 }).join('\n');
    expect(holds).toMatch(/SEARCH dose_records USING COVERING INDEX dose_records_state \(state=\?\)/);
  });

  it('walks the records newest first by seq, or by the (state, seq) index for one state, without sorting', () => {
    const all = walkPlan({ search: 'tran thi' }).join('\n');
    expect(all).toMatch(/SEARCH d USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(all).not.toContain('TEMP B-TREE');
    const ready = walkPlan({ search: 'tran thi', state: 'ready' }).join('\n');
    expect(ready).toMatch(/SEARCH d USING INDEX dose_records_state \(state=\? AND (seq|rowid)>\?\)/);
    expect(ready).not.toContain('TEMP B-TREE');
    // Several states: one walk by seq (an IN over the state index would have to be sorted).
    expect(walkPlan({ search: 'tran thi', state: ['ready', 'draft'] }).join('\n')).not.toContain('TEMP B-TREE');
  });

  it('lists one state newest first straight from the (state, seq) index: no sort, stops at the page', () => {
    const { page, count } = listPlan({ state: 'ready' });
    expect(page.join('\n')).toMatch(/SEARCH d USING INDEX dose_records_state \(state=\?\)/);
    expect(page.join('\n')).not.toContain('TEMP B-TREE');
    expect(fullScans(count)).toEqual([]);
  });

  it('lists everything newest first in seq order without sorting (the LIMIT stops the walk)', () => {
    const { page } = listPlan({});
    expect(page.join('\n')).not.toContain('TEMP B-TREE');
  });

  it('filters by vaccine from its index', () => {
    const { page } = listPlan({ vaccine: 'PFIZER' });
    expect(page.join('\n')).toMatch(/SEARCH d USING INDEX dose_records_vaccine \(vaccine=\?\)/);
  });

  it('filters by vaccination date range from an index', () => {
    const { page, count } = listPlan({ dateFrom: '2021-08-01', dateTo: '2021-08-07' });
    expect(fullScans(count), count.join('\n')).toEqual([]);
    expect(page.join('\n')).toMatch(/dose_records_date|dose_records_state/);
  });

  it.each([
    ['person by id number', 'SELECT * FROM people WHERE id_number = ? AND id_type = ?', ['079090001234', 'CCCD'], 'people_id_number'],
    // The same date of birth, or one in its year ("1990" and "1990-05-12" can be one person): people.ts byNameDob.
    [
      'person by name and dob',
      "SELECT * FROM people WHERE name_folded = ? AND (dob = ? OR dob BETWEEN ? AND ? || '-99') AND merged_into IS NULL ORDER BY seq",
      ['nguyen van an', '1990-05-12', '1990', '1990'],
      'people_name_dob',
    ],
    ['record by natural key', 'SELECT id, state FROM dose_records WHERE natural_key = ?', ['k'], 'dose_records_natural_key'],
    ['doses of a person', "SELECT id FROM dose_records WHERE person_id = ? AND state <> 'superseded'", ['p'], 'dose_records_person'],
    ['the record a correction supersedes', 'SELECT * FROM dose_records WHERE supersedes = ?', ['r'], 'sqlite_autoindex_dose_records'],
    ["a record's audit history", 'SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq', ['record', 'r'], 'audit_log_entity'],
    ['records of an import run', 'SELECT id FROM dose_records WHERE import_run_id = ?', ['run'], 'dose_records_import_run'],
    ['batches waiting for upload', "SELECT id FROM batches WHERE state = 'signed' ORDER BY created_at", [], 'batches_outbox'],
  ])('the store looks up %s by index', (_what, sql, params, index) => {
    const lines = plan(sql, params);
    expect(fullScans(lines), lines.join('\n')).toEqual([]);
    expect(lines.join('\n')).toContain(index);
  });
});

describe('a search with filters', () => {
  it('is driven by the matching people, not by walking the whole state', () => {
    const { page, count } = listPlan({ search: 'tran thi', state: 'ready', vaccine: 'PFIZER' });
    for (const lines of [page, count]) {
      // (and rowid >= the oldest record in the state: the person index skips older records unread)
      expect(lines.join('\n')).toMatch(/SEARCH d USING INDEX dose_records_person \(person_id=\?( AND rowid>\?)?\)/);
      expect(lines.join('\n')).not.toMatch(/dose_records_state|dose_records_vaccine/);
    }
  });
});

// Session 28: the duplicates screen opens with `people.duplicates`. It joined every person to the
// others four times (1.5–2 s at 1M records); the pairs are now kept as people are written
// (migration 0018), each write finding its person's pairs by index, and the screen reads them.
describe('the likely duplicate people', () => {
  it('are read from the pairs kept, oldest first, each person by its seq: no table read in full, no sort', () => {
    for (const analyzed of [false, true]) {
      if (analyzed) t.db.exec('ANALYZE');
      const lines = plan(PAIRS_SQL, ['SAME_ID_NUMBER']);
      expect(fullScans(lines), lines.join('\n')).toEqual([]);
      expect(lines.join('\n')).toMatch(/SEARCH p USING PRIMARY KEY \(code=\?\)/);
      expect(lines.join('\n')).not.toMatch(/TEMP B-TREE/);
    }
  });

  it("are found for a person written with two index probes (id number; name and date of birth), not a scan", () => {
    const lines = plan(pairsOfPerson('?'), [1, 1]);
    expect(fullScans(lines), lines.join('\n')).toEqual([]);
    expect(lines.join('\n')).toContain('people_id_number');
    expect(lines.join('\n')).toContain('people_name_dob');
  });
});
