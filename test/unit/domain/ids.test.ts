import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuid, isUuidV7, uuidv7, uuidv7Time } from '../../../shared/domain/ids.js';
import { StationError } from '../../../shared/errors.js';

const bytes = (...b: number[]) => () => Uint8Array.from(b);
const randomBytes = fc.uint8Array({ minLength: 10, maxLength: 10 });

describe('uuidv7 (RFC 9562 §5.7)', () => {
  it('reproduces the RFC 9562 Appendix A.6 example', () => {
    // unix_ts_ms 0x017F22E279B0, rand_a 0xCC3, rand_b 0x18C4DC0C0C07398F
    const id = uuidv7(0x017f22e279b0, bytes(0x0c, 0xc3, 0x18, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f));
    expect(id).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
  });

  it('is deterministic given its ports, version 7, variant 10', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), randomBytes, (now, r) => {
      const a = uuidv7(now, () => r);
      return a === uuidv7(now, () => r) && isUuidV7(a) && uuidv7Time(a) === now;
    }));
  });

  it('writes every random byte it keeps as two hex digits in its place', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), randomBytes, (now, r) => {
      const hex = uuidv7(now, () => r).replaceAll('-', '');
      const expected = Buffer.from(r).toString('hex');
      expect(hex.slice(20)).toBe(expected.slice(8));
      expect(hex.slice(18, 20)).toBe(expected.slice(6, 8));
      expect(hex.slice(13, 16)).toBe(expected.slice(1, 4));
      expect(parseInt(hex[16]!, 16) & 0x3).toBe(parseInt(expected[4]!, 16) & 0x3);
    }));
  });

  it('sorts by creation time', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 48 - 2 }), fc.integer({ min: 1, max: 1e9 }), randomBytes, randomBytes, (t, dt, r1, r2) => {
      const later = Math.min(t + dt, 2 ** 48 - 1);
      return uuidv7(t, () => r1) < uuidv7(later, () => r2);
    }), { numRuns: 1000 });
  });

  it('asks the random port for 10 bytes and refuses fewer', () => {
    let asked = 0;
    uuidv7(1, (n) => {
      asked = n;
      return new Uint8Array(n);
    });
    expect(asked).toBe(10);
    expect(() => uuidv7(1, () => new Uint8Array(4))).toThrow(StationError);
  });

  it.each([[-1], [1.5], [2 ** 48], [Number.NaN]])('refuses the clock value %d', (now) => {
    expect(() => uuidv7(now, () => new Uint8Array(10))).toThrow(StationError);
  });
});

describe('isUuid', () => {
  it.each([
    ['017f22e2-79b0-7cc3-98c4-dc0c0c07398f', true], ['017F22E2-79B0-7CC3-98C4-DC0C0C07398F', true],
    ['017f22e279b07cc398c4dc0c0c07398f', false], ['017f22e2-79b0-7cc3-98c4-dc0c0c07398', false], ['', false], ['zzzzzzzz-79b0-7cc3-98c4-dc0c0c07398f', false],
  ])('%j → %s', (s, ok) => {
    expect(isUuid(s)).toBe(ok);
  });

  it('isUuidV7 wants version 7 and the RFC variant', () => {
    expect(isUuidV7('017f22e2-79b0-7cc3-98c4-dc0c0c07398f')).toBe(true);
    expect(isUuidV7('017f22e2-79b0-4cc3-98c4-dc0c0c07398f')).toBe(false);
    expect(isUuidV7('017f22e2-79b0-7cc3-c8c4-dc0c0c07398f')).toBe(false);
    expect(uuidv7Time('not-a-uuid')).toBeNull();
  });
});
