// Retry timing of the sync client (DESIGN §6): exponential backoff with full jitter, capped, and
// the platform's Retry-After in both of its forms (RFC 9110 §10.2.3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, backoffBoundMs, backoffDelayMs, parseRetryAfter, retryDelayMs } from '../../../electron/core/sync/backoff.js';

const policy = { baseMs: 1000, capMs: 600_000 };

describe('backoff with full jitter', () => {
  it('doubles the bound per attempt from the base, up to the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffBoundMs(a, policy))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffBoundMs(10, policy)).toBe(512_000);
    expect(backoffBoundMs(11, policy)).toBe(600_000);
    expect(backoffBoundMs(10_000, policy)).toBe(600_000);
    expect(backoffBoundMs(0, policy)).toBe(1000);
  });

  it('draws every delay within [0, bound] for any attempt and any random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (attempt, r) => {
        const d = backoffDelayMs(attempt, () => r, policy);
        return Number.isInteger(d) && d >= 0 && d <= backoffBoundMs(attempt, policy) && d <= policy.capMs;
      }),
    );
  });

  it('spreads the delays over the whole range (jitter), not at the bound', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const delays = Array.from({ length: 2000 }, () => backoffDelayMs(5, random, policy));
    const bound = backoffBoundMs(5, policy);
    expect(Math.min(...delays)).toBeLessThan(bound * 0.05);
    expect(Math.max(...delays)).toBeGreaterThan(bound * 0.95);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(mean).toBeGreaterThan(bound * 0.4);
    expect(mean).toBeLessThan(bound * 0.6);
  });

  it('waits at least as long as the platform asks with Retry-After', () => {
    expect(retryDelayMs(1, () => 0.5, 30_000, policy)).toBe(30_000);
    expect(retryDelayMs(12, () => 0.99, 1_000, policy)).toBe(Math.floor(0.99 * 600_000));
    expect(retryDelayMs(3, () => 0.5, null, policy)).toBe(2000);
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-03-01T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP-date, and a date in the past means now', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sunday, 01-Mar-26 10:02:00 GMT', now)).toBe(120_000);
    expect(parseRetryAfter('Sat, 28 Feb 2026 10:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is neither, and caps what is absurd', () => {
    for (const bad of [null, undefined, '', '-5', '1.5', 'soon', '10 seconds', '0x10', 'Mon 5', 'Funday, 99 Smarch 2026']) expect(parseRetryAfter(bad, now)).toBeNull();
    expect(parseRetryAfter('99999999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Fri, 01 Mar 2030 10:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('never returns a negative or non-finite delay for any header text', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const ms = parseRetryAfter(text, now);
      return ms === null || (Number.isFinite(ms) && ms >= 0 && ms <= MAX_RETRY_AFTER_MS);
    }));
  });
});
