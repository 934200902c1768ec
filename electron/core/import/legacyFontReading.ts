/**
 * What text in a legacy Vietnamese font reads as, by its font's table, and whether a word is a
 * Vietnamese syllable. legacyFont.ts tells a legacy font by these readings; the import never
 * stores them (a wrong table signs a wrong name), it only shows them in its messages.
 *
 * - TCVN3 (ABC, .VnTime): one Latin-1 code per letter, the toned letters lower case only; the
 *   capitals font .VnTimeH draws the same codes as capitals ("NGUYÔN" is NGUYỄN).
 * - VNI Windows (VNI-Times): a base letter followed by a Latin-1 letter standing for its marks
 *   ("Nguyeãn" is e + ã: ễ; "Cöôøng" is ư ơ + ø: Cường), ơ ư đ and the toned i on one code each.
 *   Table as VNI Windows defines it (the xvnkb and Unikey converters' tables agree).
 */

/** TCVN3 code (U+00A1–U+00FE read as Latin-1) → its letter. The codes not listed are no letter of it. */
const TCVN3: ReadonlyMap<string, string> = new Map(
  [
    ['¡', 'Ă'], ['¢', 'Â'], ['£', 'Ê'], ['¤', 'Ô'], ['¥', 'Ơ'], ['¦', 'Ư'], ['§', 'Đ'],
    ['¨', 'ă'], ['©', 'â'], ['ª', 'ê'], ['«', 'ô'], ['¬', 'ơ'], ['\u00ad', 'ư'], ['®', 'đ'],
    ['µ', 'à'], ['¶', 'ả'], ['·', 'ã'], ['¸', 'á'], ['¹', 'ạ'],
    ['»', 'ằ'], ['¼', 'ẳ'], ['½', 'ẵ'], ['¾', 'ắ'], ['Æ', 'ặ'],
    ['Ç', 'ầ'], ['È', 'ẩ'], ['É', 'ẫ'], ['Ê', 'ấ'], ['Ë', 'ậ'],
    ['Ì', 'è'], ['Î', 'ẻ'], ['Ï', 'ẽ'], ['Ð', 'é'], ['Ñ', 'ẹ'],
    ['Ò', 'ề'], ['Ó', 'ể'], ['Ô', 'ễ'], ['Õ', 'ế'], ['Ö', 'ệ'],
    ['×', 'ì'], ['Ø', 'ỉ'], ['Ü', 'ĩ'], ['Ý', 'í'], ['Þ', 'ị'],
    ['ß', 'ò'], ['á', 'ỏ'], ['â', 'õ'], ['ã', 'ó'], ['ä', 'ọ'],
    ['å', 'ồ'], ['æ', 'ổ'], ['ç', 'ỗ'], ['è', 'ố'], ['é', 'ộ'],
    ['ê', 'ờ'], ['ë', 'ở'], ['ì', 'ỡ'], ['í', 'ớ'], ['î', 'ợ'],
    ['ï', 'ù'], ['ñ', 'ủ'], ['ò', 'ũ'], ['ó', 'ú'], ['ô', 'ụ'],
    ['õ', 'ừ'], ['ö', 'ử'], ['÷', 'ữ'], ['ø', 'ứ'], ['ù', 'ự'],
    ['ú', 'ỳ'], ['û', 'ỷ'], ['ü', 'ỹ'], ['ý', 'ý'], ['þ', 'ỵ'],
  ],
);

/** Text as TCVN3 (.VnTime) draws it; a character it has no letter for stays as it is. */
export function readTcvn3(text: string): string {
  let out = '';
  for (const c of text) out += TCVN3.get(c) ?? c;
  return out;
}

/**
 * Text as TCVN3's capitals font (.VnTimeH) draws it, or null when a Latin-1 letter in it is no
 * TCVN3 code (a Unicode "À" or "Ä": not this font).
 */
export function readTcvn3Capitals(text: string): string | null {
  let out = '';
  for (const c of text) {
    const letter = TCVN3.get(c);
    if (letter === undefined && c.charCodeAt(0) >= 0x80) return null;
    out += letter ?? c;
  }
  return out.toUpperCase();
}

