/**
 * A header row read cell by cell, with what the row above it says: the field each cell names, the
 * dose it is a column of (its own marker, "Ngày tiêm mũi 2", or a group label above it, "Mũi 2"
 * over Ngày tiêm | Vắc xin | Số lô), and the sex a "Nam" | "Nữ" sub-column stands for. What
 * findHeaderRow.ts then makes fields, dose columns and sex splits of.
 */
import { doseMarker, isPlannedHeader, numberedDose, sameMark, type DoseMark, type NumberedStyle } from './doseMarker.js';
import { foldHeader, matchHeader, withoutNotes, type HeaderMatch, type ImportField } from './headerAliases.js';
import { findVaccine } from './domainPort.js';
import { cellText, type SheetRow } from './sheetData.js';

/** The fields a dose has columns of its own for, in a list with a row per person. */
export const DOSE_FIELDS = ['vaccinationDate', 'vaccine', 'lot'] as const;
export type DoseField = (typeof DOSE_FIELDS)[number];

export const isDoseField = (field: ImportField | undefined): field is DoseField => field === 'vaccinationDate' || field === 'vaccine' || field === 'lot';

/** A bare dose label in the header row ("Mũi 1" over a column of dates): that dose's date. */
const BARE_DOSE_LABEL: HeaderMatch = { field: 'vaccinationDate', how: 'exact', generic: false };

/** Nothing but the marker, or a note in brackets beside it ("Mũi 1 (dd/mm/yyyy)", "Mũi 2 (AZ)"). */
const isBare = (rest: string): boolean => foldHeader(withoutNotes(rest)) === '';

/**
 * The short headers a dose's columns have beside its marker or under its label ("Mũi 1" over Ngày |
 * Tên | Lô, "Tiêm mũi 1", "Dose 1 date"), which alone name nothing or another field ("Tên" is a
 * given name, "Ngày" any date): folded, as HEADER_ALIASES.
 */
const DOSE_SUBHEADERS: ReadonlyMap<string, DoseField> = new Map([
  ...['ngay', 'ngaythang', 'ngaythangnam', 'date', 'dateof', 'thoigian', 'thoigiantiem', 'tiem', 'ngaytiemchung', 'given', 'dategiven'].map((h) => [h, 'vaccinationDate'] as const),
  ...['ten', 'loai', 'vx', 'tenvx', 'loaivx', 'name', 'type', 'thuoc', 'vaccinename'].map((h) => [h, 'vaccine'] as const),
  ...['lo', 'solo', 'lot', 'batch', 'lotno'].map((h) => [h, 'lot'] as const),
]);

function exact(field: ImportField): HeaderMatch {
  return { field, how: 'exact', generic: false };
}

/** A dose column's own field, from its text without the marker: a dose's short word first ("Tên" is its vaccine). */
function doseFieldOf(text: string): HeaderMatch | null {
  const sub = DOSE_SUBHEADERS.get(foldHeader(text));
  return sub === undefined ? matchHeader(text) : exact(sub);
}

/** The fields a form splits under "Nam" | "Nữ" (SexSplit). */
export const SPLIT_FIELDS = ['sex', 'birthYear', 'dob'] as const;
export const isSplitField = (field: ImportField | undefined): field is (typeof SPLIT_FIELDS)[number] => field === 'sex' || field === 'birthYear' || field === 'dob';

const MALE = new Set(['nam', 'male', 'm']);
const FEMALE = new Set(['nu', 'female', 'f']);

/** The sex a sub-header cell names ("Nam", "Nữ", "Male", "F", …), or null. */
export function sexOfSubheader(text: string): 'M' | 'F' | null {
  const folded = foldHeader(text);
  return MALE.has(folded) ? 'M' : FEMALE.has(folded) ? 'F' : null;
}

/** "Năm sinh (Nam)", "Năm sinh - Nữ", "Giới tính Nam": a field split by sex, named in one cell. */
const SPLIT_HEADER = /^(.*?\p{L}[^/]*?)[\s(\[:–-]+(nam|nữ|nu|male|female)[)\]]?\s*$/iu;

function splitHeader(text: string): { field: string; match: HeaderMatch; sex: 'M' | 'F' } | null {
  // A header is short; a longer cell (a note, a data cell of a row looked at as a header) is none.
  if (text.length > 60 || !/(?:nam|nữ|nu|male)\W*$/iu.test(text)) return null;
  const m = SPLIT_HEADER.exec(text.normalize('NFC'));
  if (m === null) return null;
  const field = m[1]!.trim();
  const match = matchHeader(field);
  if (match === null || !isSplitField(match.field)) return null;
  if (/(?<![\p{L}])(?:nam|nữ|male|female)(?![\p{L}])/iu.test(field)) return null;
  return { field, match, sex: sexOfSubheader(m[2]!)! };
}

