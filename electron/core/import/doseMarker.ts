/**
 * The dose a header names: "Ngày tiêm mũi 1", "Mũi 2 - Số lô", "Vắc xin (mũi thứ hai)", "Dose 3
 * date", "2nd dose", "Ngày tiêm M1", "Mũi nhắc lại". Lists that keep one row per person give each
 * dose its own columns, labelled so in the header cell or in a group cell above it ("Mũi 1" merged
 * over Ngày tiêm | Vắc xin | Số lô).
 *
 * Read on a folded copy of the NFC text (diacritics dropped, đ → d, lower case) that keeps every
 * other character where it was, so the marker can be cut out of the text as written and the rest
 * matched as an ordinary header.
 */
import { memoByText } from './memoByText.js';

/**
 * A numbered dose, or the n-th dose of a kind past the primary series ("nhắc lại", "bổ sung",
 * "tăng cường", "booster"): a booster's dose number is each person's (mapRow.ts boosterNumbers),
 * counted from their doses before it. `words`: the booster's words as the header writes them
 * ("nhắc lại lần 1"), for the finding that says how its number was read.
 */
export type DoseMark = { dose: number } | { booster: number; kind: string; words?: string };

export interface DoseMarker {
  mark: DoseMark;
  /** The header without the marker ("Ngày tiêm mũi 1" → "Ngày tiêm"), trimmed; '' for a bare "Mũi 1". */
  rest: string;
  /**
   * Said with "mũi", "liều", "dose" or a booster's words: a dose whatever else the cell says. "Lần
   * 2" and "M2" are weak: a round of a campaign, a building's block, unless they stand alone.
   */
  strong: boolean;
}

/** Same dose: the same number, or the same booster of the same kind. */
export function sameMark(a: DoseMark, b: DoseMark): boolean {
  if ('dose' in a) return 'dose' in b && a.dose === b.dose;
  return 'booster' in b && a.booster === b.booster && a.kind === b.kind;
}

/** Highest dose number a header may name: a marker past it is a count or a code, not a dose. */
const MAX_DOSE = 9;

const ORDINALS: Record<string, number> = {
  nhat: 1, mot: 1, hai: 2, ba: 3, tu: 4, bon: 4, nam: 5,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, one: 1, two: 2, three: 3, four: 4, five: 5,
  i: 1, ii: 2, iii: 3, iv: 4, v: 5,
};

/**
 * The markers, tried in order on the folded text. Each captures its number (digits or an ordinal
 * word). A number followed by another number ("Mũi tiêm thứ (1, 2, 3)", "mũi 1/2") is a list of
 * choices, not one dose.
 */
const NOT_A_LIST = String.raw`(?![0-9]|\s*[,;/&+-]\s*[0-9])`;
const DOSE_PATTERNS: readonly { pattern: RegExp; strong: boolean }[] = [
  // mũi 1, mũi thứ 2, mũi tiêm thứ 3, mũi số 1, liều 2, dose 1, dose no. 2, dose #2
  { pattern: new RegExp(String.raw`(?<![a-z0-9])(?:mui|lieu|dose)(?:\s*tiem)?(?:\s*(?:thu|so|no\.?|#))?\s*[:.]?\s*([0-9]{1,2})${NOT_A_LIST}`), strong: true },
  // lần 2, lần tiêm thứ 2
  { pattern: new RegExp(String.raw`(?<![a-z0-9])lan(?:\s*tiem)?(?:\s*(?:thu|so))?\s*[:.]?\s*([0-9]{1,2})${NOT_A_LIST}`), strong: false },
  // M1, M2 (no space: "m 2" is more likely a unit)
  { pattern: new RegExp(String.raw`(?<![a-z0-9])m([0-9])${NOT_A_LIST}`), strong: false },
  // mũi thứ nhất / hai / ba / tư / năm, lần thứ hai; without "thứ" only một, hai, ba, bốn ("năm"
  // alone is a year, "tư" a word of its own); mũi I, II, III
  { pattern: /(?<![a-z0-9])(?:mui|lieu|lan)(?:\s*tiem)?\s*(?:thu\s*(nhat|mot|hai|ba|tu|bon|nam)|(mot|hai|ba|bon|iii|ii|iv|i|v))(?![a-z0-9])/, strong: true },
  // 1st dose, 2nd dose, first dose
  { pattern: /(?<![a-z0-9])([0-9])(?:st|nd|rd|th)\s*dose(?![a-z])/, strong: true },
  { pattern: /(?<![a-z0-9])(first|second|third|fourth|fifth)\s*dose(?![a-z])/, strong: true },
  { pattern: /(?<![a-z0-9])dose\s*(one|two|three|four|five)(?![a-z])/, strong: true },
];

