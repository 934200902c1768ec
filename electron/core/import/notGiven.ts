/**
 * The one reading of "this dose was not given here": not given, postponed, cancelled,
 * contraindicated, refused, absent, given elsewhere. Clinics write it wherever there is room: a
 * dose's cell of a row per person (mapRow.ts saysNotGiven), a notes or status column, after the
 * vaccine or the dose number, in the STT cell, before the name (notGivenCells.ts), a place cell
 * (placeColumn.ts). The station signs every imported dose as one its facility gave, so any of them
 * keeps the row from being signed.
 *
 * Read on words, lower case, with their marks AND folded: the marks tell the note from a name or a
 * note of the opposite sense ("hoãn", postponed, is not "Hoàn thành", completed, nor the given
 * name "Hoàn"; "hủy", cancelled, is not the given name "Huy"; "hẹn", appointment, is not "hen",
 * asthma). A word typed without any marks is read only where nothing else is meant by it.
 *
 * Not read here: a note of how the dose went ("Sốc phản vệ", "Không sốt", "Không có phản ứng"):
 * the dose WAS given. "Không" alone is "nothing to note" in a notes column (see saysNo for a
 * yes/no column), "F0" and "Đang mang thai" are a history beside a dose given (a dose's own cell
 * holding them in place of the date is saysNotGiven's).
 */
import { foldForSearch } from './domainPort.js';
import { memoByText } from './memoByText.js';

export type NotGivenKind = 'notGiven' | 'postponed' | 'cancelled' | 'contraindicated' | 'refused' | 'elsewhere' | 'planned';

/** Folded word sequences and what they say. */
const PHRASES: readonly { words: readonly string[]; kind: NotGivenKind }[] = [
  ...[['khong', 'tiem'], ['ko', 'tiem'], ['k', 'tiem'], ['chua', 'tiem'], ['khong', 'duoc', 'tiem'], ['chua', 'duoc', 'tiem'], ['khong', 'di', 'tiem'], ['chua', 'di', 'tiem'],
    ['khong', 'den'], ['khong', 'den', 'tiem'], ['khong', 'toi'], ['khong', 'co', 'mat'], ['not', 'given'], ['not', 'vaccinated'], ['not', 'administered'], ['no', 'show'], ['did', 'not', 'attend'], ['absent']].map((words) => ({ words, kind: 'notGiven' as const })),
  ...[['tam', 'hoan'], ['postponed'], ['deferred'], ['doi', 'lich']].map((words) => ({ words, kind: 'postponed' as const })),
  ...[['cancelled'], ['canceled'], ['cancel']].map((words) => ({ words, kind: 'cancelled' as const })),
  // "Không đủ điều kiện (tiêm)": the screening found the person unfit that day ("Đủ điều kiện" is fit).
  ...[['chong', 'chi', 'dinh'], ['ccd'], ['contraindicated'], ['contraindication'], ['khong', 'du', 'dieu', 'kien'], ['chua', 'du', 'dieu', 'kien'], ['khong', 'du', 'dk'], ['chua', 'du', 'dk']]
    .map((words) => ({ words, kind: 'contraindicated' as const })),
  ...[['tu', 'choi'], ['khong', 'dong', 'y'], ['refused'], ['refuse'], ['declined']].map((words) => ({ words, kind: 'refused' as const })),
  ...[['noi', 'khac'], ['co', 'so', 'khac'], ['don', 'vi', 'khac'], ['tinh', 'khac'], ['dia', 'phuong', 'khac'], ['chuyen', 'tuyen'], ['chuyen', 'vien'], ['elsewhere'], ['other', 'facility'], ['another', 'facility']].map((words) => ({ words, kind: 'elsewhere' as const })),
  ...[['du', 'kien']].map((words) => ({ words, kind: 'planned' as const })),
];

/** Words read with their marks: the word as written (lower case, NFC) and what it says. */
const MARKED: ReadonlyMap<string, NotGivenKind> = new Map([
  ['hoãn', 'postponed'],
  ['hủy', 'cancelled'],
  ['huỷ', 'cancelled'],
  ['vắng', 'notGiven'],
  ['hẹn', 'planned'],
]);

