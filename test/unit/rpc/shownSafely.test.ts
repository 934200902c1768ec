// Every StationError's messages pass through shownSafely (shared/errors.ts): a refusal that quotes
// what was sent must not carry a raw control, bidi or line-separator character to a screen or log.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StationError, shownSafely } from '../../../shared/errors.js';

const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
const anyText = fc.string({ unit: 'binary', maxLength: 80 });

describe('shownSafely', () => {
  it('leaves no unsafe character, in any text', () => {
    fc.assert(fc.property(anyText, (s) => !UNSAFE.test(shownSafely(s))), { numRuns: 2000 });
  });

  it('changes nothing in text without one (Vietnamese, emoji, quotes, backslashes)', () => {
    fc.assert(fc.property(anyText.filter((s) => !UNSAFE.test(s)), (s) => shownSafely(s) === s), { numRuns: 1000 });
    expect(shownSafely('Nguyễn Thị Hồng "Hoa" \\ 🙂')).toBe('Nguyễn Thị Hồng "Hoa" \\ 🙂');
  });

  it('writes each unsafe character as its escape, so the reader sees what was sent', () => {
    expect(shownSafely('a\u0000b\nc\u001b[31md\u202ee\u2066\u0085\u2028')).toBe('a\\u0000b\\u000ac\\u001b[31md\\u202ee\\u2066\\u0085\\u2028');
  });

  it('is what a StationError shows, in both messages; its details keep the text as sent', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const e = new StationError('X', `vi ${s}`, `en ${s}`, { id: s });
        return [e.message, e.messageVi, e.messageEn, e.toInfo().message].every((m) => !UNSAFE.test(m)) && (e.details as { id: string }).id === s;
      }),
      { numRuns: 500 },
    );
  });
});
