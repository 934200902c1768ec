// Hot-plug polling (DESIGN §5) must not compete with a signing action on a slow USB token: a timed
// poll is skipped while the host has used the token within the interval, and runs once it is idle.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import { CallQueue } from '../../../electron/signer/callQueue.js';
import { SlotWatcher } from '../../../electron/signer/slotWatcher.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function watcher() {
  const reads: number[] = [];
  const w = new SlotWatcher({
    queue: new CallQueue(),
    intervalMs: 1000,
    now: () => Date.now(),
    read: () => {
      reads.push(Date.now());
      return [{ serial: 'A', label: 'token' }];
    },
    inserted: () => undefined,
    removed: () => undefined,
    logger: silentLogger,
  });
  w.reset([{ serial: 'A', label: 'token' }]);
  return { w, reads };
}

describe('SlotWatcher timed polls', () => {
  it('polls every interval while the token is not in use', async () => {
    const { w, reads } = watcher();
    w.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(reads).toHaveLength(3);
    w.stop();
  });

  it('skips the polls that fall within an interval of a listing or a signature, then resumes', async () => {
    const { w, reads } = watcher();
    w.start();
    await vi.advanceTimersByTimeAsync(900);
    w.busy(() => 'listing'); // at 900 ms: the poll at 1000 ms is skipped
    await vi.advanceTimersByTimeAsync(600);
    expect(reads).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000); // 2000 ms: 1100 ms since the listing
    expect(reads).toHaveLength(1);
    w.stop();
  });

  it('an explicit poll always reads', async () => {
    const { w, reads } = watcher();
    w.busy(() => 'sign');
    await w.poll();
    expect(reads).toHaveLength(1);
  });
});
