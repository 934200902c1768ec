// shared/domain/names.ts folds and transliterates Latin text through a per-character table (an
// import validates every name several times). The answers must be exactly the full pipeline's:
// here that pipeline, as it was written before the tables, is the reference.
import { describe, expect, it } from 'vitest';
import { foldForSearch, transliterate } from '../../../shared/domain/names.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const WHITESPACE_RUN = /\s+/g;
const COMBINING_MARKS = /\p{M}/gu;
const ICAO_SPECIAL: Readonly<Record<string, string>> = {
  Đ: 'D', đ: 'd', Ð: 'D', ð: 'd', Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', Ø: 'OE', ø: 'oe',
  Ä: 'AE', ä: 'ae', Å: 'AA', å: 'aa', Ö: 'OE', ö: 'oe', Ü: 'UE', ü: 'ue',
  ß: 'SS', ẞ: 'SS', Þ: 'TH', þ: 'th', Ł: 'L', ł: 'l', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't',
  ı: 'I', Ĳ: 'IJ', ĳ: 'ij', Ŀ: 'L', ŀ: 'l', ŉ: 'N', Ŋ: 'N', ŋ: 'n', ĸ: 'K',
  '´': '', '¨': '', '¯': '', '¸': '', '˘': '', '˙': '', '˚': '', '˛': '', '˜': '', '˝': '',
};
const ICAO_SPECIAL_RE = new RegExp(`[${Object.keys(ICAO_SPECIAL).join('')}]`, 'g');

function referenceFold(text: string): string {
  // Every apostrophe folded to ' (session 26: the full-text index splits a word only at that one).
  return text.replace(ZERO_WIDTH, '').toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(/[đð]/g, 'd').replace(/['’‘ʼʻ´`]/g, "'").toLowerCase().replace(WHITESPACE_RUN, ' ').trim();
}

function referenceTransliterate(name: string): string {
  const out = name
    .normalize('NFC')
    .replace(ICAO_SPECIAL_RE, (c) => ICAO_SPECIAL[c] ?? '')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toUpperCase()
    .replace(/[\s-]+/g, '<')
    .replace(/[^A-Z<]/g, '')
    .replace(/<+/g, '<')
    .replace(/^<|<$/g, '');
  return out.length <= 80 ? out : out.slice(0, 80).replace(/<+$/, '');
}

const latin: string[] = [];
for (const [from, to] of [[0x20, 0x24f], [0x1e00, 0x1eff]] as const) for (let c = from; c <= to; c++) latin.push(String.fromCharCode(c));
/** Outside the tables: combining marks typed apart, zero-width and odd spaces, other scripts, a surrogate pair. */
const other = ['\u0301', '\u0308', '\u0323', '\u0306', '\u200B', '\uFEFF', '\u2003', '\u3000', 'Σ', 'ς', 'İ', 'Ж', '李', 'ﬁ', 'Ａ', '\u{1D400}', '\u212B'];

function expectSame(s: string): void {
  expect([s, foldForSearch(s)]).toEqual([s, referenceFold(s)]);
  expect([s, transliterate(s)]).toEqual([s, referenceTransliterate(s)]);
}

describe('name folding and transliteration (table fast path)', () => {
  it('gives the full pipeline’s answer for every Latin character, alone and between letters and spaces', () => {
    for (const c of [...latin, ...other]) for (const s of [c, `a${c}b`, ` ${c}-${c} `, `${c}\u0301`, `Nguyễn${c}Văn`]) expectSame(s);
  });

  it('gives the full pipeline’s answer for Vietnamese names and for random mixed strings', () => {
    for (const name of ['Nguyễn Văn An', 'Đặng  thị hoa', 'Trần Thị Bích Ngọc', 'Lê-Hoàng Đức', "O'Brien", 'Tôn Nữ Ái', 'Nguyễn Văn An', 'A'.repeat(100) + ' B']) {
      expectSame(name);
    }
    const rnd = seededRandom(7);
    const pool = [...latin, ...other, ' ', ' ', '-'];
    for (let i = 0; i < 5000; i++) {
      const length = 1 + Math.floor(rnd() * 12);
      expectSame(Array.from({ length }, () => pool[Math.floor(rnd() * pool.length)]!).join(''));
    }
  });

  it('answers the same for texts around the char-code path’s length limit, long after short and back', () => {
    const rnd = seededRandom(11);
    const pool = [...latin, ' ', '-', 'ß', 'Æ', '\u00AD'];
    for (const length of [255, 256, 257, 3, 600, 1, 256, 40]) {
      expectSame(Array.from({ length }, () => pool[Math.floor(rnd() * pool.length)]!).join(''));
      expectSame('Nguyễn Văn An'.repeat(Math.ceil(length / 13)).slice(0, length));
    }
  });
});
