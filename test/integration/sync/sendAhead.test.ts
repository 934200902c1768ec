// The next batch goes while the answer to the previous one is applied, and the outbox rules
// still hold: a batch is sent only after the platform answered the one before it (the platform
// receives them in signing order), and when applying an answer fails after the next batch was
// already sent, both are answered again from the platform's stored replies, each record held and
// applied once.
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpPort, type HttpPort } from '../../../electron/core/sync/httpPort.js';
import { openSyncWorld, stationStates, type SyncWorld } from './syncWorld.js';

interface Seen {
  batch: string;
  /** State of every batch on the station when this PUT started. */
  states: Record<string, string>;
  /** PUTs whose answer had not come back when this one started. */
  open: number;
}

function recordingPort(w: () => SyncWorld, seen: Seen[], mangleFirstAnswerOf?: () => string): HttpPort {
  const inner = nodeHttpPort();
  let open = 0;
  let mangled = false;
  return {
    async request(req) {
      const m = /\/v1\/batches\/([^/?]+)$/.exec(new URL(req.url).pathname);
      if (!m || req.method !== 'PUT') return inner.request(req);
      const states = Object.fromEntries(w().station.signing.batches.list({ limit: 100, offset: 0 }).items.map((b) => [b.id, b.state]));
      seen.push({ batch: m[1]!, states, open });
      open += 1;
      try {
        const res = await inner.request(req);
        if (!mangled && mangleFirstAnswerOf?.() === m[1]) {
          // Committed on the platform, but the answer leaves out a record: not applicable.
          mangled = true;
          const reply = JSON.parse(new TextDecoder().decode(res.body)) as { results: unknown[] };
          reply.results.pop();
          return { ...res, body: new TextEncoder().encode(JSON.stringify(reply)) };
        }
        return res;
      } finally {
        open -= 1;
      }
    },
    close: () => inner.close?.(),
  };
}

describe('sending the next batch while an answer is applied', () => {
  let w: SyncWorld;
  afterEach(async () => {
    await w?.close();
  });

  it('sends batch n+1 before n is applied, never before n is answered; the platform gets them in signing order', async () => {
    const seen: Seen[] = [];
    w = await openSyncWorld({ records: 30, seed: 41, sync: { http: recordingPort(() => w, seen) } });
    const signed = [await w.sign(10), await w.sign(10), await w.sign(10)];
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 3, accepted: 30 });
    expect(seen.map((s) => s.batch)).toEqual(signed);
    // Never two in flight: each went after the answer to the one before it...
    expect(seen.map((s) => s.open)).toEqual([0, 0, 0]);
    // ...but before that answer was applied (its batch still signed here).
    expect(seen[1]!.states[signed[0]!]).toBe('signed');
    expect(seen[2]!.states[signed[1]!]).toBe('signed');
    expect((await w.held()).map((h) => h.batch)).toEqual([...Array(10).fill(signed[0]), ...Array(10).fill(signed[1]), ...Array(10).fill(signed[2])]);
  });

  it('an answer that cannot be applied after the next batch left: both are answered again from the stored replies, each record once', async () => {
    const seen: Seen[] = [];
    let first = '';
    w = await openSyncWorld({ records: 20, seed: 43, sync: { http: recordingPort(() => w, seen, () => first) } });
    first = await w.sign(10);
    const second = await w.sign(10);
    const r1 = await w.client.call('sync.run', {});
    expect(seen.slice(0, 2).map((s) => s.batch)).toEqual([first, second]);
    let accepted = r1.accepted;
    for (let i = 0; i < 3 && w.station.signing.batches.pending().count > 0; i++) accepted += (await w.client.call('sync.run', {})).accepted;
    expect(accepted).toBe(20);
    expect([...stationStates(w.station).values()].every((s) => s === 'accepted' || s === 'issued')).toBe(true);
    const held = await w.held();
    expect(held).toHaveLength(20);
    expect(new Set(held.map((h) => h.recordId)).size).toBe(20);
    // The first batch was sent again (its answer was not applied) before the second was applied.
    expect(seen.filter((s) => s.batch === first).length).toBeGreaterThanOrEqual(2);
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });
});
