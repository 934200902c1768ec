import type { DoseInput, Finding, PersonInput } from './domainPort.js';
import { error, findVaccine, foldForSearch, misspelledVaccine, vaccinesNamedTogether, warning } from './domainPort.js';
import { boosterReadAsDose, boosterUnnumbered } from './boosterDoses.js';
import { boosterCell, doseLabel } from './doseMarker.js';
import type { DoseColumns, HeaderMapping } from './findHeaderRow.js';
import { foldHeader } from './headerAliases.js';
import { memoByText } from './memoByText.js';
import { parseDateCell } from './parseDateCell.js';
import { DAY_FIRST, type DateOrder } from './dateOrder.js';
import { dateFromParts } from './dateParts.js';
import { lotFromVaccineCell, lotInVaccineCell, lotUnsureInVaccineCell, parseLot, vaccineCellNamesOtherLot, type LotContext } from './parseLotCell.js';
import { doseNumberUnreadable, doseTurnedDate, lotTurnedByExcel, parseDoseNumber, textOf } from './parseTextCells.js';
import { isBlankCell, type CellValue, type SheetRow } from './sheetData.js';
import { vaccineColumnsDiffer } from './vaccineColumns.js';
import { mapPerson } from './mapPerson.js';
import { saysNotGivenHere } from './notGiven.js';
import { RowFindings } from './rowFindings.js';
import { namesVaccineClass, readMaker } from './makerColumn.js';
import { ageDiffers } from './ageColumn.js';

/** One data row turned into what the store takes, with what the import itself found wrong. */
export interface MappedRow {
  row: number;
  /** The row's sheet, when the import reads more than one (a sheet per vaccination day). */
  sheet?: string;
  person: PersonInput;
  dose: DoseInput;
  findings: Finding[];
  /** Fields on which our findings stand in for validation's (no second message about the same cell). */
  covers: ReadonlySet<string>;
  /** The source cells, for the preview's rows and the failed-rows export. */
  cells: CellValue[];
  /**
   * In a list with a row per person: the dose this record is, read from its columns (a booster's
   * counted from the person's doses before it, boosterNumbers); none for a booster left unnumbered.
   */
  doseOf?: number;
}

/**
 * What a vaccine cell names: the catalog code, else the code of the one vaccine it is a letter
 * from ("Astrazenca") with a warning saying so, else the text as written. Remembered per text.
 */
const vaccineOf = memoByText((text: string): { code: string; misspelt: Finding | null; unclear?: Finding } => {
  const known = findVaccine(text);
  if (known !== undefined) return { code: known.code, misspelt: null };
  const near = misspelledVaccine(text);
  if (near === undefined) {
    // "Pfizer/Moderna", "Sputnik": the catalog's "not in the catalog" would puzzle; said as it is.
    const together = text.includes('?') ? null : vaccinesNamedTogether(text);
    if (together === null && namesVaccineClass(text)) return { code: text, misspelt: null, unclear: vaccineClass(text) };
    return together === null ? { code: text, misspelt: null } : { code: text, misspelt: null, unclear: vaccineUnclear(text, together) };
  }
  return {
    code: near.code,
    misspelt: warning(
      'vaccine',
      'IMPORT_VACCINE_SPELLING',
      `Tên vắc xin "${text}" không đúng chính tả: đã đọc là ${near.nameVi}. Hãy kiểm tra lại.`,
      `The vaccine "${text}" is misspelt: read as ${near.nameEn}. Check it.`,
    ),
  };
});

/**
 * A vaccine cell naming only the class of every COVID-19 vaccine: its ATC code J07BX03, as hospital
 * systems code drugs, or "Vắc xin phòng COVID-19". In place of "not in the catalog", which a clerk
 * who knows it is a COVID-19 vaccine cannot act on. A maker column may still say which (makerColumn.ts).
 */
function vaccineClass(text: string): Finding {
  const atc = /j07bx03/i.test(text);
  const [whatVi, whatEn] = atc ? ['mã ATC của nhóm', 'the ATC code of the class of'] : ['tên chung của', 'the name shared by'];
  return error(
    'vaccine',
    'IMPORT_VACCINE_CLASS',
    `Ô vắc xin "${text}" là ${whatVi} mọi vắc xin COVID-19, không phải một vắc xin: hãy ghi tên vắc xin đã tiêm (ví dụ AstraZeneca, Pfizer, Vero Cell).`,
    `The vaccine cell "${text}" is ${whatEn} every COVID-19 vaccine, a class, not a product: write the vaccine given (AstraZeneca, Pfizer, Vero Cell, …).`,
  );
}

