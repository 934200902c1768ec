import type { DoseInput, Finding, PersonInput } from './domainPort.js';
import { error, findVaccine, foldForSearch, misspelledVaccine, normalizeName, vaccinesNamedTogether, warning } from './domainPort.js';
import { boosterUnnumbered } from './boosterDoses.js';
import { boosterCell, doseLabel } from './doseMarker.js';
import { idFallback, type HeaderMapping, type MappedField, type SexSplit } from './findHeaderRow.js';
import { foldHeader, withoutNotes } from './headerAliases.js';
import { memoByText } from './memoByText.js';
import { nameInLegacyFont } from './legacyFont.js';
import { nameLettersLost } from './lostLetters.js';
import { foreignNameRead, nameWithoutExtras, readsVietnamese } from './nameExtras.js';
import { parseDateCell } from './parseDateCell.js';
import { DAY_FIRST, type DateOrder } from './dateOrder.js';
import { parseIdCells } from './parseIdCells.js';
import { parseLot, type LotContext } from './parseLotCell.js';
import { cellErrorFinding, doseNumberUnreadable, ethnicGroupAsNationality, doseTurnedDate, lotTurnedByExcel, parseDoseNumber, parseNationality, parsePhone, parseSex, textOf } from './parseTextCells.js';
import { isBlankCell, isErrorCell, type CellValue, type SheetRow } from './sheetData.js';
import { vaccineColumnsDiffer } from './vaccineColumns.js';

/** One data row turned into what the store takes, with what the import itself found wrong. */
export interface MappedRow {
  row: number;
  person: PersonInput;
  dose: DoseInput;
  findings: Finding[];
  /** Fields on which our findings stand in for validation's (no second message about the same cell). */
  covers: ReadonlySet<string>;
  /** The source cells, for the preview's rows and the failed-rows export. */
  cells: CellValue[];
  /** In a list with a row per person: the dose whose columns this record was read from. */
  doseOf?: number;
}

/** The sex a CCCD encodes in its 4th digit (even: male, odd: female). */
function sexFromCccd(idType: string, idNumber: string): 'M' | 'F' | null {
  if (idType !== 'CCCD' || !/^\d{12}$/.test(idNumber)) return null;
  return Number(idNumber[3]) % 2 === 0 ? 'M' : 'F';
}

