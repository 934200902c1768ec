// The API key refused in the middle of a run (revoked by the platform, or changed there): the run
// ends with the auth failure, as before, and now also says what went up before it (its messages
// and details.done); the batches answered stay answered, the rest wait, nothing is failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpPort, type HttpPort } from '../../../electron/core/sync/httpPort.js';
import { RpcError } from '../../../shared/rpc/client.js';
import { openSyncWorld, stationStates, type SyncWorld } from './syncWorld.js';

/** The real platform, except that every batch upload after the first `allowed` answers 401. */
function keyRevokedAfter(allowed: number): HttpPort {
  const real = nodeHttpPort();
  let puts = 0;
  return {
    async request(req) {
      if (req.method === 'PUT' && req.url.includes('/v1/batches/') && ++puts > allowed) {
        const body = new TextEncoder().encode(JSON.stringify({ code: 'UNAUTHORIZED', message: 'API key revoked' }));
        return { status: 401, headers: { 'content-type': 'application/json' }, body };
      }
      return real.request(req);
    },
    close: () => real.close?.(),
  };
}

describe('an API key refused in the middle of a sync run', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await openSyncWorld({ records: 30, seed: 52, sync: { http: keyRevokedAfter(2) } });
    for (let i = 0; i < 3; i++) await w.sign(10);
  });
  afterAll(() => w.close());

  it('ends the run saying how many batches went up before it, in both languages and in details', async () => {
    const e = await w.client.call('sync.run', {}).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(RpcError);
    const err = e as RpcError;
    expect(err.messageEn).toMatch(/Before it, 2 batch\(es\) were sent and answered \(20 records accepted\)\.$/);
    expect(err.messageVi).toMatch(/Trước lỗi này, 2 lô đã được gửi và hệ thống quốc gia đã trả lời \(20 hồ sơ được nhận\)\.$/);
    expect(err.details).toMatchObject({ done: { uploadedBatches: 2, failedBatches: 0, accepted: 20 } });
    const states = [...stationStates(w.station).values()];
    expect(states.filter((s) => s === 'signed')).toHaveLength(10);
    expect(states.filter((s) => s === 'accepted' || s === 'issued')).toHaveLength(20);
    const status = await w.client.call('sync.status', {});
    expect(status.pendingBatches).toBe(1);
    expect(status.lastError?.message_en).toContain('Before it, 2 batch(es)');
  });
});
