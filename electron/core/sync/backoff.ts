/**
 * When to try a batch again after a transient failure (DESIGN §6): exponential backoff with
 * "full jitter" (a uniformly random delay between 0 and the exponential bound, capped), so that
 * many offline stations coming back at once do not all retry in step; and the platform's
 * `Retry-After` (RFC 9110 §10.2.3: delay-seconds or an HTTP-date), which wins when it asks for
 * longer.
 */

export interface BackoffPolicy {
  /** Bound of the first retry's delay. */
  baseMs: number;
  /** No delay is ever longer than this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 10 * 60_000 };

/** The bound for the `attempt`-th failure (1-based): base · 2^(attempt−1), capped. */
export function backoffBoundMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 40));
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/** Full jitter: uniform in [0, bound]; `random` returns [0, 1). */
export function backoffDelayMs(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * backoffBoundMs(attempt, policy));
}

/** Longest Retry-After honoured: a misconfigured proxy saying "a year" must not park the queue. */
export const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/**
 * `Retry-After` → milliseconds from `now`, or null when absent or unreadable. A date in the
 * past means "now" (0). Negative or fractional seconds are not delay-seconds: ignored.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // HTTP-date: IMF-fixdate and the two obsolete forms (RFC 9110 §5.6.7) all name the month.
  if (!/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now.getTime()), MAX_RETRY_AFTER_MS);
}

/** The delay to wait: the backoff, or the platform's Retry-After when it asks for longer. */
export function retryDelayMs(attempt: number, random: () => number, retryAfterMs: number | null, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const backoff = backoffDelayMs(attempt, random, policy);
  return retryAfterMs === null ? backoff : Math.max(backoff, retryAfterMs);
}
