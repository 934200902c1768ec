// batchStore.itemRecords: what applying a platform answer reads instead of the ids and then a
// lookup of every id — the batch's records in leaf order, each with its seq (the rowid the set
// move updates by) and its state now, a corrected one included.
import { afterEach, describe, expect, it } from 'vitest';
import { openSyncWorld, type SyncWorld } from './syncWorld.js';

describe('batchStore.itemRecords', () => {
  let w: SyncWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it('gives the ids in leaf order with each record seq and current state', async () => {
    w = await openSyncWorld({ records: 5, seed: 17 });
    const batches = w.station.signing.batches;
    const batch = await w.sign(5);
    const ids = batches.recordIds(batch);
    const corrected = ids[2]!;
    w.station.store.correctRecord(corrected, { dose: { lot: 'FIX02' } }, 'Sai số lô', { confirmWarnings: true });

    const got = batches.itemRecords(batch);
    expect(got.ids).toEqual(ids);
    const row = w.station.store.db.prepare('SELECT seq, state FROM dose_records WHERE id = ?');
    const expected = ids.map((id) => row.get(id) as { seq: number; state: string });
    expect(got.seqs).toEqual(expected.map((r) => r.seq));
    expect(got.states).toEqual(expected.map((r) => r.state));
    expect(got.states[2]).toBe('superseded');
    expect(got.states.filter((s) => s === 'signed')).toHaveLength(4);
    expect(batches.itemRecords('no-such-batch')).toEqual({ ids: [], seqs: [], states: [] });
  });
});
