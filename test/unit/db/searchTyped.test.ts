// What a clerk types or pastes into the records search box besides a bare name or number: a number
// with its label ("CCCD: 079…"), a name with a date of birth ("Đức 1990"), full-width digits from
// an input method, and text that is no search at all (a label alone, punctuation, a pasted row).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_ALIASES } from '../../../electron/core/import/headerAliases.js';
import { contract } from '../../../shared/rpc/contract.js';
import { readSearchText, unimplied } from '../../../electron/core/store/searchText.js';
import { generateRecords } from '../../fixtures/records.js';
import { openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeAll(() => {
  t = openTestStore();
  expect(t.store.createRecords(generateRecords(300, { seed: 26 }), { source: 'import' }).created).toBe(300);
  t.ports.advance(1000);
  t.store.createRecord(record(), { source: 'form' });
  t.store.createRecord(record({ idNumber: '079185004321', fullName: 'Đỗ Thị Ánh', dob: '1985-02-03', sex: 'F', phone: '0905123456' }), { source: 'form' });
  t.store.createRecord(record({ idType: 'PASSPORT', idNumber: 'C1234567', fullName: 'Hồ Chiêu', dob: '1990', phone: null }), { source: 'form' });
  t.store.createRecord(record({ idNumber: '001091000777', fullName: 'Trần Minh Đức', dob: '1990-11-03', phone: null }), { source: 'form' });
  t.store.createRecord(record({ idNumber: '001088000555', fullName: 'Lê Văn Đức', dob: '1988-05-12', phone: '0977000222' }), { source: 'form' });
  t.store.createRecord(record({ idNumber: '001090000999', fullName: 'Phạm Thị An', dob: '1990-05', sex: 'F', phone: null }), { source: 'form' });
});
afterAll(() => t.close());

function names(search: string): string[] {
  return t.store.listRecords({ search, limit: 1000 }).items.map((i) => i.person.fullName);
}

describe('a number pasted with its label', () => {
  it.each([
    ['CCCD: 079090001234', 'Nguyễn Văn An'],
    ['Số CCCD 079090001234', 'Nguyễn Văn An'],
    ['CCCD số: 079090001234', 'Nguyễn Văn An'],
    ['CMND/CCCD: 079 090 001 234', 'Nguyễn Văn An'],
    ['CMND 079090', 'Nguyễn Văn An'],
    ['CCCD079090001234', 'Nguyễn Văn An'],
    ['SĐT: 0905 123 456', 'Đỗ Thị Ánh'],
    ['ĐT 0905.123.456', 'Đỗ Thị Ánh'],
    ['Điện thoại: +84 905 123 456', 'Đỗ Thị Ánh'],
    ['Tel 0905123456', 'Đỗ Thị Ánh'],
    ['Hộ chiếu C1234567', 'Hồ Chiêu'],
    ['HC: c1234567', 'Hồ Chiêu'],
    ['Số hộ chiếu: C 1234567', 'Hồ Chiêu'],
  ])('"%s" finds %s, as the number alone does', (typed, who) => {
    expect(names(typed)).toEqual([who]);
  });

  it('reads only the labels of an id or a phone: a name word before a number is no label, but the name of the person with that number', () => {
    // "Đức 0977…" is not "SĐT 0977…" (no other Đức nor anyone else with that phone is found), but
    // it is Lê Văn Đức, whose phone it is: before, it found nobody, and the clerk registered him again.
    expect(names('Đức 0977000222')).toEqual(['Lê Văn Đức']);
    expect(names('Trần Minh Đức 0977000222')).toEqual([]);
    expect(names('Lê Văn Đức 0977 000 222')).toEqual(['Lê Văn Đức']);
    expect(names('0977000222 Lê Văn Đức')).toEqual(['Lê Văn Đức']);
    expect(names('duc +84 977 000 222')).toEqual(['Lê Văn Đức']);
    expect(names('Nguyễn Văn An 079090001234')).toEqual(['Nguyễn Văn An']);
    expect(names('an 079090001234')).toEqual(['Nguyễn Văn An']);
    expect(names('Hồ Chiêu C1234567')).toEqual(['Hồ Chiêu']);
    expect(names('Chiêu c1234567')).toEqual(['Hồ Chiêu']);
    // The name must be the person's: another's number beside it finds nobody.
    expect(names('Đỗ Thị Ánh 079090001234')).toEqual([]);
    // Two numbers, or a number too short to be an id or phone, stay name words (nobody).
    expect(names('Đức 0977000222 001088000555')).toEqual([]);
    expect(names('Đức 12')).toEqual([]);
  });

  it('a label alone, or punctuation alone, finds nobody and raises nothing', () => {
    for (const typed of ['CCCD:', 'SĐT', 'Số CCCD', ':::', '...', '+', '//', '-', '()', '：']) {
      const page = t.store.listRecords({ search: typed });
      expect(page.total, typed).toBe(0);
    }
    // A label that is also a name is searched as the name.
    expect(names('Hộ chiếu:')).toEqual(['Hồ Chiêu']);
  });
});

describe('a label, a number and a name together', () => {
  // Session 27: a line copied off a paper form or a message, the label kept. The label was read
  // as a name word ("cccd", "ho ten"), no name holds it, and the person looked absent.
  it.each([
    ['CCCD 079090001234 Nguyễn Văn An', 'Nguyễn Văn An'],
    ['CCCD: 079090001234 Nguyễn Văn An', 'Nguyễn Văn An'],
    ['Nguyễn Văn An - CCCD: 079090001234', 'Nguyễn Văn An'],
    ['Nguyễn Văn An, Số CCCD: 079 090 001 234', 'Nguyễn Văn An'],
    ['Lê Văn Đức SĐT: 0977 000 222', 'Lê Văn Đức'],
    ['Đức - ĐT: +84 977 000 222', 'Lê Văn Đức'],
    ['Hộ chiếu: C1234567 Hồ Chiêu', 'Hồ Chiêu'],
    ['Họ tên: Nguyễn Văn An', 'Nguyễn Văn An'],
    ['Họ và tên: Nguyễn Văn An', 'Nguyễn Văn An'],
    ['HỌ VÀ TÊN NGUYỄN VĂN AN', 'Nguyễn Văn An'],
    ['Họ tên: Đỗ Thị Ánh - Ngày sinh: 03/02/1985', 'Đỗ Thị Ánh'],
    ['Nguyễn Văn An, ngày sinh 12/05/1990', 'Nguyễn Văn An'],
    ['Họ và tên: Lê Văn Đức, Ngày sinh: 12/05/1988, SĐT: 0977000222', 'Lê Văn Đức'],
    ['Full name: Tran Minh Duc, DOB: 03/11/1990', 'Trần Minh Đức'],
    // A label or a name joined to its number without the space.
    ['cccd:079090001234 nguyen van an', 'Nguyễn Văn An'],
    ['SĐT:0905123456 Đỗ Thị Ánh', 'Đỗ Thị Ánh'],
    ['Nguyễn Văn An/079090001234', 'Nguyễn Văn An'],
    ['Lê Văn Đức sn 1988', 'Lê Văn Đức'],
  ])('"%s" finds %s', (typed, who) => {
    expect(names(typed)).toEqual([who]);
  });

  it('a number with a date of birth and no name ("CCCD: 079…, NS: 12/05/1990") finds the number\'s person', () => {
    expect(names('079090001234 12/05/1990')).toEqual(['Nguyễn Văn An']);
    expect(names('CCCD: 079090001234, Ngày sinh: 12/05/1990')).toEqual(['Nguyễn Văn An']);
    expect(names('SĐT 0977 000 222 - NS 12/05/1988')).toEqual(['Lê Văn Đức']);
    expect(names('0977000222 - 12/05/1988')).toEqual(['Lê Văn Đức']);
    // Someone else's date beside the number: nobody (the date filters the number's people).
    expect(names('079090001234 03/02/1985')).toEqual([]);
  });

  it('drops "Ông", "Bà", "Cụ" before a name, as a relative writes it: never part of a name (written with its marks)', () => {
    expect(names('Bà Đỗ Thị Ánh')).toEqual(['Đỗ Thị Ánh']);
    expect(names('ông Nguyễn Văn An, CCCD 079090001234')).toEqual(['Nguyễn Văn An']);
    expect(names('Cụ Lê Văn Đức sn 1988')).toEqual(['Lê Văn Đức']);
    // Alone it is read as before: the start of a name word ("Bảo").
    expect(names('Bà')).toEqual(names('ba'));
  });

  it('keeps the number and the date filters: another person\'s number or date beside the name finds nobody', () => {
    expect(names('Họ tên: Đỗ Thị Ánh CCCD: 079090001234')).toEqual([]);
    expect(names('Họ và tên: Lê Văn Đức, Ngày sinh: 12/05/1990')).toEqual([]);
    expect(names('Họ và tên: Lê Văn Đức, Ngày sinh: 12/05/1988, SĐT: 0905123456')).toEqual([]);
    // His own number with another date: the date filters the name and the number too (mutation probe, session 28).
    expect(names('Họ và tên: Lê Văn Đức, Ngày sinh: 12/05/1990, SĐT: 0977000222')).toEqual([]);
  });

  it('a number with a whole date finds the person stored with only its year or month, as a name with one does', () => {
    // Phạm Thị An is stored 1990-05, Hồ Chiêu 1990: the paper gives the whole date (mutation probe, session 28).
    expect(names('CCCD: 001090000999, NS: 12/05/1990')).toEqual(['Phạm Thị An']);
    expect(names('Họ tên: Phạm Thị An, Ngày sinh: 12/05/1990, CCCD: 001090000999')).toEqual(['Phạm Thị An']);
    expect(names('Hồ Chiêu, Ngày sinh: 12/05/1990, Hộ chiếu: C1234567')).toEqual(['Hồ Chiêu']);
    expect(names('CCCD: 001090000999, NS: 12/06/1990')).toEqual([]);
  });

  it('a label alone, or a name label with nothing after it, is read as words as before', () => {
    expect(names('Họ tên:')).toEqual([]);
    expect(names('Hồ Chiêu 1990')).toEqual(['Hồ Chiêu']);
    expect(names('Hồ Chiêu C1234567')).toEqual(['Hồ Chiêu']);
  });
});

describe('a name with a date of birth', () => {
  it('"Đức 1990" finds the Đức born in 1990, not the one born in 1988', () => {
    expect(names('Đức 1990')).toEqual(['Trần Minh Đức']);
    expect(names('duc 1988')).toEqual(['Lê Văn Đức']);
    expect(names('1990 Đức')).toEqual(['Trần Minh Đức']);
  });

  it('takes a whole date day first or ISO, and a month with its year', () => {
    expect(names('an 1990-05-12').sort()).toEqual(['Nguyễn Văn An', 'Phạm Thị An']);
    for (const typed of ['Nguyễn Văn An 12/05/1990', 'van an 1990-05-12', 'nguyen van an 12-5-1990', 'van an 12.05.1990', 'Nguyễn Văn An, 12/05/1990']) {
      expect(names(typed), typed).toEqual(['Nguyễn Văn An']);
    }
    expect(names('an 05/1990').sort()).toEqual(['Nguyễn Văn An', 'Phạm Thị An']);
    expect(names('an 2020-05')).toEqual([]);
    expect(names('an 05/13/1990')).toEqual([]); // no 13th month: name words, nobody
  });

  it('finds a person stored with only the year or month of birth by a whole date in it, as person matching does (Phạm Thị An: 1990-05)', () => {
    expect(names('Hồ Chiêu 12/05/1990')).toEqual(['Hồ Chiêu']);
    expect(names('an 12/05/1990').sort()).toEqual(['Nguyễn Văn An', 'Phạm Thị An']);
    expect(names('an 12/06/1990')).toEqual([]);
  });

  it('finds a name that is also a label: "Hồ Chiêu 1990" is the header "Hộ chiếu" folded, and a name with a year', () => {
    // Every header word that folds like a name (hochieu: Hồ Chiêu, dienthoai: Điền Thoại, didong:
    // Di Đông, cancuoc: Cấn Cước) is read both ways when a date follows.
    expect(names('Hồ Chiêu 1990')).toEqual(['Hồ Chiêu']);
    expect(names('ho chieu 12/05/1990')).toEqual(['Hồ Chiêu']);
  });

  it('reads an invalid or implausible date, or two dates, as name words (which find nobody)', () => {
    const name = (typed: string) => readSearchText(typed).find((r) => r.kind === 'name');
    expect(name('an 31/02/1990')).toEqual({ kind: 'name', words: ['an', '31', '02', '1990'], born: null });
    expect(name('an 1850')).toEqual({ kind: 'name', words: ['an', '1850'], born: null });
    expect(names('an 12/05/1990 02/08/2021')).toEqual([]);
    // A month past 12 is no month: "an 13/1990" would find every An stored with only 1990.
    expect(name('an 13/1990')).toEqual({ kind: 'name', words: ['an', '13', '1990'], born: null });
  });
});

describe('a date of birth alone', () => {
  // Session 27: a clerk who cannot spell the name types the date of birth from the paper. Before,
  // it found nobody (read as name words), and the person looked absent.
  it('finds the people whose stored date starts with it: a whole date, day first or ISO, with / . or -; a month with its year', () => {
    for (const typed of ['12/05/1990', '12.05.1990', '12-5-1990', '1990-05-12', '(12/05/1990)']) {
      expect(names(typed), typed).toEqual(['Nguyễn Văn An']);
    }
    expect(names('03/02/1985')).toEqual(['Đỗ Thị Ánh']);
    const month = t.store.listRecords({ search: '05/1990', limit: 1000 }).items.map((i) => i.person);
    expect(month.map((p) => p.fullName)).toEqual(expect.arrayContaining(['Nguyễn Văn An', 'Phạm Thị An']));
    expect(month.every((p) => p.dob.startsWith('1990-05'))).toBe(true);
    expect(names('12/06/1990')).toEqual([]);
    // A month with its year written ISO-like, as a sheet's dob column exports it.
    expect(names('1990-05')).toEqual(expect.arrayContaining(['Nguyễn Văn An', 'Phạm Thị An']));
  });

  it('does not list the people stored with only its year or month: a whole date alone is one person, not everyone born that year', () => {
    // Hồ Chiêu (1990) and Phạm Thị An (1990-05) agree with 12/05/1990 beside a name (above), not alone.
    expect(names('12/05/1990')).not.toContain('Hồ Chiêu');
    expect(names('12/05/1990')).not.toContain('Phạm Thị An');
  });

  it('reads a date after its label: "Ngày sinh:", "NS", "DOB"', () => {
    for (const typed of ['Ngày sinh: 12/05/1990', 'ngay sinh 1990-05-12', 'NS 12/05/1990', 'DOB: 12.05.1990', 'Ngày tháng năm sinh 12/05/1990']) {
      expect(names(typed), typed).toEqual(['Nguyễn Văn An']);
    }
  });

  it('keeps a bare year an id or phone prefix, and a date with dots or dashes a number too', () => {
    expect(readSearchText('1990')).toEqual([{ kind: 'digits', digits: '1990' }]);
    expect(readSearchText('12.05.1990')).toEqual([{ kind: 'digits', digits: '12051990' }, { kind: 'born', born: { prefix: '1990-05-12', coarser: ['1990', '1990-05'] } }]);
    expect(readSearchText('12/05/1990')).toEqual([{ kind: 'born', born: { prefix: '1990-05-12', coarser: ['1990', '1990-05'] } }]);
    // Not a date: an impossible day, a word before it that is no label (a name and a date, above).
    expect(readSearchText('31/02/1990').some((r) => r.kind === 'born')).toBe(false);
    expect(readSearchText('an 12/05/1990').some((r) => r.kind === 'born')).toBe(false);
  });
});

describe('the labels the station reads', () => {
  it('are the import\'s id and phone headers: each one before a number reads the number', () => {
    for (const alias of [...HEADER_ALIASES.idNumber, ...HEADER_ALIASES.phone]) {
      expect(readSearchText(`${alias}: 0905123456`)[0], alias).toEqual({ kind: 'digits', digits: '0905123456' });
    }
  });
});

describe('full-width characters from an input method', () => {
  it('reads full-width digits, letters and punctuation as ASCII: "０９０５１２３４５６", "ＣＣＣＤ：０７９…", "Ｃ１２３４５６７"', () => {
    expect(names('０９０５１２３４５６')).toEqual(['Đỗ Thị Ánh']);
    expect(names('ＣＣＣＤ：０７９０９０００１２３４')).toEqual(['Nguyễn Văn An']);
    expect(names('ｃ１２３４５６７')).toEqual(['Hồ Chiêu']);
    expect(names('Đức\u3000１９９０')).toEqual(['Trần Minh Đức']);
    expect(names('ＮＧＵＹＥＮ ＶＡＮ ＡＮ').includes('Nguyễn Văn An')).toBe(true);
  });
});

describe('a row copied from a spreadsheet', () => {
  const row = ['1', 'Nguyễn Văn An', '12/05/1990', 'Nam', '079090001234', '0905123456', 'ASTRAZENECA', 'ABV1234', '1', '02/08/2021'].join('\t');

  it('is searched by its id number cell: the row of Nguyễn Văn An finds him, not Đỗ Thị Ánh whose phone it also holds', () => {
    expect(names(row)).toEqual(['Nguyễn Văn An']);
    expect(names(`${row}\r\n`)).toEqual(['Nguyễn Văn An']);
    expect(names(['Hồ Chiêu', '1990', 'C1234567'].join('\t'))).toEqual(['Hồ Chiêu']);
    // A row with the CCCD and the old CMND: either finds the person (each number its own parameters).
    expect(names(['Nguyễn Văn An', '079090001234', '024090001'].join('\t'))).toEqual(['Nguyễn Văn An']);
  });

  it('without an id number, by its phone cell', () => {
    expect(names(['Đỗ Thị Ánh', '03/02/1985', '0905 123 456'].join('\t'))).toEqual(['Đỗ Thị Ánh']);
  });

  // Session 27: a row of a list with no id or phone column (a child's list, another clinic's
  // sheet) was read as words, the sex and vaccine cells among them, and found nobody.
  it('without either, by its name cell, and the date of birth when the row also holds a later date (the dose\'s)', () => {
    expect(names(['Nguyễn Văn An', 'Nam', 'ASTRAZENECA'].join('\t'))).toEqual(['Nguyễn Văn An']);
    expect(names(['1', 'Nguyễn Văn An', '12/05/1990', 'Nam', 'ASTRAZENECA', 'ABV1234', '1', '02/08/2021'].join('\t'))).toEqual(['Nguyễn Văn An']);
    expect(names(['2', 'Trần Minh Đức', '03/11/1990', 'Nam', 'PFIZER', '02/08/2021'].join('\t'))).toEqual(['Trần Minh Đức']);
    // Lê Văn Đức was born in 1988: the row of another Đức born in 1990 is not his.
    expect(names(['Lê Văn Đức', '03/11/1990', 'Nam', '02/08/2021'].join('\t'))).toEqual([]);
    // One date: a date of birth or the dose's, so the name alone.
    expect(names(['Đỗ Thị Ánh', 'Nữ', '02/08/2021'].join('\t'))).toEqual(['Đỗ Thị Ánh']);
    // No name cell (a word per cell, digits): nobody, as before.
    expect(names(['1', 'Nam', 'ASTRAZENECA', '02/08/2021'].join('\t'))).toEqual([]);
  });

  it('a whole row of a clinic\'s sheet, address and facility included, is taken by records.list (it refused past 200 characters)', () => {
    const long = ['12', 'Nguyễn Văn An', '12/05/1990', 'Nam', '079090001234', '0905123456', 'Số 12 đường Nguyễn Thị Minh Khai, phường Bến Nghé, quận 1, thành phố Hồ Chí Minh',
      'Công nhân may, Công ty TNHH May mặc Sài Gòn', 'ASTRAZENECA', 'ABV1234', '1', '02/08/2021', 'Trạm Y tế phường Bến Nghé', 'Không có phản ứng sau tiêm'].join('\t');
    expect(long.length).toBeGreaterThan(250);
    expect(contract['records.list'].params.safeParse({ search: long }).success).toBe(true);
    expect(names(long)).toEqual(['Nguyễn Văn An']);
  });

  it('a very long paste (a whole sheet copied) answers at once and raises nothing', () => {
    const sheet = Array.from({ length: 200 }, (_, i) => `${i + 1}\tNguyễn Văn ${i}\t12/05/1990\tNam`).join('\r\n');
    const started = performance.now();
    expect(t.store.listRecords({ search: sheet }).total).toBe(0);
    expect(t.store.listRecords({ search: 'x'.repeat(10_000) }).total).toBe(0);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('words that add nothing', () => {
  it('a word repeated, or the start of another word, is searched once: the same people, one index lookup', () => {
    const name = (typed: string) => readSearchText(typed).find((r) => r.kind === 'name');
    expect(name('a '.repeat(500))?.words).toEqual(['a']);
    expect(name('an an nguyen ng van an')?.words).toEqual(['an', 'nguyen', 'van']);
    expect(names('an an nguyen ng')).toEqual(names('nguyen an'));
  });

  it('drops a word only for one it is a prefix of, in either order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-d]{1,3}$/), { maxLength: 8 }), (words) => {
        const kept = unimplied(words);
        // Every word typed starts some word kept (so the same names match), and no word kept starts another.
        expect(words.every((w) => kept.some((k) => k.startsWith(w)))).toBe(true);
        expect(kept.every((k, i) => kept.every((o, j) => i === j || !o.startsWith(k)))).toBe(true);
      }),
    );
  });
});
