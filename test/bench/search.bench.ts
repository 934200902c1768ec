/**
 * The records table at scale (issue 3, DESIGN §8): search latency at 100k and 1M records, and the
 * core's memory with 1M records.
 *
 * Databases: built by bulkLoadRecords (direct SQL in one transaction, the store's normalisation,
 * no validation or audit entries; see fixtures/bulkLoad.ts), newest 8 % ready/draft, the rest
 * along the sync lifecycle. Each search sample is one `store.listRecords(query)` — the first page
 * of 50 AND the total, what the table shows (a search's total counted up to 1,000, then shown
 * "1,000+": `totalCapped`, see electron/core/store/recordSearch.ts). The queries rotate through realistic inputs of each
 * kind (names typed without diacritics, 8 typed digits of a stored CCCD, 6 of a stored phone, a
 * name within the ready state, a name with a year of birth, one name word as first typed, a date
 * of birth alone), so the page cache does not serve one
 * repeated answer.
 *
 * Baseline (same run, same database file): the same query as a naive implementation would write
 * it, without the full-text index or the prefix ranges — `(p.name_folded LIKE '%q%' OR
 * p.id_number LIKE '%q%' OR p.phone LIKE '%q%')` joined to the records, page + count(*): a full
 * scan of both tables per keystroke; for a name with a year, `p.name_folded LIKE '%name%' AND
 * p.dob LIKE 'year%'`.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { foldForSearch } from '../../shared/domain/names.js';
import { openStation } from '../../electron/core/station.js';
import type { StationStore } from '../../electron/core/store/stationStore.js';
import type { RecordQuery } from '../../electron/core/store/storeTypes.js';
import { bulkLoadRecords, type BulkLoadResult } from './fixtures/bulkLoad.js';
import { percentile, type Figure } from './harness.js';

const SUITE = 'search';
const GOAL_MS = 50;
const NAMES = ['nguyen van', 'tran thi', 'le minh', 'pham thu', 'hoang van', 'vu thi', 'nguyen thi lan', 'dang van', 'bui thi', 'do minh an'];

interface QueryKind {
  label: string;
  queries: RecordQuery[];
}

function kinds(load: BulkLoadResult): QueryKind[] {
  return [
    { label: 'name ("nguyen van", "tran thi", …)', queries: NAMES.map((search) => ({ search })) },
    { label: 'id number prefix (8 digits)', queries: load.idNumbers.slice(0, 20).map((id) => ({ search: id.slice(0, 8) })) },
    { label: 'phone prefix (6 digits)', queries: load.phones.slice(0, 20).map((p) => ({ search: p.slice(0, 6) })) },
    { label: 'state ready + name', queries: NAMES.map((search) => ({ state: 'ready' as const, search })) },
    // Session 26: a name with a year of birth ("Đức 1990"), the lone commonest family names too.
    { label: 'name + year of birth ("nguyen van 1962", "nguyen 1990", …)', queries: [...NAMES.map((name, i) => `${name} ${1955 + ((i * 7) % 45)}`), 'nguyen 1990', 'le 1975'].map((search) => ({ search })) },
    // Session 27: the first keystrokes of a common name, one word alone (the newest-first copy).
    { label: 'one name word as typed first ("n", "ng", "nguyen", "thi", "van")', queries: ['n', 'ng', 'ngu', 'nguyen', 'th', 'thi', 'van', 'tran', 'le', 'h'].map((search) => ({ search })) },
    // Session 27: a date of birth typed alone, as on the paper ("12/05/1990"), from the people_dob index.
    { label: 'date of birth alone ("12/05/1990")', queries: load.datesOfBirth.slice(0, 20).map((dob) => ({ search: dob.split('-').reverse().join('/') })) },
  ];
}

/** A search ending in a year of birth: its name and the year, for the naive query. */
const WITH_YEAR = /^(.*\S)\s+(\d{4})$/;
/** A whole date of birth typed alone, day first. */
const DATE_ALONE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** The naive version of the same query: LIKE '%q%' over the joined tables, page + total. */
function naiveQuery(store: StationStore): (q: RecordQuery) => number {
  const where = (state: boolean, born: boolean) =>
    `${state ? `d.state = @state` : `d.state <> 'superseded'`} AND ${born ? `p.name_folded LIKE @q AND p.dob LIKE @born` : `(p.name_folded LIKE @q OR p.id_number LIKE @q OR p.phone LIKE @q)`}`;
  const statements = (state: boolean, born: boolean) => ({
    page: store.db.prepare(`SELECT d.*, p.id AS p_id, p.full_name AS p_full_name, p.id_number AS p_id_number, p.dob AS p_dob, p.phone AS p_phone
      FROM dose_records d JOIN people p ON p.id = d.person_id WHERE ${where(state, born)} ORDER BY d.seq DESC LIMIT 51`),
    count: store.db.prepare(`SELECT count(*) AS n FROM dose_records d JOIN people p ON p.id = d.person_id WHERE ${where(state, born)}`),
  });
  const withYear = statements(false, true);
  const bornAlone = {
    page: store.db.prepare(`SELECT d.*, p.id AS p_id, p.full_name AS p_full_name, p.id_number AS p_id_number, p.dob AS p_dob, p.phone AS p_phone
      FROM dose_records d JOIN people p ON p.id = d.person_id WHERE d.state <> 'superseded' AND p.dob LIKE @born ORDER BY d.seq DESC LIMIT 51`),
    count: store.db.prepare(`SELECT count(*) AS n FROM dose_records d JOIN people p ON p.id = d.person_id WHERE d.state <> 'superseded' AND p.dob LIKE @born`),
  };
  const stmts = [false, true].map((state) => statements(state, false));
  return (query) => {
    const date = DATE_ALONE.exec(String(query.search ?? ''));
    if (date !== null) {
      const params = { born: `${date[3]}-${date[2]}-${date[1]}%` };
      bornAlone.page.all(params);
      return (bornAlone.count.get(params) as { n: number }).n;
    }
    const year = query.state === undefined ? WITH_YEAR.exec(String(query.search ?? '')) : null;
    if (year !== null) {
      const params = { q: `%${foldForSearch(year[1]!)}%`, born: `${year[2]}%` };
      withYear.page.all(params);
      return (withYear.count.get(params) as { n: number }).n;
    }
    const s = stmts[query.state === undefined ? 0 : 1]!;
    const params: Record<string, string> = { q: `%${foldForSearch(String(query.search ?? ''))}%` };
    if (query.state !== undefined) params.state = String(query.state);
    s.page.all(params);
    return (s.count.get(params) as { n: number }).n;
  };
}

