// Background issuance waits for the simulator to serve no request: idle() resolves at once when
// nothing is in flight, and only when the last request in flight has left otherwise.
import { describe, expect, it } from 'vitest';
import { InFlight } from '../../platform/http/inFlight.js';

describe('InFlight', () => {
  it('resolves idle() only once every request that entered has left', async () => {
    const f = new InFlight();
    await f.idle();
    f.enter();
    f.enter();
    let idle = false;
    const waiting = f.idle().then(() => (idle = true));
    f.leave();
    await new Promise((r) => setImmediate(r));
    expect(idle).toBe(false);
    f.leave();
    await waiting;
    expect(idle).toBe(true);
  });
});