function sexFromCccdRead(text: string, sex: 'M' | 'F'): Finding {
  const [vi, en] = sex === 'M' ? ['Nam', 'male'] : ['Nữ', 'female'];
  return warning(
    'sex',
    'IMPORT_SEX_FROM_CCCD',
    `Không hiểu giới tính "${text}" (Nam / Nữ): đã ghi là ${vi} theo số CCCD. Hãy kiểm tra lại.`,
    `Sex "${text}" is not understood (Male / Female): recorded as ${en}, as the CCCD number says. Check it.`,
  );
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

/** Which of a sex-split pair's two cells is filled: its sex, both, or neither (null). */
function filledSide(row: SheetRow, split: SexSplit): 'M' | 'F' | 'both' | null {
  const m = !isBlankCell(row.cells[split.male] ?? null);
  const f = !isBlankCell(row.cells[split.female] ?? null);
  return m && f ? 'both' : m ? 'M' : f ? 'F' : null;
}

/**
 * The value of a sex-split field (findHeaderRow.ts SexSplit): the one filled cell of the two, and
 * the sex its column says; both filled is an error (which one is the person's?).
 */
function splitCell(row: SheetRow, split: SexSplit): { value: CellValue; sex: 'M' | 'F' | null; findings: Finding[] } {
  const male = row.cells[split.male] ?? null;
  const female = row.cells[split.female] ?? null;
  const side = filledSide(row, split);
  if (side === 'both') {
    return {
      value: null,
      sex: null,
      findings: [
        error(
          'dob',
          'IMPORT_DOB_BOTH_SEXES',
          `Năm sinh được ghi ở cả cột Nam (${textOf(male)}) và cột Nữ (${textOf(female)}): chỉ ghi vào cột đúng giới tính.`,
          `The year of birth is written under both Nam (${textOf(male)}) and Nữ (${textOf(female)}): write it under the person's sex only.`,
        ),
      ],
    };
  }
  return { value: side === 'M' ? male : side === 'F' ? female : null, sex: side, findings: [] };
}

/** A mark (x, ✓, 1…) under "Nam" or "Nữ" of a split "Giới tính"; both marked is unknown, with a warning. */
function sexMarked(row: SheetRow, split: SexSplit): { sex: 'M' | 'F' | 'X' | null; findings: Finding[] } {
  const side = filledSide(row, split);
  if (side === 'both') {
    return {
      sex: 'X',
      findings: [warning('sex', 'IMPORT_SEX_BOTH_MARKED', 'Cả cột Nam và cột Nữ đều được đánh dấu: giới tính được ghi là không rõ.', 'Both Nam and Nữ are marked: the sex is recorded as unknown.')],
    };
  }
  return { sex: side, findings: [] };
}

/** Findings and covered fields of one row being mapped, shared by its person and its doses. */
class RowFindings {
  readonly findings: Finding[] = [];
  // Made on the first covered field: every row keeps its covers for the store pass.
  covered: Set<string> | null = null;

  cover(field: string): void {
    (this.covered ??= new Set<string>()).add(field);
  }

  take(parsed: { findings: Finding[] }, field: string): void {
    this.findings.push(...parsed.findings);
    if (parsed.findings.some((f) => f.severity === 'error')) this.cover(field);
  }

  /** The cell at `index` (undefined: no such column); an error cell is said once and read as blank. */
  cell(row: SheetRow, index: number | undefined, field: MappedField): CellValue | undefined {
    const value = index === undefined ? undefined : (row.cells[index] ?? null);
    if (value !== undefined && value !== null && isErrorCell(value) && field !== 'idNumber' && field !== 'dob' && field !== 'vaccinationDate') {
      this.findings.push(cellErrorFinding(field === 'familyName' || field === 'givenName' || field === 'middleName' ? 'fullName' : field === 'birthYear' ? 'dob' : field, value.error));
      this.cover(field === 'birthYear' ? 'dob' : field);
      return null;
    }
    return value;
  }
}

/** English headers ("Surname", "Last name") hold what the person calls their family name, as written. */
const FAMILY_AS_WRITTEN = ['familyname', 'surname', 'lastname'];
const holdsMiddle = new WeakMap<HeaderMapping, boolean>();

/**
 * Whether a Vietnamese list's family column also holds the middle names: "Họ" | "Tên" split a name
 * before its last word ("Nguyễn Văn" | "An"), and "Họ và tên đệm" says so. A full name's family is
 * its first word (splitName, as the platform's certificates have it: fn "Nguyễn", gn "Bảo Duy"), so
 * the same person reads the same from either layout. Not when a middle-name column is there too
 * ("Tôn Nữ" | "Thị" | "Hà": the clerk split it) or the header is English.
 */
function familyColumnHoldsMiddle(mapping: HeaderMapping): boolean {
  let known = holdsMiddle.get(mapping);
  if (known === undefined) {
    const index = mapping.fields.familyName;
    const header = mapping.columns.find((c) => c.index === index)?.header ?? '';
    const folded = foldHeader(withoutNotes(header));
    known = mapping.fields.middleName === undefined && !FAMILY_AS_WRITTEN.some((english) => folded.startsWith(english));
    holdsMiddle.set(mapping, known);
  }
  return known;
}

/** The person of a row: id, name, date of birth, sex, nationality, phone. */
function mapPerson(row: SheetRow, mapping: HeaderMapping, date1904: boolean, order: DateOrder, out: RowFindings): PersonInput {
  const cell = (field: MappedField): CellValue | undefined => out.cell(row, mapping.fields[field], field);
  const idCell = cell('idNumber');
  const nationalityCell = cell('nationality');
  // "Kinh", "Tày" under "Quốc tịch": the ethnic group (dân tộc) of a Vietnamese citizen, said.
  const ethnicGroup = ethnicGroupAsNationality(nationalityCell);
  if (ethnicGroup !== null) out.findings.push(ethnicGroup);
  const nationality = ethnicGroup !== null ? 'VN' : parseNationality(nationalityCell);
  const foreign = nationality !== '' && nationality !== 'VN';
  const id = parseIdCells(isBlankCell(idCell ?? null) ? (idFallback(row, mapping) ?? idCell) : idCell, cell('idType'), foreign);
  out.findings.push(...id.findings);
  for (const f of id.covers) out.cover(f);
  // CCCD and CMND are Vietnamese citizens' papers: a foreigner's number of 9 or 12 digits is a
  // passport's (a US passport has 9), unless a type column says otherwise.
  if (id.inferred && id.idType !== 'PASSPORT' && foreign) id.idType = 'PASSPORT';

  const person: PersonInput = { idType: id.idType, idNumber: id.idNumber };
  if (mapping.fields.fullName !== undefined) {
    // "Ông Nguyễn Văn An", "Nguyễn Văn An (con)", "NGUYEN, VAN AN": the name, said when cut.
    const plain = nameWithoutExtras(normalizeName(textOf(cell('fullName'))), foreign);
    // "John SMITH": a foreigner's family name in capitals last, as a passport writes it.
    const read = foreign ? foreignNameRead(plain) : plain;
    person.fullName = read.fullName;
    if (read.familyName !== undefined) {
      person.familyName = read.familyName;
      person.givenName = read.givenName;
    }
    // An error (two people in one cell) stands for validation's word on the same cell.
    if (read.finding !== null) out.take({ findings: [read.finding] }, 'fullName');
    if (read.also !== undefined) out.findings.push(read.also);
  } else {
    let family = normalizeName(textOf(cell('familyName')));
    // "Trần" | "Thị Bích" | "Ngọc": the middle name is the given name's first words, as a full name splits.
    let middle = mapping.fields.middleName === undefined ? '' : textOf(cell('middleName'));
    // "Nguyễn Văn" | "An" under "Họ (và tên đệm)" | "Tên": the family column holds the middle name too.
    const space = family.indexOf(' ');
    // With no nationality said, only a name that reads as Vietnamese: "Van der Berg" | "Anna" is a family name.
    if (space > 0 && !foreign && familyColumnHoldsMiddle(mapping) && (nationality === 'VN' || readsVietnamese(family))) {
      middle = family.slice(space + 1);
      family = family.slice(0, space);
    }
    const given = normalizeName(`${middle} ${textOf(cell('givenName'))}`);
    person.fullName = normalizeName(`${family} ${given}`);
    person.familyName = family;
    person.givenName = given;
  }
  const lost = nameLettersLost(person.fullName) ?? nameInLegacyFont(person.fullName);
  if (lost !== null) out.take({ findings: [lost] }, 'fullName');

  // Under "Nam" | "Nữ" (a register form's year of birth): the filled cell, whose column says the sex.
  const born = mapping.splits.find((s) => s.field === 'dob' || s.field === 'birthYear');
  const bornIn = born === undefined ? null : splitCell(row, born);
  if (bornIn !== null && bornIn.findings.length > 0) out.take(bornIn, 'dob');
  // The century of a two-digit year of birth, when the CCCD says it (4th digit).
  const cccd = id.idType === 'CCCD' ? id.idNumber : undefined;
  if (mapping.fields.dob !== undefined) {
    const dob = parseDateCell((bornIn ? bornIn.value : cell('dob')) ?? null, 'dob', date1904, order, bornIn ? undefined : mapping.fields.dob, cccd);
    out.take(dob, 'dob');
    person.dob = dob.value;
  } else {
    const year = (bornIn ? bornIn.value : cell('birthYear')) ?? null;
    const dob = parseDateCell(typeof year === 'number' ? year : textOf(year), 'dob', date1904, order, undefined, cccd);
    out.take(dob, 'dob');
    person.dob = dob.value;
  }

  const marked = mapping.splits.find((s) => s.field === 'sex');
  let sex = marked === undefined ? parseSex(cell('sex')) : sexMarked(row, marked);
  const fromCccd = sexFromCccd(id.idType, id.idNumber);
  // A sex cell no one can read ("1", "N/A") beside a CCCD, which encodes the sex: the CCCD's, said.
  if (marked === undefined && fromCccd !== null && sex.findings.some((f) => f.code === 'IMPORT_SEX_UNRECOGNISED')) {
    sex = { sex: fromCccd, findings: [sexFromCccdRead(textOf(cell('sex')), fromCccd)] };
  }
  out.findings.push(...sex.findings);
  person.sex = sex.sex ?? bornIn?.sex ?? fromCccd ?? 'X';
  person.nationality = nationality;
  const phone = parsePhone(cell('phone'));
  if (phone.findings.length > 0) out.findings.push(...phone.findings);
  person.phone = phone.phone || null;
  const ditto = personDitto(row, mapping);
  if (ditto || (person.fullName === '' && person.idNumber === '' && !person.dob && personCellsBlank(row, mapping))) {
    // The blank cells' own findings ("id number required") are this one's.
    for (let i = out.findings.length - 1; i >= 0; i--) if (PERSON_BLANK_FIELDS.has(out.findings[i]!.field)) out.findings.splice(i, 1);
    out.findings.push(ditto ? personAsAbove() : personBlank());
    for (const f of PERSON_BLANK_FIELDS) out.cover(f);
  }
  return person;
}

/** The fields a blank person's one error stands for. */
const PERSON_BLANK_FIELDS: ReadonlySet<string> = new Set(['fullName', 'familyName', 'givenName', 'fnt', 'gnt', 'idNumber', 'idType', 'dob', 'sex']);

/** Whether the person's name, id and date-of-birth cells are truly blank (an error cell such as #N/A is not). */
function personCellsBlank(row: SheetRow, mapping: HeaderMapping): boolean {
  const f = mapping.fields;
  for (const c of [f.fullName, f.familyName, f.middleName, f.givenName, f.idNumber, f.dob, f.birthYear]) if (c !== undefined && !isBlankCell(row.cells[c] ?? null)) return false;
  return true;
}

/** "Như trên" (as above) and its marks: ", 〃, “, nt, n.t, -"-. */
const DITTO = /^(?:["“”〃']+|-\s*["“”〃]+\s*-|nhu tren|n\.?\s*t\.?)$/;

/**
 * Whether the person's cells say "as above" instead of the person: the name cell, and every other
 * filled one of id and date of birth, a ditto mark ("Như trên", ", 〃, "nt").
 */
function personDitto(row: SheetRow, mapping: HeaderMapping): boolean {
  const f = mapping.fields;
  const name = f.fullName ?? f.familyName;
  if (name === undefined || !isDittoCell(row.cells[name])) return false;
  for (const c of [f.idNumber, f.dob, f.birthYear]) if (c !== undefined && !isBlankCell(row.cells[c] ?? null) && !isDittoCell(row.cells[c])) return false;
  return true;
}

function isDittoCell(value: CellValue | undefined): boolean {
  if (typeof value !== 'string' || value.length > 12) return false;
  const t = value.trim();
  // Every name is looked at: only a mark, or "n" then t/./h ("nt", "n.t", "Như trên"), is folded.
  const c = t.charCodeAt(0);
  const mark = c === 0x22 || c === 0x27 || c === 0x2d || c === 0x201c || c === 0x201d || c === 0x3003;
  if (!mark && !((c === 0x6e || c === 0x4e) && /^[tThH.]/.test(t.charAt(1)))) return false;
  return DITTO.test(foldForSearch(t));
}

/** A dose whose person is written "as above": one error, never the row above's person by guess. */
function personAsAbove(): Finding {
  return error(
    'fullName',
    'IMPORT_PERSON_AS_ABOVE',
    'Dòng này ghi "như trên" thay cho người được tiêm: mỗi mũi tiêm cần đủ họ tên, số giấy tờ và ngày sinh trên dòng của nó. Hãy ghi lại thông tin người vào dòng này.',
    "This row says \"as above\" instead of the person: each dose needs the person's name, id number and date of birth on its own row. Write the person's details on this row.",
  );
}

/**
 * A dose on a row without its person (name, id number and date of birth all blank): one error
 * instead of three "required". Often the person of the row above, whose cells were merged over
 * both rows in Excel: a CSV keeps a merged cell's text in its first row only. Never guessed.
 */
function personBlank(): Finding {
  return error(
    'fullName',
    'IMPORT_PERSON_BLANK',
    'Dòng này có thông tin mũi tiêm nhưng không ghi người (họ tên, số giấy tờ và ngày sinh đều trống): hãy ghi thông tin người vào dòng này, hoặc xoá dòng nếu không dùng. Nếu là người ở dòng trên với ô gộp trong Excel, tệp CSV không giữ ô gộp: hãy nhập tệp Excel (.xlsx) gốc.',
    "This row has dose details but no person (name, id number and date of birth are all blank): write the person's details on it, or delete it if unused. If it is the person of the row above, with cells merged in Excel, a CSV does not keep merged cells: import the original Excel workbook (.xlsx).",
  );
}

/** Where a dose's cells are: its columns, and its number when the columns give it (a row per person). */
interface DoseSource {
  vaccinationDate?: number | undefined;
  vaccine?: number | undefined;
  lot?: number | undefined;
  doseNumber?: number | undefined;
  dose?: number;
  /** A session's day, for a dose column that holds a mark (DoseColumns.markDate). */
  markDate?: number;
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
 * "Đang mang thai". The dose is not filled in; nothing to import.
 */
function saysNotGiven(value: CellValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'number') return value === 0;
  if (typeof value !== 'string') return false;
  const t = value.trim();
  if (/^[-–—/\\.0]+$/.test(t)) return true;
  // Words without their marks, apart by single spaces ("Chưa tiêm!" → "chua tiem").
  const folded = foldForSearch(t).replace(/[^a-z0-9/]+/g, ' ').trim();
  return (
    /^(?:khong|ko|chua(?: tiem)?|chua co|no|none|n\/?a|not given|f0|ccd)$/.test(folded) ||
    /(?:^|\s)(?:hoan(?! thanh)|chua tiem|khong tiem|chong chi dinh|tu choi|mang thai|f0)(?:\s|$)/.test(folded)
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
  const vaccinationDate = parseDateCell(dateCell ?? null, 'vaccinationDate', date1904, order, dateColumn);
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
  // "Lô: FF2587", "Pfizer FF2587", "FF2587 (HSD 30/11/2021)": the lot; several lots in the cell said.
  const context: LotContext = { vaccine: vaccine?.code, dose: typeof doseNumber === 'number' ? doseNumber : undefined, sharedBy };
  const lot = lotLost === null ? parseLot(lotCell, context) : { lot: textOf(lotCell), findings: [] };
  out.take(lot, 'lot');
  // Said, not covering the field: validation still checks the vaccine read.
  if (vaccine?.misspelt) out.findings.push(vaccine.misspelt);
  // In place of validation's "not in the catalog": an error still, saying why.
  if (vaccine?.unclear) out.take({ findings: [vaccine.unclear] }, 'vaccine');
  return {
    vaccine: vaccine?.code ?? '',
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
    source = { vaccinationDate: f.vaccinationDate, vaccine: f.vaccine, lot: f.lot, doseNumber: f.doseNumber };
    doseSources.set(mapping, source);
  }
  return source;
}

/** `order`: how the sheet writes its text dates (dateOrder.ts). One row, one dose. */
export function mapRow(row: SheetRow, mapping: HeaderMapping, date1904: boolean, order: DateOrder = DAY_FIRST): MappedRow {
  const out = new RowFindings();
  const person = mapPerson(row, mapping, date1904, order, out);
  const dose = mapDose(row, doseSourceOf(mapping), date1904, order, out);
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
  return filled.map((d) => {
    const out = new RowFindings();
    // "NJ0342/NJ0343" in the lot column of doses 1 and 2: one lot each (parseLot).
    const sharedBy = d.lot === undefined ? undefined : filled.filter((o) => o.lot === d.lot).map((o) => o.dose);
    const dose = mapDose(row, d, date1904, order, out, sharedBy);
    return { row: row.row, person: { ...person }, dose, findings: [...personOut.findings, ...out.findings], covers: unionCovers(personOut, out), cells: row.cells, doseOf: d.dose };
  });
}

function unionCovers(a: RowFindings, b: RowFindings): ReadonlySet<string> {
  return a.covered === null && b.covered === null ? NO_COVERS : new Set([...(a.covered ?? []), ...(b.covered ?? [])]);
}
