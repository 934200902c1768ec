import { columnLetters } from './applyMerges.js';
import { warning, type Finding } from './domainPort.js';
import { doseLabel } from './doseMarker.js';
import { DOSE_FIELDS, doseNumbers, isSplitField, readHeaderCells, sexOfSubheader, SPLIT_FIELDS, splitColumnHeader, type DoseField, type HeaderCellRead } from './headerCells.js';
export { DOSE_FIELDS, type DoseField } from './headerCells.js';
import { FIELD_LABELS, type HeaderMatch, type ImportField } from './headerAliases.js';
import { withDateParts } from './datePartsHeader.js';
import { cellText, isBlankCell, isColumnHidden, type SheetRow } from './sheetData.js';

export type MappedField = Exclude<ImportField, 'ignore'>;

export interface HeaderColumn {
  /** 0-based column index (0 = A). */
  index: number;
  /**
   * The header cell as written in the file; for a header read from two rows, the cell above a blank
   * one, and a dose's column labelled from above with its dose ("Mũi 2 - Ngày tiêm").
   */
  header: string;
  /** The field the column is imported into; null = not imported (unknown, STT, or a second column for a field). */
  field: MappedField | null;
  /** Hidden in the workbook (SheetRow.hiddenColumns): a visible column naming the same field wins over it. */
  hidden?: true;
}

export interface HeaderMapping {
  /** Excel row number of the header. */
  headerRow: number;
  /** Index of the header in the rows array. */
  headerIndex: number;
  columns: HeaderColumn[];
  fields: Partial<Record<MappedField, number>>;
  /** Required fields (see REQUIRED_FIELDS) with no column. */
  missing: RequiredField[];
  /**
   * Fields that more than one column names: the column imported and the ones left out
   * (columnChoiceNotes), and why: its header is the more precise, it is the visible one of those
   * as precise (the others hidden in the workbook), or the first of them.
   */
  duplicates: { field: MappedField; used: number; unused: number[]; why: 'precise' | 'visible' | 'first' }[];
  /** Fields written under one of two sub-columns "Nam" / "Nữ" (sexSplits); both columns are read. */
  splits: SexSplit[];
  /**
   * A row per person with each dose in its own columns (DoseColumns), in dose order; [] when a row
   * is one dose. `fields` then names the first dose's columns where no column serves every dose.
   */
  doses: DoseColumns[];
  /** Some header text was not the header row's own cell: read from the row above, or labelled with its dose. */
  rewritten: boolean;
  /** The Excel row of "Ngày" | "Tháng" | "Năm" under a date in three merged columns (datePartsHeader.ts). */
  datePartsUnder?: number;
  /** A vaccination date in three columns: the month's and the year's; the day's is `fields.vaccinationDate`. */
  vaccinationDateParts?: { month: number; year: number };
  /** A row per person's header with a dose number column too: that column, not read (said in the dose note). */
  unreadDoseNumber?: number[];
}


/**
 * One dose's columns in a list with a row per person ("Ngày tiêm mũi 1" | "Vắc xin mũi 1" |
 * "Ngày tiêm mũi 2" …, or a group header "Mũi 1" over Ngày tiêm | Vắc xin | Số lô): its number,
 * and for each dose field its own column or the one every dose shares ("Tên vắc xin" once).
 */
export interface DoseColumns {
  /**
   * The dose's number; for a booster's columns (`booster`), its place after the header's numbered
   * doses, the number only a person with every earlier column filled has: each record's own comes
   * from the person's doses before it in the row (mapRow.ts boosterNumbers).
   */
  dose: number;
  /**
   * Columns that name a booster, not a dose number ("Mũi bổ sung", "Nhắc lại lần 2", "Mũi nhắc
   * lại"): which of its kind (`nth`, 1 when not said), the kind, and its words as the header has them.
   */
  booster?: { nth: number; kind: string; words: string };
  vaccinationDate?: number;
  vaccine?: number;
  lot?: number;
  /** The dose's own columns: a row has this dose when one of them holds something. */
  own: number[];
  /**
   * A session's list: the dose's column holds a mark (x) under the dose given that day, and this
   * column the day. A date in the dose's column is read as its date all the same.
   */
  markDate?: number;
}

