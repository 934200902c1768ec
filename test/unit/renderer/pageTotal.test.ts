// The records table's total when a search's count is capped (issue 3): "1.000+" on the first
// page, growing as pages further down answer with higher bounds, replaced by an exact answer.
import { describe, expect, it } from 'vitest';
import { mergeTotal } from '../../../renderer/src/screens/records/pageTotal.js';

describe('records table total', () => {
  it('takes an exact total as it is', () => {
    expect(mergeTotal(null, { total: 42 })).toEqual({ n: 42, capped: false });
    expect(mergeTotal({ n: 1000, capped: true }, { total: 1234, totalCapped: false })).toEqual({ n: 1234, capped: false });
  });

  it('keeps the highest lower bound, whatever order the pages answer in', () => {
    const first = mergeTotal(null, { total: 1000, totalCapped: true });
    expect(first).toEqual({ n: 1000, capped: true });
    const deeper = mergeTotal(first, { total: 2000, totalCapped: true });
    expect(deeper).toEqual({ n: 2000, capped: true });
    // The first page answering again (or late) does not shrink the table under the user.
    expect(mergeTotal(deeper, { total: 1000, totalCapped: true })).toEqual({ n: 2000, capped: true });
  });
});
