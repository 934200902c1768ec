// acceptedOnlyReply reads the all-accepted reply by hand: whatever it returns must be what
// BatchReplySchema gives, and anything else must be left to the schema (null).
import { describe, expect, it } from 'vitest';
import { acceptedOnlyReply } from '../../../electron/core/sync/batchReplyReader.js';
import { BatchReplySchema } from '../../../shared/platform/api.js';

const ok = (n: number) => Array.from({ length: n }, (_, i) => ({ recordId: `r${i}`, status: 'accepted' }));
const T = '2026-11-23T05:00:00.000Z';

describe('acceptedOnlyReply', () => {
  it('gives the schema output for all-accepted replies, extra keys stripped as the schema strips them', () => {
    for (const v of [
      { batch: 'b1', results: ok(3), serverTime: T },
      { batch: 'b1', results: [], serverTime: T },
      { batch: 'b1', results: ok(2).map((r) => ({ ...r, note: 'x' })), serverTime: T, extra: 1 },
    ]) {
      const fast = acceptedOnlyReply(v);
      expect(fast).not.toBeNull();
      expect(fast).toStrictEqual(BatchReplySchema.parse(v));
    }
  });

  it('leaves every other reply to the schema', () => {
    const cases: unknown[] = [
      null, 'x', [], { batch: 'b1', results: ok(1) }, { batch: 1, results: ok(1), serverTime: T },
      { batch: 'b1', results: {}, serverTime: T },
      { batch: 'b1', results: [...ok(2), { recordId: 'r9', status: 'rejected', code: 'C', message: 'm' }], serverTime: T },
      { batch: 'b1', results: [{ recordId: 'r1', status: 'duplicate', existingId: 'e' }], serverTime: T },
      { batch: 'b1', results: [{ recordId: 7, status: 'accepted' }], serverTime: T },
      { batch: 'b1', results: [{ status: 'accepted' }], serverTime: T },
      { batch: 'b1', results: [null], serverTime: T },
      { batch: 'b1', results: [['r1', 'accepted']], serverTime: T },
      { batch: 'b1', results: [{ recordId: 'r1', status: 'ACCEPTED' }], serverTime: T },
    ];
    for (const v of cases) expect(acceptedOnlyReply(v)).toBeNull();
  });
});