/** "hoan", "huy" typed without marks: postponed, cancelled only beside these (else a name, "Hoàn thành"). */
const UNMARKED: ReadonlyMap<string, NotGivenKind> = new Map([
  ['hoan', 'postponed'],
  ['huy', 'cancelled'],
]);
const UNMARKED_BEFORE: ReadonlySet<string> = new Set(['da', 'tam', 'bi']);
const UNMARKED_AFTER: ReadonlySet<string> = new Set(['tiem', 'mui', 'bo', 'lich', 'do', 'vi']);

/**
 * Read with their marks: the person came and left before the dose ("Bỏ về", "Về trước khi tiêm",
 * "Về trước"). Folded, "bo ve" is also "bộ về", "bố về" (the father came for them): typed without
 * marks it counts only as the whole note.
 */
const LEFT_PHRASES: readonly (readonly string[])[] = [['bỏ', 'về'], ['về', 'trước']];

/** "ở quê", "tại quê", "về quê" (in the home province): given elsewhere; "Quế" is a place's name. */
const HOME_BEFORE: ReadonlySet<string> = new Set(['o', 'tai', 've']);

export interface NoteWords {
  /** As written, lower case, NFC. */
  marked: readonly string[];
  folded: readonly string[];
}

export function wordsOf(text: string): NoteWords {
  const marked = text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  return { marked, folded: marked.map((w) => foldForSearch(w).replace(/[^a-z0-9]/g, '')) };
}

/** Whether the folded words at `at` are `phrase`. */
function at(folded: readonly string[], i: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) if (folded[i + k] !== phrase[k]) return false;
  return true;
}

/** What the words say of the dose at word i, and how many words say it; null: nothing. */
function readAt(words: NoteWords, i: number): { kind: NotGivenKind; length: number } | null {
  const { marked, folded } = words;
  const word = marked[i]!;
  const kind = MARKED.get(word);
  // "Tạm hoãn", "hoãn" alone; "Hoàn thành" has another mark.
  if (kind !== undefined) return { kind, length: 1 };
  const bare = UNMARKED.get(word);
  if (bare !== undefined) {
    const before = folded[i - 1];
    const after = folded[i + 1];
    if (folded.length === 1 || (before !== undefined && UNMARKED_BEFORE.has(before)) || (after !== undefined && UNMARKED_AFTER.has(after))) return { kind: bare, length: 1 };
  }
  for (const p of LEFT_PHRASES) if (p.every((w, k) => marked[i + k] === w)) return { kind: 'notGiven', length: p.length };
  if (i === 0 && marked.length === 2 && folded[0] === 'bo' && folded[1] === 've' && marked.every((w) => /^[a-z]*$/.test(w))) return { kind: 'notGiven', length: 2 };
  if ((word === 'quê' || (word === 'que' && marked.every((w) => /^[a-z0-9]*$/.test(w)))) && i > 0 && HOME_BEFORE.has(folded[i - 1]!)) return { kind: 'elsewhere', length: 1 };
  for (const p of PHRASES) if (at(folded, i, p.words)) return { kind: p.kind, length: p.words.length };
  return null;
}

export interface NotGivenSaid {
  kind: NotGivenKind;
  /** Index of its first word in `wordsOf(text)`. */
  word: number;
}

/** Every place in the words that says the dose was not given, in order. */
export function notGivenWords(words: NoteWords): NotGivenSaid[] {
  const out: NotGivenSaid[] = [];
  for (let i = 0; i < words.marked.length; i++) {
    const said = readAt(words, i);
    if (said === null) continue;
    out.push({ kind: said.kind, word: i });
    i += said.length - 1;
  }
  return out;
}

/** Only these stems start a reading: most cells hold none and are passed over on one test. */
const STEMS = /hoan|huy|tiem|vang|hen|kien|du dk|tuyen|chuyen vien|chi dinh|ccd|tu choi|khac|que|den|bo ve|ve truoc|khong toi|co mat|dong y|lich|cancel|refuse|declin|contraindic|elsewhere|absent|not |no show|did not|postpon|deferr|facility/;

/** A note's clauses, read apart: "Không, tiêm tại trạm" (none, given at the station) is no "không tiêm". */
export function clausesOf(text: string): string[] {
  return text.split(/[,;\n]|\.(?!\d)|\s[-–—]\s/).map((c) => c.trim()).filter((c) => c !== '');
}

