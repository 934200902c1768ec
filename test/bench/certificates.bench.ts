/**
 * The certificates list a year on (session 19, `electron/core/sync/certificateSearch.ts`): the
 * page and total the certificates screen asks for at each keystroke, through `certificateViews`
 * as the RPC handler calls it, at 200k certificates.
 *
 * Database: 250k records built by bulkLoadRecords (direct SQL, no audit entries), then one
 * certificate per issued record (~210k), issued over the last 13 months and valid 12, with an HC1
 * of a real one's length, by direct SQL. Queries rotate: no search (page 1), names typed without
 * diacritics, the start of a stored UVCI.
 *
 * Baseline (same run, same file): the list as it was before session 19 — the page through both
 * joins with `LIKE '%…%'` on the folded name and the UVCI, and the total counted through both
 * joins with the same filter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { foldForSearch } from '../../shared/domain/names.js';
import { openStation } from '../../electron/core/station.js';
import type { StationStore } from '../../electron/core/store/stationStore.js';
import { certificateViews } from '../../electron/core/sync/certificateViews.js';
import { bulkLoadRecords } from './fixtures/bulkLoad.js';
import { percentile, type Figure } from './harness.js';

const SUITE = 'certificates';
const RECORDS = 250_000;
const NAMES = ['nguyen van', 'tran thi', 'le minh', 'pham thu', 'hoang van', 'vu thi', 'nguyen thi lan', 'dang van'];
const DAY_MS = 86400_000;

/** One certificate per issued record, by direct SQL; the UVCIs, for typed-prefix queries. */
function addCertificates(store: StationStore, now: Date): string[] {
  const ids = (store.db.prepare("SELECT id FROM dose_records WHERE state = 'issued' ORDER BY seq").all() as { id: string }[]).map((r) => r.id);
  const insert = store.db.prepare('INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at) VALUES (?, ?, ?, ?, ?, ?)');
  const hc1 = `HC1:${'6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%NFQGRJPC%OQHIZC4.OI1RM8ZA.A5:S9MKN4NN3F85QNCY0O%0VZ001HOC9JU0D0HT0HB2PL/IB*09B9LW4T*8+DCMH0LDK2%K:XFE70*LP$V25$0Q:J:4MO1P0%0L0HD+9E/HY+4J6TH48S%4K.GJ2PT3QY:GQ3TE2I+-CPHN6D7LLK*2HG%89UV-0LZ 2ZJJ524-LH/CJTK96L6SR9MU9DHGZ%P WUQRENS431T1XCNCF+47AY0-IFO0500TGPN8F5G.41Q2E4T8ALW.INSV$ 07UV5SR+BNQHNML7 /KD3TU 4V*CAT3ZGLQMI/XI%ZJNSBBXK2:UG%UJMI:TU+MMPZ5$/PMX19UE:-PSR3/$NU44CBE6DQ3D7B0FBOFX0DV2DGMB$YPF62I$60/F$Z2I6IFX21XNI-LM%3/DF/U6Z9FEOJVRLVW6K$UG+BKK57:1+D10%4K83F+1VWD1NE'}`;
  store.db.transaction(() => {
    ids.forEach((id, i) => {
      const issued = new Date(now.getTime() - ((i * 7919) % 395) * DAY_MS - (i % 86400) * 1000);
      const uvci = `URN:UVCI:01:VN:${id.replaceAll('-', '').toUpperCase()}#K`;
      insert.run(id, uvci, hc1, issued.toISOString(), new Date(issued.getTime() + 365 * DAY_MS).toISOString(), issued.toISOString());
    });
  })();
  return ids.slice(0, 40).map((id) => `URN:UVCI:01:VN:${id.replaceAll('-', '').toUpperCase().slice(0, 12)}`);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** The list before session 19: LIKE '%…%' through both joins, the total counted through them. */
function listBefore(store: StationStore): (search: string) => number {
  const summary = `SELECT c.record_id AS recordId, d.person_id AS personId, p.full_name AS fullName, c.uvci, c.issued_at AS issuedAt,
    c.expires_at AS expiresAt, c.revoked_at AS revokedAt, c.hc1 FROM certificates c
    JOIN dose_records d ON d.id = c.record_id JOIN people p ON p.id = d.person_id`;
  const filter = ` WHERE p.name_folded LIKE @name ESCAPE '\\' OR c.uvci LIKE @raw ESCAPE '\\' OR p.id_number LIKE @prefix ESCAPE '\\' OR c.record_id = @exact`;
  const counting = 'SELECT count(*) AS n FROM certificates c JOIN dose_records d ON d.id = c.record_id JOIN people p ON p.id = d.person_id';
  const plain = { page: store.db.prepare(`${summary} ORDER BY c.issued_at DESC, c.record_id LIMIT 50`), count: store.db.prepare(counting) };
  const searched = { page: store.db.prepare(`${summary}${filter} ORDER BY c.issued_at DESC, c.record_id LIMIT 50`), count: store.db.prepare(`${counting}${filter}`) };
  return (search) => {
    if (search === '') {
      plain.page.all();
      return (plain.count.get() as { n: number }).n;
    }
    const args = { name: `%${escapeLike(foldForSearch(search))}%`, raw: `%${escapeLike(search)}%`, prefix: `${escapeLike(search)}%`, exact: search };
    searched.page.all(args);
    return (searched.count.get(args) as { n: number }).n;
  };
}

function samples(run: (search: string) => unknown, queries: string[], count: number): number[] {
  run(queries[0]!);
  return Array.from({ length: count }, (_, i) => {
    const start = performance.now();
    run(queries[i % queries.length]!);
    return performance.now() - start;
  });
}

export async function run(): Promise<Figure[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'station-bench-certs-'));
  try {
    const load = bulkLoadRecords(tmp, { count: RECORDS, seed: 19 });
    const station = openStation({ dataDir: tmp, backups: false });
    try {
      const now = new Date();
      const uvcis = addCertificates(station.store, now);
      const total = (station.store.db.prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n;
      process.stdout.write(`  ${SUITE}: ${load.records.toLocaleString('en-US')} records, ${total.toLocaleString('en-US')} certificates\n`);
      const views = certificateViews(station.store);
      const before = listBefore(station.store);
      const kinds: [string, string[]][] = [['page 1, no search', ['']], ['a name ("nguyen van", "tran thi", …)', NAMES], ['the start of a stored UVCI', uvcis]];
      return kinds.map(([label, queries]) => {
        const now = samples((search) => views.list(search === '' ? { limit: 50, offset: 0 } : { search, limit: 50, offset: 0 }, new Date()), queries, 40);
        const then = samples(before, queries, 5);
        return {
          suite: SUITE,
          name: `certificates.list p95 at ${Math.round(total / 1000)}k certificates (40 samples): ${label}`,
          value: percentile(now, 95),
          unit: 'ms',
          baseline: { name: "the list before session 19: LIKE '%…%' through both joins, total counted through them (p95 of 5)", value: percentile(then, 95) },
          better: 'lower',
        };
      });
    } finally {
      await station.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
