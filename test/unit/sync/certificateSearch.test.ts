// The certificates list a year on (session 19): at ~780k certificates it counted every one through
// two joins (~2 s) and searched with LIKE '%…%' on every row (5–8 s) at each keystroke, on the
// core's thread. Its answers must stay those of a plain filter, read from indexes: checked here on
// a few hundred certificates, both ways a search is read (people first, and the walk).
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldForSearch } from '../../../shared/domain/names.js';
import { certificateSearch, type CertificateRow } from '../../../electron/core/sync/certificateSearch.js';
import { certificateViews } from '../../../electron/core/sync/certificateViews.js';
import { certificateListLine } from '../../../electron/cli/commands/certificates.js';
import { generateRecords } from '../../fixtures/records.js';
import { openTestStore, type TestStore } from '../db/storeHarness.js';

let t: TestStore;
type Cert = { recordId: string; uvci: string; issuedAt: string; expiresAt: string; nameFolded: string; idNumber: string };
let certs: Cert[] = [];

beforeAll(() => {
  t = openTestStore();
  t.store.createRecords(generateRecords(600, { seed: 19 }), { source: 'import', confirmWarnings: true });
  const rows = t.db.prepare('SELECT d.id, p.name_folded, p.id_number FROM dose_records d JOIN people p ON p.id = d.person_id ORDER BY d.seq').all() as { id: string; name_folded: string; id_number: string }[];
  const insert = t.db.prepare('INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at) VALUES (?, ?, ?, ?, ?, ?)');
  t.db.transaction(() => {
    rows.forEach((r, i) => {
      if (i % 3 === 2) return; // not every record has its certificate yet
      // Issue times out of record order, some equal: the order is issued_at, then the record id.
      const issuedAt = new Date(Date.UTC(2025, 0, 1) + ((i * 7919) % 500) * 3600_000).toISOString();
      const uvci = `URN:UVCI:01:VN:${r.id.replaceAll('-', '').toUpperCase()}#K`;
      const expiresAt = issuedAt.replace('2025', '2026');
      insert.run(r.id, uvci, 'HC1:X', issuedAt, expiresAt, issuedAt);
      certs.push({ recordId: r.id, uvci, issuedAt, expiresAt, nameFolded: r.name_folded, idNumber: r.id_number });
    });
  })();
  certs = certs.sort((a, b) => (a.issuedAt !== b.issuedAt ? (a.issuedAt < b.issuedAt ? 1 : -1) : a.recordId < b.recordId ? -1 : 1));
});
afterAll(() => t.close());

/**
 * What the list must answer: every word starts a word of the name, an id number prefix, a UVCI or
 * its start (with or without `URN:UVCI:`, or without `URN:UVCI:01:VN:`), a record id; `expired`: only
 * those past (or before) their expiry at `at`.
 */
function naive(text: string, expiry?: { expired: boolean; at: Date }): Cert[] {
  const words = foldForSearch(text).split(/\s+/).filter(Boolean);
  const typed = text.toUpperCase().replace(/^URN:UVCI:/, '');
  return certs.filter((c) => {
    if (expiry !== undefined && (Date.parse(c.expiresAt) <= expiry.at.getTime()) !== expiry.expired) return false;
    if (text === '') return true;
    const nameWords = c.nameFolded.split(/\s+/);
    const byName = !/^\d+$/.test(text) && words.length > 0 && words.every((w) => nameWords.some((n) => n.startsWith(w)));
    const byUvci = c.uvci.startsWith(`URN:UVCI:${typed}`) || c.uvci.startsWith(`URN:UVCI:01:VN:${typed}`);
    return byName || c.idNumber.startsWith(text.toUpperCase()) || byUvci || c.recordId === text;
  });
}

