/**
 * Names as Vietnamese clinics type them, and their ICAO 9303 machine-readable form (DESIGN §3).
 * The full name is stored as typed (NFC, whitespace folded); the split and the transliteration
 * are derived from it and stay editable.
 */

/** Zero-width characters that copy-paste from web pages and Word leave inside names. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** `\s` covers ASCII whitespace, NBSP, the U+2000 block, U+202F, U+205F, U+3000 and line separators. */
const WHITESPACE_RUN = /\s+/g;

/** NFC, zero-width characters removed, runs of whitespace folded to one space, trimmed; case kept. */
export function normalizeName(raw: string): string {
  if (isNormalLatin(raw)) return raw;
  // NFC is applied again at the end: folding and trimming can never create a composable pair, but
  // a second pass keeps the function idempotent by construction.
  return raw.replace(ZERO_WIDTH, '').normalize('NFC').replace(WHITESPACE_RUN, ' ').trim().normalize('NFC');
}

/**
 * Vietnamese order: the first word is the family name, the rest the given names. Compound family
 * names ("Tôn Nữ", "Nguyễn Phước") exist, so the split is a default the user can edit.
 */
export function splitName(fullName: string): { familyName: string; givenName: string } {
  const name = normalizeName(fullName);
  const space = name.indexOf(' ');
  if (space < 0) return { familyName: name, givenName: '' };
  return { familyName: name.slice(0, space), givenName: name.slice(space + 1) };
}

