import { datesOfBirthAgree, error, foldForSearch, formatDayFirst, isValidIsoDate, normalizeLot, PersonFindingsMemo, validateRecord, warning, type Finding, type OtherDose, type OtherPerson } from './domainPort.js';
import type { MappedRow } from './mapRow.js';
import { yieldToEventLoop } from './yieldToEventLoop.js';

export type RowStatus = 'ready' | 'warning' | 'error' | 'duplicate';

/**
 * A row after validation. Built once per row and then owned by the preview, which updates it in
 * place against the store (no copy of 100k rows per step).
 */
export interface ValidatedRow {
  row: number;
  /** MappedRow.sheet. */
  sheet: string | undefined;
  /** The record as the store takes it: the same object goes to the store and into the preview. */
  input: { person: MappedRow['person']; dose: MappedRow['dose'] };
  covers: ReadonlySet<string>;
  cells: MappedRow['cells'];
  status: RowStatus;
  /** Import findings first, then validation's (minus those on fields the import already covered). */
  findings: Finding[];
  /** What reading the cells found (MappedRow.findings), without validation's. */
  importFindings: Finding[];
  /** For a row the store already holds: that record's id. */
  existingId: string | undefined;
  /** In a list with a row per person: the dose whose columns the record was read from. */
  doseOf: number | undefined;
}

function validated(row: MappedRow, status: RowStatus, findings: Finding[]): ValidatedRow {
  return {
    row: row.row,
    sheet: row.sheet,
    input: { person: row.person, dose: row.dose },
    covers: row.covers,
    cells: row.cells,
    status,
    findings,
    importFindings: row.findings,
    existingId: undefined,
    doseOf: row.doseOf,
  };
}

/** `findings` followed by those of `more` on fields `covers` does not name. */
export function withUncovered(findings: readonly Finding[], more: readonly Finding[], covers: ReadonlySet<string>): Finding[] {
  const out = findings.slice();
  for (const f of more) if (!covers.has(f.field)) out.push(f);
  return out;
}

/** Rows validated between two turns of the event loop. */
const SLICE = 2000;

/** Neighbours passed to validation per row: enough to explain a conflict, bounded for hostile files. */
const MAX_NEIGHBOURS = 20;

function doseNumberOf(row: MappedRow): number | null {
  const n = typeof row.dose.doseNumber === 'number' ? row.dose.doseNumber : Number.NaN;
  return Number.isInteger(n) ? n : null;
}

/** The store's idempotence key (store/recordInput.ts naturalKey): the same dose twice is one dose. */
export function naturalKeyOf(row: MappedRow): string | null {
  const n = doseNumberOf(row);
  if (!row.person.idType || !row.person.idNumber || n === null || !row.dose.vaccine || !row.dose.vaccinationDate) return null;
  return [row.person.idType, row.person.idNumber, n, row.dose.vaccine, row.dose.vaccinationDate].join('|');
}

export function statusOf(findings: readonly Finding[]): Exclude<RowStatus, 'duplicate'> {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  return findings.length > 0 ? 'warning' : 'ready';
}

export function duplicateInFile(row: number, first: number, firstSheet?: string): Finding {
  // The first row on another sheet (a sheet per day): its sheet is named, else "row 3" is this sheet's.
  const [vi, en] = firstSheet === undefined ? ['', ''] : [` của trang "${firstSheet}"`, ` of sheet "${firstSheet}"`];
  return warning('row', 'IMPORT_DUPLICATE_ROW', `Dòng ${row} lặp lại mũi tiêm ở dòng ${first}${vi}: bỏ qua.`, `Row ${row} repeats the dose of row ${first}${en}: skipped.`);
}

/**
 * Two rows of one dose under one id are one person: dates of birth that can be one, and one name, in
 * capitals or not, or written without its marks on one row ("TRAN VAN AN"); "Trần Văn An" and
 * "Trần Văn Ân", both with their marks, are two names.
 */
