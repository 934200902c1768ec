/**
 * When the core restarts a signer host that died on its own. A vendor driver that crashes once
 * (one bad call, a token pulled mid-signature) is restarted at once, so hot-plug events keep
 * coming and the next call does not wait. A host that dies every time it starts (typically a
 * native module built for another Electron ABI after an update) must not be respawned in a tight
 * loop: later restarts wait longer and longer, and after `maxCrashes` deaths in a row with no
 * call completed in between, the client stops restarting on its own until the next call.
 */
import { signerError } from '../../../shared/signer/index.js';
import type { StationError } from '../../../shared/errors.js';

export interface RestartPolicy {
  /** Wait before the second restart in a row; doubles for each one after. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Consecutive crashes with no completed call after which automatic restarts stop. */
  maxCrashes: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { firstDelayMs: 250, maxDelayMs: 30_000, maxCrashes: 5 };

/**
 * Delay before restarting after the `crashes`-th consecutive crash (1-based), or null when the
 * client should stop restarting on its own. Crash 1 → 0, 2 → first, 3 → 2×first, … ≤ max.
 */
export function restartDelay(crashes: number, policy: RestartPolicy): number | null {
  if (crashes >= policy.maxCrashes) return null;
  if (crashes <= 1) return 0;
  return Math.min(policy.firstDelayMs * 2 ** (crashes - 2), policy.maxDelayMs);
}

/** What a caller and the `signer.unavailable` event say once automatic restarts have stopped. */
export function restartsStoppedError(crashes: number, details: Record<string, unknown> = {}): StationError {
  return signerError(
    'SIGNER_UNAVAILABLE',
    { ...details, crashes, restarts: 'stopped' },
    {
      vi: `tiến trình đã dừng ${crashes} lần liên tiếp nên không tự khởi động lại nữa; thao tác tiếp theo sẽ thử lại một lần`,
      en: `it stopped ${crashes} times in a row, so it is no longer restarted automatically; your next action tries once more`,
    },
  );
}