/**
 * "mũi nhắc lại", "mũi tăng cường", "mũi bổ sung", "nhắc lại lần 2", "nhắc lại lần thứ nhất",
 * "booster", "booster 2", also "nhắc" alone ("Mũi nhắc 1", "Tiêm nhắc": not "nhắc nhở", a
 * reminder) and an English ordinal before it ("2nd booster", "second booster dose"): the kind and
 * its number, if any (`booster`, which reads the groups).
 */
const BOOSTER_PATTERN =
  /(?<![a-z0-9])(?:(?<before>[0-9])(?:st|nd|rd|th)\s*|(?<beforeWord>first|second|third|fourth|fifth)\s*)?(?:mui\s*)?(?<kind>nhac(?:\s*lai)?(?!\s*nho)|tang\s*cuong|bo\s*sung|booster)(?:\s*(?:dose|lan|mui|lieu))?(?:\s*thu\s*(?<word>nhat|mot|hai|ba|tu|bon|nam|[0-9])|\s*(?<n>[0-9]))?(?![0-9a-z])/;

interface BoosterWords {
  index: number;
  length: number;
  /** "nhaclai" (also for "nhắc" alone), "tangcuong", "bosung", "booster". */
  kind: string;
  /** The number said, as written (digits or an ordinal word). */
  said: string | undefined;
}


function boosterWords(folded: string): BoosterWords | null {
  const b = BOOSTER_PATTERN.exec(folded);
  if (b === null) return null;
  const g = b.groups!;
  const kind = g.kind!.replace(/\s+/g, '');
  return { index: b.index, length: b[0].length, kind: kind === 'nhac' ? 'nhaclai' : kind, said: g.n ?? g.word ?? g.before ?? g.beforeWord };
}

/**
 * Words of a dose not given yet: a planned date or an appointment ("Ngày tiêm mũi 2 (dự kiến)",
 * "Ngày hẹn tiêm", "Lịch tiêm nhắc"), on the folded text.
 */
const PLANNED = /(?<![a-z])(?:du\s*kien|hen|ke\s*hoach|lich(?!\s*su)|planned|scheduled|appointment|expected|due|next)(?![a-z])/;

/** Whether a header is about a dose planned, not given (its column is no dose's and no date of one). */
export function isPlannedHeader(header: string): boolean {
  return PLANNED.test(foldInPlace(header.normalize('NFC')));
}

/** Per character: the letter without its marks, in lower case, at the same index (NFC input). */
function foldInPlace(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 128) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      continue;
    }
    if (ch === 'đ' || ch === 'Đ') {
      out += 'd';
      continue;
    }
    const base = ch.normalize('NFD')[0]!.toLowerCase();
    // Every character keeps its length (an astral one is two code units), so indexes line up.
    out += base.length === ch.length ? base : ch;
  }
  return out;
}

function numberOf(captured: string): number | null {
  const n = /^[0-9]+$/.test(captured) ? Number(captured) : ORDINALS[captured];
  return n !== undefined && n >= 1 && n <= MAX_DOSE ? n : null;
}

/** `text` with `length` characters from `at` turned to spaces: the other indexes stay where they were. */
function blank(text: string, at: number, length: number): string {
  return text.slice(0, at) + ' '.repeat(length) + text.slice(at + length);
}

function cut(text: string, at: number, length: number): string {
  return `${text.slice(0, at)} ${text.slice(at + length)}`.replace(/\s+/g, ' ').trim();
}

/** The dose a header text names and the header without it, or null when it names none. */
export function doseMarker(header: string): DoseMarker | null {
  if (header.length === 0 || header.length > 120) return null;
  const text = header.normalize('NFC');
  const folded = foldInPlace(text);
  const b = boosterWords(folded);
  const kind = b === null ? '' : b.kind;
  const said = b?.said;
  const booster = said === undefined ? 1 : numberOf(said);
  // A dose's own number wins over a booster's words beside it ("Mũi 3 (nhắc lại lần 1)", "Mũi bổ
  // sung (mũi 3)"): looked for with the booster's words taken out, so "Nhắc lại lần 2" stays the
  // second booster and not dose 2.
  const without = b === null ? folded : blank(folded, b.index, b.length);
  for (const { pattern, strong } of DOSE_PATTERNS) {
    const m = pattern.exec(without);
    if (m === null) continue;
    // The last group that matched holds the number (one pattern has two alternatives).
    const dose = numberOf(m[2] ?? m[1]!);
    if (dose === null) return null;
    const rest = b === null ? cut(text, m.index, m[0].length) : cut(blank(text, m.index, m[0].length), b.index, b.length);
    return { mark: { dose }, rest, strong };
  }
  if (b !== null && booster !== null) return { mark: { booster, kind, words: text.slice(b.index, b.index + b.length).trim() }, rest: cut(text, b.index, b.length), strong: true };
  return null;
}