/**
 * Up to `max` samples, rotating through the queries; stops early after `budgetMs` once it has
 * `min` (a slow query at 1M must not hold the suite for minutes).
 */
function sample(run: (q: RecordQuery) => unknown, queries: RecordQuery[], opts: { max: number; min: number; budgetMs: number }): number[] {
  run(queries[0]!); // warm-up: statements prepared
  const out: number[] = [];
  const started = performance.now();
  for (let i = 0; i < opts.max; i++) {
    if (i >= opts.min && performance.now() - started > opts.budgetMs) break;
    const q = queries[i % queries.length]!;
    const start = performance.now();
    run(q);
    out.push(performance.now() - start);
  }
  return out;
}

function searchFigures(store: StationStore, load: BulkLoadResult, size: string, baselineSamples: number): Figure[] {
  const naive = naiveQuery(store);
  return kinds(load).map((kind) => {
    const station = sample((q) => store.listRecords(q), kind.queries, { max: 200, min: 20, budgetMs: 5000 });
    const baseline = sample(naive, kind.queries, { max: baselineSamples, min: baselineSamples, budgetMs: 0 });
    const p95 = percentile(station, 95);
    return {
      suite: SUITE,
      name: `listRecords p95 at ${size} (${station.length} samples): ${kind.label}`,
      value: p95,
      unit: 'ms',
      baseline: { name: `LIKE '%…%' full scan p95 (${baselineSamples} samples)`, value: percentile(baseline, 95) },
      better: 'lower',
      goal: `p95 < ${GOAL_MS} ms`,
      goalMet: p95 < GOAL_MS,
    };
  });
}

/**
 * Session 28: the duplicates screen opens with `people.duplicates` (limit 100), read from the
 * pairs migration 0018 keeps. Baseline: the four joins of every person to the others it ran
 * before (same id number; same name, date of birth and phone; a CMND and a CCCD; a slip
 * candidate), each stopping at 100 pairs, as a naive implementation writes them.
 */
