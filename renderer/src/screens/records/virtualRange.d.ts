/**
 * Which rows of a long list to put in the DOM: only those in the viewport plus a few either side,
 * so 100 000 records cost the same as 30 (DESIGN §8: virtualised table).
 */
export interface RangeInput {
    scrollTop: number;
    viewportHeight: number;
    rowHeight: number;
    total: number;
    /** Extra rows above and below the viewport, so fast scrolling shows no blank band. */
    overscan?: number;
}
/** Rows [first, last) to render. */
export declare function visibleRange({ scrollTop, viewportHeight, rowHeight, total, overscan }: RangeInput): {
    first: number;
    last: number;
};
/** The scrollTop that brings row `index` fully into view, or null if it already is. */
export declare function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null;
