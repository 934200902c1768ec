/** Rows [first, last) to render. */
export function visibleRange({ scrollTop, viewportHeight, rowHeight, total, overscan = 8 }) {
    if (total <= 0 || rowHeight <= 0)
        return { first: 0, last: 0 };
    const top = Math.max(0, Math.floor(scrollTop / rowHeight));
    const shown = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
    const first = Math.max(0, Math.min(total - 1, top - overscan));
    const last = Math.min(total, top + shown + overscan);
    return { first, last: Math.max(first, last) };
}
/** The scrollTop that brings row `index` fully into view, or null if it already is. */
export function scrollToReveal(index, scrollTop, viewportHeight, rowHeight) {
    const rowTop = index * rowHeight;
    const rowBottom = rowTop + rowHeight;
    if (rowTop < scrollTop)
        return rowTop;
    if (rowBottom > scrollTop + viewportHeight)
        return rowBottom - viewportHeight;
    return null;
}
//# sourceMappingURL=virtualRange.js.map