// The second reading a typed word gets (store/nameQuery.ts): a one-letter Ê-đê or Jrai prefix
// typed joined to the word, Telex's "dd" for đ. A Vietnamese word never gets one, so its query
// costs and finds what it did.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ftsNameQuery, otherReading } from '../../../electron/core/store/nameQuery.js';

const ONSETS = ['', 'b', 'c', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', 'ch', 'gh', 'gi', 'kh', 'ng', 'ngh', 'nh', 'ph', 'qu', 'th', 'tr'];
const RHYMES = ['a', 'an', 'anh', 'ai', 'ao', 'e', 'em', 'en', 'i', 'inh', 'o', 'oa', 'oanh', 'on', 'ong', 'u', 'uan', 'uong', 'uyen', 'y', 'yen', 'ien'];

describe('otherReading', () => {
  it('reads a prefix letter joined to its word as two words, and dd as d', () => {
    expect(otherReading('hbla')).toBe('h bla');
    expect(otherReading('ymoan')).toBe('y moan');
    expect(otherReading('hhen')).toBe('h hen');
    expect(otherReading('ddang')).toBe('dang');
  });

  it('gives no second reading to a Vietnamese word (folded), nor to a short or non-letter word', () => {
    fc.assert(fc.property(fc.constantFrom(...ONSETS), fc.constantFrom(...RHYMES), (onset, rhyme) => otherReading(onset + rhyme) === null), { numRuns: 2000 });
    for (const w of ['hb', 'h', '0791', 'c765x']) expect(otherReading(w)).toBeNull();
  });

  it('makes one FTS5 query that ANDs every word', () => {
    expect(ftsNameQuery(['nguyen', 'hbla'])).toBe('"nguyen"* AND ("hbla"* OR "h bla"*)');
    expect(ftsNameQuery(['a"b'])).toBe('"a""b"*');
  });
});
