/**
 * Pages of `records.list` results kept by page number, so scrolling back is instant and a page is
 * asked for once. A new query (search, filters) starts a new cache: the generation number lets
 * late answers for the old query be dropped.
 */
export class PageCache {
    pageSize;
    pages = new Map();
    inflight = new Set();
    /** The largest cache, in pages, before the pages farthest from the viewport are dropped. */
    maxPages;
    constructor(pageSize, maxPages = 200) {
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }
    rowAt(index) {
        return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
    }
    /** Pages that cover rows [first, last) and are neither cached nor being fetched. */
    missing(first, last) {
        if (last <= first)
            return [];
        const out = [];
        for (let p = Math.floor(first / this.pageSize); p <= Math.floor((last - 1) / this.pageSize); p++) {
            if (!this.pages.has(p) && !this.inflight.has(p))
                out.push(p);
        }
        return out;
    }
    markFetching(page) {
        this.inflight.add(page);
    }
    store(page, items, nearPage = page) {
        this.inflight.delete(page);
        this.pages.set(page, items);
        if (this.pages.size > this.maxPages) {
            const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - nearPage) - Math.abs(a - nearPage));
            for (const p of far.slice(0, this.pages.size - this.maxPages))
                this.pages.delete(p);
        }
    }
    failed(page) {
        this.inflight.delete(page);
    }
    get size() {
        return this.pages.size;
    }
}
//# sourceMappingURL=pageCache.js.map