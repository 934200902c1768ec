// Two id numbers a typing slip apart (one character changed, or two neighbours swapped) are the
// signal of a likely duplicate person when there is no phone to compare (probe 16).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneSlipApart } from '../../../shared/domain/personValidation.js';

const digits = fc.array(fc.constantFrom(...'0123456789'), { minLength: 2, maxLength: 14 }).map((d) => d.join(''));

describe('oneSlipApart', () => {
  it('is true for one changed digit, false for the same number', () => {
    fc.assert(
      fc.property(digits, fc.nat(), fc.constantFrom(...'0123456789'), (id, at, digit) => {
        const i = at % id.length;
        const changed = id.slice(0, i) + digit + id.slice(i + 1);
        expect(oneSlipApart(id, changed)).toBe(changed !== id);
        expect(oneSlipApart(id, id)).toBe(false);
      }),
    );
  });

  it('is true for two neighbours swapped, and symmetric', () => {
    fc.assert(
      fc.property(digits, fc.nat(), (id, at) => {
        const i = at % (id.length - 1);
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        expect(oneSlipApart(id, swapped)).toBe(swapped !== id);
        expect(oneSlipApart(swapped, id)).toBe(oneSlipApart(id, swapped));
      }),
    );
  });

  it('is false for numbers of another length, three or more changes, or two changes that are not a swap', () => {
    expect(oneSlipApart('079090001234', '07909000123')).toBe(false);
    expect(oneSlipApart('079090001234', '079090005678')).toBe(false);
    expect(oneSlipApart('079090001234', '179090001235')).toBe(false);
    expect(oneSlipApart('079090001234', '079090002143')).toBe(false);
    expect(oneSlipApart('079090001234', '079090001243')).toBe(true);
  });

  it('agrees with the definition on any two numbers of a small alphabet (near misses are common there)', () => {
    // Two changes that are not a swap of neighbours ("0010" → "5015"-like pairs) are two people,
    // not one slip: calling them "probably the same person" would push a clerk to merge them.
    const slip = (a: string, b: string): boolean => {
      if (a.length !== b.length || a === b) return false;
      const at = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
      if (at.length === 1) return true;
      const [i, j] = at as [number, number];
      return at.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
    };
    const small = (n: number) => fc.array(fc.constantFrom('0', '1', '5'), { minLength: n, maxLength: n }).map((d) => d.join(''));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(small(n), small(n))), ([a, b]) => {
        expect(oneSlipApart(a, b)).toBe(slip(a, b));
      }),
      { numRuns: 2000 },
    );
    expect(oneSlipApart('001090012345', '501095012345')).toBe(false);
  });
});