/**
 * A field whose header spans two sub-columns "Nam" | "Nữ", as the Ministry's register forms have
 * it: the year of birth written under the person's sex, or a mark under "Giới tính". The value is
 * whichever of the two cells is filled, and the column it is in says the sex.
 */
export interface SexSplit {
  field: 'sex' | 'birthYear' | 'dob';
  male: number;
  female: number;
}

/** What a row needs to become a dose record. A name may also come as family + given columns. */
export type RequiredField = 'fullName' | 'dob' | 'idNumber' | 'vaccine' | 'doseNumber' | 'vaccinationDate';
export const REQUIRED_FIELDS: readonly RequiredField[] = ['fullName', 'dob', 'idNumber', 'vaccine', 'doseNumber', 'vaccinationDate'];

/** Title rows, a logo, the facility's name: real sheets put up to a dozen rows above the header. */
const SCAN_ROWS = 50;
/** Fewer recognised columns than this is a title or a note, not a header. */
const MIN_HEADER_FIELDS = 3;

function missingOf(fields: Partial<Record<MappedField, number>>): RequiredField[] {
  return REQUIRED_FIELDS.filter((f) => {
    if (f === 'fullName') return fields.fullName === undefined && (fields.familyName === undefined || fields.givenName === undefined);
    if (f === 'dob') return fields.dob === undefined && fields.birthYear === undefined;
    return fields[f] === undefined;
  });
}

/**
 * How well a header names its field, best first: a precise exact header ("Số CCCD"), a precise one
 * with more after it ("Số CCCD người tiêm"), then a generic one ("ID"). A generic header never
 * takes the field from a precise one, wherever the two columns are.
 */
function rankOf(match: HeaderMatch): number {
  return (match.generic ? 2 : 0) + (match.how === 'prefix' ? 1 : 0);
}

/**
 * Maps one row's cells as if it were the header: each field to its best-ranked column (ties: a
 * visible one over one hidden in the workbook, a clinic's helper column; then the leftmost); the other columns naming the same field are listed in `duplicates`, never dropped
 * without a word. Columns marked with a dose ("Ngày tiêm mũi 2", or under a group "Mũi 2") make a
 * list with a row per person (DoseColumns) when they name two doses or more, or one and no column
 * holds the dose number. "Nam" | "Nữ" under "Năm sinh" make a sex split (SexSplit).
 */