/** A word in capitals: two letters or more, none in lower case ("SMITH", "O'NEIL", "MÜLLER"). */
const CAPITALS = /^(?=(?:.*\p{Lu}){2})[\p{Lu}\p{M}'’-]+$/u;
/** A given name's initial: one capital letter, with or without its full stop ("F", "J."). */
const INITIAL = /^\p{Lu}\.?$/u;

/**
 * A foreigner's name written as passports and visas write it, the family name in capitals after
 * the given names ("John SMITH", "Anna Maria VAN DER BERG"): the family name and the given names.
 * Null when the capitals are not a run at the end after words in lower case ("KIM Min Jun" is in
 * family-first order already; "John Smith" does not say which is which).
 */
export function familyInCapitalsLast(name: string): { familyName: string; givenName: string } | null {
  const words = name.split(' ');
  if (words.length < 2 || !CAPITALS.test(words[words.length - 1]!)) return null;
  let start = words.length - 1;
  while (start > 0 && CAPITALS.test(words[start - 1]!)) start--;
  // Before them, given names in lower case; a middle initial ("John F KENNEDY", "Mary J. BLIGE") has
  // none, but is no word in capitals either. Initials alone ("J R SMITH") say nothing of the order.
  const before = words.slice(0, start);
  if (start === 0 || !before.every((w) => /\p{Ll}/u.test(w) || INITIAL.test(w)) || !before.some((w) => /\p{Ll}/u.test(w))) return null;
  return { familyName: words.slice(start).join(' '), givenName: words.slice(0, start).join(' ') };
}

/**
 * The split a name gets when none is typed: Vietnamese order (splitName), except for a foreigner
 * (`nationality` not VN) whose name ends in capitals, which passports use for the family name:
 * "Anna Maria SCHMIDT" is SCHMIDT, Anna Maria, not the family name "Anna" on the certificate. A
 * Vietnamese "Nguyễn Thị HOA" keeps its order (lists put a given name in capitals to sort by it).
 */
export function defaultSplit(fullName: string, nationality: string | undefined): { familyName: string; givenName: string; familyLast: boolean } {
  const name = normalizeName(fullName);
  const foreign = nationality !== undefined && nationality.trim() !== '' && nationality.trim().toUpperCase() !== 'VN';
  const last = foreign ? familyInCapitalsLast(name) : null;
  return last === null ? { ...splitName(name), familyLast: false } : { ...last, familyLast: true };
}

/**
 * ICAO 9303 Part 3 §6 transliterations that are not "drop the accent": letters no Unicode
 * decomposition turns into A–Z, and the recommended Ä→AE, Å→AA, Ö→OE, Ü→UE that the EU test
 * vectors use (Lövström → LOEVSTROEM). Đ/đ is the one that matters for Vietnamese.
 */
const ICAO_SPECIAL: Readonly<Record<string, string>> = {
  Đ: 'D', đ: 'd', Ð: 'D', ð: 'd', Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', Ø: 'OE', ø: 'oe',
  Ä: 'AE', ä: 'ae', Å: 'AA', å: 'aa', Ö: 'OE', ö: 'oe', Ü: 'UE', ü: 'ue',
  ß: 'SS', ẞ: 'SS', Þ: 'TH', þ: 'th', Ł: 'L', ł: 'l', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't',
  ı: 'I', Ĳ: 'IJ', ĳ: 'ij', Ŀ: 'L', ŀ: 'l', ŉ: 'N', Ŋ: 'N', ŋ: 'n', ĸ: 'K',
  // An accent typed on its own ("H´Bla" for H'Bla): NFKD makes it a space and a mark, so it became
  // a word break (H<BLA). Dropped as an apostrophe is.
  '´': '', '¨': '', '¯': '', '¸': '', '˘': '', '˙': '', '˚': '', '˛': '', '˜': '', '˝': '',
};
const ICAO_SPECIAL_RE = new RegExp(`[${Object.keys(ICAO_SPECIAL).join('')}]`, 'g');
const COMBINING_MARKS = /\p{M}/gu;

/** EU DCC schema 1.3: `fnt`/`gnt` are at most 80 characters. */
export const TRANSLITERATION_MAX = 80;

/**
 * ICAO 9303 transliteration for `nam.fnt` / `nam.gnt`: Đ/đ → D and the other ICAO specials, NFKD
 * then combining marks stripped, upper case, space and hyphen → `<`. Everything else that is not
 * A–Z is dropped: apostrophes ('t Hooft → T<HOOFT, as ICAO and the EU vectors do), dots, commas,
 * digits, and letters of other scripts (Han, Cyrillic, Greek, Arabic are not transliterated here:
 * the result may be empty, which validation reports). Runs of `<` collapse to one and none lead or
 * trail, so "Bảo  -  Duy" gives `BAO<DUY` like the Vietnamese sample. NFKD rather than NFD also
 * folds full-width and ligature letters (ＡＮ → AN, ﬁ → FI). Cut to 80 characters. The result
 * always matches `^[A-Z<]*$`.
 */
export function transliterate(name: string): string {
  return cutTransliteration(wholeTransliteration(name));
}

function wholeTransliteration(name: string): string {
  const fast = perCharacter(name, TRANSLITERATION_TABLE);
  return fast === null ? transliterateLetters(name.normalize('NFC')) : fast.replace(/<+/g, '<').replace(/^<|<$/g, '');
}

function cutTransliteration(whole: string): string {
  return whole.length <= TRANSLITERATION_MAX ? whole : whole.slice(0, TRANSLITERATION_MAX).replace(/<+$/, '');
}

/**
 * When transliterate cuts `name` (its transliteration is past 80: a part within 80 characters
 * grows by Ä → AE, ß → SS): the whole transliteration, what the certificate keeps and what it
 * loses. Null when nothing is cut.
 */
export function transliterationCut(name: string): { whole: string; kept: string; dropped: string } | null {
  const whole = wholeTransliteration(name);
  if (whole.length <= TRANSLITERATION_MAX) return null;
  const kept = cutTransliteration(whole);
  return { whole, kept, dropped: whole.slice(kept.length).replace(/^<+/, '') };
}

/** Everything transliterate does but the cut, on NFC text. */
function transliterateLetters(nfc: string): string {
  return nfc
    .replace(ICAO_SPECIAL_RE, (c) => ICAO_SPECIAL[c] ?? '')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toUpperCase()
    .replace(/[\s-]+/g, '<')
    .replace(/[^A-Z<]/g, '')
    .replace(/<+/g, '<')
    .replace(/^<|<$/g, '');
}

/**
 * The form the records table searches on: lower case, no diacritics, đ → d, every apostrophe
 * ' (APOSTROPHES), whitespace folded. "Nguyễn Văn An" and "nguyen van an" fold to the same text,
 * so do "Ksor H’Bla" (pasted from Word or Zalo), "Ksor HʼBla" and "Ksor H'Bla" (typed): the
 * full-text index splits a word at ' but not at ʼ or ʻ, which are letters to Unicode, so "h'lon"
 * missed "HʼLơn" (migration 0012 folds the names stored before). Lower-casing comes first because
 * some capitals lower-case to a letter plus a combining mark (İ → i̇).
 */
export function foldForSearch(text: string): string {
  const fast = perCharacter(text, FOLD_TABLE);
  return (fast ?? foldLetters(text)).replace(WHITESPACE_RUN, ' ').trim();
}

/** Everything foldForSearch does but the whitespace folding. */
function foldLetters(text: string): string {
  return text
    .replace(ZERO_WIDTH, '')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đð]/g, 'd')
    .replace(APOSTROPHES, "'")
    .toLowerCase();
}

/**
 * An apostrophe however typed: ' on a keyboard, ’ ‘ from Word's autocorrect or a chat, ʼ ʻ from
 * some Vietnamese keyboards, ´ ` for want of one. Migration 0012 replaces the same characters in
 * the names stored before: a change here needs a migration too.
 */