/**
 * How a header numbers a dose without saying "mũi": "Ngày TC 1" (tiêm chủng), "Vắc xin L1" (lần),
 * "Số lô MT2" (mũi tiêm), or a bare number after the field ("Vắc xin 1"). Each alone is as often
 * something else (a second address, a phone, "Lớp L1", a Mũi TC, tăng cường, beside numbered doses):
 * a dose only when the header's other columns numbered the same way make two doses or more with a
 * date each (headerCells.ts numberedDoses).
 */
export type NumberedStyle = 'tc' | 'l' | 'mt' | 'bare';

export interface NumberedDose {
  dose: number;
  /** The header without the number ("Ngày TC 1" → "Ngày"). */
  rest: string;
  style: NumberedStyle;
}

const NUMBERED_PATTERNS: readonly { pattern: RegExp; style: NumberedStyle }[] = [
  // "TC 1", "TC1"; not after "mũi" ("Mũi TC 2" is a booster's shorthand, boosterCell).
  { pattern: new RegExp(String.raw`(?<![a-z0-9])(?<!mui\s*)tc\s*([0-9])${NOT_A_LIST}`), style: 'tc' },
  { pattern: new RegExp(String.raw`(?<![a-z0-9])mt\s*([0-9])${NOT_A_LIST}`), style: 'mt' },
  // No space, as "M1": "L 2" may be a size or a unit.
  { pattern: new RegExp(String.raw`(?<![a-z0-9])l([0-9])${NOT_A_LIST}`), style: 'l' },
  // The last thing in the header, after its words: "Vắc xin 1", "Ngày tiêm (2)", "Số lô - 1".
  { pattern: /(?<=[a-z)])\s*[-_#.]?\s*(?:\(\s*([1-9])\s*\)|([1-9]))\s*$/, style: 'bare' },
];

/** The dose a header numbers in one of the weak ways (NumberedStyle), or null; never a booster. */
export function numberedDose(header: string): NumberedDose | null {
  if (header.length === 0 || header.length > 120) return null;
  const text = header.normalize('NFC');
  const folded = foldInPlace(text);
  for (const { pattern, style } of NUMBERED_PATTERNS) {
    const m = pattern.exec(folded);
    if (m === null) continue;
    const dose = numberOf(m[2] ?? m[1]!);
    if (dose === null) return null;
    return { dose, rest: cut(text, m.index, m[0].length), style };
  }
  return null;
}

/**
 * A dose-number cell that names a booster without the dose's number ("Nhắc lại", "Booster",
 * "Mũi tăng cường lần 2"): which booster it says (null: not said, the first unless the person has
 * more). Null for anything else, a dose's own number included ("Mũi 3 (nhắc lại)" is dose 3).
 * Remembered per text: the same words fill the dose column of every booster row, and both the
 * row's mapping and numberBoosters ask.
 */
export const boosterCell = memoByText((cell: string): { said: number | null } | null => {
  if (cell.length > 60) return null;
  // A dose cell's shorthand, never a header's ("Ngày TC 1" is tiêm chủng's date): "NL1", "Mũi TC 2".
  const short = SHORTHAND.exec(cell.trim().normalize('NFC'));
  const text = short === null ? cell : `${short[1]!.toUpperCase() === 'NL' ? 'Nhắc lại' : 'Tăng cường'} lần ${short[2]!}`;
  const m = doseMarker(text);
  if (m === null || !('booster' in m.mark) || /\d/.test(m.rest)) return null;
  const b = boosterWords(foldInPlace(text.normalize('NFC')));
  return { said: b?.said === undefined ? null : m.mark.booster };
});

/** "NL1" (nhắc lại 1), "TC 2" (tăng cường 2), after "Mũi" or alone: a whole dose cell. */
const SHORTHAND = /^(?:m[uũ]i\s*)?(NL|TC)\s*([0-9])$/iu;

/** The label a dose's columns are shown with ("Mũi 2"), in the header the preview and export write. */
export function doseLabel(dose: number): string {
  return `Mũi ${dose}`;
}