function samePerson(a: MappedRow, b: MappedRow): boolean {
  const [x, y] = [a.person.fullName ?? '', b.person.fullName ?? ''];
  if (foldForSearch(x) !== foldForSearch(y) || !datesOfBirthAgree(a.person.dob ?? '', b.person.dob ?? '')) return false;
  const unmarked = (t: string): boolean => /^[\x20-\x7e]*$/.test(t);
  return x.normalize('NFC').toLowerCase() === y.normalize('NFC').toLowerCase() || unmarked(x) || unmarked(y);
}

/**
 * Row `row` and row `other` give the same dose under one id number to two people (two names, or two
 * dates of birth): one of them is mistyped, and which cannot be told. An error on both: signing
 * either would put a name perhaps wrong on the passport of the number's holder.
 */
export function sameIdOtherPerson(row: MappedRow, other: MappedRow): Finding {
  const who = (r: MappedRow): string => `"${r.person.fullName ?? ''}"${r.person.dob ? ` (${formatDayFirst(r.person.dob)})` : ''}`;
  const id = `${row.person.idType} ${row.person.idNumber}`;
  // Rows on two sheets (a sheet per day): each named with its sheet.
  const two = row.sheet !== other.sheet;
  const vi = (r: MappedRow): string => (two && r.sheet !== undefined ? `dòng ${r.row} trang "${r.sheet}"` : `dòng ${r.row}`);
  const en = (r: MappedRow): string => (two && r.sheet !== undefined ? `row ${r.row} of sheet "${r.sheet}"` : `row ${r.row}`);
  const cap = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);
  return error(
    'idNumber',
    'IMPORT_SAME_ID_OTHER_PERSON',
    `${cap(vi(row))} và ${vi(other)} ghi cùng số giấy tờ ${id} và cùng mũi tiêm, nhưng cho hai người: ${who(row)} và ${who(other)}. Một số giấy tờ chỉ là của một người: một trong hai dòng gõ sai tên, ngày sinh hoặc số. Hãy sửa rồi nhập lại.`,
    `${cap(en(row))} and ${en(other)} give the same dose under one id number, ${id}, to two people: ${who(row)} and ${who(other)}. An id number is one person's: one of the rows has its name, date of birth or number mistyped. Correct it and import again.`,
  );
}

/** The lot as stored (normalizeLot). */
const lotOf = (row: MappedRow): string => normalizeLot(typeof row.dose.lot === 'string' ? row.dose.lot : '');

/** One lot, in capitals or not: makers print lots in capitals, a clerk types them either way. */
const sameLot = (a: MappedRow, b: MappedRow): boolean => lotOf(a).toUpperCase() === lotOf(b).toUpperCase();

/**
 * Row `row` and row `other` give one person's same dose with two lots: one is mistyped (or one row
 * was typed again to correct it), and which cannot be told. An error on both: the lot goes on the
 * passport, and skipping the second as a repeat stored the first's, perhaps the wrong one.
 */
export function sameDoseOtherLot(row: MappedRow, other: MappedRow): Finding {
  const two = row.sheet !== other.sheet;
  const vi = (r: MappedRow): string => (two && r.sheet !== undefined ? `dòng ${r.row} trang "${r.sheet}"` : `dòng ${r.row}`);
  const en = (r: MappedRow): string => (two && r.sheet !== undefined ? `row ${r.row} of sheet "${r.sheet}"` : `row ${r.row}`);
  const rowsVi = two ? `${vi(row)} và ${vi(other)}` : `dòng ${row.row} và dòng ${other.row}`;
  const rowsEn = two ? `${en(row)} and ${en(other)}` : `rows ${row.row} and ${other.row}`;
  const cap = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);
  const lot = (r: MappedRow, blank: string): string => (lotOf(r) === '' ? blank : `"${lotOf(r)}"`);
  const n = doseNumberOf(row);
  const date = row.dose.vaccinationDate ?? '';
  return error(
    'lot',
    'IMPORT_DUPLICATE_OTHER_LOT',
    `${cap(rowsVi)} ghi cùng một mũi tiêm (mũi ${n}, ngày ${formatDayFirst(date)}) của cùng một người nhưng với hai số lô: ${lot(row, '(trống)')} và ${lot(other, '(trống)')}. Một trong hai số lô gõ sai, không biết được số nào đúng: hãy sửa (giữ một trong hai dòng) rồi nhập lại.`,
    `${cap(rowsEn)} give the same dose (dose ${n}, ${date}) of the same person with two lots: ${lot(row, '(blank)')} and ${lot(other, '(blank)')}. One of them is mistyped, and which cannot be told: correct it (keep one of the two rows) and import again.`,
  );
}

