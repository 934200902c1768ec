/**
 * normalizeName returns an already normal Latin name as it is, without the NFC / regex pipeline.
 * The pipeline it skips is kept here as the oracle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../shared/domain/names.js';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const WHITESPACE_RUN = /\s+/g;
function pipeline(raw: string): string {
  return raw.replace(ZERO_WIDTH, '').normalize('NFC').replace(WHITESPACE_RUN, ' ').trim().normalize('NFC');
}

const LATIN: string[] = [];
for (let c = 0; c <= 0x24f; c++) LATIN.push(String.fromCharCode(c));
for (let c = 0x1e00; c <= 0x1eff; c++) LATIN.push(String.fromCharCode(c));

describe('normalizeName fast path', () => {
  it('gives the pipeline answer for every Latin character alone and in every pair', () => {
    for (const a of LATIN) {
      expect(normalizeName(a)).toBe(pipeline(a));
      for (const b of LATIN) {
        const ab = a + b;
        if (normalizeName(ab) !== pipeline(ab)) expect(normalizeName(ab)).toBe(pipeline(ab));
      }
    }
  });

  it('gives the pipeline answer on mixed text: Vietnamese letters, spaces, combining marks, zero-width, other scripts', () => {
    const pieces = fc.constantFrom(
      'Nguyễn', 'Văn', 'Thị', 'Đặng', 'Ánh', 'a', 'Z', ' ', '  ', '\t', '\u00a0', '\u3000', '\u200b', '\u00ad', '\ufeff',
      '\u0301', '\u0323', 'e\u0302\u0301', '\u1ec5', 'ﬁ', 'Ω', 'Ж', '李', '\u0085', '\u2028', "'", '-', '.', '1', '\u0000',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 10 }), (parts) => {
        const raw = parts.join('');
        expect(normalizeName(raw)).toBe(pipeline(raw));
      }),
      { numRuns: 20_000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (raw) => {
      expect(normalizeName(raw)).toBe(pipeline(raw));
    }), { numRuns: 5_000 });
  });

  it('still folds what needs folding', () => {
    expect(normalizeName('  Nguyễn   Văn\u00a0An ')).toBe('Nguyễn Văn An');
    expect(normalizeName('Nguye\u0302\u0303n')).toBe('Nguyễn');
    expect(normalizeName('Ng\u00aduyễn')).toBe('Nguyễn');
  });
});
