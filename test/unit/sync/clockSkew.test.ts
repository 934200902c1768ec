// The PC clock against the platform's serverTime (DESIGN §6): a skew past five minutes is a
// bilingual warning; within it, nothing.
import { describe, expect, it } from 'vitest';
import { CLOCK_WARN_SECONDS, VIETNAM_ZONE_OFFSET_MINUTES, batchInFutureReason, clockSkewSeconds, clockWarning, looksLikeWrongZone } from '../../../electron/core/sync/clockSkew.js';

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
    // On a PC set to Viet Nam's zone a whole-hours skew is a wrong clock: correct it.
    expect(clockWarning(2 * 3600, CLOCK_WARN_SECONDS, VIETNAM_ZONE_OFFSET_MINUTES)!.message_en).toMatch(/2 hours ahead.*Please correct the PC's date and time/);
  });

  it('a whole-hours skew on a PC not in UTC+7 says to set the time zone, not to correct the time (probe 16, F6)', () => {
    // A PC set to UTC whose wall clock was moved to show Viet Nam time: 7 hours ahead (a few seconds off).
    const zone = clockWarning(7 * 3600 + 40, CLOCK_WARN_SECONDS, 0)!;
    expect(zone.code).toBe('CLOCK_SKEW');
    expect(zone.message_en).toMatch(/7 hours ahead.*exactly its time zone's difference.*wrong time zone \(it is UTC\+00:00\)/);
    expect(zone.message_en).toContain("Set the PC's time zone to (UTC+07:00) Bangkok, Hanoi, Jakarta");
    expect(zone.message_en).not.toContain("Please correct the PC's date and time");
    expect(zone.message_vi).toContain('Hãy đặt múi giờ của máy tính là (UTC+07:00) Bangkok, Hanoi, Jakarta');
    // Los Angeles (UTC-08:00, getTimezoneOffset 480): its wall clock moved on 15 hours to show Viet Nam's.
    expect(clockWarning(15 * 3600, CLOCK_WARN_SECONDS, 480)!.message_en).toMatch(/15 hours ahead.*it is UTC-08:00.*\(UTC\+07:00\) Bangkok, Hanoi, Jakarta/);
    // Kiritimati (UTC+14:00): moved back 7 hours.
    expect(clockWarning(-7 * 3600, CLOCK_WARN_SECONDS, -840)!.message_en).toMatch(/7 hours behind.*it is UTC\+14:00/);
    // The same skew on a PC that is in UTC+7: the clock itself is wrong.
    expect(clockWarning(7 * 3600, CLOCK_WARN_SECONDS, VIETNAM_ZONE_OFFSET_MINUTES)!.message_en).toMatch(/Please correct the PC's date and time\.$/);
    // Not whole hours, or days: the clock, whatever the zone.
    expect(clockWarning(7 * 3600 + 10 * 60, CLOCK_WARN_SECONDS, 0)!.message_en).toMatch(/Please correct the PC's date and time\.$/);
    expect(clockWarning(-3 * 86400, CLOCK_WARN_SECONDS, 0)!.message_en).toMatch(/Please correct the PC's date and time\.$/);
  });

  it('tells a wrong zone only by the skew that zone gives a clock showing Viet Nam time, within two minutes (probe 17, F7)', () => {
    // UTC: 7 hours ahead, and only that.
    expect(looksLikeWrongZone(7 * 3600 - 119, 0)).toBe(true);
    expect(looksLikeWrongZone(7 * 3600 + 121, 0)).toBe(false);
    for (const hours of [1, 3, 19, 24, -5, -7]) expect(looksLikeWrongZone(hours * 3600, 0), `${hours} h on UTC`).toBe(false);
    // UTC-05:00: 12 hours ahead; a date a day ahead is a wrong date.
    expect(looksLikeWrongZone(12 * 3600, 300)).toBe(true);
    expect(looksLikeWrongZone(24 * 3600, 300)).toBe(false);
    // India (UTC+05:30): an hour and a half ahead.
    expect(looksLikeWrongZone(90 * 60, -330)).toBe(true);
    expect(looksLikeWrongZone(10 * 60, 0)).toBe(false);
    expect(looksLikeWrongZone(7 * 3600, VIETNAM_ZONE_OFFSET_MINUTES)).toBe(false);
    expect(looksLikeWrongZone(0, VIETNAM_ZONE_OFFSET_MINUTES)).toBe(false);
    // The warning itself, a day ahead on a UTC PC: correct the clock.
    expect(clockWarning(24 * 3600, CLOCK_WARN_SECONDS, 0)!.message_en).toMatch(/24 hours ahead.*Please correct the PC's date and time\.$/);
  });

  it('takes a custom threshold', () => {
    expect(clockWarning(61, 60)).not.toBeNull();
    expect(clockWarning(61, 120)).toBeNull();
  });
});

describe('a batch dated in the platform’s future (BATCH_CREATED_IN_FUTURE)', () => {
  const batch = { id: 'b-1', createdAt: '2026-03-03T02:30:00.000Z' };

  it('says when the platform takes it (clinic time, UTC+7) and that later batches wait, in both languages', () => {
    const r = batchInFutureReason(batch, 0);
    expect(r.code).toBe('BATCH_CREATED_IN_FUTURE');
    for (const text of [r.message_vi, r.message_en]) {
      expect(text).toContain('b-1');
      expect(text).toContain('09:30 03/03/2026 (UTC+7)');
    }
    expect(r.message_en).toMatch(/batches signed after it wait/);
    expect(r.message_vi).toMatch(/các lô ký sau chờ lô này/);
  });

  it('a batch dated 7 hours ahead on a PC in UTC+00:00: set the time zone', () => {
    const r = batchInFutureReason(batch, 7 * 3600, CLOCK_WARN_SECONDS, 0);
    expect(r.message_en).toMatch(/still about 7 hours ahead, exactly its time zone's difference: .*\(UTC\+07:00\) Bangkok, Hanoi, Jakarta/);
    expect(r.message_vi).toMatch(/đúng bằng độ lệch múi giờ: .*\(UTC\+07:00\) Bangkok, Hanoi, Jakarta/);
    expect(batchInFutureReason(batch, 7 * 3600, CLOCK_WARN_SECONDS, VIETNAM_ZONE_OFFSET_MINUTES).message_en).toMatch(/still about 7 hours ahead: correct the PC's date and time now/);
  });

  it('tells the user to correct the PC clock, by how much while it is still ahead', () => {
    const ahead = batchInFutureReason(batch, 2 * 86400);
    expect(ahead.message_en).toMatch(/still about 2 days ahead: correct the PC's date and time now/);
    expect(ahead.message_vi).toMatch(/vẫn nhanh khoảng 2 ngày: hãy chỉnh lại ngày giờ của máy tính/);
    const fixed = batchInFutureReason(batch, 3);
    expect(fixed.message_en).toMatch(/PC clock was ahead when it was signed.*now right.*keep the PC's date and time correct/);
    expect(fixed.message_en).not.toMatch(/still/);
    const unknown = batchInFutureReason(batch, null);
    expect(unknown.message_en).toMatch(/Check and correct the PC's date and time/);
    expect(unknown.message_vi).toMatch(/chỉnh lại ngày giờ của máy tính/);
  });
});
