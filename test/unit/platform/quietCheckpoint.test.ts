// The simulator's WAL checkpoint waits for a quiet moment instead of running inside an upload's
// commit (test/platform/quietCheckpoint.ts): a large upload leaves its pages in the log, and the
// checkpoint, run once uploads stop and no request is in flight, moves them into the database.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlatformStore } from '../../platform/platformStore.js';
import { QuietCheckpoint } from '../../platform/quietCheckpoint.js';

describe('QuietCheckpoint', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once, quietMs after the last kick, after the requests in flight, and never after close', async () => {
    vi.useFakeTimers();
    const run = vi.fn(() => Promise.resolve());
    let release: () => void = () => undefined;
    let busy = false;
    const whenIdle = () => (busy ? new Promise<void>((r) => (release = r)) : Promise.resolve());
    const c = new QuietCheckpoint({ run, whenIdle, quietMs: 1000 });
    c.kick();
    await vi.advanceTimersByTimeAsync(600);
    c.kick();
    await vi.advanceTimersByTimeAsync(600);
    expect(run).not.toHaveBeenCalled();
    busy = true;
    await vi.advanceTimersByTimeAsync(500);
    expect(run).not.toHaveBeenCalled();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    c.kick();
    c.close();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('PlatformStore WAL', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a large upload in the log until checkpoint(), which moves it into the database file', () => {
    dir = mkdtempSync(join(tmpdir(), 'platform-wal-'));
    const store = PlatformStore.open(dir);
    try {
      const file = join(dir, 'platform.sqlite');
      const before = statSync(file).size;
      const accepted = Array.from({ length: 10_000 }, (_, i) => ({
        id: `r-${i}`, batchId: 'b1', facility: '79001', index: i, personKey: `CCCD:${100000 + i}`, dose: 1, date: '2021-07-01', vaccine: 'PFIZER',
        recordCbor: new Uint8Array(400).fill(i & 0xff), acceptedAt: '2026-01-01T00:00:00.000Z',
        get record(): never {
          throw new Error('not read');
        },
      }));
      store.commitBatch({
        batch: { id: 'b1', facility: '79001', root: new Uint8Array(32), manifest: new Uint8Array(1), created: 0, receivedAt: '2026-01-01T00:00:00.000Z', reply: '{}' },
        accepted, superseded: [], revoked: [], issuance: [],
      });
      // Over 1,000 pages (SQLite's default threshold) committed, none checkpointed yet.
      expect(statSync(file).size).toBe(before);
      expect(store.checkpoint()).toBeGreaterThan(1000);
      expect(statSync(file).size).toBeGreaterThan(before + 4_000_000);
      expect(store.counts().records).toBe(10_000);
    } finally {
      store.close();
    }
  });
});
