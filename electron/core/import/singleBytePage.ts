/**
 * Which single-byte code page a CSV that is not UTF-8 was saved in. Windows-1258 is the
 * Vietnamese one, and the default; but Excel's "CSV (Comma delimited)" on a computer set to a
 * Western code page writes Windows-1252, and Excel for Mac's "CSV (Macintosh)" Mac Roman. Their
 * Vietnamese letters are partly lost ("?") and partly kept as bytes that 1258 reads as other
 * letters: 1252's ý õ ã (0xFD 0xF5 0xE3) are 1258's ư ơ ă, so "Lý", "Võ", "Lã" read as "Lư",
 * "Vơ", "Lă", with no sign of it. Each word with a byte past ASCII is read in each page:
 *
 * - 1258 writes a tone as a combining byte after its vowel (0xCC 0xD2 0xDE 0xEC 0xF2; ì ò ã õ ý
 *   and every letter with a hat, breve or horn and a tone have no byte of their own), so nearly
 *   every Vietnamese list in 1258 has words that read as a Vietnamese syllable only in 1258
 *   ("Nguyễn", "Thị", "Bình"). In 1252 those bytes are Ì ì Ò ò Þ, which a 1252 list has after a
 *   consonant ("Hòa"), where 1258 has no tone.
 * - A word that reads as a syllable only in the Western page ("Lã", not "Lă": ă never ends a
 *   syllable; Mac Roman's "Hà", which 1258 reads "Hˆ") says that page; one that reads as a
 *   syllable in both but through a byte that is ă ơ ư in 1258 ("Lý"/"Lư") is consistent with it;
 *   a "?" beside a letter is a letter a Western page lost (1258 has every Vietnamese letter).
 *
 * A file is judged Western only when no word reads as Vietnamese only in 1258 and at least two
 * words say so, one of them more than consistent with it: a genuine 1258 file is never read
 * otherwise (readSheet.ts then refuses a Western one, lostLetters.ts).
 */
import iconv from 'iconv-lite';
import { isVietnameseSyllable } from './legacyFontReading.js';

export type SingleBytePage = 'windows-1258' | 'windows-1252' | 'macintosh';
export type WesternPage = Exclude<SingleBytePage, 'windows-1258'>;

interface PageEvidence {
  /** Words that read as a Vietnamese syllable in 1258 and not in the Western page. */
  vietnamese: number;
  /** Words that read as a syllable in the Western page and not in 1258. */
  western: number;
  /** Words that read as a syllable both ways through a byte that is ă ơ ư Ă Ơ Ư in 1258. */
  either: number;
  /** Words with a "?" beside a letter. */
  lost: number;
}

/** Bytes looked at: a list shows its code page in its first rows. */
const SAMPLE_BYTES = 1 << 20;
/** 1258's combining tone marks: grave, hook, tilde, acute, dot below. */
const TONE_BYTES = new Set([0xcc, 0xd2, 0xde, 0xec, 0xf2]);
/** 1258's ă ơ ư Ă Ơ Ư, which are ã õ ý Ã Õ Ý in 1252. */
const BREVE_HORN_BYTES = new Set([0xc3, 0xd5, 0xdd, 0xe3, 0xf5, 0xfd]);
/** 1258's vowels that a tone byte may follow: a e i o u y, â ê ô ă ơ ư, small and capital. */
const VOWEL_BYTES = new Set([...'aeiouyAEIOUY'].map((c) => c.charCodeAt(0)).concat([0xc2, 0xca, 0xd4, 0xc3, 0xd5, 0xdd, 0xe2, 0xea, 0xf4, 0xe3, 0xf5, 0xfd]));

const isWordByte = (b: number): boolean => b >= 0x80 || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x3f;
const isAsciiLetter = (b: number): boolean => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/** A tone byte after anything but a vowel is no 1258 (an "ò" of 1252 after "H"). */
function tonesPlaced(word: Uint8Array): boolean {
  for (let i = 0; i < word.length; i++) if (TONE_BYTES.has(word[i]!) && (i === 0 || !VOWEL_BYTES.has(word[i - 1]!))) return false;
  return true;
}