/**
 * What a note says of its dose: not given (its kind), or null. The first saying counts; a planned
 * dose ("Hẹn", "Dự kiến") is said only when no other word says more. Remembered per text.
 */
export const notGivenIn = memoByText((text: string): NotGivenKind | null => {
  if (!STEMS.test(foldForSearch(text))) return null;
  const said = clausesOf(text).flatMap((c) => notGivenWords(wordsOf(c)));
  return (said.find((s) => s.kind !== 'planned') ?? said[0])?.kind ?? null;
});

/** Whether a text says the dose was not given here: any kind but a dose merely planned ("Hẹn 20/09"). */
export function saysNotGivenHere(text: string): boolean {
  return (notGivenIn(text) ?? 'planned') !== 'planned';
}

/** What a yes/no column ("Đã tiêm", "Đã tiêm (Có/Không)") says for no. A tick or "x" is yes. */
const NO_ANSWERS: ReadonlySet<string> = new Set(['khong', 'ko', 'k', 'chua', 'no', 'n', '0', 'false', 'sai', 'khong tiem', 'chua tiem', 'chua co']);

/** A yes/no cell saying no ("Không", "Chưa", "No", 0), or a note saying not given. */
export function saysNo(text: string): boolean {
  const folded = foldForSearch(text).replace(/[^a-z0-9]+/g, ' ').trim();
  return NO_ANSWERS.has(folded) || /^[✗✘☐]$/.test(text.trim()) || notGivenIn(text) !== null;
}

/**
 * The steps before a dose, as a registration or hospital system's status column writes them
 * (tiemchungcovid19, VNPT-HIS: Đăng ký → Chờ khám sàng lọc → Đủ điều kiện → Chờ tiêm → Đã tiêm):
 * none is a dose given. Folded, the whole cell; a date after it is the step's ("Đã đăng ký
 * 10/07/2021"). Whole cells only: "Chờ 30 phút sau tiêm" is the watch after a dose given, and
 * "Đăng ký qua ứng dụng" a note.
 */
const PENDING_STEPS: ReadonlySet<string> = new Set([
  'cho', 'dang cho', 'cho tiem', 'dang cho tiem', 'cho tiem chung', 'cho kham', 'cho kham sang loc', 'cho sang loc', 'dang kham', 'dang kham sang loc',
  'chua kham', 'chua sang loc', 'chua kham sang loc', 'cho xac nhan', 'cho duyet', 'cho goi',
  'dang ky', 'da dang ky', 'moi dang ky', 'dang ky tiem', 'da dang ky tiem', 'dk', 'da dk',
  'registered', 'pending', 'waiting', 'awaiting', 'awaiting vaccination', 'booked', 'not yet', 'not yet vaccinated',
]);
/**
 * Steps said of this dose only in a status column: an appointment and a screening passed. In a
 * notes column (session 24) an appointment is the next dose's, and "Đủ điều kiện tiêm" the
 * screening before a dose given.
 */
const STATUS_STEPS: ReadonlySet<string> = new Set([
  'da kham sang loc', 'da sang loc', 'du dieu kien', 'du dieu kien tiem', 'du dk', 'du dk tiem', 'screened', 'eligible',
  'hen tiem', 'da hen', 'da hen tiem', 'lich hen', 'dat lich', 'da dat lich', 'xep lich', 'da xep lich', 'scheduled', 'appointment',
]);
/** A date or time closing a status: "Đã đăng ký 10/07/2021", "Chờ tiêm (08:30)". */
const TRAILING_WHEN = /(?:\s+(?:ngay|luc|tu)?\s*[\d/.:-]+(?:\s*(?:sa|ch|am|pm))?)+$/;

/**
 * Whether a cell is a step before the dose (PENDING_STEPS); in a status column (`status`), a
 * booking or a screening passed too (STATUS_STEPS; "Hẹn" with its mark: folded it is "Hen", asthma).
 */
export function saysPendingStep(text: string, status: boolean): boolean {
  const folded = foldForSearch(text).replace(/[^a-z0-9/.:-]+/g, ' ').trim().replace(TRAILING_WHEN, '').replace(/[/.:-]+$/, '').trim();
  if (PENDING_STEPS.has(folded)) return true;
  if (!status) return false;
  return STATUS_STEPS.has(folded) || (folded === 'hen' && /hẹn/i.test(text.normalize('NFC')));
}
