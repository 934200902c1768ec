import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, normalizeName, splitName, transliterate } from '../../../shared/domain/names.js';

const vectors = path.resolve(import.meta.dirname, '../../..', '../shared/testdata/dcc/vectors');

describe('normalizeName', () => {
  it('stores NFC with whitespace folded, case as typed', () => {
    expect(normalizeName('  Nguyễn\u00A0\u00A0Văn\tAn \n')).toBe('Nguyễn Văn An');
    expect(normalizeName('nguyễn văn an')).toBe('nguyễn văn an');
    expect(normalizeName('Nguyễn Văn An'.normalize('NFD'))).toBe('Nguyễn Văn An'.normalize('NFC'));
    expect(normalizeName('Nguyễn\u3000Văn\u202FAn')).toBe('Nguyễn Văn An');
  });

  it('drops zero-width characters pasted from web pages', () => {
    expect(normalizeName('Ngu\u200Byễn Văn\uFEFF An')).toBe('Nguyễn Văn An');
  });

  it('is idempotent on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => normalizeName(normalizeName(s)) === normalizeName(s)), { numRuns: 1000 });
  });
});

describe('splitName', () => {
  it.each([
    ['Nguyễn Văn An', 'Nguyễn', 'Văn An'],
    ['Đặng Thị Ngọc Hân', 'Đặng', 'Thị Ngọc Hân'],
    ['Lê-Trần Bảo', 'Lê-Trần', 'Bảo'],
    ['  Trần   Hưng\u00A0Đạo ', 'Trần', 'Hưng Đạo'],
    ['Phương', 'Phương', ''],
    ['', '', ''],
  ])('%j → family %j, given %j', (full, familyName, givenName) => {
    expect(splitName(full)).toEqual({ familyName, givenName });
  });

  it('re-joins to the normalized name', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const { familyName, givenName } = splitName(s);
      return [familyName, givenName].filter((x) => x !== '').join(' ') === normalizeName(s) && !familyName.includes(' ');
    }), { numRuns: 1000 });
  });
});

