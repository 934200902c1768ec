// The records table's arithmetic: which rows are in the DOM for a scroll position, how the
// scroll follows the keyboard, and the page cache behind it (asked once, bounded, per query).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PageCache } from '../../../renderer/src/screens/records/pageCache.js';
import { scrollToReveal, visibleRange } from '../../../renderer/src/screens/records/virtualRange.js';

describe('visibleRange', () => {
  it('renders a viewport of rows plus the overscan, whatever the total', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 400, rowHeight: 40, total: 100_000, overscan: 8 })).toEqual({ first: 0, last: 19 });
    const mid = visibleRange({ scrollTop: 40 * 50_000, viewportHeight: 400, rowHeight: 40, total: 100_000, overscan: 8 });
    expect(mid).toEqual({ first: 49_992, last: 50_019 });
  });

  it('never leaves [0, total) and always covers the rows in view (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 20 }), (total, top, height, overscan) => {
        const rowHeight = 40;
        const scrollTop = Math.min(top * rowHeight, Math.max(0, total * rowHeight - height));
        const { first, last } = visibleRange({ scrollTop, viewportHeight: height, rowHeight, total, overscan });
        expect(first).toBeGreaterThanOrEqual(0);
        expect(last).toBeLessThanOrEqual(total);
        expect(first).toBeLessThanOrEqual(last);
        expect(last - first).toBeLessThanOrEqual(Math.ceil(height / rowHeight) + 1 + 2 * overscan);
        if (total > 0) {
          const firstVisible = Math.floor(scrollTop / rowHeight);
          const lastVisible = Math.min(total - 1, Math.floor((scrollTop + Math.max(height - 1, 0)) / rowHeight));
          expect(first).toBeLessThanOrEqual(firstVisible);
          expect(last).toBeGreaterThan(Math.min(lastVisible, total - 1));
        }
      }),
    );
  });

  it('is empty for an empty list', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 400, rowHeight: 40, total: 0 })).toEqual({ first: 0, last: 0 });
  });
});

describe('scrollToReveal', () => {
  it('scrolls up to a row above the view, down to one below, and not at all for one in view', () => {
    expect(scrollToReveal(5, 400, 400, 40)).toBe(200);
    expect(scrollToReveal(30, 0, 400, 40)).toBe(31 * 40 - 400);
    expect(scrollToReveal(3, 0, 400, 40)).toBeNull();
  });
});

describe('PageCache', () => {
  it('asks for each missing page once, serves rows by index, and retries a failed page', () => {
    const cache = new PageCache<string>(100);
    expect(cache.missing(150, 320)).toEqual([1, 2, 3]);
    for (const p of [1, 2, 3]) cache.markFetching(p);
    expect(cache.missing(150, 320)).toEqual([]);
    cache.store(1, Array.from({ length: 100 }, (_, i) => `row ${100 + i}`));
    expect(cache.rowAt(150)).toBe('row 150');
    expect(cache.rowAt(250)).toBeUndefined();
    cache.failed(2);
    expect(cache.missing(150, 320)).toEqual([2]);
  });

  it('keeps a bounded number of pages, dropping those farthest from where the user is', () => {
    const cache = new PageCache<number>(10, 3);
    for (const p of [0, 1, 2, 3]) cache.store(p, [p], 3);
    expect(cache.size).toBe(3);
    expect(cache.rowAt(0)).toBeUndefined();
    expect(cache.rowAt(30)).toBe(3);
  });
});
