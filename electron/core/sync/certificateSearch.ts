/**
 * The certificates list's page and total (certificates screen, `station certificates list`).
 *
 * A year after it opens, a big site holds most of a million certificates, and the list is asked
 * again at every keystroke in its search box. It used to count every certificate through two
 * joins (~2 s at 780k certificates, session 19) and to search with `LIKE '%…%'` on the folded
 * name and the UVCI of every row (5–8 s), on the core's thread: the window stood still. Now:
 *
 * - without a search: the page from the `certificates_issued` index, the total from the
 *   certificates table alone (every certificate has its record and person: foreign keys);
 * - a search finds people as the records table's does, with the same reader (store/searchText.ts,
 *   searchPeople.ts; session 27): name words through the full-text index, an id number, phone or
 *   passport prefix, a number after its label, a name with a date of birth or a number, a date of
 *   birth alone, a pasted row, full-width characters. Certificates are also found by their UVCI
 *   (whole, or its start, with or without `URN:UVCI:`, after a label or in quotes; inside an HC1
 *   scanned into the box) or record id. When few people
 *   match, their certificates are read through them and sorted; when many do, the certificates
 *   are walked newest first and tested, stopping at the page (which: the records search's cost
 *   model, store/searchPlan.ts, with the certificates' costs). Either way a search's total is
 *   counted up to the next thousand past the page (`totalCapped`), as the records table's is: the
 *   screen only needs to know whether there are more.
 * - a UVCI is also found by its distinctive part, typed off a printed certificate without the
 *   `URN:UVCI:01:VN:` every Vietnamese UVCI starts with: that prefix is put back and the UVCI
 *   index read as a range, as for the whole one (session 20).
 * - `expired` (session 20) keeps the certificates past (true) or before (false) their expiry at the
 *   station's clock. The expired are the oldest: they are read as a range of the
 *   `certificates_expiry` index (migration 0011) and sorted, never found by walking the valid ones
 *   first; the valid are the newest, walked from `certificates_issued` as before.
 */
import type Database from 'better-sqlite3';
import { decodeHc1 } from '../../../shared/dcc/hc1.js';
import { CLEAR_SEARCH_PEOPLE, CREATE_SEARCH_PEOPLE } from '../store/searchSql.js';
import { peopleSources } from '../store/searchPeople.js';
import { asciiWidth, readSearchText } from '../store/searchText.js';
import { totalCap } from '../store/recordSearch.js';
import type { CertificateSummary } from './certificateViews.js';

/** Above every character an id number or a UVCI holds: `x >= p AND x < p || HIGH` is "starts with p". */
const HIGH = '\u{10FFFF}';
/** What every UVCI the Vietnamese platform issues starts with (eHN guidelines: scheme, version 01, country). */
const VN_UVCI = 'URN:UVCI:01:VN:';
/*
 * Per-row costs of the two plans, measured at 196k certificates (`npm run bench -- certificates`,
 * each plan forced): a certificate walked and tested (two joins by id) ~20 µs; one read through
 * its person and sorted 10–20 µs. About equal, unlike the records' (a walked record is tested
 * without a join). A fixed threshold of 5,000 matching people, the first version, walked for
 * "nguyen van" (5.6k of 129k people): 24k certificates walked, ~470 ms, where people first read
 * 8.5k in ~180 ms.
 */

const COLUMNS = `c.record_id AS recordId, d.person_id AS personId, p.full_name AS fullName, c.uvci, c.issued_at AS issuedAt,
  c.expires_at AS expiresAt, c.revoked_at AS revokedAt, c.hc1`;
const ORDER = 'ORDER BY c.issued_at DESC, c.record_id';

export type CertificateRow = CertificateSummary & { hc1: string };
type Params = Record<string, string | number>;

/** A page of the list: a search (optional), and `expiry` to keep the expired (or the valid) at the station's clock `at`. */
export interface CertificatePageQuery {
  search?: string;
  limit: number;
  offset: number;
  expiry?: { expired: boolean; at: Date };
}

/**
 * The people a search names, read as the records search reads its box (store/searchText.ts,
 * searchPeople.ts: a number with its label, phone forms, full-width characters, a name with a date
 * of birth or a number, a date alone, a pasted row): whatever finds a person's record finds their
 * certificates. A name's full-text match is copied into temp.search_people by `fill`.
 */
function peopleMatch(text: string, params: Params): { sets: string[]; tests: string[]; fill: string | null } {
  const sources = peopleSources(readSearchText(text), params);
  return { sets: sources.map((s) => s.set), tests: sources.map((s) => s.test), fill: sources.find((s) => s.fill !== undefined)?.fill ?? null };
}

/**
 * The UVCI inside an HC1 text scanned or pasted into the box (a QR reader at the printing desk
 * types the QR's text), or null when the text is no code that decodes. Its signature is not
 * checked: it only names a certificate to list, and `certificates.get` verifies what is shown.
 */