export function mapHeaderRow(row: SheetRow, headerIndex: number, above: SheetRow | null = null, combine = false): HeaderMapping {
  const reads = readHeaderCells(row, above, combine);
  const numbers = doseNumbers(reads);
  const plan = readingOf(reads, numbers);
  const byPerson = plan.byPerson;
  const candidates = new Map<MappedField, { index: number; rank: number }[]>();
  const doseCandidates = new Map<number, Map<DoseField, { index: number; rank: number }[]>>();
  const boosterOf = new Map<number, NonNullable<DoseColumns['booster']>>();
  const hidden = (index: number): number => (isColumnHidden(row, index) ? 1 : 0);
  const better = (a: { index: number; rank: number }, b: { index: number; rank: number }): number => a.rank - b.rank || hidden(a.index) - hidden(b.index) || a.index - b.index;
  const whyUsed = (used: { index: number; rank: number }, next: { index: number; rank: number }): 'precise' | 'visible' | 'first' =>
    used.rank < next.rank ? 'precise' : hidden(used.index) < hidden(next.index) ? 'visible' : 'first';
  reads.forEach((r, index) => {
    const dose = byPerson ? numbers[index]! : null;
    if (dose !== null) {
      const field = r.doseMatch!.field as DoseField;
      let group = doseCandidates.get(dose);
      if (!group) doseCandidates.set(dose, (group = new Map()));
      group.set(field, [...(group.get(field) ?? []), { index, rank: rankOf(r.doseMatch!) }]);
      const mark = r.mark;
      if (mark !== null && 'booster' in mark && !boosterOf.has(dose)) boosterOf.set(dose, { nth: mark.booster, kind: mark.kind, words: boosterWordsOf(mark.words ?? r.header) });
      return;
    }
    const match = r.match;
    if (!match || match.field === 'ignore' || (byPerson && match.field === 'doseNumber')) return;
    const list = candidates.get(match.field) ?? [];
    list.push({ index, rank: rankOf(match) });
    candidates.set(match.field, list);
  });
  // A dose's columns ranked as the person's are: its vaccine's name beats its code ("Tên vắc xin
  // mũi 1" | "Mã vắc xin mũi 1", whichever comes first), the others listed as left out.
  const groups = new Map<number, { columns: Partial<Record<DoseField, number>>; own: number[] }>();
  const groupDuplicates: HeaderMapping['duplicates'] = [];
  for (const [dose, byField] of doseCandidates) {
    const group: { columns: Partial<Record<DoseField, number>>; own: number[] } = { columns: {}, own: [] };
    for (const [field, list] of byField) {
      const [used, ...unused] = list.sort(better);
      group.columns[field] = used!.index;
      group.own.push(used!.index);
      if (unused.length > 0) groupDuplicates.push({ field, used: used!.index, unused: unused.map((c) => c.index), why: whyUsed(used!, unused[0]!) });
    }
    group.own.sort((a, b) => a - b);
    groups.set(dose, group);
  }
  const fields: Partial<Record<MappedField, number>> = {};
  const ranked = new Map<MappedField, { index: number; rank: number }[]>();
  for (const [field, list] of candidates) {
    const order = list.sort(better);
    fields[field] = order[0]!.index;
    ranked.set(field, order);
  }
  // One full-name column makes separate family/given columns redundant (they are kept as data).
  if (fields.fullName !== undefined) {
    delete fields.familyName;
    delete fields.givenName;
  }
  // A middle name goes between a family and a given name; beside a full name it is part of it.
  if (fields.familyName === undefined || fields.givenName === undefined) delete fields.middleName;
  // A year of birth beside a whole date is not read; beside a day and a month ("Ngày sinh" |
  // "Tháng sinh" | "Năm sinh") it is the date's year (dateParts.ts), and a month alone is nothing.
  if (fields.dob !== undefined && fields.birthMonth === undefined) delete fields.birthYear;
  if (fields.dob === undefined || fields.birthYear === undefined) delete fields.birthMonth;
  // "Nam" | "Nữ" under one field in this row: both columns read, the filled one's says the sex.
  const splits: SexSplit[] = [];
  for (const field of SPLIT_FIELDS) {
    const under = reads.flatMap((r, c) => (r.sex !== null && r.match?.field === field ? [{ c, sex: r.sex }] : []));
    const male = under.find((u) => u.sex === 'M');
    const female = under.find((u) => u.sex === 'F');
    if (under.length === 2 && male && female && fields[field] !== undefined) splits.push({ field, male: male.c, female: female.c });
  }
  const duplicates: HeaderMapping['duplicates'] = [];
  for (const [field, order] of ranked) {
    if (fields[field] === undefined || order.length < 2 || splits.some((s) => s.field === field)) continue;
    const [used, next] = [order[0]!, order[1]!];
    duplicates.push({ field, used: used.index, unused: order.slice(1).map((c) => c.index), why: whyUsed(used, next) });
  }
  duplicates.push(...groupDuplicates);
  const doses = byPerson ? doseColumnsOf(groups, fields, plan) : [];
  for (const d of doses) {
    const booster = boosterOf.get(d.dose);
    if (booster !== undefined) d.booster = booster;
  }
  const byColumn = new Map(Object.entries(fields).map(([field, index]) => [index, field as MappedField]));
  for (const d of doses) for (const f of DOSE_FIELDS) if (d[f] !== undefined && d.own.includes(d[f])) byColumn.set(d[f], f);
  for (const s of splits) byColumn.set(s.female, s.field);
  let rewritten = false;
  const columns: HeaderColumn[] = reads.map((r, index) => {
    let header = r.header;
    const dose = byPerson ? numbers[index] : null;
    if (dose !== null && dose !== undefined && r.markAbove) header = `${doseLabel(dose)} - ${header}`;
    // A split column keeps its sex in the header written back: the export reads as a split again.
    const split = splits.find((s) => s.male === index || s.female === index);
    if (split !== undefined && r.sex !== null) header = splitColumnHeader(r.header, r.sex);
    if (header !== cellText(row.cells[index] ?? null).trim()) rewritten = true;
    const column: HeaderColumn = { index, header, field: byColumn.get(index) ?? null };
    if (hidden(index) === 1) column.hidden = true;
    return column;
  });
  const missing = missingOf(fields).filter((f) => !(f === 'doseNumber' && doses.length > 0));
  const mapping: HeaderMapping = { headerRow: row.row, headerIndex, columns, fields, missing, duplicates, splits, doses, rewritten };
  if (byPerson && plan.doseNumberColumns.length > 0) mapping.unreadDoseNumber = plan.doseNumberColumns;
  return mapping;
}

