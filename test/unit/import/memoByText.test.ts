/**
 * Row mapping answers the repeated cells (vaccine, sex, nationality, dose number) from memory and
 * tells cells without a letter apart by character code: the same answers as the regex and the
 * parsers they stand in front of.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasLetter, memoByText } from '../../../electron/core/import/memoByText.js';

const LETTER = /\p{L}/u;

describe('hasLetter', () => {
  it('answers what /\\p{L}/u answers, on every BMP character and on mixed text', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const s = `12/0${String.fromCharCode(c)}`;
      if (hasLetter(s) !== LETTER.test(s)) expect.fail(`U+${c.toString(16)}`);
    }
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => hasLetter(s) === LETTER.test(s)), { numRuns: 2000 });
  });
});

describe('memoByText', () => {
  it('computes each text once and answers it again, starting over past its bound', () => {
    const seen: string[] = [];
    const memo = memoByText((t: string) => {
      seen.push(t);
      return t.length;
    }, 2);
    expect([memo('a'), memo('bb'), memo('a'), memo('bb')]).toEqual([1, 2, 1, 2]);
    expect(seen).toEqual(['a', 'bb']);
    memo('ccc');
    expect(memo('a')).toBe(1);
    expect(seen).toEqual(['a', 'bb', 'ccc', 'a']);
  });

  it('remembers an undefined answer too', () => {
    let calls = 0;
    const memo = memoByText((): undefined => {
      calls++;
      return undefined;
    });
    memo('x');
    memo('x');
    expect(calls).toBe(1);
  });
});