const APOSTROPHES = /['’‘ʼʻ´`]/g;
/** An apostrophe however typed, with any space around it; a hyphen. */
const APOSTROPHE_WITH_SPACE = /\s*['’‘ʼʻ´`]\s*/g;
const HYPHEN = /[-‐‑]/g;

/**
 * Two writings of one name: equal once folded (foldForSearch), the apostrophe of an Ê-đê or Jrai
 * prefix however typed and with or without a space after it ("Ksor H'Bla", "Ksor H’Bla", "H' Hen"
 * and "H'Hen"), a hyphen or a space between two words ("Y-Moan", "Y Moan"). A list typed in Word
 * writes ’ where the form had ': the same person under the same id number, not a second one.
 */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const key = (s: string) => foldForSearch(s).replace(APOSTROPHE_WITH_SPACE, '').replace(HYPHEN, ' ').replace(WHITESPACE_RUN, ' ').trim();
  return key(a) === key(b);
}

/*
 * The fast path of the two functions above, for text written only in Basic Latin, Latin-1, Latin
 * Extended-A/B and Latin Extended Additional (every Vietnamese letter, precomposed): there each
 * character folds and transliterates on its own — no case mapping depends on context (final sigma
 * is Greek), no two of these characters compose under NFC, and the marks that normalisation
 * would reorder are removed anyway — so a table of what the full pipeline gives for each
 * character, joined, is the pipeline's answer. Any other character (a combining mark typed
 * separately, another script, a zero-width space) takes the full pipeline. An import validates
 * every name several times: the table makes this ~10x cheaper. test/unit/import/namesFastPath.test.ts
 * checks the tables against the pipeline character by character and on mixed strings.
 */
const LATIN_RANGES: readonly [number, number][] = [
  [0x0000, 0x024f],
  [0x1e00, 0x1eff],
];

/** Indexed by UTF-16 code unit; undefined outside LATIN_RANGES. An array: faster than a Map here. */
function latinTable(each: (c: string) => string): (string | undefined)[] {
  const table: (string | undefined)[] = new Array<string | undefined>(0x1f00).fill(undefined);
  for (const [from, to] of LATIN_RANGES) for (let code = from; code <= to; code++) table[code] = each(String.fromCharCode(code));
  return table;
}

const FOLD_TABLE = latinTable(foldLetters);
// Per character: whitespace and hyphen become `<`, so runs collapse as in the pipeline.
const TRANSLITERATION_TABLE = latinTable((c) =>
  c
    .normalize('NFC')
    .replace(ICAO_SPECIAL_RE, (x) => ICAO_SPECIAL[x] ?? '')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toUpperCase()
    .replace(/[\s-]+/g, '<')
    .replace(/[^A-Z<]/g, ''),
);

/**
 * True when normalizeName would give `raw` back: every character in LATIN_RANGES (each is its own
 * NFC form and no two of them compose, see above), no zero-width soft hyphen, no whitespace but
 * single inner spaces. Most names are; checking costs a scan instead of two NFC passes and three
 * regex replaces. test/unit/domain/normalizeNameFastPath.test.ts compares it with the pipeline.
 */
function isNormalLatin(raw: string): boolean {
  const last = raw.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x20) {
      if (i === 0 || i === last || raw.charCodeAt(i + 1) === 0x20) return false;
    } else if (c <= 0x24f) {
      // ASCII control and whitespace characters, NBSP (\s) and the soft hyphen (ZERO_WIDTH).
      if (c < 0x20 || c === 0xa0 || c === 0xad || (c >= 0x7f && c < 0xa0)) return false;
    } else if (c < 0x1e00 || c > 0x1eff) {
      return false;
    }
  }
  return true;
}

/** The characters of `text` mapped through `table` and joined, or null when one is not in it. */
function perCharacter(text: string, table: readonly (string | undefined)[]): string | null {
  const single = table === FOLD_TABLE ? FOLD_CODES : table === TRANSLITERATION_TABLE ? TRANSLITERATION_CODES : null;
  if (single !== null && text.length <= MAX_CODES) {
    const codes = perCharacterCodes(text, single);
    if (codes !== MULTI) return codes === null ? null : String.fromCharCode.apply(null, codes);
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const mapped = table[text.charCodeAt(i)];
    if (mapped === undefined) return null;
    out += mapped;
  }
  return out;
}

/*
 * Most characters map to exactly one: their codes are collected and made into one flat string.
 * Appending per character made a chain of cons strings per name (~30 bytes a character), and an
 * import folds every name several times.
 */
const NOT_IN_TABLE = -1;
const NOT_SINGLE = -2;
const MULTI = 'multi';
/** Longer texts take the string path (fromCharCode.apply spreads its argument). */
const MAX_CODES = 256;

/** Per code unit: the one code it maps to, NOT_IN_TABLE, or NOT_SINGLE (maps to '' or 2+ units). */
function singleCodes(table: readonly (string | undefined)[]): Int32Array {
  return Int32Array.from(table, (m) => (m === undefined ? NOT_IN_TABLE : m.length === 1 ? m.charCodeAt(0) : NOT_SINGLE));
}

const FOLD_CODES = singleCodes(FOLD_TABLE);
const TRANSLITERATION_CODES = singleCodes(TRANSLITERATION_TABLE);
/** Reused between calls (one at a time): its length is set to the text's. */
const codeBuffer: number[] = [];

function perCharacterCodes(text: string, single: Int32Array): number[] | null | typeof MULTI {
  codeBuffer.length = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const mapped = c < single.length ? single[c]! : NOT_IN_TABLE;
    if (mapped === NOT_IN_TABLE) return null;
    if (mapped === NOT_SINGLE) return MULTI;
    codeBuffer[i] = mapped;
  }
  return codeBuffer;
}
