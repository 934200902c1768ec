/**
 * A name typed into a search box, as the full-text index (people_fts, migration 0002) is asked:
 * every word must start a word of the stored name, in any order. Shared by the records table
 * (recordSearch.ts) and the certificates list (sync/certificateSearch.ts).
 *
 * Two ways clerks type a name other than it is stored, each answered by an OR of the word as
 * typed and one other reading, so nothing found before is lost:
 * - a one-letter prefix joined to the word ("hbla" for "Ksor H’Bla", "ymoan" for "Y-Moan"), an
 *   Ê-đê or Jrai name typed without its apostrophe or hyphen: stored as two words ("h", "bla").
 *   Tried only when the first two letters start no Vietnamese word (two consonants that are not
 *   ch gh gi kh ng nh ph qu th tr): "hbla" is read as "h bla" too, "hoa" or "nguyen" never.
 * - Telex's "dd" for đ typed with the input method off ("ddang" for "Đặng"): also read as "d".
 *   No Vietnamese word starts with two d.
 * Either reading is a phrase or a prefix FTS5 answers from its index: a query costs what it did
 * for a Vietnamese word (no second reading), and at most two lookups for these.
 */
import { foldForSearch } from './domain.js';

/** The folded words of a search text: control and format characters separate words, as spaces do. */
export function searchWords(text: string): string[] {
  // A NUL ends an FTS5 query string early; folding would drop a zero-width space and join the words around it.
  return foldForSearch(text.replace(/\p{C}+/gu, ' ')).split(/[\s\p{P}\p{S}]+/u).filter((w) => w !== '');
}

const VOWELS = /^[aeiouy]$/;
/** A first letter that starts a Vietnamese word before a consonant (an, em, ông, út); y starts one only before a vowel (yêu). */
const FIRST_VOWELS = /^[aeiou]$/;
/** Two letters that start Vietnamese words (the other initials are one consonant or a vowel). */
const INITIAL_PAIRS = new Set(['ch', 'gh', 'gi', 'kh', 'ng', 'nh', 'ph', 'qu', 'th', 'tr']);

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"*`;
}

/** Another reading of a typed word, or null (see above). */
export function otherReading(word: string): string | null {
  if (/^dd[a-z]/.test(word)) return word.slice(1);
  const [a, b] = [word[0] ?? '', word[1] ?? ''];
  const letters = /^[a-z]+$/.test(word);
  if (letters && word.length >= 3 && !FIRST_VOWELS.test(a) && !VOWELS.test(b) && !INITIAL_PAIRS.has(a + b)) return `${a} ${word.slice(1)}`;
  return null;
}

/** The FTS5 query for the words: each, quoted, by prefix, all of them; with its other reading ORed in. */
export function ftsNameQuery(words: readonly string[]): string {
  return words
    .map((w) => {
      const other = otherReading(w);
      return other === null ? quoted(w) : `(${quoted(w)} OR ${quoted(other)})`;
    })
    // Explicit AND: FTS5 reads "a" (b OR c) as a syntax error, "a" AND (b OR c) as meant.
    .join(' AND ');
}

/**
 * The words as phrases of index tokens, for testing a name row by row as ftsNameQuery asks the
 * index (recordSearch.ts, when only the newest matches were copied): per word, its readings, each
 * a run of tokens the last of which is a prefix. Null when a word holds anything but a–z and 0–9:
 * only there is unicode61's reading (letters and digits are tokens, everything else separates)
 * certain without its Unicode tables.
 */
export function namePhrases(words: readonly string[]): string[][][] | null {
  if (words.length === 0 || words.some((w) => !/^[a-z0-9]+$/.test(w))) return null;
  return words.map((w) => {
    const other = otherReading(w);
    return other === null ? [[w]] : [[w], other.split(' ')];
  });
}

/**
 * Whether a folded name holds every word (namePhrases) as the full-text index would find it: a
 * run of its tokens equal to the reading's, the last by prefix, words in any order. Null when the
 * name holds a character past ASCII: unicode61's letters and case folding there are its own tables.
 */
export function nameMatches(folded: string, phrases: readonly (readonly (readonly string[])[])[]): boolean | null {
  if (/[^\x00-\x7f]/.test(folded)) return null;
  const tokens = folded.toLowerCase().split(/[^a-z0-9]+/).filter((t) => t !== '');
  const at = (phrase: readonly string[], i: number) =>
    phrase.every((part, k) => {
      const token = tokens[i + k];
      return token !== undefined && (k === phrase.length - 1 ? token.startsWith(part) : token === part);
    });
  return phrases.every((readings) => readings.some((phrase) => tokens.some((_, i) => at(phrase, i))));
}