describe('certificates list search', () => {
  const some = () => certs[17]!;
  const cases: [string, () => string][] = [
    ['a common name word', () => 'nguyen'],
    ['two name words, diacritics typed', () => 'Nguyễn Thị'],
    ['a whole folded name', () => some().nameFolded],
    ['an id number prefix', () => some().idNumber.slice(0, 5)],
    ['a whole UVCI', () => some().uvci],
    ['a UVCI without its scheme, in lower case', () => some().uvci.slice('URN:UVCI:'.length, 30).toLowerCase()],
    // What a clinic worker types off a printed certificate: the part after URN:UVCI:01:VN:.
    ['the distinctive part of a UVCI, in lower case', () => some().uvci.slice('URN:UVCI:01:VN:'.length, 'URN:UVCI:01:VN:'.length + 10).toLowerCase()],
    ['a whole UVCI without URN:UVCI:01:VN:', () => some().uvci.slice('URN:UVCI:01:VN:'.length)],
    ['a record id', () => some().recordId],
    ['nothing', () => 'zzzzqqq'],
  ];
  for (const [way, max] of [['people first', 1_000_000], ['walking the certificates', 0]] as const) {
    for (const [name, text] of cases) {
      it(`finds ${name} (${way})`, () => {
        const search = certificateSearch(t.db, { peopleFirstMax: max });
        const want = naive(text());
        const first = search.page({ search: text(), limit: 50, offset: 0 });
        expect(first.rows.map((r: CertificateRow) => r.recordId)).toEqual(want.slice(0, 50).map((c) => c.recordId));
        const second = search.page({ search: text(), limit: 50, offset: 50 });
        expect(second.rows.map((r) => r.recordId)).toEqual(want.slice(50, 100).map((c) => c.recordId));
        expect(first.total).toBe(want.length);
      });
    }
  }

  // Expiries run from 2026-01-01 over ~500 hours: the clock in the middle of them.
  const at = new Date('2026-01-11T00:00:00Z');
  for (const expired of [true, false]) {
    const kept = expired ? 'the expired' : 'the valid';
    it(`keeps only ${kept} without a search, newest first, with their exact total`, () => {
      const want = naive('', { expired, at });
      expect(want.length).toBeGreaterThan(50);
      expect(want.length).toBeLessThan(certs.length - 50);
      const search = certificateSearch(t.db);
      for (const offset of [0, 50]) {
        const page = search.page({ limit: 50, offset, expiry: { expired, at } });
        expect(page.rows.map((r) => r.recordId)).toEqual(want.slice(offset, offset + 50).map((c) => c.recordId));
        expect(page.total).toBe(want.length);
      }
    });
    for (const [way, max] of [['people first', 1_000_000], ['walking the certificates', 0]] as const) {
      for (const [name, text] of [['a common name word', 'nguyen'], ['the start of the UVCIs', 'urn:uvci:01:vn:'], ['an id number prefix', '0']] as const) {
        it(`keeps only ${kept} among ${name} (${way})`, () => {
          const want = naive(text, { expired, at });
          expect(want.length).toBeGreaterThan(0);
          const search = certificateSearch(t.db, { peopleFirstMax: max });
          const page = search.page({ search: text, limit: 50, offset: 0, expiry: { expired, at } });
          expect(page.rows.map((r) => r.recordId)).toEqual(want.slice(0, 50).map((c) => c.recordId));
          expect(page.total).toBe(want.length);
        });
      }
    }
  }

  it("a walked search's total is exact below the cap (the next thousand past the page)", () => {
    const all = certificateSearch(t.db, { peopleFirstMax: 0 }).page({ search: 'URN:UVCI:01', limit: 5, offset: 0 });
    expect(all.rows).toHaveLength(5);
    expect(all.total).toBe(certs.length);
    expect(all.capped).toBe(false);
  });

  it('lists every certificate newest first without a search, with the exact total', () => {
    const page = certificateSearch(t.db).page({ limit: 50, offset: 100 });
    expect(page.rows.map((r) => r.recordId)).toEqual(certs.slice(100, 150).map((c) => c.recordId));
    expect(page.total).toBe(certs.length);
  });
});

/** Every statement the list runs for a query, with its bound values. */
function statementsOf(run: (db: Database.Database) => void): { sql: string; params: unknown }[] {
  const seen: { sql: string; params: unknown }[] = [];
  const db = t.db;
  const prepare = db.prepare.bind(db);
  const spy = new Proxy(db, {
    get(target, key) {
      if (key !== 'prepare') return Reflect.get(target, key, target) as unknown;
      return (sql: string) => {
        const s = prepare(sql);
        return new Proxy(s, {
          get(st, k) {
            const v = Reflect.get(st, k, st) as unknown;
            if ((k === 'all' || k === 'get' || k === 'run') && typeof v === 'function') {
              return (params?: unknown) => {
                seen.push({ sql, params });
                return params === undefined ? (v as () => unknown).call(st) : (v as (p: unknown) => unknown).call(st, params);
              };
            }
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(st) : v;
          },
        });
      };
    },
  });
  run(spy);
  return seen;
}

function planOf(sql: string, params: unknown): string[] {
  const stmt = t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  return ((params === undefined ? stmt.all() : stmt.all(params)) as { detail: string }[]).map((r) => r.detail);
}

