/**
 * A list with a row per dose whose dose column says "Nhắc lại" or "Booster" instead of a number.
 * The dose number is part of what is signed (the DCC's dn) and of the record's identity, so it is
 * not guessed from the vaccine: it is read from the same person's earlier doses in the file — the
 * highest numbered dose before this one's date, plus the boosters before it — and said. Without
 * an earlier dose of the person in the file, the row asks for the number.
 */
import { error, vaccineByCode, warning, type Finding } from './domainPort.js';
import { boosterCell } from './doseMarker.js';
import type { MappedRow } from './mapRow.js';

export const BOOSTER_UNNUMBERED = 'IMPORT_DOSE_BOOSTER_UNNUMBERED';

export function boosterUnnumbered(text: string): Finding {
  return error(
    'doseNumber',
    BOOSTER_UNNUMBERED,
    `"${text}" là mũi nhắc lại nhưng không ghi mũi thứ mấy, và tệp không có mũi nào trước đó của người này: hãy ghi số thứ tự của mũi (ví dụ 3 cho mũi nhắc lại sau 2 mũi cơ bản).`,
    `"${text}" is a booster but does not say which dose it is, and the file has no earlier dose of this person: write the dose's number (for example 3 for a booster after two primary doses).`,
  );
}

/** The row of the dose a booster follows, with its sheet when it is on another one (a sheet per day). */
function onRow(after: { row: number; sheet?: string }): { vi: string; en: string } {
  return after.sheet === undefined ? { vi: `dòng ${after.row}`, en: `row ${after.row}` } : { vi: `dòng ${after.row} trang "${after.sheet}"`, en: `row ${after.row} of sheet "${after.sheet}"` };
}

/** "Nhắc lại lần 2" after a dose past the primary series: which booster that dose was is not known. */
function boosterAfterBooster(text: string, nth: number, after: { dose: number; row: number; sheet?: string }): Finding {
  const at = onRow(after);
  return error(
    'doseNumber',
    BOOSTER_UNNUMBERED,
    `"${text}" là mũi nhắc lại thứ ${nth} nhưng không ghi mũi thứ mấy, và mũi ${after.dose} của người này ở ${at.vi} đã là một mũi nhắc lại: không biết đây là mũi thứ mấy. Hãy ghi số thứ tự của mũi.`,
    `"${text}" is booster ${nth} but does not say which dose it is, and this person's dose ${after.dose} on ${at.en} was a booster already: which dose this is cannot be told. Write the dose's number.`,
  );
}

/** The warning of a booster numbered from the person's dose before it: here, and a row per person's booster columns (mapRow.ts). */
export function boosterReadAsDose(text: string, dose: number, nth: number, after: { dose: number; row: number; sheet?: string }): Finding {
  const at = onRow(after);
  return warning(
    'doseNumber',
    'IMPORT_DOSE_NUMBER_FROM_BOOSTER',
    `"${text}" không ghi mũi thứ mấy: đã đọc là mũi ${dose}, mũi nhắc lại thứ ${nth} sau mũi ${after.dose} của người này ở ${at.vi}. Hãy kiểm tra lại.`,
    `"${text}" does not say which dose this is: read as dose ${dose}, booster ${nth} after this person's dose ${after.dose} on ${at.en}. Check it.`,
  );
}

/** The earlier row's sheet when it is not the booster's own. */
const otherSheet = (last: MappedRow, row: MappedRow): { sheet?: string } => (last.sheet !== undefined && last.sheet !== row.sheet ? { sheet: last.sheet } : {});

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const personKey = (r: MappedRow) => `${r.person.idType}|${r.person.idNumber}`;
/** The row's vaccination date if it is a whole ISO day, else ''. */
const dayOf = (r: MappedRow): string => (ISO_DAY.test(r.dose.vaccinationDate ?? '') ? r.dose.vaccinationDate! : '');