export function scannedUvci(text: string): string | null {
  if (!/HC1(?::|%3A)/i.test(text)) return null;
  let payload: Record<string, unknown>;
  try {
    payload = decodeHc1(text).claims.payload;
  } catch {
    return null;
  }
  for (const kind of ['v', 't', 'r']) {
    const entry: unknown = (payload[kind] as unknown[] | undefined)?.[0];
    if (typeof entry === 'object' && entry !== null && typeof (entry as { ci?: unknown }).ci === 'string') return (entry as { ci: string }).ci;
  }
  return null;
}

/**
 * A UVCI as typed or pasted, in capitals without its scheme (`URN:UVCI:`) or spaces: after a label
 * or in quotes ("Mã chứng nhận: URN:UVCI:01:VN:…", "\"urn:uvci:…\""), in full-width characters.
 */
export function typedUvci(text: string): string {
  let uvci = asciiWidth(text).toUpperCase().replace(/\s+/g, '');
  const scheme = uvci.indexOf('URN:UVCI:');
  if (scheme > 0) uvci = uvci.slice(scheme);
  else uvci = uvci.replace(/^["'“”‘’«(\[]+/, '').replace(/^UVCI:/, '');
  return uvci.replace(/^URN:/, '').replace(/^UVCI:/, '').replace(/["'“”‘’»)\].,;]+$/, '');
}

/** `peopleFirstMax`: people first below this many matches, the walk from it (tests force either way with a few rows). */
export function certificateSearch(db: Database.Database, tuning: { peopleFirstMax?: number } = {}) {
  db.exec(CREATE_SEARCH_PEOPLE);
  // Upper estimates, read in O(1): neither table's rows are counted at each keystroke.
  const sizes = db.prepare('SELECT coalesce((SELECT max(seq) FROM people), 0) AS people, coalesce((SELECT max(rowid) FROM certificates), 0) AS certificates');
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (s === undefined) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const plainPage = db.prepare(`SELECT ${COLUMNS} FROM certificates c JOIN dose_records d ON d.id = c.record_id JOIN people p ON p.id = d.person_id
    ${ORDER} LIMIT @limit OFFSET @offset`);
  const plainTotal = db.prepare('SELECT count(*) AS n FROM certificates');
  // The expired: the page sorted from the expiry index alone (it holds issued_at and record_id),
  // then its rows joined. The valid: the newest, walked as the plain page is.
  const expiredPlain = {
    page: db.prepare(`SELECT ${COLUMNS} FROM (SELECT record_id FROM certificates INDEXED BY certificates_expiry WHERE expires_at <= @at ${ORDER.replaceAll('c.', '')} LIMIT @limit OFFSET @offset) m
      CROSS JOIN certificates c ON c.record_id = m.record_id CROSS JOIN dose_records d ON d.id = c.record_id CROSS JOIN people p ON p.id = d.person_id ${ORDER}`),
    total: db.prepare('SELECT count(*) AS n FROM certificates WHERE expires_at <= @at'),
  };
  const validPlain = {
    page: db.prepare(`SELECT ${COLUMNS} FROM certificates c INDEXED BY certificates_issued CROSS JOIN dose_records d ON d.id = c.record_id CROSS JOIN people p ON p.id = d.person_id
      WHERE c.expires_at > @at ${ORDER} LIMIT @limit OFFSET @offset`),
    total: db.prepare('SELECT count(*) AS n FROM certificates WHERE expires_at > @at'),
  };

  return {
    page(q: CertificatePageQuery): { rows: CertificateRow[]; total: number; capped: boolean } {
      const text = q.search?.trim() ?? '';
      const expiry = q.expiry === undefined ? null : { expired: q.expiry.expired, at: q.expiry.at.toISOString() };
      // Stored as toISOString() (pullCertificates.ts): the strings compare as the instants do.
      const expiryTest = expiry === null ? '1' : expiry.expired ? 'c.expires_at <= @at' : 'c.expires_at > @at';
      if (text === '') {
        if (expiry === null) {
          const rows = plainPage.all({ limit: q.limit, offset: q.offset }) as CertificateRow[];
          return { rows, total: (plainTotal.get() as { n: number }).n, capped: false };
        }
        const { page, total } = expiry.expired ? expiredPlain : validPlain;
        const rows = page.all({ limit: q.limit, offset: q.offset, at: expiry.at }) as CertificateRow[];
        return { rows, total: (total.get({ at: expiry.at }) as { n: number }).n, capped: false };
      }
      const params: Params = { exact: text, ...(expiry === null ? {} : { at: expiry.at }) };
      // A scanned HC1 names its certificate by UVCI; its Base45 text read as words names nobody.
      const scanned = scannedUvci(text);
      const people = scanned === null ? peopleMatch(text, params) : { sets: [], tests: [], fill: null };
      // A UVCI as printed (`URN:UVCI:01:VN:…`), without its scheme, or only its distinctive part
      // (after `URN:UVCI:01:VN:`); stored in capitals. Each way is a range of the UVCI index.
      const uvci = typedUvci(scanned ?? text);
      params.uvciFrom = `URN:UVCI:${uvci}`;
      params.uvciTo = `${params.uvciFrom}${HIGH}`;
      params.vnFrom = `${VN_UVCI}${uvci}`;
      params.vnTo = `${params.vnFrom}${HIGH}`;
      const uvciTests = ['c.uvci >= @uvciFrom AND c.uvci < @uvciTo', 'c.uvci >= @vnFrom AND c.uvci < @vnTo'];
      const uvciTest = uvciTests.map((x) => `(${x})`).join(' OR ');
      const bind = (sql: string) => Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`@${k}`)));
      if (people.fill !== null) {
        stmt(CLEAR_SEARCH_PEOPLE).run();
        stmt(people.fill).run(bind(people.fill));
      }
      const cap = totalCap(q.offset, q.limit);
      const { people: peopleRows, certificates } = sizes.get() as { people: number; certificates: number };
      // The records search's model (store/searchPlan.ts), with the certificates' costs: m matching
      // people of P hold ~m × C / P certificates to read and sort, and the walk meets one every
      // P / m certificates, cap of them; about equal per row (below), the walk is the cheaper
      // once m ≥ P × √(cap / C). Matches are counted only that far.
      const peopleFirstMax = tuning.peopleFirstMax ?? Math.max(1, Math.ceil(peopleRows * Math.sqrt(cap / Math.max(1, certificates))));
      const peopleSet = people.sets.length === 0 ? 'SELECT NULL AS seq WHERE 0' : people.sets.join(' UNION ');
      const uvciSet = uvciTests.map((x) => `SELECT c.record_id AS id FROM certificates c WHERE ${x}`).join(' UNION ALL ');
      const probe = `SELECT (SELECT count(*) FROM (${peopleSet} LIMIT @probe)) + (SELECT count(*) FROM (${uvciSet} LIMIT @probe)) AS n`;
      const matched = (stmt(probe).get({ ...bind(probe), probe: peopleFirstMax }) as { n: number }).n;
      if (matched < peopleFirstMax) {
        // Few: every certificate of the matching people, by UVCI or by record id; sorted.
        const ids = `SELECT c.record_id AS id FROM (${peopleSet}) m CROSS JOIN people p ON p.seq = m.seq CROSS JOIN dose_records d ON d.person_id = p.id
            CROSS JOIN certificates c ON c.record_id = d.id
          UNION ${uvciSet}
          UNION SELECT c.record_id FROM certificates c WHERE c.record_id = @exact`;
        const from = `FROM (${ids}) m CROSS JOIN certificates c ON c.record_id = m.id CROSS JOIN dose_records d ON d.id = c.record_id CROSS JOIN people p ON p.id = d.person_id
          WHERE ${expiryTest}`;
        const pageSql = `SELECT ${COLUMNS} ${from} ${ORDER} LIMIT @limit OFFSET @offset`;
        const countSql = expiry === null ? `SELECT count(*) AS n FROM (${ids})` : `SELECT count(*) AS n FROM (${ids}) m CROSS JOIN certificates c ON c.record_id = m.id WHERE ${expiryTest}`;
        const rows = stmt(pageSql).all({ ...bind(pageSql), limit: q.limit, offset: q.offset }) as CertificateRow[];
        return { rows, total: (stmt(countSql).get(bind(countSql)) as { n: number }).n, capped: false };
      }
      // Many: the certificates newest first, each tested, stopping at the page (and the total at the cap).
      // Only expired: their range of the expiry index, tested and sorted (they are the oldest: walking
      // newest first would pass every valid certificate before the first of them).
      const match = [...people.tests, uvciTest, 'c.record_id = @exact'].join(' OR ');
      const walked = expiry?.expired === true ? 'certificates_expiry' : 'certificates_issued';
      const walk = `FROM certificates c INDEXED BY ${walked} CROSS JOIN dose_records d ON d.id = c.record_id CROSS JOIN people p ON p.id = d.person_id
        WHERE (${match}) AND ${expiryTest}`;
      const pageSql = `SELECT ${COLUMNS} ${walk} ${ORDER} LIMIT @limit OFFSET @offset`;
      const countSql = `SELECT count(*) AS n FROM (SELECT 1 ${walk} ${ORDER} LIMIT @cap)`;
      const rows = stmt(pageSql).all({ ...bind(pageSql), limit: q.limit, offset: q.offset }) as CertificateRow[];
      const total = (stmt(countSql).get({ ...bind(countSql), cap }) as { n: number }).n;
      return { rows, total, capped: total >= cap };
    },
  };
}
