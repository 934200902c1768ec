/**
 * Pages of `records.list` results kept by page number, so scrolling back is instant and a page is
 * asked for once. A new query (search, filters) starts a new cache: the generation number lets
 * late answers for the old query be dropped.
 */
export declare class PageCache<T> {
    readonly pageSize: number;
    private readonly pages;
    private readonly inflight;
    /** The largest cache, in pages, before the pages farthest from the viewport are dropped. */
    private readonly maxPages;
    constructor(pageSize: number, maxPages?: number);
    rowAt(index: number): T | undefined;
    /** Pages that cover rows [first, last) and are neither cached nor being fetched. */
    missing(first: number, last: number): number[];
    markFetching(page: number): void;
    store(page: number, items: readonly T[], nearPage?: number): void;
    failed(page: number): void;
    get size(): number;
}
