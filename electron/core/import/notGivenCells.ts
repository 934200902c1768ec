/**
 * Where a list says a dose was not given here, outside a dose's own cell (notGiven.ts reads what
 * it says): a notes or status column ("Ghi chú", "Trạng thái", "Kết quả", "Tình trạng"), a yes/no
 * column ("Đã tiêm (Có/Không)"), a reason column ("Lý do hoãn tiêm"), a status column holding a
 * step before the dose ("Chờ tiêm", "Đã đăng ký": a system's export filtered to "Đã tiêm" keeps
 * those rows, hidden); a note written in the
 * vaccine cell ("AstraZeneca - hoãn", "Pfizer (không tiêm)") or the dose number cell ("2 - hoãn",
 * "Mũi 2 (chưa tiêm)"), "Hủy" for the row's number (STT) or with the name ("Hủy - Đỗ Văn Giang",
 * whose family name was stored as "Hủy"). Each such record is an
 * error, IMPORT_NOT_GIVEN, quoting the cell and its column: the station signs every imported dose
 * as given by its facility, and a dose the list says was not, was postponed, cancelled or given
 * elsewhere must not be signed (an error, so "confirm warnings" does not pass it).
 *
 * A note naming a dose ("Hoãn mũi 3", "Sốc phản vệ sau mũi 2, không tiêm mũi 3") is about that
 * dose only: in a row per person its record, in a row per dose a row of that dose; a dose named
 * after "sau" (after) is the one before, not the one not given. A note naming none is the whole
 * row's. An appointment ("Hẹn tiêm mũi 2") is read only when it names the row's dose.
 *
 * The columns are read for this only; nothing of them is stored.
 */
import { error, foldForSearch, type Finding } from './domainPort.js';
import { doseMarker } from './doseMarker.js';
import type { HeaderMapping } from './findHeaderRow.js';
import { foldHeader, HEADER_ALIASES, withoutNotes } from './headerAliases.js';
import type { MappedRow } from './mapRow.js';
import { clausesOf, notGivenIn, notGivenWords, saysNo, saysPendingStep, wordsOf, type NotGivenKind } from './notGiven.js';
import { memoByText } from './memoByText.js';
import { namesOtherPlace, type StationFacility } from './placeColumn.js';
import { textOf } from './parseTextCells.js';

/** status: one step of the dose ("Đã tiêm", "Chờ tiêm"); notes: anything written. */
type NoteKind = 'status' | 'notes' | 'yesNo' | 'reason';

/** The row number's column ("STT"): a field of none (HEADER_ALIASES.ignore). */
const ROW_NUMBER_HEADERS: ReadonlySet<string> = new Set(HEADER_ALIASES.ignore);

/** Folded headers of a column of notes or of the dose's status: read for "not given". */
const NOTE_HEADERS: ReadonlyMap<string, NoteKind> = new Map([
  ...[
    'ghichu', 'ghichukhac', 'ghichutiem', 'note', 'notes', 'remark', 'remarks', 'comment', 'comments',
    'ketqua', 'ketquatiem', 'ketquatiemchung', 'result', 'lydo',
  ].map((h) => [h, 'notes'] as const),
  // A system's step of the dose: "Chờ tiêm", "Hẹn tiêm" there are this dose's (saysPendingStep).
  ...['trangthai', 'trangthaitiem', 'trangthaitiemchung', 'tinhtrang', 'tinhtrangtiem', 'tinhtrangtiemchung', 'status', 'vaccinationstatus'].map((h) => [h, 'status'] as const),
  // "Đã tiêm (Có/Không)": the bracket is left out (withoutNotes).
  ...['datiem', 'datiemchua', 'cotiem', 'tiemchua', 'duoctiem', 'vaccinated', 'given', 'administered'].map((h) => [h, 'yesNo'] as const),
  // Anything in it is the reason the dose was not given.
  ...['lydokhongtiem', 'lydohoan', 'lydohoantiem', 'lydochuatiem', 'lydotuchoi', 'reasonnotgiven', 'reasonnotvaccinated'].map((h) => [h, 'reason'] as const),
]);

interface NoteColumn {
  index: number;
  header: string;
  kind: NoteKind;
  /** "Ghi chú mũi 2": that dose's; none: every dose's. */
  dose?: number;
}

