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

/** A numbered dose, or the n-th booster ("nhắc lại", numbered after the sheet's highest dose). */
export type DoseMark = { dose: number } | { booster: number };

export interface DoseMarker {
  mark: DoseMark;
  /** The header without the marker ("Ngày tiêm mũi 1" → "Ngày tiêm"), trimmed; '' for a bare "Mũi 1". */
  rest: string;
}

/** Highest dose number a header may name: a marker past it is a count or a code, not a dose. */
const MAX_DOSE = 9;

const ORDINALS: Record<string, number> = { nhat: 1, mot: 1, hai: 2, ba: 3, tu: 4, bon: 4, nam: 5, first: 1, second: 2, third: 3, fourth: 4, fifth: 5, one: 1, two: 2, three: 3, four: 4, five: 5 };

/**
 * The markers, tried in order on the folded text. Each captures its number (digits or an ordinal
 * word). A number followed by another number ("Mũi tiêm thứ (1, 2, 3)", "mũi 1/2") is a list of
 * choices, not one dose.
 */
const NOT_A_LIST = String.raw`(?![0-9]|\s*[,;/&+-]\s*[0-9])`;
const DOSE_PATTERNS: readonly RegExp[] = [
  // mũi 1, mũi thứ 2, mũi tiêm thứ 3, mũi số 1, lần 2, lần tiêm thứ 2, dose 1, dose no. 2, dose #2
  new RegExp(String.raw`(?<![a-z0-9])(?:mui|lan|dose)(?:\s*tiem)?(?:\s*(?:thu|so|no\.?|#))?\s*[:.]?\s*([0-9]{1,2})${NOT_A_LIST}`),
  // M1, M2 (no space: "m 2" is more likely a unit)
  new RegExp(String.raw`(?<![a-z0-9])m([0-9])${NOT_A_LIST}`),
  // mũi thứ nhất / hai / ba / tư / năm, lần thứ hai; without "thứ" only một, hai, ba, bốn ("năm"
  // alone is a year, "tư" a word of its own)
  /(?<![a-z0-9])(?:mui|lan)(?:\s*tiem)?\s*(?:thu\s*(nhat|mot|hai|ba|tu|bon|nam)|(mot|hai|ba|bon))(?![a-z0-9])/,
  // 1st dose, 2nd dose, first dose
  /(?<![a-z0-9])([0-9])(?:st|nd|rd|th)\s*dose(?![a-z])/,
  /(?<![a-z0-9])(first|second|third|fourth|fifth)\s*dose(?![a-z])/,
  /(?<![a-z0-9])dose\s*(one|two|three|four|five)(?![a-z])/,
];

/** "mũi nhắc lại", "mũi tăng cường", "mũi bổ sung", "nhắc lại lần 2", "booster", "booster 2". */
const BOOSTER_PATTERN = /(?<![a-z0-9])(?:(?:mui\s*)?(?:nhac\s*lai|tang\s*cuong|bo\s*sung)(?:\s*(?:lan|mui)(?:\s*thu)?)?|booster(?:\s*dose)?)(?:\s*([0-9]))?(?![0-9a-z])/;

/** Per character: the letter without its marks, in lower case, at the same index (NFC input). */
function foldInPlace(text: string): string {
  let out = '';
  for (const ch of text) {
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

function cut(text: string, at: number, length: number): string {
  return `${text.slice(0, at)} ${text.slice(at + length)}`.replace(/\s+/g, ' ').trim();
}

/** The dose a header text names and the header without it, or null when it names none. */
export function doseMarker(header: string): DoseMarker | null {
  if (header.length === 0 || header.length > 120) return null;
  const text = header.normalize('NFC');
  const folded = foldInPlace(text);
  const b = BOOSTER_PATTERN.exec(folded);
  const booster = b === null ? null : b[1] === undefined ? 1 : Number(b[1]);
  // "Nhắc lại lần 2" is the second booster, not dose 2; "Mũi 3 (nhắc lại)" is dose 3.
  if (b !== null && b[1] !== undefined && booster! >= 1) return { mark: { booster: booster! }, rest: cut(text, b.index, b[0].length) };
  for (const pattern of DOSE_PATTERNS) {
    const m = pattern.exec(folded);
    if (m === null) continue;
    // The last group that matched holds the number (one pattern has two alternatives).
    const dose = numberOf(m[2] ?? m[1]!);
    if (dose === null) return null;
    return { mark: { dose }, rest: cut(text, m.index, m[0].length) };
  }
  if (b !== null) return { mark: { booster: 1 }, rest: cut(text, b.index, b[0].length) };
  return null;
}

/** The label a dose's columns are shown with ("Mũi 2"), in the header the preview and export write. */
export function doseLabel(dose: number): string {
  return `Mũi ${dose}`;
}
