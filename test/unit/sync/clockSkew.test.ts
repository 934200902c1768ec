// The PC clock against the platform's serverTime (DESIGN §6): a skew past five minutes is a
// bilingual warning; within it, nothing.
import { describe, expect, it } from 'vitest';
import { CLOCK_WARN_SECONDS, clockSkewSeconds, clockWarning } from '../../../electron/core/sync/clockSkew.js';

describe('clock skew', () => {
  const server = '2026-03-01T10:00:00.000Z';

  it('is the station clock minus the platform clock, in seconds', () => {
    expect(clockSkewSeconds(server, new Date('2026-03-01T10:07:00Z'))).toBe(420);
    expect(clockSkewSeconds(server, new Date('2026-03-01T09:59:30Z'))).toBe(-30);
    expect(clockSkewSeconds('not a date', new Date())).toBeNull();
  });

  it('warns past the threshold, in both directions, and says which way in both languages', () => {
    expect(clockWarning(0)).toBeNull();
    expect(clockWarning(CLOCK_WARN_SECONDS)).toBeNull();
    expect(clockWarning(-CLOCK_WARN_SECONDS)).toBeNull();
    expect(clockWarning(null)).toBeNull();
    const ahead = clockWarning(CLOCK_WARN_SECONDS + 60)!;
    expect(ahead.code).toBe('CLOCK_SKEW');
    expect(ahead.message_en).toMatch(/6 minutes ahead/);
    expect(ahead.message_vi).toMatch(/nhanh hơn.*6 phút/);
    const behind = clockWarning(-3 * 86400)!;
    expect(behind.message_en).toMatch(/3 days behind/);
    expect(behind.message_vi).toMatch(/chậm hơn.*3 ngày/);
    expect(clockWarning(2 * 3600)!.message_en).toMatch(/2 hours ahead/);
  });

  it('takes a custom threshold', () => {
    expect(clockWarning(61, 60)).not.toBeNull();
    expect(clockWarning(61, 120)).toBeNull();
  });
});
