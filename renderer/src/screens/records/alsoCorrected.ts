/**
 * The other signed doses a person correction also corrected (records.correct's `alsoCorrected`),
 * handed from the entry form to the record detail it opens next, which says so once.
 */
let last: { recordId: string; also: readonly string[] } | null = null;

export function rememberAlsoCorrected(recordId: string, also: readonly string[]): void {
  last = also.length > 0 ? { recordId, also } : null;
}

/** The records corrected with `recordId`, once (later visits of the detail do not repeat it). */
export function takeAlsoCorrected(recordId: string): readonly string[] {
  if (last === null || last.recordId !== recordId) return [];
  const { also } = last;
  last = null;
  return also;
}
