import { columnLetters } from './applyMerges.js';
import { warning, type Finding } from './domainPort.js';
import { doseLabel, doseMarker, type DoseMark } from './doseMarker.js';
import { FIELD_LABELS, foldHeader, matchHeader, type HeaderMatch, type ImportField } from './headerAliases.js';
import { cellText, isBlankCell, type SheetRow } from './sheetData.js';

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
  /** Fields that more than one column names: the column imported and the ones left out (columnChoiceNotes). */
  duplicates: { field: MappedField; used: number; unused: number[]; why: 'precise' | 'first' }[];
  /** Fields written under one of two sub-columns "Nam" / "Nữ" (sexSplits); both columns are read. */
  splits: SexSplit[];
  /**
   * A row per person with each dose in its own columns (DoseColumns), in dose order; [] when a row
   * is one dose. `fields` then names the first dose's columns where no column serves every dose.
   */
  doses: DoseColumns[];
  /** Some header text was not the header row's own cell: read from the row above, or labelled with its dose. */
  rewritten: boolean;
}

/** The fields a dose has columns of its own for, in a list with a row per person. */
export const DOSE_FIELDS = ['vaccinationDate', 'vaccine', 'lot'] as const;
export type DoseField = (typeof DOSE_FIELDS)[number];

/**
 * One dose's columns in a list with a row per person ("Ngày tiêm mũi 1" | "Vắc xin mũi 1" |
 * "Ngày tiêm mũi 2" …, or a group header "Mũi 1" over Ngày tiêm | Vắc xin | Số lô): its number,
 * and for each dose field its own column or the one every dose shares ("Tên vắc xin" once).
 */
