// What a clinic worker types or pastes into the certificates list's box is what they type into the
// records search's (sessions 26-27): a number with its label, a phone as the person wrote it, a name
// with a date of birth, a date alone, a pasted row. Until session 27 the list read its box its own
// way, and each of these found the person's record but not their certificate: the worker at the
// printing desk, told "no certificate", sent the person away or asked for a reissue.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateSearch } from '../../../electron/core/sync/certificateSearch.js';
import { generateRecords } from '../../fixtures/records.js';
import { openTestStore, record, type TestStore } from '../db/storeHarness.js';

let t: TestStore;
const uvciOf = new Map<string, string>();

beforeAll(() => {
  t = openTestStore();
  t.store.createRecords(generateRecords(200, { seed: 27 }), { source: 'import', confirmWarnings: true });
  t.ports.advance(1000);
  t.store.createRecord(record(), { source: 'form' });
  t.store.createRecord(record({ idNumber: '079185004321', fullName: 'Đỗ Thị Ánh', dob: '1985-02-03', sex: 'F', phone: '0905123456' }), { source: 'form' });
  t.store.createRecord(record({ idType: 'PASSPORT', idNumber: 'C1234567', fullName: 'Hồ Chiêu', dob: '1990', phone: null }), { source: 'form' });
  t.store.createRecord(record({ idNumber: '001091000777', fullName: 'Trần Minh Đức', dob: '1990-11-03', phone: null }), { source: 'form' });
  t.store.createRecord(record({ idNumber: '001088000555', fullName: 'Lê Văn Đức', dob: '1988-05-12', phone: '0977000222' }), { source: 'form' });
  const rows = t.db.prepare('SELECT d.id, p.full_name FROM dose_records d JOIN people p ON p.id = d.person_id ORDER BY d.seq').all() as { id: string; full_name: string }[];
  const insert = t.db.prepare('INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at) VALUES (?, ?, ?, ?, ?, ?)');
  t.db.transaction(() => {
    rows.forEach((r, i) => {
      const issuedAt = new Date(Date.UTC(2025, 0, 1) + i * 3600_000).toISOString();
      const uvci = `URN:UVCI:01:VN:${r.id.replaceAll('-', '').toUpperCase()}#K`;
      insert.run(r.id, uvci, 'HC1:X', issuedAt, issuedAt.replace('2025', '2026'), issuedAt);
      uvciOf.set(r.full_name, uvci);
    });
  })();
});
afterAll(() => t.close());

/** The names on the certificates the list finds, both ways it reads a search. */
function found(search: string): string[] {
  const ways = [1_000_000, 0].map((peopleFirstMax) => certificateSearch(t.db, { peopleFirstMax }).page({ search, limit: 1000, offset: 0 }).rows.map((r) => r.fullName).sort());
  expect(ways[1], `${search} (walked)`).toEqual(ways[0]);
  return ways[0]!;
}

describe('the certificates list reads its box as the records search does', () => {
  it.each([
    ['CCCD: 079090001234', 'Nguyễn Văn An'],
    ['Số CCCD 079 090 001 234', 'Nguyễn Văn An'],
    ['ＣＣＣＤ：０７９０９０００１２３４', 'Nguyễn Văn An'],
    ['Hộ chiếu C1234567', 'Hồ Chiêu'],
    ['ｃ１２３４５６７', 'Hồ Chiêu'],
    ['SĐT: 0905 123 456', 'Đỗ Thị Ánh'],
    ['0905123456', 'Đỗ Thị Ánh'],
    ['+84 905 123 456', 'Đỗ Thị Ánh'],
    ['0084905123456', 'Đỗ Thị Ánh'],
    ['905123456', 'Đỗ Thị Ánh'],
    ['Đức 1990', 'Trần Minh Đức'],
    ['Nguyễn Văn An 12/05/1990', 'Nguyễn Văn An'],
    ['03/02/1985', 'Đỗ Thị Ánh'],
    ['Ngày sinh: 12/05/1990', 'Nguyễn Văn An'],
    ['Đức 0977000222', 'Lê Văn Đức'],
    ['Nguyễn Văn An 079 090 001 234', 'Nguyễn Văn An'],
    ['CCCD 079090001234 Nguyễn Văn An', 'Nguyễn Văn An'],
    ['Họ tên: Nguyễn Văn An', 'Nguyễn Văn An'],
    [['1', 'Nguyễn Văn An', '12/05/1990', 'Nam', '079090001234', '0905123456'].join('\t'), 'Nguyễn Văn An'],
    [['Đỗ Thị Ánh', '03/02/1985', '0905 123 456'].join('\t'), 'Đỗ Thị Ánh'],
    [['Lê Văn Đức', '12/05/1988', 'Nam', 'PFIZER', '02/08/2021'].join('\t'), 'Lê Văn Đức'],
  ])('"%s" finds the certificate of %s', (typed, who) => {
    expect(found(typed)).toEqual([who]);
  });

  it('a name with a date, or with a number, keeps only that person: another date or number finds nobody', () => {
    expect(found('duc 1988')).toEqual(['Lê Văn Đức']);
    expect(found('Đỗ Thị Ánh 079090001234')).toEqual([]);
    expect(found('an 12/06/1990')).toEqual([]);
  });
});