/** A booster's words as a finding quotes them: "Nhắc lại lần 1", "Mũi bổ sung". */
function boosterWordsOf(words: string): string {
  return words.charAt(0).toLocaleUpperCase('vi') + words.slice(1);
}

/** How a header with dose markers reads: a row per person or a row per dose, and the plain date's part. */
interface Reading {
  byPerson: boolean;
  /** The dose number columns ("Mũi tiêm thứ"), not read in a row per person. */
  doseNumberColumns: number[];
  /** A plain date column that is a dose of its own (before later doses' columns). */
  implicit: { dose: number; column: number } | null;
  /** A plain date column that is a session's day (every dose column only its label). */
  sessionDate: number | undefined;
}

/**
 * Whether dose markers make a row per person, and what a date column without a dose then is. A row
 * is one dose when a dose number column and a date column without a dose say so ("Ngày tiêm mũi 1
 * | Ngày tiêm mũi 2 | Mũi tiêm thứ | Ngày tiêm": the marked dates are the person's history, kept for
 * the interval check). Otherwise the markers make a row per person when they name two doses, or
 * one and no column holds the dose number (then that column is a count or a template's, not read).
 * A date column without a dose beside them is dose 1 when it comes before the doses named and they
 * start later ("Ngày tiêm | … | Ngày tiêm mũi 2", a list that grew a column per dose); a session's
 * day when every marked date column is only its label (an x under the dose given); else the row's
 * own dose, the marked dates its history: a row per dose again.
 */
function readingOf(reads: readonly HeaderCellRead[], numbers: readonly (number | null)[]): Reading {
  const doseSet = new Set(numbers.filter((n): n is number => n !== null));
  const doseNumberColumns = reads.flatMap((r, c) => (numbers[c] === null && r.match?.field === 'doseNumber' ? [c] : []));
  const plainDates = reads.flatMap((r, c) => (numbers[c] === null && r.match?.field === 'vaccinationDate' ? [c] : []));
  const rowPerDose: Reading = { byPerson: false, doseNumberColumns, implicit: null, sessionDate: undefined };
  if (doseSet.size === 0 || (doseSet.size === 1 && doseNumberColumns.length > 0)) return rowPerDose;
  // A date column that only a label typed over its neighbour gave a dose is, beside a dose number
  // column, the row's own ("Mũi 1 | Mũi 2" captions over the vaccine and lot of a row-per-dose list).
  if (doseNumberColumns.length > 0 && reads.some((r, c) => r.carried === true && r.doseMatch?.field === 'vaccinationDate' && numbers[c] !== null)) return rowPerDose;
  if (plainDates.length === 0) return { ...rowPerDose, byPerson: true };
  if (doseNumberColumns.length > 0) return rowPerDose;
  const plain = plainDates[0]!;
  const marked = numbers.flatMap((n, c) => (n === null ? [] : [c]));
  let gap = 1;
  while (doseSet.has(gap)) gap++;
  if (gap < Math.max(...doseSet) && plain < Math.min(...marked)) return { ...rowPerDose, byPerson: true, implicit: { dose: gap, column: plain } };
  const markedDates = marked.filter((c) => reads[c]!.doseMatch?.field === 'vaccinationDate');
  if (markedDates.length > 0 && markedDates.every((c) => reads[c]!.bare)) return { ...rowPerDose, byPerson: true, sessionDate: plain };
  return rowPerDose;
}

/**
 * Each dose's columns (DoseColumns): its own, else the one every dose shares; a plain date column as
 * Reading says (a dose of its own, or the session's day). `fields` then names the first dose's
 * columns where none is shared, so what reads a row by its fields (row kinds, date order) sees one.
 */