type WordKind = 'vietnamese' | 'western' | 'either' | 'lost' | null;

/** A word of the sample with a byte past ASCII or a "?", how often it occurs, and its 1258 reading once known. */
interface SampleWord {
  word: Uint8Array;
  count: number;
  /** Whether it reads as a Vietnamese syllable in Windows-1258: the same for every page weighed. */
  as1258?: boolean;
}

function judgeWord(w: SampleWord, page: WesternPage): WordKind {
  const { word } = w;
  const question = word.indexOf(0x3f);
  if (question !== -1) {
    for (let i = 0; i < word.length; i++) if (word[i] === 0x3f && (isAsciiLetter(word[i - 1] ?? 0) || isAsciiLetter(word[i + 1] ?? 0) || (word[i - 1] ?? 0) >= 0x80 || (word[i + 1] ?? 0) >= 0x80)) return 'lost';
    return null;
  }
  const buffer = Buffer.from(word.buffer, word.byteOffset, word.byteLength);
  const as1258 = (w.as1258 ??= tonesPlaced(word) && isVietnameseSyllable(iconv.decode(buffer, 'windows-1258').normalize('NFC')));
  const asWestern = isVietnameseSyllable(iconv.decode(buffer, page).normalize('NFC'));
  if (as1258 && !asWestern) return 'vietnamese';
  if (asWestern && !as1258) return 'western';
  if (as1258 && page === 'windows-1252' && word.some((b) => BREVE_HORN_BYTES.has(b))) return 'either';
  return null;
}

/** The distinct words of `bytes` (their first MB) with a byte past ASCII or a "?": split once for every page weighed. */
function sampleWords(bytes: Uint8Array): SampleWord[] {
  const seen = new Map<string, SampleWord>();
  const end = Math.min(bytes.length, SAMPLE_BYTES);
  let i = 0;
  while (i < end) {
    if (!isWordByte(bytes[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let high = false;
    while (j < end && isWordByte(bytes[j]!)) {
      if (bytes[j]! >= 0x80 || bytes[j] === 0x3f) high = true;
      j++;
    }
    if (high) {
      const word = bytes.subarray(i, j);
      const key = Buffer.from(word.buffer, word.byteOffset, word.byteLength).toString('latin1');
      const known = seen.get(key);
      if (known !== undefined) known.count++;
      else seen.set(key, { word, count: 1 });
    }
    i = j;
  }
  return [...seen.values()];
}

/** The evidence for `page` against 1258 in the sample's words. */
function pageEvidence(words: readonly SampleWord[], page: WesternPage): PageEvidence {
  const evidence: PageEvidence = { vietnamese: 0, western: 0, either: 0, lost: 0 };
  for (const w of words) {
    const kind = judgeWord(w, page);
    if (kind !== null) evidence[kind] += w.count;
  }
  return evidence;
}

/** Whether the evidence says the Western page: see the module's comment. */
function saysWestern(e: PageEvidence): boolean {
  return e.vietnamese === 0 && e.western + e.lost >= 1 && e.western + e.lost + e.either >= 2;
}

/**
 * The code page of bytes that are not UTF-8: a Western page when its evidence says so (the one
 * with more words that read as Vietnamese in it, 1252 when as many), else Windows-1258.
 */
export function singleBytePage(bytes: Uint8Array): SingleBytePage {
  const words = sampleWords(bytes);
  const candidates = (['windows-1252', 'macintosh'] as const).map((page) => ({ page, evidence: pageEvidence(words, page) }));
  const western = candidates.filter((c) => saysWestern(c.evidence));
  if (western.length === 0) return 'windows-1258';
  return western.reduce((a, b) => (b.evidence.western > a.evidence.western ? b : a)).page;
}