/** A vaccine cell naming two of the catalog's vaccines, or a maker's name for more than one product. */
function vaccineUnclear(text: string, together: { named: readonly { nameVi: string; nameEn: string }[] } | { family: readonly string[] }): Finding {
  if ('family' in together) {
    const names = together.family;
    return error(
      'vaccine',
      'IMPORT_VACCINE_FAMILY',
      `"${text}" là tên chung của ${names.join(' và ')}: hãy ghi rõ vắc xin đã tiêm.`,
      `"${text}" names both ${names.join(' and ')}: write which vaccine was given.`,
    );
  }
  return error(
    'vaccine',
    'IMPORT_VACCINE_TWO',
    `Ô vắc xin "${text}" ghi nhiều vắc xin (${together.named.map((v) => v.nameVi).join(', ')}): mỗi mũi tiêm là một vắc xin. Hãy ghi tên vắc xin đã tiêm cho mũi này.`,
    `The vaccine cell "${text}" names more than one vaccine (${together.named.map((v) => v.nameEn).join(', ')}): a dose is of one vaccine. Write the vaccine given for this dose.`,
  );
}

/** The covers of a row whose cells all read cleanly (most rows): one shared, never added to. */
const NO_COVERS: ReadonlySet<string> = new Set<string>();


/** Where a dose's cells are: its columns, and its number when the columns give it (a row per person). */
interface DoseSource {
  vaccinationDate?: number | undefined;
  vaccine?: number | undefined;
  lot?: number | undefined;
  doseNumber?: number | undefined;
  dose?: number;
  /** A session's day, for a dose column that holds a mark (DoseColumns.markDate). */
  markDate?: number;
  /** In a list with a row per person: the dose's own columns (DoseColumns.own); the others are shared. */
  own?: readonly number[];
  /** A row per dose's maker column ("Hãng sản xuất"), checked against the vaccine (makerColumn.ts). */
  maker?: number | undefined;
  /** false: the maker is only checked, never read as the vaccine of a class cell (a row per person's mixed schedule). */
  makerGivesVaccine?: false;
  /** A vaccination date in three columns (HeaderMapping.vaccinationDateParts): `vaccinationDate` is the day's. */
  dateParts?: { month: number; year: number };
}

/** What a session's list puts under the dose given: a cross, a tick (√ in Vietnamese Excel), a 1, "có", "đã tiêm". */
const MARKS = new Set(['x', 'v', '1', 'co', 'datiem', '✓', '✔', '√', '☑', '☒', '✗', '✘', '+', '*']);

/** A mark under a dose's label; its own number ("2" under "Mũi 2") too. */
function isMark(value: CellValue | undefined, dose: number | undefined): boolean {
  if (typeof value === 'number') return value === 1 || value === dose;
  if (typeof value !== 'string') return false;
  const bare = value.replace(/[\ufe0e\ufe0f\s]/g, '').toLowerCase();
  return MARKS.has(foldHeader(bare) || bare) || (dose !== undefined && bare === String(dose));
}

/**
 * What a dose's cell says when the dose was not given: a dash, a slash, a zero, "Không", "Chưa
 * tiêm", "Hoãn", "F0 - hoãn" (postponed after COVID), "Chống chỉ định" / "CCĐ", "Từ chối tiêm",
 * "Đang mang thai", and whatever else a note says of it (notGiven.ts: "Hủy", "Nơi khác"). The dose
 * is not filled in; nothing to import.
 */
function saysNotGiven(value: CellValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'number') return value === 0;
  if (typeof value !== 'string') return false;
  const t = textOf(value);
  if (/^[-–—/\\.0]+$/.test(t)) return true;
  // Words without their marks, apart by single spaces ("Chưa tiêm!" → "chua tiem").
  const folded = foldForSearch(t).replace(/[^a-z0-9/]+/g, ' ').trim();
  return (
    /^(?:khong|ko|chua(?: tiem)?|chua co|no|none|n\/?a|not given|f0|ccd)$/.test(folded) ||
    /(?:^|\s)(?:hoan(?! thanh)|chua tiem|khong tiem|chong chi dinh|tu choi|mang thai|f0)(?:\s|$)/.test(folded) ||
    // An appointment in a dose's cell ("Hẹn 20/09") stays what it was: a date not read, said.
    saysNotGivenHere(t)
  );
}