/** The key of a person's doses among the file's: id type and number. */
function personKeyOf(row: MappedRow): string {
  return `${row.person.idType}|${row.person.idNumber}`;
}

/** The key of the people a likely duplicate is looked for among: folded name, date of birth, phone. */
function nameKeyOf(row: MappedRow, folded: string): string {
  return `${folded}|${row.person.dob}|${row.person.phone ?? ''}`;
}

/** Adds `value` to the key's list (up to MAX_NEIGHBOURS) and returns that list. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): V[] {
  const list = map.get(key);
  if (!list) {
    const made = [value];
    map.set(key, made);
    return made;
  }
  if (list.length < MAX_NEIGHBOURS) list.push(value);
  return list;
}

/**
 * Validates every row against the rules of shared/domain, with the other rows of the same file as
 * the context (a person's dose 1 and dose 2 on two rows are checked against each other). The
 * store, when there is one, repeats this with the stored records (store.previewRecords).
 */
export async function validateRows(
  rows: readonly MappedRow[],
  today: string,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; personMemo?: PersonFindingsMemo } = {},
): Promise<ValidatedRow[]> {
  const firstByKey = new Map<string, number>();
  // By row index: the row number of the first row with the same dose (rows are not map keys).
  const duplicateOf: (number | undefined)[] = new Array<number | undefined>(rows.length);
  // … and that row's sheet, when the import reads several (undefined otherwise).
  const duplicateSheetOf: (string | undefined)[] = new Array<string | undefined>(rows.length);
  // By row index: the rows giving the same dose under the same id to another person (rare).
  let otherPersonOf: Map<number, MappedRow[]> | null = null;
  // By row index: the rows giving the same person's same dose with another lot (rare).
  let otherLotOf: Map<number, MappedRow[]> | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const key = naturalKeyOf(row);
    if (key === null) continue;
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, i);
    else if (samePerson(rows[first]!, row) && sameLot(rows[first]!, row)) {
      duplicateOf[i] = rows[first]!.row;
      duplicateSheetOf[i] = rows[first]!.sheet;
    } else if (samePerson(rows[first]!, row)) {
      otherLotOf ??= new Map();
      push(otherLotOf, first, row);
      push(otherLotOf, i, rows[first]!);
    } else {
      otherPersonOf ??= new Map();
      push(otherPersonOf, first, row);
      push(otherPersonOf, i, rows[first]!);
    }
  }

  const dosesByPerson = new Map<string, OtherDose[]>();
  // Each candidate with its folded name, compared when the next row of the same number comes.
  const peopleById = new Map<string, { person: OtherPerson; name: string }[]>();
  const peopleByNameDobPhone = new Map<string, OtherPerson[]>();
  // Each row's `#row` id (its dose's and its person's, and what the second pass skips as itself)
  // and its own dose, made once; index = the row's index. The map keys are made where a list is
  // looked up, not kept per row: two joined strings a row lived through the whole pass (~16 MB
  // promoted at 100k rows) for a second lookup only the rare rows without lists need.
  const selfIds: string[] = new Array<string>(rows.length);
  const ownDoses: (OtherDose | undefined)[] = new Array<OtherDose | undefined>(rows.length);
  // Each row's lists in the maps above once the first pass has made them (a list, once made, is
  // the map's for good): the second pass reads them without looking the keys up again.
  const dosesOf: (OtherDose[] | undefined)[] = new Array(rows.length);
  const sameIdOf: ({ person: OtherPerson; name: string }[] | undefined)[] = new Array(rows.length);
  const sameNameOf: (OtherPerson[] | undefined)[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // Row numbers repeat from one sheet to the next (a sheet per day): the sheet is part of the id.
    const self = row.sheet === undefined ? `#${row.row}` : `#${row.sheet}#${row.row}`;
    selfIds[i] = self;
    if (duplicateOf[i] !== undefined || !row.person.idNumber) continue;
    const name = foldForSearch(row.person.fullName ?? '');
    const n = doseNumberOf(row);
    const date = row.dose.vaccinationDate ?? '';
    if (n !== null && isValidIsoDate(date)) {
      const dose: OtherDose = { id: self, row: row.row, doseNumber: n, vaccinationDate: date, vaccine: row.dose.vaccine ?? '' };
      if (row.sheet !== undefined) dose.sheet = row.sheet;
      ownDoses[i] = dose;
      dosesOf[i] = push(dosesByPerson, personKeyOf(row), dose);
    }
    const other: OtherPerson = {
      id: self,
      row: row.row,
      idType: (row.person.idType || 'CCCD') as OtherPerson['idType'],
      idNumber: row.person.idNumber,
      fullName: row.person.fullName ?? '',
      dob: row.person.dob ?? '',
      phone: row.person.phone ?? null,
    };
    if (row.sheet !== undefined) other.sheet = row.sheet;
    const sameId = peopleById.get(row.person.idNumber);
    if (!sameId?.some((c) => c.name === name && c.person.dob === other.dob)) sameIdOf[i] = push(peopleById, row.person.idNumber, { person: other, name });
    else sameIdOf[i] = sameId;
    if (row.person.phone) {
      const key = nameKeyOf(row, name);
      const sameName = peopleByNameDobPhone.get(key);
      if (!sameName?.some((p) => p.idNumber === other.idNumber)) sameNameOf[i] = push(peopleByNameDobPhone, key, other);
      else sameNameOf[i] = sameName;
    }
  }

  // A person's second dose is checked with the same person fields: their findings are remembered
  // (in the caller's memo when given: the store pass then reuses them).
  const personMemo = options.personMemo ?? new PersonFindingsMemo();
  const out: ValidatedRow[] = [];
  for (const row of rows) {
    if (out.length % SLICE === 0 && out.length > 0) {
      options.onProgress?.(out.length, rows.length);
      await yieldToEventLoop(options.signal);
    }
    out.push(validateOne(row, out.length));
  }
  options.onProgress?.(rows.length, rows.length);
  return out;

  function validateOne(row: MappedRow, index: number): ValidatedRow {
    const first = duplicateOf[index];
    if (first !== undefined) {
      const firstSheet = duplicateSheetOf[index];
      return validated(row, 'duplicate', [...row.findings, duplicateInFile(row.row, first, firstSheet !== row.sheet ? firstSheet : undefined)]);
    }
    const others = otherPersonOf?.get(index);
    if (others !== undefined) {
      // Not validated against the others: the person is in doubt, and the error says why.
      const findings = [...row.findings, ...others.map((o) => sameIdOtherPerson(row, o))];
      return validated(row, 'error', findings);
    }
    const otherLots = otherLotOf?.get(index);
    if (otherLots !== undefined) {
      // Not validated against the others either: the row's dose is in doubt until one row is kept.
      return validated(row, 'error', [...row.findings, ...otherLots.map((o) => sameDoseOtherLot(row, o))]);
    }
    const otherDoses: OtherDose[] = [];
    const own = ownDoses[index];
    for (const d of dosesOf[index] ?? dosesByPerson.get(personKeyOf(row)) ?? []) if (d !== own) otherDoses.push(d);
    const self = selfIds[index]!;
    const otherPeople: OtherPerson[] = [];
    for (const c of sameIdOf[index] ?? peopleById.get(row.person.idNumber ?? '') ?? []) if (c.person.id !== self) otherPeople.push(c.person);
    if (row.person.phone) {
      for (const p of sameNameOf[index] ?? peopleByNameDobPhone.get(nameKeyOf(row, foldForSearch(row.person.fullName ?? ''))) ?? []) if (p.id !== self) otherPeople.push(p);
    }
    const found = validateRecord(row.person, row.dose, row.sheet === undefined ? { today, otherDoses, otherPeople, personMemo } : { today, otherDoses, otherPeople, personMemo, sheet: row.sheet });
    // validateRecord's list is a fresh one: a row the import found nothing on (most) takes it as it is.
    const findings = row.findings.length === 0 && row.covers.size === 0 ? found : withUncovered(row.findings, found, row.covers);
    return validated(row, statusOf(findings), findings);
  }
}
