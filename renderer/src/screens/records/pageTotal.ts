/**
 * The records table's total as pages answer. A search's total may be a lower bound
 * (`totalCapped`: the core stops counting a little past the page asked for, issue 3), and pages
 * further down answer with higher bounds: the table keeps the highest, so it grows as the user
 * scrolls towards its end, and an exact answer replaces a bound.
 */
export interface PageTotal {
  n: number;
  /** n is a lower bound: there are more records (shown "1.000+"). */
  capped: boolean;
}

export function mergeTotal(prev: PageTotal | null, answer: { total: number; totalCapped?: boolean | undefined }): PageTotal {
  const capped = answer.totalCapped === true;
  if (!capped || prev === null || !prev.capped) return { n: answer.total, capped };
  return { n: Math.max(prev.n, answer.total), capped: true };
}