describe('certificates list plans', () => {
  it('a search reads people and certificates through indexes, never every row', () => {
    const at = new Date('2026-01-11T00:00:00Z');
    // Session 27: the records search's readings too (a labelled number, phone forms, a name with a
    // date of birth or a number, a date alone, a pasted row), each a range of a people index.
    const typed = ['CCCD: 079090001234', '+84 905 123 456', '905123456', 'nguyen 1990', 'Nguyễn Văn An 12/05/1990', '12/05/1990', 'Ngày sinh: 05/1990', 'an 0977000222', ['An', '079090001234', '0905123456'].join('\t')];
    const queries = ['nguyen van', '0790', 'URN:UVCI:01:VN:0', certs[17]!.uvci.slice('URN:UVCI:01:VN:'.length, 20).toLowerCase(), ...typed].flatMap((text) => [
      { search: text, limit: 50, offset: 0 },
      { search: text, limit: 50, offset: 0, expiry: { expired: true, at } },
    ]);
    for (const query of queries) {
      const text = `${query.search}${query.expiry ? ' (expired)' : ''}`;
      // Walked, the certificates are read in the page's order and stop at it (the test below): that
      // scan of certificates_issued (or _expiry) is the plan; the people tested are still looked up.
      const statements = [1_000_000, 0].flatMap((max) => statementsOf((db) => certificateSearch(db, { peopleFirstMax: max }).page(query)).map((s) => ({ ...s, walked: max === 0 })));
      expect(statements.length).toBeGreaterThan(0);
      for (const s of statements.filter((x) => /^\s*(SELECT|INSERT)/.test(x.sql))) {
        const walk = s.walked && /INDEXED BY certificates_(issued|expiry)/.test(s.sql) ? /^SCAN c USING INDEX certificates_(issued|expiry)$/ : /^$/;
        const scans = planOf(s.sql, s.params).filter((l) => /^SCAN /.test(l) && !walk.test(l) && !/VIRTUAL TABLE INDEX|search_people|\(subquery-|^SCAN m$|CONSTANT ROW/.test(l));
        expect({ text, sql: s.sql, scans }).toEqual({ text, sql: s.sql, scans: [] });
      }
    }
  });

  it('a walked search reads the certificates in the order of the page and stops there (no sort of them all)', () => {
    const statements = statementsOf((db) => certificateSearch(db, { peopleFirstMax: 0 }).page({ search: 'nguyen', limit: 50, offset: 0 }));
    const walks = statements.filter((s) => /INDEXED BY certificates_issued/.test(s.sql));
    expect(walks.length).toBe(2);
    for (const s of walks) expect(planOf(s.sql, s.params).join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('the expired, searched or not, are read as a range of the expiry index, never by walking the valid ones', () => {
    const at = new Date('2026-01-11T00:00:00Z');
    for (const [search, max] of [[undefined, 0], ['nguyen', 0], ['nguyen', 1_000_000]] as const) {
      const statements = statementsOf((db) => certificateSearch(db, { peopleFirstMax: max }).page({ ...(search === undefined ? {} : { search }), limit: 50, offset: 0, expiry: { expired: true, at } }));
      const reads = statements.filter((s) => /expires_at <= @at/.test(s.sql));
      expect(reads.length).toBe(2);
      for (const s of reads) {
        const plan = planOf(s.sql, s.params);
        expect({ search, plan }).not.toEqual({ search, plan: expect.arrayContaining([expect.stringMatching(/^SCAN c\b|^SCAN certificates\b|certificates_issued/)]) });
        if (search === undefined || max === 0) expect(plan.join('\n')).toMatch(/INDEX certificates_expiry \(expires_at<\?\)/);
      }
    }
  });

  it("the total without a search reads the certificates table alone, not its records and people", () => {
    const statements = statementsOf((db) => certificateSearch(db).page({ limit: 50, offset: 0 }));
    const count = statements.find((s) => /count\(\*\)/.test(s.sql))!;
    expect(planOf(count.sql, count.params).filter((l) => /dose_records|people|SEARCH/.test(l))).toEqual([]);
  });
});

describe('the certificates list, a year on', () => {
  it("marks the certificates past their expiry by the station's clock, in the list and in the CLI's line", () => {
    // Expiries run from 2026-01-01 over ~500 hours: the clock in the middle of them.
    const at = new Date('2026-01-11T00:00:00Z');
    const page = certificateViews(t.store).list({ limit: 1000, offset: 0 }, at);
    const expired = page.items.filter((c) => c.expired);
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.length).toBeLessThan(page.items.length);
    for (const c of page.items) expect(c.expired, c.expiresAt).toBe(Date.parse(c.expiresAt) <= at.getTime());
    expect(certificateListLine(expired[0]!)).toMatch(/ {2}EXPIRED {2}/);
    expect(certificateListLine(page.items.find((c) => !c.expired)!)).not.toMatch(/EXPIRED/);
    // A revoked certificate says so first: that it must not be given out matters more.
    expect(certificateListLine({ ...expired[0]!, revokedAt: '2026-01-02T00:00:00Z' })).toMatch(/ {2}REVOKED {2}/);
  });
});
