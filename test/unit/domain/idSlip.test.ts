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
});
