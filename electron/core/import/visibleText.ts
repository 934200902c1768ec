/**
 * Characters a cell can hold that no one sees: format characters (\p{Cf}: zero-width spaces and
 * joiners, soft hyphens, a BOM, direction marks) that a value copied from a chat, a web page or a
 * PDF carries, and no-break spaces that read as spaces. A lot "FF2587" + U+200B was refused as
 * LOT_INVALID_CHARACTERS and a date "20/07/2021" + U+200B as unreadable, with nothing visible to
 * fix (probe of session 23).
 */
const INVISIBLES = /\p{Cf}/gu;
/** NBSP, figure space, narrow NBSP: a space to whoever typed it. */
const NO_BREAK_SPACES = /[\u00a0\u2007\u202f]/g;
/** Either of the two (not global: a test keeps no state). */
const ANY = /[\p{Cf}\u00a0\u2007\u202f]/u;

/**
 * The text without format characters, its no-break spaces as spaces; the same string when it has
 * none (nearly every cell: a lot, a date, a phone is ASCII and answers at the first loop).
 */
export function visibleText(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) < 0xa0) i++;
  if (i === text.length) return text;
  if (!ANY.test(i === 0 ? text : text.slice(i))) return text;
  return text.replace(INVISIBLES, '').replace(NO_BREAK_SPACES, ' ');
}