/** The header a split column is written back with ("Năm sinh (Nữ)"), read the same way again. */
export function splitColumnHeader(field: string, sex: 'M' | 'F'): string {
  return `${field} (${sex === 'M' ? 'Nam' : 'Nữ'})`;
}

/** One header cell read. */
export interface HeaderCellRead {
  /** The header as it names the column (for a "Nam" | "Nữ" sub-column, the field above it). */
  header: string;
  /** The field the text names, as in a row per dose. */
  match: HeaderMatch | null;
  /** Its field as one dose's column (the text without its marker; a bare "Mũi 1" is the date). */
  doseMatch: HeaderMatch | null;
  /** The dose: its own marker, or the group label above (markAbove). */
  mark: DoseMark | null;
  markAbove: boolean;
  /** The label was typed over another column of its group, not over this one. */
  carried?: boolean;
  /** The cell says only its dose ("Mũi 1", "Mũi 1 (dd/mm/yyyy)"). */
  bare: boolean;
  /** The dose is numbered in a weak way ("Ngày TC 1", "Vắc xin 1"): kept only as numberedDoses says. */
  numbered?: NumberedStyle;
  /** Under a split "Năm sinh" / "Giới tính": the sex this sub-column is for. */
  sex: 'M' | 'F' | null;
}

/**
 * The dose a group cell above names: a marker alone ("Mũi 1", "LẦN 2", "Mũi 1 (AZ)"), or a strong
 * one with a few words and no number beside it ("Thông tin tiêm mũi 1", "Mũi 1 - Vero Cell
 * Sinopharm"). A title or a note ("DANH SÁCH TIÊM MŨI 3", "Chiến dịch lần 2", "Block M2") says more,
 * or says "lần"/"M" among other words; a count ("Mũi 1: 45") has a number: no label.
 */