/** A vaccine cell with "?": an error naming it, whatever vaccine its words name. */
function vaccineUnsure(text: string): Finding {
  return error(
    'vaccine',
    'IMPORT_VACCINE_UNSURE',
    `Tên vắc xin "${text}" có dấu "?": hãy ghi rõ tên vắc xin đã tiêm.`,
    `The vaccine "${text}" has a "?": write the name of the vaccine given.`,
  );
}

/**
 * One dose of a row: vaccine, lot, dose number, vaccination date. `sharedBy`: in a list with a row
 * per person, the row's doses that read the same lot column as this one (parseLot).
 */
function mapDose(row: SheetRow, source: DoseSource, date1904: boolean, order: DateOrder, out: RowFindings, sharedBy?: readonly number[]): DoseInput {
  const vaccineText = textOf(out.cell(row, source.vaccine, 'vaccine'));
  // "Sinopharm??": the clinic was not sure, or letters were lost. The vaccine signed must be certain.
  if (vaccineText.includes('?')) out.take({ findings: [vaccineUnsure(vaccineText)] }, 'vaccine');
  let dateCell = out.cell(row, source.vaccinationDate, 'vaccinationDate');
  let dateColumn = source.vaccinationDate;
  // A session's list: the mark under the dose given, the day in the session's column.
  if (source.markDate !== undefined && isMark(dateCell, source.dose)) {
    dateCell = out.cell(row, source.markDate, 'vaccinationDate');
    dateColumn = source.markDate;
  }
  const parts = source.dateParts;
  const vaccinationDate =
    parts === undefined ? parseDateCell(dateCell ?? null, 'vaccinationDate', date1904, order, dateColumn)
    : dateFromParts('vaccinationDate', { day: dateCell, month: out.cell(row, parts.month, 'vaccinationDate'), year: out.cell(row, parts.year, 'vaccinationDate') }, date1904, order);
  out.take(vaccinationDate, 'vaccinationDate');
  let doseNumber: DoseInput['doseNumber'];
  const doseCell = source.dose === undefined ? out.cell(row, source.doseNumber, 'doseNumber') : undefined;
  // "1/2" that the spreadsheet made a date (1 February): dose 1, said.
  const turned = doseTurnedDate(doseCell);
  if (source.dose !== undefined) doseNumber = source.dose;
  else if (turned !== null) {
    doseNumber = turned.dose;
    out.findings.push(turned.finding);
  } else {
    doseNumber = parseDoseNumber(doseCell);
    // Text no way of writing a dose number reads: said with the cell's own text (validation's
    // finding would only say a number is needed).
    if (typeof doseNumber === 'string' && doseNumber.trim() !== '') {
      const text = doseNumber.trim();
      // A booster without its number: numbered from the person's earlier rows (boosterDoses.ts), or asked for.
      out.take({ findings: [boosterCell(text) !== null ? boosterUnnumbered(text) : doseNumberUnreadable(text)] }, 'doseNumber');
    }
  }
  const lotCell = out.cell(row, source.lot, 'lot');
  const lotLost = lotTurnedByExcel(lotCell, source.lot !== undefined && row.scientific?.includes(source.lot) === true);
  if (lotLost !== null) out.take({ findings: [lotLost] }, 'lot');
  const vaccine = vaccineText === '' ? null : vaccineOf(vaccineText);
  // "Pfizer (lô FF1234)": a lot written in the vaccine cell, the vaccine the name before it; read
  // when the lot cell is blank, else the lot cell's kept (and another lot there said). Not from a
  // vaccine column shared by a row's doses: which dose's lot it is cannot be told.
  const sharedVaccine = source.own !== undefined && source.vaccine !== undefined && !source.own.includes(source.vaccine);
  const written = vaccineText === '' || sharedVaccine ? null : lotInVaccineCell(vaccineText);
  const lotBlank = textOf(lotCell) === '';
  // "Lô: FF2587", "Pfizer FF2587", "FF2587 (HSD 30/11/2021)": the lot; several lots in the cell said.
  const context: LotContext = { vaccine: written?.vaccine ?? vaccine?.code, dose: typeof doseNumber === 'number' ? doseNumber : undefined, sharedBy };
  const lot =
    written !== null && lotBlank ? lotFromVaccineCell(vaccineText, written, source.lot === undefined)
    : lotLost === null ? parseLot(lotCell, context)
    : { lot: textOf(lotCell), findings: [] };
  out.take(lot, 'lot');
  // "AZ 1234", "Pfizer trẻ em FF1234": not read, but said where the lot may be.
  const unsure = written === null && lotBlank && lotLost === null && vaccineText !== '' && !sharedVaccine ? lotUnsureInVaccineCell(vaccineText, source.lot === undefined) : null;
  if (unsure !== null) out.take({ findings: [unsure] }, 'lot');
  const otherLot = written === null || lotBlank || lotLost !== null ? null : vaccineCellNamesOtherLot(vaccineText, written.lot, lot.lot);
  if (otherLot !== null) out.findings.push(otherLot);
  // Said, not covering the field: validation still checks the vaccine read.
  if (vaccine?.misspelt) out.findings.push(vaccine.misspelt);
  let code = written?.vaccine ?? vaccine?.code ?? '';
  // "AstraZeneca" beside the maker "Pfizer": one of the two is wrong. "Sinopharm" beside "Julphar": Hayat-Vax.
  const maker = source.maker === undefined ? {} : readMaker(out.cell(row, source.maker, 'manufacturer'), vaccineText, code);
  const fromMaker = maker.vaccine !== undefined && source.makerGivesVaccine !== false;
  if (fromMaker) code = maker.vaccine!;
  // In place of validation's "not in the catalog": an error still, saying why.
  else if (vaccine?.unclear) out.take({ findings: [vaccine.unclear] }, 'vaccine');
  if (maker.finding !== undefined && (maker.vaccine === undefined || fromMaker)) out.take({ findings: [maker.finding] }, 'vaccine');
  return {
    vaccine: code,
    lot: lot.lot,
    doseNumber,
    vaccinationDate: vaccinationDate.value,
  };
}