export interface DoseColumns {
  dose: number;
  vaccinationDate?: number;
  vaccine?: number;
  lot?: number;
  /** The dose's own columns: a row has this dose when one of them holds something. */
  own: number[];
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

/** A bare dose label in the header row ("Mũi 1" over a column of dates): that dose's date. */
const BARE_DOSE_LABEL: HeaderMatch = { field: 'vaccinationDate', how: 'exact', generic: false };

/** Nothing but the marker, or a note in brackets beside it ("Mũi 1 (dd/mm/yyyy)", "Mũi 2 (AZ)"). */
const isBare = (rest: string): boolean => foldHeader(rest.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')) === '';

/**
 * The short headers a dose group has under its label ("Mũi 1" over Ngày | Tên | Lô), which alone
 * name nothing or another field ("Tên" is a given name, "Ngày" any date): folded, as HEADER_ALIASES.
 */
const GROUP_SUBHEADERS: ReadonlyMap<string, DoseField> = new Map([
  ...['ngay', 'ngaythang', 'ngaythangnam', 'date', 'thoigian', 'thoigiantiem'].map((h) => [h, 'vaccinationDate'] as const),
  ...['ten', 'loai', 'vx', 'tenvx', 'loaivx', 'name', 'type', 'thuoc'].map((h) => [h, 'vaccine'] as const),
  ...['lo', 'solo', 'lot', 'batch'].map((h) => [h, 'lot'] as const),
]);

const isDoseField = (field: ImportField | undefined): field is DoseField => field === 'vaccinationDate' || field === 'vaccine' || field === 'lot';

/** One header cell read: its text, the field it names, and the dose its own text or a group label above gives it. */
interface HeaderCellRead {
  header: string;
  match: HeaderMatch | null;
  /** The match of the text without its dose marker (a bare label: the dose's date). */
  doseMatch: HeaderMatch | null;
  mark: DoseMark | null;
  /** The dose came from a group cell above, not from this cell's own text. */
  markAbove: boolean;
}

/**
 * The dose each column's group cell in the row above names ("Mũi 1" merged over three columns, or
 * written over the first of them only: a blank cell is still the group to its left). A cell that
 * is a header of its own ("Ngày tiêm mũi 1" above "Ngày tiêm") is no group label.
 */
function groupLabels(above: SheetRow, width: number): (DoseMark | null)[] {
  const out: (DoseMark | null)[] = [];
  let carry: DoseMark | null = null;
  for (let c = 0; c < width; c++) {
    const text = cellText(above.cells[c] ?? null).trim();
    if (text !== '') {
      const m = doseMarker(text);
      carry = m !== null && (m.rest === '' || matchHeader(m.rest) === null) ? m.mark : null;
    }
    out.push(carry);
  }
  return out;
}

/**
 * Each header cell of `row` read; with `combine`, a blank cell takes the text of the cell above (a
 * two-row header without merged cells: "Họ và tên" written once over two rows). `above` is the
 * row right above, or null.
 */
function readHeaderCells(row: SheetRow, above: SheetRow | null, combine: boolean): HeaderCellRead[] {
  const width = Math.max(row.cells.length, combine && above ? above.cells.length : 0);
  const labels = above ? groupLabels(above, width) : [];
  const reads: HeaderCellRead[] = [];
  for (let c = 0; c < width; c++) {
    let header = cellText(row.cells[c] ?? null).trim();
    if (header === '' && combine && above) header = cellText(above.cells[c] ?? null).trim();
    const match = header ? matchHeader(header) : null;
    const marker = header ? doseMarker(header) : null;
    if (marker !== null) {
      const doseMatch = matchHeader(marker.rest) ?? (isBare(marker.rest) ? BARE_DOSE_LABEL : null);
      const dose = isDoseField(doseMatch?.field);
      reads.push({ header, match, doseMatch, mark: dose ? marker.mark : null, markAbove: false });
      continue;
    }
    const label = labels[c] ?? null;
    // Under a dose's label, "Tên" is the vaccine's name and "Ngày" the day it was given.
    const sub = label === null ? undefined : GROUP_SUBHEADERS.get(foldHeader(header));
    const doseMatch: HeaderMatch | null = sub !== undefined ? { field: sub, how: 'exact', generic: false } : match;
    reads.push({ header, match, doseMatch, mark: label !== null && isDoseField(doseMatch?.field) ? label : null, markAbove: label !== null });
  }
  return reads;
}

/**
 * The dose numbers of the marked columns: boosters ("nhắc lại") numbered after the highest dose
 * the header names; a booster with no numbered dose beside it says no number.
 */
function doseNumbers(reads: readonly HeaderCellRead[]): (number | null)[] {
  let highest = 0;
  for (const r of reads) if (r.mark !== null && 'dose' in r.mark) highest = Math.max(highest, r.mark.dose);
  return reads.map((r) => {
    if (r.mark === null) return null;
    if ('dose' in r.mark) return r.mark.dose;
    return highest > 0 ? highest + r.mark.booster : null;
  });
}

/**
 * Maps one row's cells as if it were the header: each field to its best-ranked column (ties: the
 * leftmost); the other columns naming the same field are listed in `duplicates`, never dropped
 * without a word. Columns marked with a dose ("Ngày tiêm mũi 2", or under a group "Mũi 2") make a
 * list with a row per person (DoseColumns) when no column holds the dose number.
 */
export function mapHeaderRow(row: SheetRow, headerIndex: number, above: SheetRow | null = null, combine = false): HeaderMapping {
  const reads = readHeaderCells(row, above, combine);
  const numbers = doseNumbers(reads);
  // A dose number column ("Mũi tiêm thứ") says each row's dose: the markers are then just words.
  const byPerson = numbers.some((n) => n !== null) && !reads.some((r, c) => numbers[c] === null && r.match?.field === 'doseNumber');
  const candidates = new Map<MappedField, { index: number; rank: number }[]>();
  const groups = new Map<number, { columns: Partial<Record<DoseField, number>>; own: number[] }>();
  const groupDuplicates: HeaderMapping['duplicates'] = [];
  reads.forEach((r, index) => {
    const dose = byPerson ? numbers[index]! : null;
    if (dose !== null) {
      const field = r.doseMatch!.field as DoseField;
      let group = groups.get(dose);
      if (!group) groups.set(dose, (group = { columns: {}, own: [] }));
      const used = group.columns[field];
      if (used === undefined) {
        group.columns[field] = index;
        group.own.push(index);
      } else {
        const listed = groupDuplicates.find((d) => d.field === field && d.used === used);
        if (listed) listed.unused.push(index);
        else groupDuplicates.push({ field, used, unused: [index], why: 'first' });
      }
      return;
    }
    const match = r.match;
    if (!match || match.field === 'ignore') return;
    const list = candidates.get(match.field) ?? [];
    list.push({ index, rank: rankOf(match) });
    candidates.set(match.field, list);
  });
  const fields: Partial<Record<MappedField, number>> = {};
  const ranked = new Map<MappedField, { index: number; rank: number }[]>();
  for (const [field, list] of candidates) {
    const order = list.sort((a, b) => a.rank - b.rank || a.index - b.index);
    fields[field] = order[0]!.index;
    ranked.set(field, order);
  }
  // One full-name column makes separate family/given columns redundant (they are kept as data).
  if (fields.fullName !== undefined) {
    delete fields.familyName;
    delete fields.givenName;
  }
  if (fields.dob !== undefined) delete fields.birthYear;
  const duplicates: HeaderMapping['duplicates'] = [];
  for (const [field, order] of ranked) {
    if (fields[field] === undefined || order.length < 2) continue;
    const [used, next] = [order[0]!, order[1]!];
    duplicates.push({ field, used: used.index, unused: order.slice(1).map((c) => c.index), why: used.rank < next.rank ? 'precise' : 'first' });
  }
  duplicates.push(...groupDuplicates);
  // Each dose's columns: its own, else the one every dose shares. `fields` names the first
  // dose's where none is shared, so what reads a row by its fields (row kinds, date order) sees one.
  const doses: DoseColumns[] = [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([dose, g]) => {
      const d: DoseColumns = { dose, own: g.own };
      for (const f of DOSE_FIELDS) {
        const column = g.columns[f] ?? fields[f];
        if (column !== undefined) d[f] = column;
      }
      return d;
    });
  for (const f of DOSE_FIELDS) {
    if (fields[f] !== undefined) continue;
    const first = doses.find((d) => d[f] !== undefined)?.[f];
    if (first !== undefined) fields[f] = first;
  }
  const byColumn = new Map(Object.entries(fields).map(([field, index]) => [index, field as MappedField]));
  for (const d of doses) for (const f of DOSE_FIELDS) if (d[f] !== undefined && d.own.includes(d[f])) byColumn.set(d[f], f);
  let rewritten = false;
  const columns: HeaderColumn[] = reads.map((r, index) => {
    let header = r.header;
    const dose = byPerson ? numbers[index] : null;
    if (dose !== null && dose !== undefined && r.markAbove) header = `${doseLabel(dose)} - ${header}`;
    if (header !== cellText(row.cells[index] ?? null).trim()) rewritten = true;
    return { index, header, field: byColumn.get(index) ?? null };
  });
  const missing = missingOf(fields).filter((f) => !(f === 'doseNumber' && doses.length > 0));
  return { headerRow: row.row, headerIndex, columns, fields, missing, duplicates, splits: [], doses, rewritten };
}

/** How many fields a header names: a row per person's dose columns name the dose number too. */
function scoreOf(mapping: HeaderMapping): number {
  return Object.keys(mapping.fields).length + (mapping.doses.length > 0 ? 1 : 0);
}

const MALE_SUBHEADERS = new Set(['nam', 'male', 'm']);
const FEMALE_SUBHEADERS = new Set(['nu', 'female', 'f']);

/**
 * The id cell of a row whose id column is blank, from another document column of the same rank (a
 * CCCD column and a passport column: a foreigner fills the second); never from a generic `ID`
 * column, which a document's own header beat. Undefined when there is none filled.
 */
export function idFallback(row: SheetRow, mapping: HeaderMapping): SheetRow['cells'][number] | undefined {
  const d = mapping.duplicates.find((x) => x.field === 'idNumber' && x.why === 'first');
  const column = d?.unused.find((c) => !isBlankCell(row.cells[c]));
  return column === undefined ? undefined : row.cells[column];
}

/** The sex a sub-header cell names ("Nam", "Nữ", "Male", "F", …), or null. */
function subheaderSex(row: SheetRow, column: number): 'M' | 'F' | null {
  const text = foldHeader(cellText(row.cells[column] ?? null));
  return MALE_SUBHEADERS.has(text) ? 'M' : FEMALE_SUBHEADERS.has(text) ? 'F' : null;
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
    if ((d.field !== 'sex' && d.field !== 'birthYear' && d.field !== 'dob') || d.unused.length !== 1) continue;
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
  const split = new Map<number, MappedField>(splits.flatMap((s) => [[s.male, s.field] as const, [s.female, s.field] as const]));
  return {
    ...mapping,
    columns: mapping.columns.map((c) => (split.has(c.index) ? { ...c, field: split.get(c.index)! } : c)),
    duplicates: mapping.duplicates.filter((d) => !splits.some((s) => s.field === d.field)),
    splits,
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
    const [whyVi, whyEn] =
      why === 'precise'
        ? [`vì tiêu đề của nó rõ hơn`, `as its header is the more precise`]
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
  const vi = mapping.doses.map((d) => `mũi ${d.dose} ở cột ${letters(own(d))}`).join('; ');
  const en = mapping.doses.map((d) => `dose ${d.dose} in column${d.own.length > 1 ? 's' : ''} ${letters(own(d))}`).join('; ');
  return [
    warning(
      'doseNumber',
      'IMPORT_DOSE_COLUMNS',
      `Mỗi dòng là một người và mỗi mũi có cột riêng: ${vi}. Mỗi mũi có ghi được nhập thành một bản ghi với số mũi đó.`,
      `One row per person, each dose in its own columns: ${en}. Each dose filled in becomes a record with that dose number.`,
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
    // The row right above (Excel's numbering): a group label over dose columns, or the upper half
    // of a two-row header written without merged cells, whose blank cells it then fills.
    const prev = i > 0 && rows[i - 1]!.row === row.row - 1 ? rows[i - 1]! : null;
    let mapping = mapHeaderRow(row, i, prev);
    if (prev !== null && (prev.cells.length > row.cells.length || row.cells.some((c, k) => isBlankCell(c) && !isBlankCell(prev.cells[k])))) {
      const combined = mapHeaderRow(row, i, prev, true);
      if (scoreOf(combined) > scoreOf(mapping)) mapping = combined;
    }
    const score = scoreOf(mapping);
    if (score > bestScore) {
      best = mapping;
      bestScore = score;
    }
  }
  return best === null ? null : withSplits(rows, best);
}

/** The missing columns for IMPORT_NO_HEADER details, each with its usual header in vi and en. */
export function describeMissing(missing: readonly RequiredField[]): { field: RequiredField; vi: string; en: string }[] {
  return missing.map((field) => ({ field, ...FIELD_LABELS[field] }));
}