function groupLabelOf(text: string): DoseMark | null {
  if (text === '' || isPlannedHeader(text)) return null;
  const m = doseMarker(text);
  if (m === null) return null;
  if (isBare(m.rest)) return m.mark;
  if (!m.strong) return null;
  // Beside it: the vaccine of the dose ("Mũi 1 vắc xin AstraZeneca"), the day ("Mũi 1 ngày 01/07").
  const outside = withoutNotes(m.rest).replace(/(?<![0-9])[0-9]{1,2}[/.-][0-9]{1,2}(?:[/.-][0-9]{2,4})?(?![0-9])/g, ' ');
  if (findVaccine(outside.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')) !== undefined) return m.mark;
  if (matchHeader(m.rest) !== null || /[0-9]/.test(outside)) return null;
  return outside.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length <= 3 ? m.mark : null;
}

/**
 * The field the row above names over column `c`, for the cells of the header row that say only a
 * dose or a sex ("Ngày tiêm" merged over Mũi 1 | Mũi 2 | Mũi 3; "Năm sinh" over Nam | Nữ): the cell
 * above, or without merged cells the nearest filled one to its left over such cells.
 */
function fieldAbove(above: SheetRow, c: number, sayOnlyDoseOrSex: (k: number) => boolean): { text: string; match: HeaderMatch } | null {
  for (let k = c; k >= 0; k--) {
    const text = cellText(above.cells[k] ?? null).trim();
    if (text !== '') {
      const match = matchHeader(text);
      return match === null ? null : { text, match };
    }
    if (k < c && !sayOnlyDoseOrSex(k)) return null;
  }
  return null;
}

/**
 * Each header cell of `row` read; with `combine`, a blank cell takes the text of the cell above (a
 * two-row header without merged cells: "Họ và tên" written once over two rows). `above` is the
 * row right above, or null. Group labels above are then given to the dose columns under them
 * (labelGroups).
 */
export function readHeaderCells(row: SheetRow, above: SheetRow | null, combine: boolean): HeaderCellRead[] {
  const width = Math.max(row.cells.length, combine && above ? above.cells.length : 0);
  const own = (c: number): string => cellText(row.cells[c] ?? null).trim();
  const sayOnlyDoseOrSex = (k: number): boolean => {
    const t = own(k);
    if (sexOfSubheader(t) !== null) return true;
    const m = t === '' ? null : doseMarker(t);
    return m !== null && isBare(m.rest);
  };
  const reads: HeaderCellRead[] = [];
  for (let c = 0; c < width; c++) {
    let header = own(c);
    const split = header === '' ? null : splitHeader(header);
    if (split !== null) {
      // "Năm sinh (Nam)" | "Năm sinh (Nữ)": the split in one row (as the failed-rows export writes it).
      reads.push({ header: split.field, match: split.match, doseMatch: split.match, mark: null, markAbove: false, bare: false, sex: split.sex });
      continue;
    }
    const sex = header === '' ? null : sexOfSubheader(header);
    if (sex !== null && above) {
      // "Nam" | "Nữ" under "Năm sinh" / "Ngày sinh" / "Giới tính": that field, for that sex.
      const named = fieldAbove(above, c, sayOnlyDoseOrSex);
      if (named !== null && isSplitField(named.match.field)) {
        reads.push({ header: named.text, match: named.match, doseMatch: named.match, mark: null, markAbove: false, bare: false, sex });
        continue;
      }
    }
    if (header === '' && combine && above) header = cellText(above.cells[c] ?? null).trim();
    if (header === '' || isPlannedHeader(header)) {
      reads.push({ header, match: null, doseMatch: null, mark: null, markAbove: false, bare: false, sex: null });
      continue;
    }
    const match = matchHeader(header);
    const marker = doseMarker(header);
    if (marker !== null) {
      let doseMatch = doseFieldOf(marker.rest);
      const bare = doseMatch === null && isBare(marker.rest);
      if (bare) {
        // A bare "Mũi 1" is a date, unless the cell above names the field its doses are of.
        const named = above ? fieldAbove(above, c, sayOnlyDoseOrSex) : null;
        doseMatch = named !== null && isDoseField(named.match.field) ? exact(named.match.field) : BARE_DOSE_LABEL;
      }
      reads.push({ header, match, doseMatch, mark: isDoseField(doseMatch?.field) ? marker.mark : null, markAbove: false, bare, sex: null });
      continue;
    }
    const numbered = numberedDose(header);
    if (numbered !== null) {
      // "Vắc xin 1": the rest a dose field's own header; "Tên 1", "Ngày 1" are no dose's without "mũi".
      const doseMatch = numbered.style === 'bare' ? matchHeader(numbered.rest) : doseFieldOf(numbered.rest);
      if (doseMatch !== null && isDoseField(doseMatch.field)) {
        reads.push({ header, match, doseMatch, mark: { dose: numbered.dose }, markAbove: false, bare: false, sex: null, numbered: numbered.style });
        continue;
      }
    }
    reads.push({ header, match, doseMatch: doseFieldOf(header), mark: null, markAbove: false, bare: false, sex: null });
  }
  numberedDoses(reads);
  if (above) labelGroups(reads, above, width);
  return reads;
}

/**
 * Keeps the doses numbered in a weak way (NumberedStyle) only where the numbers make a list of doses:
 * of one style, numbered from 1 on without a gap, two doses or more, each with a vaccination date
 * column numbered the same way or marked with its dose ("Ngày tiêm mũi 1 | Số lô 1 | Ngày tiêm mũi
 * 2 | Số lô 2"). "Số lô 1" alone, "Ngày tiêm 1" without a dose 2, lots numbered without dates stay
 * the plain columns they were. "TC" only where no column names a dose another way: beside "Mũi 1",
 * "Mũi 2" it may be tăng cường (a booster), which cannot be told.
 */
function numberedDoses(reads: HeaderCellRead[]): void {
  const styles = new Set(reads.flatMap((r) => (r.numbered === undefined ? [] : [r.numbered])));
  if (styles.size === 0) return;
  const doseOf = (r: HeaderCellRead): number | null => (r.mark !== null && 'dose' in r.mark ? r.mark.dose : null);
  const marked = reads.filter((r) => r.numbered === undefined && doseOf(r) !== null);
  for (const style of styles) {
    const columns = reads.filter((r) => r.numbered === style);
    const numbers = [...new Set(columns.map(doseOf))].sort((a, b) => a! - b!);
    const listed = numbers.length >= 2 && numbers.every((n, i) => n === i + 1);
    const dated = numbers.every((n) => [...columns, ...marked].some((r) => doseOf(r) === n && r.doseMatch?.field === 'vaccinationDate'));
    if (listed && dated && !(style === 'tc' && marked.length > 0)) continue;
    for (const r of columns) {
      r.mark = null;
      r.doseMatch = doseFieldOf(r.header);
      delete r.numbered;
    }
  }
}

/**
 * Gives the group labels of the row above to the dose columns under them. A label merged across its
 * group (or written in each of its cells) is over every column of it: only those columns are the
 * group's. Typed once, it is over one of them (the first, or centred by hand over the middle or the
 * last): then the dose columns without a marker of their own are cut into groups — a new group
 * where a field comes again or another label starts — and each group takes the one label over any
 * of its columns (segment, consistency). A label that is also over the person's columns is a title
 * ("LẦN 2" merged across the table), no group's.
 */
function labelGroups(reads: HeaderCellRead[], above: SheetRow, width: number): void {
  const labelAt: (DoseMark | null)[] = [];
  for (let c = 0; c < width; c++) labelAt.push(groupLabelOf(cellText(above.cells[c] ?? null).trim()));
  const titles: DoseMark[] = [];
  reads.forEach((r, c) => {
    const l = labelAt[c];
    const person = r.match !== null && !isDoseField(r.doseMatch?.field) && r.match.field !== 'ignore' && r.match.field !== 'doseNumber';
    if (l && person) titles.push(l);
  });
  for (let c = 0; c < width; c++) if (labelAt[c] && titles.some((t) => sameMark(t, labelAt[c]!))) labelAt[c] = null;
  if (!labelAt.some((l) => l !== null)) return;
  const give = (c: number, label: DoseMark): void => {
    const r = reads[c]!;
    r.mark = label;
    r.markAbove = true;
    if (labelAt[c] === null) r.carried = true;
  };
  const isCandidate = (c: number): boolean => {
    const r = reads[c]!;
    return r.mark === null && isDoseField(r.doseMatch?.field);
  };
  // Merged (or repeated) labels: each over two neighbouring columns or more.
  const merged = labelAt.some((l, c) => l !== null && c + 1 < width && labelAt[c + 1] !== null && sameMark(l, labelAt[c + 1]!));
  if (merged) {
    for (let c = 0; c < width; c++) if (labelAt[c] && isCandidate(c)) give(c, labelAt[c]!);
    return;
  }
  // Typed once: cut into groups two ways — a short word ("Ngày", "Loại") may open a group, or only
  // beside its label — and keep the way whose labelled groups have the same fields more often
  // ("Ngày | Tên | Lô" with the label centred over "Tên"; "Loại" of the person before the doses).
  const open = segment(reads, labelAt, true);
  const strict = segment(reads, labelAt, false);
  const groups = consistency(open, reads) > consistency(strict, reads) ? open : strict;
  for (const g of groups) if (g.label !== null) for (const c of g.columns) give(c, g.label);
}

type Group = { columns: number[]; label: DoseMark | null };

/** The unmarked dose columns cut into groups where a field comes again or another label starts. */
function segment(reads: readonly HeaderCellRead[], labelAt: readonly (DoseMark | null)[], shortWordOpens: boolean): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  for (let c = 0; c < reads.length; c++) {
    const r = reads[c]!;
    if (r.mark !== null) {
      current = null;
      continue;
    }
    const field = r.doseMatch?.field;
    if (!isDoseField(field)) continue;
    const label = labelAt[c] ?? null;
    const repeats = current !== null && current.columns.some((k) => reads[k]!.doseMatch!.field === field);
    const otherLabel = current !== null && label !== null && current.label !== null && !sameMark(label, current.label);
    if (current === null || repeats || otherLabel) {
      const shortWordOnly = r.match === null || !isDoseField(r.match.field);
      if (!shortWordOpens && shortWordOnly && label === null) {
        current = null;
        continue;
      }
      current = { columns: [], label: null };
      groups.push(current);
    }
    current.columns.push(c);
    current.label ??= label;
  }
  return groups;
}

/** How many labelled groups have the fields most of them have. */
function consistency(groups: readonly Group[], reads: readonly HeaderCellRead[]): number {
  const sets = groups.filter((g) => g.label !== null).map((g) => g.columns.map((c) => reads[c]!.doseMatch!.field).sort().join(','));
  const counts = new Map<string, number>();
  for (const k of sets) counts.set(k, (counts.get(k) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

/**
 * The dose numbers of the marked columns: boosters ("nhắc lại", "bổ sung", "tăng cường") numbered
 * after the highest dose the header names, each kind and number its own dose, in the order the
 * header has them; a booster with no numbered dose beside it says no number.
 */
export function doseNumbers(reads: readonly HeaderCellRead[]): (number | null)[] {
  let highest = 0;
  for (const r of reads) if (r.mark !== null && 'dose' in r.mark) highest = Math.max(highest, r.mark.dose);
  const boosters: { booster: number; kind: string }[] = [];
  for (const r of reads) if (r.mark !== null && 'booster' in r.mark && !boosters.some((b) => sameMark(b, r.mark!))) boosters.push(r.mark);
  // Kinds in the order the header has them; within a kind, "nhắc lại 1" before "nhắc lại 2".
  const kinds = [...new Set(boosters.map((b) => b.kind))];
  boosters.sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.booster - b.booster);
  return reads.map((r) => {
    if (r.mark === null) return null;
    if ('dose' in r.mark) return r.mark.dose;
    return highest > 0 ? highest + 1 + boosters.findIndex((b) => sameMark(b, r.mark!)) : null;
  });
}
