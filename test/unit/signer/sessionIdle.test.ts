// The login ends after its idle time even when the timer fires before the clock the keeper reads
// says the time is up (timers and the wall clock drift apart by a millisecond or more on a loaded
// PC): it waits for the rest, never leaves the login open for good.
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import { CallQueue } from '../../../electron/signer/callQueue.js';
import { newSession } from '../../../electron/signer/loginSession.js';
import { SessionKeeper } from '../../../electron/signer/sessionKeeper.js';
import type { TokenState } from '../../../electron/signer/tokenObjects.js';

describe('SessionKeeper idle timeout', () => {
  it('ends the login as IDLE even if the timer fires before the clock says the time is up', async () => {
    const ended: { tokenSerial: string | null; reason: string }[] = [];
    let lag = 0;
    const keeper = new SessionKeeper({ port: () => null, queue: new CallQueue(), idleTimeoutMs: 40, now: () => Date.now() - lag, logger: memoryLogger(), ended: (d) => ended.push(d) });
    const session = newSession({ serial: 'T1' } as TokenState, Buffer.alloc(4), Date.now());
    (keeper as unknown as { session: typeof session }).session = session;
    keeper.used(session);
    // The clock falls 20 ms behind the timers: their first firing finds 20 ms still to go.
    lag = 20;
    for (let waited = 0; waited < 2000 && ended.length === 0; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(ended).toEqual([{ tokenSerial: 'T1', reason: 'IDLE' }]);
    expect(keeper.current).toBeNull();
  });
});