describe('whatever finds a record finds its certificate', () => {
  it('the list finds exactly the people the records search finds, for every form a person is typed in (property)', () => {
    type P = { id: string; full_name: string; id_number: string; phone: string | null; dob: string };
    // Whole dates of birth: a year alone typed alone is an id or phone prefix, and finds nobody.
    const people = (t.db.prepare('SELECT id, full_name, id_number, phone, dob FROM people ORDER BY seq').all() as P[]).filter((p) => p.dob.length === 10);
    const dmy = (dob: string) => dob.split('-').reverse().join('/');
    const forms: ((p: P) => string)[] = [
      (p) => `CCCD: ${p.id_number}`,
      (p) => `Số CMND/CCCD ${p.id_number.replace(/(\d{3})(?=\d)/g, '$1 ')}`,
      (p) => (p.phone === null ? p.full_name : `SĐT: ${p.phone.slice(0, 4)} ${p.phone.slice(4)}`),
      (p) => (p.phone === null ? p.id_number : `+84 ${p.phone.slice(1)}`),
      (p) => (p.phone === null ? p.id_number : p.phone.slice(1)),
      (p) => `${p.full_name} ${dmy(p.dob)}`,
      (p) => `${p.full_name.split(' ').pop()} ${p.dob.slice(0, 4)}`,
      (p) => dmy(p.dob),
      (p) => `Ngày sinh: ${dmy(p.dob)}`,
      (p) => `${p.full_name} ${p.id_number}`,
      (p) => `Họ và tên: ${p.full_name} - CCCD: ${p.id_number}`,
      (p) => `CCCD ${p.id_number} ${p.full_name}, Ngày sinh: ${dmy(p.dob)}`,
      (p) => [p.full_name, dmy(p.dob), p.id_number, p.phone ?? ''].join('\t'),
      (p) => p.full_name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(),
      (p) => p.id_number.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    ];
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: forms.length - 1 }), fc.boolean(), (i, form, walked) => {
        const typed = forms[form]!(people[i % people.length]!);
        const records = new Set(t.store.listRecords({ search: typed, limit: 1000 }).items.map((x) => x.person.id));
        const page = certificateSearch(t.db, { peopleFirstMax: walked ? 0 : 1_000_000 }).page({ search: typed, limit: 1000, offset: 0 });
        expect(records.size, typed).toBeGreaterThan(0);
        expect(new Set(page.rows.map((r) => r.personId)), typed).toEqual(records);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a UVCI as it is pasted', () => {
  // A QR reader at the printing desk types the QR's text into the box: the HC1 of a printed
  // certificate (a real Vietnamese one) found nothing, read as words.
  it('is found inside a scanned or pasted HC1, whose own words find nobody else', () => {
    const hc1 = readFileSync('../shared/testdata/dcc/vn/VAC_VN.hc1.txt', 'utf8').trim();
    const uvci = 'URN:UVCI:01:VN:FFFE3D31FABD035899134A9D3BAE9BCF';
    const record = (t.db.prepare("SELECT c.record_id AS id FROM certificates c JOIN dose_records d ON d.id = c.record_id JOIN people p ON p.id = d.person_id WHERE p.full_name = 'Trần Minh Đức'").get() as { id: string }).id;
    const before = t.db.prepare('SELECT uvci, hc1 FROM certificates WHERE record_id = ?').get(record) as { uvci: string; hc1: string };
    t.db.prepare('UPDATE certificates SET uvci = ?, hc1 = ? WHERE record_id = ?').run(uvci, hc1, record);
    try {
      for (const typed of [hc1, `${hc1}\r\n`, `Mã QR: ${hc1}`, hc1.replace('HC1:', 'hc1:')]) expect(found(typed), typed.slice(0, 12)).toEqual(['Trần Minh Đức']);
      // Not a code (cut short): read as before, it finds nobody.
      expect(found(hc1.slice(0, 60))).toEqual([]);
    } finally {
      t.db.prepare('UPDATE certificates SET uvci = ?, hc1 = ? WHERE record_id = ?').run(before.uvci, before.hc1, record);
    }
  });

  it('is found whole, in lower case, after its scheme, after a label, or in quotes', () => {
    const uvci = uvciOf.get('Lê Văn Đức')!;
    const part = uvci.slice('URN:UVCI:01:VN:'.length);
    for (const typed of [uvci, uvci.toLowerCase(), uvci.slice('URN:'.length), part, part.slice(0, 26).toLowerCase(), `UVCI: ${uvci}`, `Mã chứng nhận: ${uvci}`, `"${uvci}"`, ` ${uvci.toLowerCase()} `, `ｕｒｎ：ｕｖｃｉ：${uvci.slice('URN:UVCI:'.length)}`]) {
      expect(found(typed), typed).toEqual(['Lê Văn Đức']);
    }
  });
});