/** The notes and status columns of a list; [] for most. Only columns no field took. */
function noteColumns(mapping: HeaderMapping): NoteColumn[] {
  const out: NoteColumn[] = [];
  for (const c of mapping.columns) {
    if (c.field !== null || c.header === '') continue;
    const marker = doseMarker(c.header);
    const kind = NOTE_HEADERS.get(foldHeader(withoutNotes(marker?.rest ?? c.header)));
    if (kind === undefined) continue;
    const dose = marker !== null && 'dose' in marker.mark ? marker.mark.dose : undefined;
    out.push(dose === undefined ? { index: c.index, header: c.header, kind } : { index: c.index, header: c.header, kind, dose });
  }
  return out;
}

/** Longest note quoted in a finding. */
const QUOTED = 100;

function quoted(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > QUOTED ? `${t.slice(0, QUOTED - 1)}…` : t;
}

function notGivenFinding(field: string, text: string, header: string): Finding {
  const t = quoted(text);
  return error(
    field,
    'IMPORT_NOT_GIVEN',
    `Dòng ghi "${t}" (cột ${header}): mũi này chưa được tiêm tại cơ sở, không nhập để ký. Nếu đúng là cơ sở mình đã tiêm mũi này, hãy sửa ô đó rồi nhập lại.`,
    `The row says "${t}" (column ${header}): this dose was not given here; it is not imported for signing. If your facility did give it, correct that cell and import again.`,
  );
}

const ORDINAL: Record<string, number> = { nhat: 1, mot: 1, hai: 2, ba: 3, tu: 4, bon: 4, nam: 5 };

/** "mũi 3", "M3", "liều thứ 2", "dose 2", "mũi thứ ba", "mũi hai". */
const DOSE_NAMED = /(?<![a-z0-9])(?:(?:mui|lieu|dose)(?: tiem)?(?: (?:thu|so))? ?([1-9])|m([1-9])|(?:mui|lieu)(?: tiem)? (?:thu (nhat|mot|hai|ba|tu|bon|nam)|(mot|hai|ba|bon)))(?![a-z0-9])/g;

/** The doses a clause names as its subject; not one after "sau" / "after" (the dose before). */
function dosesNamed(clause: string): number[] {
  const folded = foldForSearch(clause).replace(/[^a-z0-9]+/g, ' ');
  const out: number[] = [];
  for (const m of folded.matchAll(DOSE_NAMED)) {
    if (/(?:^|\s)(?:sau|after)\s*$/.test(folded.slice(0, m.index))) continue;
    const said = m[1] ?? m[2] ?? m[3] ?? m[4]!;
    out.push(/^\d$/.test(said) ? Number(said) : ORDINAL[said]!);
  }
  return out;
}

/** A clause of a note that says something of a dose: what, the doses it names, a place it was given at. */
interface Saying {
  /** Not given as read (notGiven.ts); [] when only a place is named. */
  kinds: readonly NotGivenKind[];
  named: readonly number[];
  /** "tiêm tại BV Bạch Mai": the place, folded; compared with the facility's name when known. */
  place: string | null;
}

/**
 * What a note's clauses say, remembered per text: a list's notes repeat down the sheet, and one
 * long note ("Theo dõi 30 phút sau tiêm…" many times over) is a thousand clauses.
 */
const sayingsOf = memoByText((text: string): readonly Saying[] => {
  const out: Saying[] = [];
  for (const clause of clausesOf(text)) {
    const kinds = notGivenWords(wordsOf(clause)).map((s) => s.kind);
    const place = kinds.length === 0 ? placeGivenAt(clause) : null;
    if (kinds.length === 0 && place === null) continue;
    const named = dosesNamed(clause);
    // A planned dose naming none says nothing ("Hẹn mũi tiếp theo").
    if (named.length === 0 && place === null && kinds.every((k) => k === 'planned')) continue;
    out.push({ kinds, named, place });
  }
  return out;
}, 256);

/** "Mũi 3 tiêm tại BV Bạch Mai": the place after "tiêm tại/ở", folded; null: none. */
function placeGivenAt(clause: string): string | null {
  const folded = foldForSearch(clause).replace(/[^a-z0-9]+/g, ' ');
  return /(?:^|\s)tiem (?:tai|o) (.+)$/.exec(folded)?.[1] ?? null;
}

/**
 * Whether a note says the dose `dose` (undefined: not known) was not given: a clause that says so
 * naming that dose or none, or that it was given at a place that is not the facility (known only
 * with its name). A planned dose only when it names this one.
 */
function noteSaysNotGiven(text: string, dose: number | undefined, facility: StationFacility): boolean {
  const name = facility.name?.trim() || null;
  for (const s of sayingsOf(text)) {
    if (s.kinds.length === 0 && (name === null || !namesOtherPlace(s.place!, name))) continue;
    if (s.named.length === 0 || dose === undefined || s.named.includes(dose)) return true;
  }
  return false;
}

