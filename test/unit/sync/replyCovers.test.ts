// A batch reply must answer exactly the batch's records, once each (applyBatchReply.ts); each
// way of breaking that is refused with its own reason, so the person (and whoever reads the
// platform's logs) is told what the platform got wrong, not a neighbouring fault.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkReplyCovers } from '../../../electron/core/sync/applyBatchReply.js';
import type { BatchReply } from '../../../shared/platform/api.js';

const ids = ['r1', 'r2', 'r3'];
const reply = (results: BatchReply['results'], batch = 'b1'): BatchReply => ({ batch, serverTime: '2026-11-24T01:00:00Z', results });
const accepted = (recordId: string) => ({ recordId, status: 'accepted' as const });

function refusal(r: BatchReply): { code: string; messageEn: string; messageVi: string } {
  try {
    checkReplyCovers('b1', ids, r);
  } catch (e) {
    return e as { code: string; messageEn: string; messageVi: string };
  }
  throw new Error('not refused');
}

describe('checkReplyCovers', () => {
  it('takes a reply answering each record once, in any order', () => {
    fc.assert(fc.property(fc.shuffledSubarray(ids, { minLength: 3, maxLength: 3 }), (order) => {
      expect(() => checkReplyCovers('b1', ids, reply(order.map(accepted)))).not.toThrow();
    }));
  });

  it('names each fault: another batch, a record not sent, a record answered twice, records not answered', () => {
    expect(refusal(reply(ids.map(accepted), 'b2')).messageEn).toContain('answer for another batch');
    expect(refusal(reply([...ids.map(accepted), accepted('r9')])).messageEn).toContain('result for a record not in the batch');
    const twice = refusal(reply([...ids.map(accepted), { recordId: 'r2', status: 'rejected', code: 'X', message: 'x' }]));
    expect(twice).toMatchObject({ code: 'PLATFORM_REPLY_INVALID' });
    expect(twice.messageEn).toContain('two results for the same record');
    expect(twice.messageVi).toContain('hai kết quả cho cùng một bản ghi');
    expect(refusal(reply([accepted('r1')])).messageEn).toContain('results missing for some records');
  });
});