function doseColumnsOf(
  groups: Map<number, { columns: Partial<Record<DoseField, number>>; own: number[] }>,
  fields: Partial<Record<MappedField, number>>,
  plan: Reading,
): DoseColumns[] {
  if (plan.implicit !== null) groups.set(plan.implicit.dose, { columns: { vaccinationDate: plan.implicit.column }, own: [plan.implicit.column] });
  const doses: DoseColumns[] = [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([dose, g]) => {
      const d: DoseColumns = { dose, own: g.own };
      for (const f of DOSE_FIELDS) {
        const column = g.columns[f] ?? fields[f];
        if (column !== undefined) d[f] = column;
      }
      if (plan.sessionDate !== undefined) d.markDate = plan.sessionDate;
      return d;
    });
  for (const f of DOSE_FIELDS) {
    if (fields[f] !== undefined) continue;
    const first = doses.find((d) => d[f] !== undefined)?.[f];
    if (first !== undefined) fields[f] = first;
  }
  return doses;
}

/**
 * Of two header rows one above the other that name as many fields, whether the lower reads more
 * of the same columns: both halves of a "Nam" | "Nữ" pair the upper names once (no merged cells), or
 * the doses under a "Mũi tiêm" the upper merges over them (a session's list: an x under the dose).
 */
function readsMore(lower: HeaderMapping, upper: HeaderMapping): boolean {
  if (lower.splits.length > upper.splits.length) return true;
  const doseNumber = upper.fields.doseNumber;
  return doseNumber !== undefined && lower.doses.some((d) => d.own.includes(doseNumber));
}

/** How many fields a header names: a row per person's dose columns name the dose number too. */
function scoreOf(mapping: HeaderMapping): number {
  return Object.keys(mapping.fields).length + (mapping.doses.length > 0 ? 1 : 0);
}


/**
 * The id cell of a row whose id column is blank, from another document column of the same rank (a
 * CCCD column and a passport column: a foreigner fills the second); never from a generic `ID`
 * column, which a document's own header beat. Undefined when there is none filled.
 */
export function idFallback(row: SheetRow, mapping: HeaderMapping): SheetRow['cells'][number] | undefined {
  // Not when the one read is the more precise header: a generic "ID" left out is no second id.
  // A hidden CCCD column beside a visible passport column ('visible') is a second id all the same.
  const d = mapping.duplicates.find((x) => x.field === 'idNumber' && (x.why === 'first' || x.why === 'visible'));
  const column = d?.unused.find((c) => !isBlankCell(row.cells[c]));
  return column === undefined ? undefined : row.cells[column];
}

/** The sex a sub-header cell names ("Nam", "Nữ", "Male", "F", …), or null. */
function subheaderSex(row: SheetRow, column: number): 'M' | 'F' | null {
  return sexOfSubheader(cellText(row.cells[column] ?? null));
}

/** Whether a row is the "Nam" | "Nữ" sub-header of every split of the mapping (the row under the header). */
export function isSplitSubheader(row: SheetRow, mapping: HeaderMapping): boolean {
  return mapping.splits.length > 0 && mapping.splits.every((s) => subheaderSex(row, s.male) === 'M' && subheaderSex(row, s.female) === 'F');
}

/**
 * The sex-split fields of a header (SexSplit): exactly two columns name the field (a merged header
 * cell copied across, or the same header twice) and the row under the header reads "Nam" over
 * one and "Nữ" over the other.
 */
function sexSplits(rows: readonly SheetRow[], mapping: HeaderMapping): SexSplit[] {
  const under = rows[mapping.headerIndex + 1];
  if (under === undefined) return [];
  const splits: SexSplit[] = [];
  for (const d of mapping.duplicates) {
    if (!isSplitField(d.field) || d.unused.length !== 1) continue;
    const pair = [d.used, d.unused[0]!];
    const male = pair.find((c) => subheaderSex(under, c) === 'M');
    const female = pair.find((c) => subheaderSex(under, c) === 'F');
    if (male !== undefined && female !== undefined) splits.push({ field: d.field, male, female });
  }
  return splits;
}