const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
/** Sắc, huyền, hỏi, ngã, nặng, in this order in every VNI row below. */
const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];

/** VNI's letters for marks, small and capital, each with the marks it adds. */
const VNI_MARKS: ReadonlyMap<string, { after: 'aeo' | 'a' | 'vowel'; marks: string }> = new Map([
  // â ê ô, with a tone or none: after a, e, o.
  ...[...'âáàåãä'].map((c, i) => [c, { after: 'aeo', marks: CIRCUMFLEX + (i === 0 ? '' : TONES[i - 1]!) }] as const),
  ...[...'ÂÁÀÅÃÄ'].map((c, i) => [c, { after: 'aeo', marks: CIRCUMFLEX + (i === 0 ? '' : TONES[i - 1]!) }] as const),
  // ă, with a tone or none: after a.
  ...[...'êéèúüë'].map((c, i) => [c, { after: 'a', marks: BREVE + (i === 0 ? '' : TONES[i - 1]!) }] as const),
  ...[...'ÊÉÈÚÜË'].map((c, i) => [c, { after: 'a', marks: BREVE + (i === 0 ? '' : TONES[i - 1]!) }] as const),
  // A tone alone: after a, e, o, u, y, ơ, ư.
  ...[...'ùøûõï'].map((c, i) => [c, { after: 'vowel', marks: TONES[i]! }] as const),
  ...[...'ÙØÛÕÏ'].map((c, i) => [c, { after: 'vowel', marks: TONES[i]! }] as const),
] as [string, { after: 'aeo' | 'a' | 'vowel'; marks: string }][]);

/** VNI's letters that are a letter on their own. */
const VNI_LETTERS: ReadonlyMap<string, string> = new Map([
  ['ô', 'ơ'], ['Ô', 'Ơ'], ['ö', 'ư'], ['Ö', 'Ư'], ['ñ', 'đ'], ['Ñ', 'Đ'],
  ['í', 'í'], ['ì', 'ì'], ['æ', 'ỉ'], ['ó', 'ĩ'], ['ò', 'ị'],
  ['Í', 'Í'], ['Ì', 'Ì'], ['Æ', 'Ỉ'], ['Ó', 'Ĩ'], ['Ò', 'Ị'],
  ['î', 'ỵ'], ['Î', 'Ỵ'],
]);

/** A bare a e o u y, or ơ ư (o, u and the horn), decomposed. */
const TAKES_TONE = /^[aeouyAEOUY]\u031b?$/;

/**
 * Text as VNI draws it, or null when a Latin-1 letter in it is no VNI code or a mark stands after
 * a letter that does not take it ("José", "Müller": not this font).
 */
export function readVni(text: string): string | null {
  const out: string[] = [];
  for (const c of text) {
    const mark = VNI_MARKS.get(c);
    if (mark !== undefined) {
      // The letter before, decomposed: a bare base, or ơ / ư (base + horn).
      const before = (out[out.length - 1] ?? '').normalize('NFD');
      const fits =
        mark.after === 'vowel' ? TAKES_TONE.test(before) : mark.after === 'a' ? /^[aA]$/.test(before) : /^[aeoAEO]$/.test(before);
      if (!fits) return null;
      out[out.length - 1] = (before + mark.marks).normalize('NFC');
      continue;
    }
    const letter = VNI_LETTERS.get(c);
    if (letter !== undefined) out.push(letter);
    else if (c.charCodeAt(0) >= 0x80 && /\p{L}/u.test(c)) return null;
    else out.push(c);
  }
  return out.join('');
}

const INITIAL = '(?:ngh|ng|gh|gi|ch|kh|nh|ph|qu|th|tr|[bcdđghklmnprstvx])?';
/** Rhymes that end a syllable without a final consonant (a, ai, ươi, uya …). */
const OPEN =
  'a|e|ê|i|o|ô|ơ|u|ư|y|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oe|oi|ôi|ơi|ua|uê|ui|uy|ưa|ưi|ưu|uya|iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uyu|uơ';