/** The dose a record is of, when known: its dose's columns, else its number. */
function doseOfRecord(r: MappedRow): number | undefined {
  if (r.doseOf !== undefined) return r.doseOf;
  return typeof r.dose.doseNumber === 'number' ? r.dose.doseNumber : undefined;
}

const NO_REASON: ReadonlySet<string> = new Set(['', '0', 'khong', 'ko', 'k', 'no', 'none', 'khong co']);

/** What a note column's cell says of a record's dose. */
function columnSays(kind: NoteKind, text: string, dose: number | undefined, facility: StationFacility): boolean {
  if (kind === 'yesNo') return saysNo(text);
  // "Lý do hoãn tiêm": any reason given; "Không" or a dash is none.
  if (kind === 'reason') return !NO_REASON.has(foldForSearch(text).replace(/[^a-z0-9]+/g, ' ').trim());
  return saysPendingStep(text, kind === 'status') || noteSaysNotGiven(text, dose, facility);
}

/** A cell of the record's own that may hold a note: its column, and the field a finding names. */
interface NotedCell {
  index: number;
  field: string;
}

/**
 * The cells of a record where a note is written beside what the cell holds ("Pfizer (hoãn)", "2 -
 * hoãn", "Hủy - Đỗ Văn Giang") or in place of it ("Hủy" for the row's number).
 */
function notedCells(mapping: HeaderMapping): (r: MappedRow) => NotedCell[] {
  const byDose = new Map<number, NotedCell[]>();
  const f = mapping.fields;
  const ofRow: NotedCell[] = [];
  // "Hủy" for the row's number, "Hủy - Đỗ Văn Giang", "Lê Văn Cường (hủy)": the whole row's.
  for (const c of mapping.columns) if (c.field === null && ROW_NUMBER_HEADERS.has(foldHeader(c.header))) ofRow.push({ index: c.index, field: 'row' });
  const name = f.fullName ?? f.familyName;
  if (name !== undefined) ofRow.push({ index: name, field: 'fullName' });
  if (f.vaccine !== undefined) ofRow.push({ index: f.vaccine, field: 'vaccine' });
  // "2 - hoãn", "1 (hủy)": the dose number is read and the note after it passed over (parseDoseNumber).
  if (f.doseNumber !== undefined) ofRow.push({ index: f.doseNumber, field: 'doseNumber' });
  // A row per person: the row's cells, and the dose's own vaccine cell.
  for (const d of mapping.doses) byDose.set(d.dose, d.vaccine === undefined ? ofRow : [...ofRow, { index: d.vaccine, field: 'vaccine' }]);
  return (r) => (r.doseOf === undefined ? ofRow : (byDose.get(r.doseOf) ?? ofRow));
}

function headerOf(mapping: HeaderMapping, index: number): string {
  return mapping.columns.find((c) => c.index === index)?.header ?? '';
}

/** The finding of a record whose notes, status or own cells say its dose was not given; null: none. */
function notGivenOf(r: MappedRow, notes: readonly NoteColumn[], cells: readonly NotedCell[], mapping: HeaderMapping, facility: StationFacility): Finding | null {
  const dose = doseOfRecord(r);
  for (const c of notes) {
    if (c.dose !== undefined && r.doseOf !== undefined && c.dose !== r.doseOf) continue;
    const text = textOf(r.cells[c.index] ?? null);
    if (text !== '' && columnSays(c.kind, text, c.dose ?? dose, facility)) return notGivenFinding('row', text, c.header);
  }
  for (const c of cells) {
    const text = textOf(r.cells[c.index] ?? null);
    // notGivenIn first: remembered per text, and most cells say nothing of the kind.
    if (text !== '' && notGivenIn(text) !== null && noteSaysNotGiven(text, dose, facility)) return notGivenFinding(c.field, text, headerOf(mapping, c.index));
  }
  return null;
}

/**
 * Adds IMPORT_NOT_GIVEN to each record whose notes, status or own cells say its dose was not given
 * here. `mapped`: the file's records, as mapDataRows made them.
 */
export function addNotGivenFindings(mapped: readonly MappedRow[], mapping: HeaderMapping, facility: StationFacility): void {
  const notes = noteColumns(mapping);
  const cellsOf = notedCells(mapping);
  for (const r of mapped) {
    const found = notGivenOf(r, notes, cellsOf(r), mapping, facility);
    if (found !== null) r.findings.push(found);
  }
}
