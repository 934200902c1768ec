// The PC clock against the platform's serverTime (DESIGN §6): a skew past five minutes is a
// bilingual warning; within it, nothing.
import { describe, expect, it } from 'vitest';
import { CLOCK_WARN_SECONDS, batchInFutureReason, clockSkewSeconds, clockWarning } from '../../../electron/core/sync/clockSkew.js';

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