/** Vowels before a final consonant (ă and â never end a syllable). */
const BEFORE_FINAL = 'a|ă|â|e|ê|i|o|ô|ơ|u|ư|y|iê|yê|uô|ươ|oa|oă|oe|uâ|uê|uy|uyê';
const SYLLABLE = new RegExp(`^${INITIAL}(?:(?:${BEFORE_FINAL})(?:ch|nh|ng|c|m|n|p|t)|(?:${OPEN}))$`, 'u');
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * Whether a word is one Vietnamese syllable as Unicode writes it: an initial, a rhyme, one tone at
 * most ("Nguyễn", "Thị", "Cường", "A"; not "Traàn", "Hoaøng", "Müller", "João"). Permissive on
 * which tone a rhyme may take; a word of a minority name Vietnamese spells otherwise may fail.
 */
export function isVietnameseSyllable(word: string): boolean {
  const marked = word.toLowerCase().normalize('NFD');
  const tones = marked.match(TONE_MARK);
  if (tones !== null && tones.length > 1) return false;
  return SYLLABLE.test(marked.replace(TONE_MARK, '').normalize('NFC'));
}

/** VIQR's marks typed after a letter: hat, breve, horn; and the tones, in TONES' order. */
const VIQR_SHAPES: ReadonlyMap<string, { on: RegExp; mark: string }> = new Map([
  ['^', { on: /^[aeoAEO]$/, mark: CIRCUMFLEX }],
  ['(', { on: /^[aA]$/, mark: BREVE }],
  ['+', { on: /^[ouOU]$/, mark: '\u031b' }],
]);
const VIQR_TONES: ReadonlyMap<string, string> = new Map([["'", TONES[0]!], ['`', TONES[1]!], ['?', TONES[2]!], ['~', TONES[3]!], ['.', TONES[4]!]]);
/** The marks no name in Unicode or ASCII has after a letter; ' . ? are an apostrophe, a full stop, a lost letter too. */
const VIQR_STRONG = new Set(['^', '(', '+', '`', '~']);
/** A vowel, bare or with a hat, breve or horn but no tone yet, decomposed. */
const UNTONED_VOWEL = /^[aeiouyAEIOUY][\u0302\u0306\u031b]?$/;

export interface ViqrReading {
  /** The word as VIQR writes it: "Nguye^~n" is Nguyễn, "Hu+o+ng" Hương, "DDu+'c" Đức. */
  reading: string;
  /** Marks read that no name has after a letter (^ ( + ` ~, DD), and the others (' . ?). */
  strong: number;
  weak: number;
}

/**
 * One word as VIQR (RFC 1456) writes Vietnamese in ASCII: the hat, breve or horn, then the tone,
 * typed after the vowel ("Tra^`n"), DD for Đ at the word's start; "uo+" is ươ as typists write it.
 * A mark after a letter that does not take it stays as it is.
 */
export function readViqr(word: string): ViqrReading {
  const out: string[] = [];
  let strong = 0;
  let weak = 0;
  let from = 0;
  if (/^[dD][dD]/.test(word)) {
    out.push(word[0] === 'd' ? 'đ' : 'Đ');
    strong++;
    from = 2;
  }
  for (const c of word.slice(from)) {
    const before = (out[out.length - 1] ?? '').normalize('NFD');
    const shape = VIQR_SHAPES.get(c);
    if (shape !== undefined && shape.on.test(before)) {
      out[out.length - 1] = (before + shape.mark).normalize('NFC');
      // "uo+": the u takes the horn too (ươ).
      if (c === '+' && /^[oO]$/.test(before) && /^[uU]$/.test(out[out.length - 2] ?? '')) out[out.length - 2] = (out[out.length - 2]! + '\u031b').normalize('NFC');
      strong++;
      continue;
    }
    const tone = VIQR_TONES.get(c);
    if (tone !== undefined && UNTONED_VOWEL.test(before)) {
      out[out.length - 1] = (before + tone).normalize('NFC');
      if (VIQR_STRONG.has(c)) strong++;
      else weak++;
      continue;
    }
    out.push(c);
  }
  return { reading: out.join(''), strong, weak };
}