/** How many of `sorted` (ascending) are less than `value`. */
function countBelow(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A person's numbered doses by date, each with the highest numbered dose up to it (a file may hold thousands of rows of one id). */
interface Numbered {
  dates: string[];
  highest: MappedRow[];
  /** The primary series of the person's dose 1 in the file (its vaccine's), else undefined. */
  primary: number | undefined;
}

/**
 * Whether "booster n" after `last` cannot be numbered from it: `last` is past the primary series,
 * so it was a booster itself, and which one is not known ("3" then "Nhắc lại lần 2" is dose 4, not
 * 3 + 2). Without dose 1 in the file, `last`'s own vaccine's series is taken.
 */
function pastPrimary(last: MappedRow, primary: number | undefined): boolean {
  const series = primary ?? vaccineByCode(last.dose.vaccine ?? '')?.primaryDoses;
  return series !== undefined && (last.dose.doseNumber as number) > series;
}

/** Gives each booster row that names no number its number from the person's earlier rows, in place. */
export function numberBoosters(rows: MappedRow[]): void {
  const boosters: { row: MappedRow; text: string; said: number | null }[] = [];
  for (const row of rows) {
    if (typeof row.dose.doseNumber !== 'string' || !row.findings.some((f) => f.code === BOOSTER_UNNUMBERED)) continue;
    const text = row.dose.doseNumber.trim();
    boosters.push({ row, text, said: boosterCell(text)?.said ?? null });
  }
  if (boosters.length === 0) return;
  const wanted = new Set(boosters.map((b) => personKey(b.row)));
  const byPerson = new Map<string, MappedRow[]>();
  for (const row of rows) {
    if (typeof row.dose.doseNumber !== 'number' || !row.person.idNumber || dayOf(row) === '') continue;
    const key = personKey(row);
    if (!wanted.has(key)) continue;
    const list = byPerson.get(key);
    if (list) list.push(row);
    else byPerson.set(key, [row]);
  }
  const numbered = new Map<string, Numbered>();
  for (const [key, list] of byPerson) {
    list.sort((a, b) => (dayOf(a) < dayOf(b) ? -1 : dayOf(a) > dayOf(b) ? 1 : 0));
    const highest: MappedRow[] = [];
    for (const r of list) {
      const before = highest[highest.length - 1];
      highest.push(before !== undefined && (before.dose.doseNumber as number) >= (r.dose.doseNumber as number) ? before : r);
    }
    const first = list.find((r) => r.dose.doseNumber === 1);
    numbered.set(key, { dates: list.map(dayOf), highest, primary: first === undefined ? undefined : vaccineByCode(first.dose.vaccine ?? '')?.primaryDoses });
  }
  // Each person's boosters that say no number, by date: the first of them is booster 1, and so on.
  const unnumbered = new Map<string, string[]>();
  for (const b of boosters) {
    if (b.said !== null || dayOf(b.row) === '') continue;
    const key = personKey(b.row);
    const list = unnumbered.get(key);
    if (list) list.push(dayOf(b.row));
    else unnumbered.set(key, [dayOf(b.row)]);
  }
  for (const list of unnumbered.values()) list.sort();

  for (const b of boosters) {
    const date = dayOf(b.row);
    if (!b.row.person.idNumber || date === '') continue;
    const key = personKey(b.row);
    const own = numbered.get(key);
    const before = own === undefined ? 0 : countBelow(own.dates, date);
    if (before === 0) continue;
    const last = own!.highest[before - 1]!;
    // A booster that says its number, after a dose that was a booster already: asked for.
    if (b.said !== null && pastPrimary(last, own!.primary)) {
      const asked = boosterAfterBooster(b.text, b.said, { dose: last.dose.doseNumber as number, row: last.row, ...otherSheet(last, b.row) });
      b.row.findings = b.row.findings.map((f) => (f.code === BOOSTER_UNNUMBERED ? asked : f));
      continue;
    }
    const lastDose = last.dose.doseNumber as number;
    const nth = b.said ?? 1 + countBelow(unnumbered.get(key) ?? [], date);
    const dose = lastDose + nth;
    b.row.dose.doseNumber = dose;
    b.row.findings = b.row.findings.map((f) => (f.code === BOOSTER_UNNUMBERED ? boosterReadAsDose(b.text, dose, nth, { dose: lastDose, row: last.row, ...otherSheet(last, b.row) }) : f));
  }
}