/** A row per dose's dose columns, made once per mapping rather than per row. */
const doseSources = new WeakMap<HeaderMapping, DoseSource>();

function doseSourceOf(mapping: HeaderMapping): DoseSource {
  let source = doseSources.get(mapping);
  if (source === undefined) {
    const f = mapping.fields;
    source = { vaccinationDate: f.vaccinationDate, vaccine: f.vaccine, lot: f.lot, doseNumber: f.doseNumber, maker: f.manufacturer, ...(mapping.vaccinationDateParts ? { dateParts: mapping.vaccinationDateParts } : {}) };
    doseSources.set(mapping, source);
  }
  return source;
}

/** `order`: how the sheet writes its text dates (dateOrder.ts). One row, one dose. */
export function mapRow(row: SheetRow, mapping: HeaderMapping, date1904: boolean, order: DateOrder = DAY_FIRST): MappedRow {
  const out = new RowFindings();
  const person = mapPerson(row, mapping, date1904, order, out);
  const dose = mapDose(row, doseSourceOf(mapping), date1904, order, out);
  // "Tuổi" beside "Ngày sinh": a date of birth typed wrong gives another age (not said over the date's own error).
  const age = mapping.fields.age === undefined || out.covered?.has('dob') === true ? null : ageDiffers(out.cell(row, mapping.fields.age, 'age'), person.dob, dose.vaccinationDate);
  if (age !== null) out.findings.push(age);
  // "EU/1/20/1528" under "Mã vắc xin", "Moderna" under "Tên vắc xin": which was given?
  const differ = mapping.duplicates.length === 0 ? null : vaccineColumnsDiffer(row, mapping, String(dose.vaccine ?? ''));
  if (differ !== null) out.take({ findings: [differ] }, 'vaccine');
  return { row: row.row, person, dose, findings: out.findings, covers: out.covered ?? NO_COVERS, cells: row.cells };
}

/** The fields of the person: a finding on them is the row's, not one dose's. */
const PERSON_FIELDS: ReadonlySet<string> = new Set(['fullName', 'familyName', 'middleName', 'givenName', 'dob', 'birthYear', 'sex', 'idNumber', 'idType', 'phone', 'nationality']);