describe('transliterate (ICAO 9303)', () => {
  it.each([
    ['Nguyễn Văn An', 'NGUYEN<VAN<AN'],
    ['Nguyễn', 'NGUYEN'],
    ['Văn An', 'VAN<AN'],
    ['Đặng Thị Ngọc Hân', 'DANG<THI<NGOC<HAN'],
    ['Lê-Trần Bảo', 'LE<TRAN<BAO'],
    ['Bảo Duy', 'BAO<DUY'],
    ['Bảo  -  Duy', 'BAO<DUY'],
    ['đỗ đức đạt', 'DO<DUC<DAT'],
    ['Ưng Hoàng Phúc', 'UNG<HOANG<PHUC'],
    ["O'Brien", 'OBRIEN'],
    ['Anne-Marie', 'ANNE<MARIE'],
    ['Nguyễn Văn An 2', 'NGUYEN<VAN<AN'],
    ['J. R. R.', 'J<R<R'],
    ['ＡＮ', 'AN'],
    ['阮文安', ''],
    ['', ''],
  ])('%j → %j', (name, expected) => {
    expect(transliterate(name)).toBe(expected);
  });

  it('gives the same result for NFD and NFC input', () => {
    for (const name of ['Nguyễn Văn An', 'Đặng Thị Ngọc Hân', 'Lê-Trần Bảo', 'Hồ Thị Kiều Trinh']) {
      expect(transliterate(name.normalize('NFD'))).toBe(transliterate(name.normalize('NFC')));
    }
  });

  it('cuts at 80 characters without a trailing <', () => {
    const long = transliterate(`${'A'.repeat(79)} BCD`);
    expect(long).toBe('A'.repeat(79));
    expect(transliterate('B'.repeat(100))).toHaveLength(80);
  });

  it('matches the EU test vectors for every Latin-script name', () => {
    let checked = 0;
    for (const country of ['common', 'NL', 'SK', 'AE']) {
      const dir = path.join(vectors, country, '2DCode/raw');
      for (const file of readdirSync(dir)) {
        const nam = (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { JSON?: { nam?: Record<string, string> } }).JSON?.nam;
        if (nam === undefined) continue;
        for (const [part, t] of [['fn', 'fnt'], ['gn', 'gnt']] as const) {
          const text = nam[part];
          if (text === undefined || /[\u0370-\u03FF\u0600-\u06FF]/u.test(text)) continue; // Greek, Arabic: not transliterated here
          expect(transliterate(text), `${file} ${part}`).toBe(nam[t] ?? '');
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('always matches ^[A-Z<]*$, at most 80, for ANY unicode string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      const t = transliterate(s);
      return /^[A-Z<]*$/.test(t) && t.length <= 80 && !t.startsWith('<') && !t.endsWith('<') && !t.includes('<<');
    }), { numRuns: 2000 });
  });
});

/** Vietnamese letters with their unaccented base. */
const VI_LETTERS: [string, string][] = [
  ['a', 'a'], ['á', 'a'], ['à', 'a'], ['ả', 'a'], ['ã', 'a'], ['ạ', 'a'], ['ă', 'a'], ['ắ', 'a'], ['ằ', 'a'], ['ẳ', 'a'], ['ẵ', 'a'], ['ặ', 'a'],
  ['â', 'a'], ['ấ', 'a'], ['ầ', 'a'], ['ẩ', 'a'], ['ẫ', 'a'], ['ậ', 'a'], ['đ', 'd'], ['Đ', 'd'], ['e', 'e'], ['ê', 'e'], ['ế', 'e'], ['ề', 'e'],
  ['ể', 'e'], ['ễ', 'e'], ['ệ', 'e'], ['é', 'e'], ['ẹ', 'e'], ['i', 'i'], ['í', 'i'], ['ì', 'i'], ['ỉ', 'i'], ['ĩ', 'i'], ['ị', 'i'], ['o', 'o'],
  ['ô', 'o'], ['ố', 'o'], ['ồ', 'o'], ['ổ', 'o'], ['ỗ', 'o'], ['ộ', 'o'], ['ơ', 'o'], ['ớ', 'o'], ['ờ', 'o'], ['ở', 'o'], ['ỡ', 'o'], ['ợ', 'o'],
  ['u', 'u'], ['ú', 'u'], ['ư', 'u'], ['ứ', 'u'], ['ừ', 'u'], ['ử', 'u'], ['ữ', 'u'], ['ự', 'u'], ['y', 'y'], ['ý', 'y'], ['ỳ', 'y'], ['ỷ', 'y'],
  ['ỹ', 'y'], ['ỵ', 'y'], ['Ư', 'u'], ['Ơ', 'o'], ['Ấ', 'a'], ['N', 'n'], ['g', 'g'], ['h', 'h'], [' ', ' '], ['\u00A0', ' '], ['\t', ' '],
];

describe('foldForSearch', () => {
  it.each([
    ['Nguyễn Văn An', 'nguyen van an'],
    ['ĐẶNG THỊ NGỌC HÂN', 'dang thi ngoc han'],
    ['  Lê-Trần\u00A0 Bảo ', 'le-tran bao'],
    ['Nguyễn Văn An'.normalize('NFD'), 'nguyen van an'],
    // One apostrophe however typed: the full-text index splits a word at ' only (ʼ ʻ are letters).
    ['Ksor H’Bla', "ksor h'bla"],
    ['Rơ Mah HʼLơn', "ro mah h'lon"],
    ['Siu Hʻ Nga', "siu h' nga"],
    ['Y´Moan H`Bia ‘Ba', "y'moan h'bia 'ba"],
  ])('%j → %j', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('is idempotent on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => foldForSearch(foldForSearch(s)) === foldForSearch(s)), { numRuns: 1000 });
  });

  it('is diacritic- and case-insensitive on Vietnamese text', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...VI_LETTERS), { maxLength: 30 }), fc.boolean(), (letters, nfd) => {
      const accented = letters.map(([l]) => l).join('');
      const plain = letters.map(([, b]) => b).join('');
      const input = nfd ? accented.normalize('NFD') : accented;
      return foldForSearch(input) === foldForSearch(plain) && foldForSearch(input.toUpperCase()) === foldForSearch(plain);
    }), { numRuns: 1000 });
  });
});