/** The header mapping with its sex-split fields read from the row under it: no longer "left out" columns. */
function withSplits(rows: readonly SheetRow[], mapping: HeaderMapping): HeaderMapping {
  const splits = sexSplits(rows, mapping);
  if (splits.length === 0) return mapping;
  const split = new Map<number, { field: MappedField; sex: 'M' | 'F' }>(splits.flatMap((s) => [[s.male, { field: s.field, sex: 'M' }] as const, [s.female, { field: s.field, sex: 'F' }] as const]));
  return {
    ...mapping,
    // Written back with their sex ("Năm sinh (Nữ)"): the failed-rows export has no row under its header.
    columns: mapping.columns.map((c) => {
      const s = split.get(c.index);
      return s === undefined ? c : { ...c, field: s.field, header: splitColumnHeader(c.header, s.sex) };
    }),
    duplicates: mapping.duplicates.filter((d) => !splits.some((s) => s.field === d.field)),
    splits: [...mapping.splits, ...splits],
    rewritten: true,
  };
}

/**
 * One warning per field that several columns name ("ID" and "Số CCCD", "Ngày tiêm mũi 1" and
 * "Ngày tiêm mũi 2"): which column is imported, why, and which are not, so the choice is never silent.
 */
export function columnChoiceNotes(mapping: HeaderMapping): Finding[] {
  const named = (index: number): string => `${columnLetters(index)} ("${mapping.columns[index]?.header ?? ''}")`;
  return mapping.duplicates.map(({ field, used, unused, why }) => {
    const label = FIELD_LABELS[field];
    const others = unused.map(named).join(', ');
    const [restVi, restEn] = unused.length > 1 ? ['các cột kia', 'the others are'] : ['cột kia', 'the other is'];
    if (field === 'idNumber' && why === 'first') {
      // Two document columns (CCCD and passport): one person fills one of them (idFallback).
      return warning(
        field,
        'IMPORT_COLUMNS_SAME_FIELD',
        `Cột ${named(used)} và cột ${others} đều là số giấy tờ: số được đọc ở cột ${columnLetters(used)}, hoặc ở ${unused.length > 1 ? 'cột kế tiếp có ghi' : `cột ${columnLetters(unused[0]!)}`} khi cột ${columnLetters(used)} để trống.`,
        `Columns ${named(used)} and ${others} are all id number columns: the number is read from column ${columnLetters(used)}, or from ${unused.length > 1 ? 'the next one filled' : `column ${columnLetters(unused[0]!)}`} when ${columnLetters(used)} is blank.`,
      );
    }
    const hiddenOnes = unused.filter((c) => mapping.columns[c]?.hidden === true);
    const [whyVi, whyEn] =
      why === 'precise'
        ? [`vì tiêu đề của nó rõ hơn`, `as its header is the more precise`]
        : why === 'visible'
          ? [`vì cột ${letters(hiddenOnes)} đang bị ẩn trong bảng tính`, `as column${hiddenOnes.length > 1 ? 's' : ''} ${letters(hiddenOnes)} ${hiddenOnes.length > 1 ? 'are' : 'is'} hidden in the workbook`]
          : [`là cột đầu tiên; nếu cần cột khác, hãy đổi tên tiêu đề cột`, `the first of them; to use another one, rename the column headers`];
    return warning(
      field,
      'IMPORT_COLUMNS_SAME_FIELD',
      `Cột ${named(used)} và cột ${others} đều có thể là cột "${label.vi}": chỉ nhập cột ${columnLetters(used)} (${whyVi}), ${restVi} bị bỏ qua.`,
      `Columns ${named(used)} and ${others} could ${unused.length > 1 ? 'all' : 'both'} be the ${label.en.toLowerCase()}: only column ${columnLetters(used)} is imported (${whyEn}), ${restEn} ignored.`,
    );
  });
}

/** "E, F, G" */
const letters = (columns: readonly number[]): string => columns.map(columnLetters).join(', ');

/**
 * The note a list with a row per person gets (DoseColumns): which columns are which dose, so the
 * reading of the header is never silent. One warning on the header row; none for a row per dose.
 */