/**
 * A record's findings in a list with a row per person, each about its dose saying which ("Mũi 2:
 * …"): the import's and validation's alike; the person's own are the row's and stay as they are.
 */
export function findingsOfDose(findings: readonly Finding[], dose: number | undefined): Finding[] {
  if (dose === undefined) return findings as Finding[];
  const vi = `${doseLabel(dose)}: `;
  return findings.map((f) => (PERSON_FIELDS.has(f.field) || f.message_vi.startsWith(vi) ? f : { ...f, message_vi: vi + f.message_vi, message_en: `Dose ${dose}: ${f.message_en}` }));
}

/** A person's row of a list with a row per person where no dose is filled in. */
function noDose(): Finding {
  return error(
    'vaccinationDate',
    'IMPORT_NO_DOSE',
    'Dòng này không ghi mũi tiêm nào: các cột của từng mũi đều trống hoặc ghi là chưa tiêm.',
    "This row records no dose: every dose's columns are blank or say it was not given.",
  );
}

/**
 * The records of a data row: one, or in a list with a row per person (mapping.doses) one per dose
 * whose own columns hold something other than "not given", each with the person's cells and
 * findings, and the dose it is (`doseOf`) so that its findings can say so (findingsOfDose). A
 * person with no dose filled is one record of the first dose with IMPORT_NO_DOSE.
 */
export function mapRows(row: SheetRow, mapping: HeaderMapping, date1904: boolean, order: DateOrder = DAY_FIRST): MappedRow[] {
  if (mapping.doses.length === 0) return [mapRow(row, mapping, date1904, order)];
  const personOut = new RowFindings();
  const person = mapPerson(row, mapping, date1904, order, personOut);
  const filled = mapping.doses.filter((d) => d.own.some((c) => !isBlankCell(row.cells[c] ?? null) && !saysNotGiven(row.cells[c])));
  if (filled.length === 0) {
    const out = new RowFindings();
    const first = mapping.doses[0]!;
    const dose: DoseInput = { vaccine: '', lot: '', doseNumber: first.dose, vaccinationDate: '' };
    out.findings.push(noDose());
    for (const f of ['vaccinationDate', 'vaccine', 'lot']) out.cover(f);
    return [{ row: row.row, person, dose, findings: [...personOut.findings, ...out.findings], covers: unionCovers(personOut, out), cells: row.cells }];
  }
  // A list without a booster column numbers no dose: nothing to build for each of its rows.
  const numbers = mapping.doses.some((d) => d.booster !== undefined) ? boosterNumbers(mapping.doses, new Set(filled), row.row) : NO_BOOSTER_NUMBERS;
  const numberOf = (d: DoseColumns): number => {
    const n = numbers.get(d)?.dose;
    return typeof n === 'number' ? n : d.dose;
  };
  const makerOf = makerSources(row, mapping, filled);
  const records = filled.map((d) => {
    const out = new RowFindings();
    // "NJ0342/NJ0343" in the lot column of doses 1 and 2: one lot each (parseLot).
    const sharedBy = d.lot === undefined ? undefined : filled.filter((o) => o.lot === d.lot).map(numberOf);
    const number = numbers.get(d);
    const dose = mapDose(row, { ...d, ...(number === undefined ? {} : { dose: numberOf(d) }), ...makerOf(d) }, date1904, order, out, sharedBy);
    if (number?.finding !== undefined) {
      dose.doseNumber = number.dose;
      // Said, as a row per dose says "Nhắc lại" read as a number; an unnumbered one is numberBoosters'.
      out.take({ findings: [number.finding] }, 'doseNumber');
    }
    // "Mã vắc xin mũi 2" beside "Tên vắc xin mũi 2": the dose's pair, as mapRow checks a row's.
    const differ = mapping.duplicates.length === 0 ? null : vaccineColumnsDiffer(row, mapping, String(dose.vaccine ?? ''), d);
    if (differ !== null) out.take({ findings: [differ] }, 'vaccine');
    const mapped: MappedRow = { row: row.row, person: { ...person }, dose, findings: [...personOut.findings, ...out.findings], covers: unionCovers(personOut, out), cells: row.cells };
    if (typeof dose.doseNumber === 'number') mapped.doseOf = dose.doseNumber;
    return mapped;
  });
  // "Tuổi" in a row per person: the age at one of the doses (the list's day is one of them); a
  // date of birth typed wrong agrees with none, said once for the row (one finding on each record).
  if (mapping.fields.age !== undefined && personOut.covered?.has('dob') !== true) {
    const cell = row.cells[mapping.fields.age];
    const differs = records.map((r) => ageDiffers(cell, person.dob, r.dose.vaccinationDate));
    const first = differs[0];
    if (first !== null && first !== undefined && differs.every((f) => f !== null)) for (const r of records) r.findings.push(first);
  }
  return records;
}

