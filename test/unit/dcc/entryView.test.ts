// What the verify screen and `station dcc verify` show of a certificate's content: every entry of
// every EU conformance vector (vaccination, test, recovery) read in place, plus payloads of any
// shape (property test): lines in both languages, codes named, nothing invented, never a throw.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryViews, type EntryView } from '../../../shared/dcc/entryView.js';

const ROOT = resolve(import.meta.dirname, '../../..', '../shared/testdata/dcc/vectors');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.json') ? [path] : [];
  });
}

type Payload = Record<string, unknown> & { v?: Record<string, unknown>[]; t?: Record<string, unknown>[]; r?: Record<string, unknown>[] };
const payloads: { file: string; payload: Payload }[] = walk(ROOT).flatMap((file) => {
  try {
    const vector = JSON.parse(readFileSync(file, 'utf8')) as { JSON?: unknown };
    return typeof vector.JSON === 'object' && vector.JSON !== null ? [{ file, payload: vector.JSON as Payload }] : [];
  } catch {
    return [];
  }
});

const line = (view: EntryView, key: string) => view.lines.find((l) => l.key === key);

describe('entryViews over the EU conformance vectors', () => {
  it('reads hundreds of vectors of each kind', () => {
    const kinds = payloads.flatMap(({ payload }) => entryViews(payload).map((v) => v.kind));
    expect(payloads.length).toBeGreaterThan(200);
    for (const kind of ['v', 't', 'r'] as const) expect(kinds.filter((k) => k === kind).length).toBeGreaterThan(10);
  });

  it('shows one view per entry, its identifier and dose as the payload has them, every line in both languages', () => {
    for (const { file, payload } of payloads) {
      const views = entryViews(payload);
      const entries = (['v', 't', 'r'] as const).flatMap((k) => (Array.isArray(payload[k]) ? payload[k]!.map((e) => ({ k, e })) : []));
      expect(views.map((v) => v.kind), file).toEqual(entries.map((x) => x.k));
      views.forEach((view, i) => {
        const entry = entries[i]!.e;
        if (typeof entry.ci === 'string' && entry.ci !== '') expect(line(view, 'ci')?.value, file).toBe(entry.ci);
        if (view.kind === 'v' && typeof entry.dn === 'number' && typeof entry.sd === 'number') expect(line(view, 'dn')?.value, file).toBe(`${entry.dn}/${entry.sd}`);
        for (const l of view.lines) {
          expect(l.value.length, `${file} ${l.key}`).toBeGreaterThan(0);
          expect(l.labelVi, file).not.toBe(l.labelEn);
        }
      });
    }
  });
});

describe('entryViews, each kind', () => {
  it('a vaccination names its codes, the codes beside', () => {
    const [view] = entryViews({ v: [{ tg: '840539006', vp: '1119349007', mp: 'EU/1/21/1618', ma: 'ORG-100032020', dn: 1, sd: 2, dt: '2022-03-01', co: 'DE', is: 'Robert Koch-Institut', ci: 'URN:UVCI:01DE/X' }] });
    expect(view).toMatchObject({ kind: 'v', titleEn: 'Vaccination certificate' });
    expect(line(view!, 'mp')).toMatchObject({ value: 'Nuvaxovid', code: 'EU/1/21/1618' });
    expect(line(view!, 'ma')).toMatchObject({ value: 'Novavax CZ a.s.', code: 'ORG-100032020' });
    expect(line(view!, 'dt')?.value).toBe('01/03/2022');
    expect(line(view!, 'co')).toMatchObject({ value: 'Đức', valueEn: 'Germany', code: 'DE' });
  });

  it('a test: its type, result and sample time (as an instant, in Viet Nam time as every other time the station shows, the zone said)', () => {
    const [view] = entryViews({ t: [{ tg: '840539006', tt: 'LP217198-3', ma: '1232', sc: '2021-05-10T10:27:15+02:00', tr: '260415000', tc: 'Testcenter Wien', co: 'AT', is: 'BMSGPK', ci: 'URN:UVCI:01:AT:T' }] });
    expect(view).toMatchObject({ kind: 't', titleVi: 'Chứng nhận xét nghiệm' });
    expect(line(view!, 'tt')).toMatchObject({ value: 'Xét nghiệm nhanh kháng nguyên', valueEn: 'Rapid antigen test', code: 'LP217198-3' });
    expect(line(view!, 'tr')).toMatchObject({ valueEn: 'Negative (not detected)', code: '260415000' });
    expect(line(view!, 'sc')?.value).toBe('15:27 10/05/2021 (UTC+7)');
    expect(line(view!, 'ma')).toMatchObject({ value: 'Abbott Rapid Diagnostics, Panbio COVID-19 Ag Rapid Test', code: '1232' });
    expect(line(view!, 'tc')?.value).toBe('Testcenter Wien');
  });

  it('a recovery: first positive test and validity', () => {
    const [view] = entryViews({ r: [{ tg: '840539006', fr: '2021-04-21', df: '2021-05-01', du: '2021-10-21', co: 'NL', is: 'Ministry', ci: 'URN:UVCI:01:NL:R' }] });
    expect(view?.kind).toBe('r');
    expect([line(view!, 'fr')?.value, line(view!, 'df')?.value, line(view!, 'du')?.value]).toEqual(['21/04/2021', '01/05/2021', '21/10/2021']);
  });

  it('an unknown code is shown as it is; a field of the wrong type is left out, not guessed', () => {
    const [view] = entryViews({ v: [{ tg: 'X-NEW', mp: 'NEW-VAX-1', dn: '2', sd: 2, dt: 20210101, co: 'ZZ' }] });
    expect(line(view!, 'tg')?.value).toBe('X-NEW');
    expect(line(view!, 'mp')?.value).toBe('NEW-VAX-1');
    expect(line(view!, 'mp')?.code).toBeUndefined();
    expect(line(view!, 'dn')).toBeUndefined();
    expect(line(view!, 'dt')).toBeUndefined();
    expect(line(view!, 'co')?.value).toBe('ZZ');
  });

  it('never throws, whatever the payload', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('v', 't', 'r'), fc.array(fc.dictionary(fc.constantFrom('tg', 'vp', 'mp', 'ma', 'dn', 'sd', 'dt', 'co', 'is', 'ci', 'tt', 'tr', 'sc', 'fr', 'df', 'du', 'nm', 'tc'), fc.jsonValue())), (any, kind, entries) => {
        entryViews(any);
        const views = entryViews({ [kind]: entries });
        expect(views).toHaveLength(entries.length);
      }),
      { numRuns: 300 },
    );
  });
});
