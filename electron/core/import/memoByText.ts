/** A remembered function of a text, and a look at what it remembers without computing. */
export interface TextMemo<T> {
  (text: string): T;
  /** The remembered answer for `text`, or undefined when it has not been computed (since the last start-over). */
  known(text: string): T | undefined;
}

/**
 * A pure function of a cell's text, remembered: the cells that repeat down a clinic sheet (vaccine,
 * sex, nationality, dose number) are parsed once instead of folded and matched on every row.
 * Bounded, for a hostile file whose every cell differs: past `max` texts it starts again.
 */
export function memoByText<T>(compute: (text: string) => T, max = 1024): TextMemo<T> {
  const remembered = new Map<string, T>();
  const memo = (text: string): T => {
    if (remembered.has(text)) return remembered.get(text) as T;
    const value = compute(text);
    if (remembered.size >= max) remembered.clear();
    remembered.set(text, value);
    return value;
  };
  return Object.assign(memo, { known: (text: string) => remembered.get(text) });
}

/**
 * Whether the text has a letter (Unicode \p{L}): ASCII answered by character code, anything past
 * it by the regex. Dates, id numbers, phones and dose numbers are ASCII without letters.
 */
const LETTER = /\p{L}/u;

export function hasLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return LETTER.test(text);
    const lower = c | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) return true;
  }
  return false;
}
