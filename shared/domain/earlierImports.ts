/**
 * Which of a file's earlier imports the "imported before" notice names (session 22). The first
 * import always: it normally created the records, and a later one finds them stored and creates
 * none, so the newest alone can hide when the records came in. Then the newest, up to
 * EARLIER_IMPORTS_NAMED in all; those between are only counted. `station import`
 * (electron/core/import/importedBeforeNote.ts) and the import screen (ImportedBefore.tsx) word
 * the same choice.
 */

/** Earlier imports a notice names one by one, the first import among them. */
export const EARLIER_IMPORTS_NAMED = 3;

export interface NamedEarlierImports<T> {
  /** The first import of the file. */
  first: T;
  /** The imports named after it, oldest first (the last is the newest); none when it was imported once. */
  later: T[];
  /** The imports between `first` and `later` that are not named. */
  between: number;
}

/**
 * `runs`: newest first with the first import last, as a preview's `importedBefore` is; `total`:
 * every import of the file (`importedBeforeTotal`). Null when the file was not imported before.
 */
export function namedEarlierImports<T>(runs: readonly T[], total: number): NamedEarlierImports<T> | null {
  const first = runs[runs.length - 1];
  if (first === undefined) return null;
  const later = runs.slice(0, Math.min(EARLIER_IMPORTS_NAMED - 1, runs.length - 1)).reverse();
  return { first, later, between: Math.max(0, total - 1 - later.length) };
}