/**
 * A row per person's maker column, one for the row ("Hãng sản xuất"), against each dose. When the
 * doses' vaccine cells say one thing, it is each dose's maker, read as a row per dose reads it
 * (a class cell's vaccine from the maker too). A mixed schedule (AstraZeneca then Pfizer): the
 * maker is one dose's, which cannot be told, so a dose whose vaccine it does not make is said only
 * when it makes none of them, and it gives no class cell its vaccine.
 */
function makerSources(row: SheetRow, mapping: HeaderMapping, filled: readonly DoseColumns[]): (d: DoseColumns) => Pick<DoseSource, 'maker' | 'makerGivesVaccine'> {
  const column = mapping.fields.manufacturer;
  if (column === undefined) return () => ({});
  const texts = filled.map((d) => (d.vaccine === undefined ? '' : textOf(row.cells[d.vaccine] ?? null).replace(/\s+/g, ' ').trim()));
  if (texts.every((t) => t === texts[0])) return () => ({ maker: column });
  const cell = row.cells[column];
  const differs = texts.map((t) => readMaker(cell, t, findVaccine(t)?.code ?? t).finding?.code === 'IMPORT_VACCINE_MAKER_DIFFERS');
  const oneAgrees = texts.some((t, i) => !differs[i] && findVaccine(t) !== undefined);
  return (d) => {
    const i = filled.indexOf(d);
    return oneAgrees && differs[i] === true ? {} : { maker: column, makerGivesVaccine: false };
  };
}

/**
 * The dose numbers of a row per person's booster columns (DoseColumns.booster), whose headers name
 * no number: counted from the person's own doses filled before them in the row, as boosterDoses.ts
 * counts "Nhắc lại" in a row per dose — the last dose filled before the first column of the
 * booster's kind, plus which of its kind it is. An AstraZeneca person's "Nhắc lại lần 1" after an
 * empty "Mũi bổ sung" is dose 3, a Janssen person's dose 2; the column's place in the header (dose 4)
 * is no person's number, and the number is signed (dn/sd). Each said with the row per dose's
 * warning. A booster with no dose before it in the row keeps its words and the finding asking for
 * its number: numberBoosters counts it from the person's other rows, as in a row per dose. Numbered
 * dose columns ("Mũi 3") keep their number.
 */
const NO_BOOSTER_NUMBERS: ReadonlyMap<DoseColumns, { dose: number | string; finding: Finding }> = new Map();

function boosterNumbers(doses: readonly DoseColumns[], filled: ReadonlySet<DoseColumns>, row: number): Map<DoseColumns, { dose: number | string; finding: Finding }> {
  const out = new Map<DoseColumns, { dose: number | string; finding: Finding }>();
  let last: number | null = null;
  // Per kind: the dose its first column comes after ("Nhắc lại lần 1 | lần 2" count from one dose).
  const after = new Map<string, number | null>();
  for (const d of doses) {
    const b = d.booster;
    if (b !== undefined && !after.has(b.kind)) after.set(b.kind, last);
    if (!filled.has(d)) continue;
    if (b === undefined) {
      last = d.dose;
      continue;
    }
    const from = after.get(b.kind) ?? null;
    if (from === null) {
      out.set(d, { dose: b.words, finding: boosterUnnumbered(b.words) });
      continue;
    }
    const dose = from + b.nth;
    out.set(d, { dose, finding: boosterReadAsDose(b.words, dose, b.nth, { dose: from, row }) });
    last = dose;
  }
  return out;
}

function unionCovers(a: RowFindings, b: RowFindings): ReadonlySet<string> {
  return a.covered === null && b.covered === null ? NO_COVERS : new Set([...(a.covered ?? []), ...(b.covered ?? [])]);
}