function duplicatesFigure(store: StationStore, size: string, baselineSamples: number): Figure {
  const joins = [
    'b.id_number = a.id_number AND b.id_type = a.id_type AND b.seq > a.seq WHERE 1',
    'b.name_folded = a.name_folded AND b.dob = a.dob AND b.phone = a.phone AND b.seq > a.seq WHERE b.id_number <> a.id_number',
    `b.name_folded = a.name_folded AND b.dob = a.dob AND b.seq > a.seq WHERE length(a.dob) = 10 AND a.id_type <> b.id_type AND a.id_type IN ('CMND', 'CCCD') AND b.id_type IN ('CMND', 'CCCD')`,
    'b.name_folded = a.name_folded AND b.dob = a.dob AND b.id_type = a.id_type AND b.seq > a.seq WHERE b.id_number <> a.id_number AND length(b.id_number) = length(a.id_number)',
  ].map((on) => store.db.prepare(`SELECT a.id, b.id FROM people a JOIN people b ON ${on} AND a.merged_into IS NULL AND b.merged_into IS NULL ORDER BY a.seq LIMIT 100`));
  const station = sample(() => store.findDuplicatePeople({ limit: 100 }), [{}], { max: 200, min: 20, budgetMs: 5000 });
  const baseline = sample(() => joins.map((j) => j.all()), [{}], { max: baselineSamples, min: baselineSamples, budgetMs: 0 });
  const p95 = percentile(station, 95);
  return {
    suite: SUITE,
    name: `findDuplicatePeople p95 at ${size} (${station.length} samples): likely duplicate people (the duplicates screen)`,
    value: p95,
    unit: 'ms',
    baseline: { name: `four self-joins of the people p95 (${baselineSamples} samples)`, value: percentile(baseline, 95) },
    better: 'lower',
    goal: `p95 < ${GOAL_MS} ms`,
    goalMet: p95 < GOAL_MS,
  };
}

interface ChildReport {
  rss: number;
  heapUsed: number;
  total: number;
  counts: Record<string, number>;
}

function childMemory(dataDir: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./fixtures/stationMemoryChild.js', import.meta.url)), [dataDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: ChildReport | null = null;
    child.on('message', (m) => (report = m as ChildReport));
    child.on('error', reject);
    child.on('exit', (code) => (report && code === 0 ? resolve(report) : reject(new Error(`memory child exited ${code} without a report`))));
  });
}

function note(text: string): void {
  process.stdout.write(`  ${SUITE}: ${text}\n`);
}

export async function run(): Promise<Figure[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'station-bench-search-'));
  const figures: Figure[] = [];
  try {
    for (const [count, size, baselineSamples] of [[100_000, '100k', 10], [1_000_000, '1M', 3]] as const) {
      const dataDir = join(tmp, size);
      const load = bulkLoadRecords(dataDir, { count, seed: 11 });
      note(`built a ${size}-record database (${load.people.toLocaleString('en-US')} people) in ${(load.ms / 1000).toFixed(1)} s (direct SQL, one transaction)`);
      const station = openStation({ dataDir });
      try {
        figures.push(...searchFigures(station.store, load, size, baselineSamples));
        figures.push(duplicatesFigure(station.store, size, baselineSamples));
      } finally {
        await station.close();
      }
      if (count === 1_000_000) {
        const empty = join(tmp, 'empty');
        mkdirSync(empty);
        const base = await childMemory(empty);
        const full = await childMemory(dataDir);
        if (full.total !== count) throw new Error(`the memory child saw ${full.total} records, not ${count}`);
        const mb = (b: number) => b / 1024 / 1024;
        note(`core heap used at 1M: ${mb(full.heapUsed).toFixed(1)} MB (empty: ${mb(base.heapUsed).toFixed(1)} MB)`);
        figures.push({
          suite: SUITE,
          name: 'core RSS after open + counts + list + searches at 1M records',
          value: mb(full.rss),
          unit: 'MB',
          baseline: { name: 'same child, empty database', value: mb(base.rss) },
          better: 'lower',
          goal: '< 200 MB',
          goalMet: mb(full.rss) < 200,
        });
      }
    }
    return figures;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
