import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids.js';

/** The id written the plain way: 16 bytes as hex, dashes at 8-4-4-4-12. */
function oracle(now: number, r: Uint8Array): string {
  const bytes = [
    ...Array.from({ length: 6 }, (_, i) => Math.floor(now / 256 ** (5 - i)) % 256),
    0x70 | (r[0]! & 0x0f), r[1]!, 0x80 | (r[2]! & 0x3f), ...r.slice(3, 10),
  ];
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('uuidv7 built from char codes', () => {
  it('writes the same text as formatting each byte, for any time and random bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.uint8Array({ minLength: 10, maxLength: 16 }), (now, r) => {
        expect(uuidv7(now, () => r)).toBe(oracle(now, r));
      }),
      { numRuns: 2000 },
    );
  });

  it('does not carry one id into the next (the char-code buffer is reused)', () => {
    const a = uuidv7(1, () => new Uint8Array(10).fill(0xff));
    const b = uuidv7(2, () => new Uint8Array(10));
    expect(a).toBe('00000000-0001-7fff-bfff-ffffffffffff');
    expect(b).toBe('00000000-0002-7000-8000-000000000000');
  });
});
