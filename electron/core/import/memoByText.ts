/**
 * A pure function of a cell's text, remembered: the cells that repeat down a clinic sheet (vaccine,
 * sex, nationality, dose number) are parsed once instead of folded and matched on every row.
 * Bounded, for a hostile file whose every cell differs: past `max` texts it starts again.
 */
export function memoByText<T>(compute: (text: string) => T, max = 1024): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text) as T;
    const value = compute(text);
    if (known.size >= max) known.clear();
    known.set(text, value);
    return value;
  };
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