export function doseColumnNotes(mapping: HeaderMapping): Finding[] {
  if (mapping.doses.length === 0) return [];
  const own = (d: DoseColumns): number[] => [...d.own].sort((a, b) => a - b);
  // A booster's columns by their words: its number is each person's, not the column's (boosterNumbers).
  const vi = mapping.doses.map((d) => `${d.booster === undefined ? `mũi ${d.dose}` : `"${d.booster.words}"`} ở cột ${letters(own(d))}`).join('; ');
  const en = mapping.doses.map((d) => `${d.booster === undefined ? `dose ${d.dose}` : `"${d.booster.words}"`} in column${d.own.length > 1 ? 's' : ''} ${letters(own(d))}`).join('; ');
  // Columns every dose without one of its own reads ("Số lô" once), the session's day, the dose
  // number column not read: each said, as it decides what a record holds.
  const shared = [...new Set(mapping.doses.flatMap((d) => DOSE_FIELDS.flatMap((f) => (d[f] !== undefined && !d.own.includes(d[f]) ? [d[f]] : []))))].sort((a, b) => a - b);
  const named = (c: number): string => `${columnLetters(c)} ("${mapping.columns[c]?.header ?? ''}")`;
  const moreVi: string[] = [];
  const moreEn: string[] = [];
  if (mapping.doses.some((d) => d.booster !== undefined)) {
    moreVi.push('Số mũi của mũi nhắc lại, bổ sung được tính theo các mũi đã ghi trước nó trên dòng của từng người.');
    moreEn.push("A booster's dose number is counted from the doses filled in before it on each person's row.");
  }
  if (shared.length > 0) {
    moreVi.push(`Cột ${shared.map(named).join(', ')} dùng chung cho mọi mũi không có cột riêng.`);
    moreEn.push(`Column${shared.length > 1 ? 's' : ''} ${shared.map(named).join(', ')} ${shared.length > 1 ? 'are' : 'is'} used for every dose without one of its own.`);
  }
  const markDate = mapping.doses.find((d) => d.markDate !== undefined)?.markDate;
  if (markDate !== undefined) {
    moreVi.push(`Ô của một mũi chỉ đánh dấu (x) thì ngày tiêm lấy ở cột ${named(markDate)}.`);
    moreEn.push(`A dose's cell holding only a mark (x) takes its date from column ${named(markDate)}.`);
  }
  if (mapping.unreadDoseNumber !== undefined) {
    const cols = mapping.unreadDoseNumber.map(named).join(', ');
    moreVi.push(`Cột ${cols} không được đọc: số mũi lấy theo cột của từng mũi.`);
    moreEn.push(`Column ${cols} is not read: the dose number is each dose's columns'.`);
  }
  return [
    warning(
      'doseNumber',
      'IMPORT_DOSE_COLUMNS',
      [`Mỗi dòng là một người và mỗi mũi có cột riêng: ${vi}. Mỗi mũi có ghi được nhập thành một bản ghi với số mũi đó.`, ...moreVi].join(' '),
      [`One row per person, each dose in its own columns: ${en}. Each dose filled in becomes a record with that dose number.`, ...moreEn].join(' '),
    ),
  ];
}

/**
 * The header row of a sheet: among the first rows, the one naming the most distinct fields
 * (ties: the upper one). Null when no row names at least three fields.
 */
export function findHeaderRow(rows: readonly SheetRow[]): HeaderMapping | null {
  let best: HeaderMapping | null = null;
  let bestScore = MIN_HEADER_FIELDS - 1;
  const limit = Math.min(rows.length, SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const row = rows[i]!;
    // The row right above (Excel's numbering): a group label over dose columns, the field over a
    // "Nam" | "Nữ" pair, or the upper half of a two-row header written without merged cells, whose
    // blank cells it then fills.
    const prev = i > 0 && rows[i - 1]!.row === row.row - 1 ? rows[i - 1]! : null;
    let mapping = withDateParts(rows, withSplits(rows, mapHeaderRow(row, i, prev)));
    if (prev !== null && (prev.cells.length > row.cells.length || row.cells.some((c, k) => isBlankCell(c) && !isBlankCell(prev.cells[k])))) {
      const combined = withDateParts(rows, withSplits(rows, mapHeaderRow(row, i, prev, true)));
      if (scoreOf(combined) > scoreOf(mapping)) mapping = combined;
    }
    const score = scoreOf(mapping);
    if (score > bestScore || (best !== null && score === bestScore && i === best.headerIndex + 1 && readsMore(mapping, best))) {
      best = mapping;
      bestScore = score;
    }
  }
  return best;
}

/** The missing columns for IMPORT_NO_HEADER details, each with its usual header in vi and en. */
export function describeMissing(missing: readonly RequiredField[]): { field: RequiredField; vi: string; en: string }[] {
  return missing.map((field) => ({ field, ...FIELD_LABELS[field] }));
}
