/**
 * The person of a data row: name (with its extras taken off), id number and type, date of birth,
 * sex (a sex-split pair of columns too), nationality and phone; a row whose person is blank or
 * written "as above" is one error. mapRow.ts maps the doses and puts them together.
 */
import type { Finding, PersonInput } from './domainPort.js';
import { error, foldForSearch, normalizeName, warning } from './domainPort.js';
import { dateFromParts, dobParts } from './dateParts.js';
import { idFallback, type HeaderMapping, type MappedField, type SexSplit } from './findHeaderRow.js';
import { foldHeader, withoutNotes } from './headerAliases.js';
import { nameInLegacyFont } from './legacyFont.js';
import { nameLettersLost } from './lostLetters.js';
import { foreignNameRead, nameWithoutExtras, noVietnameseName, readsVietnamese, type NameRead } from './nameExtras.js';
import { parseDateCell } from './parseDateCell.js';
import type { DateOrder } from './dateOrder.js';
import { parseIdCells } from './parseIdCells.js';
import { ethnicGroupAsNationality, nameTextOf, parseNationality, parsePhone, parseSex, textOf } from './parseTextCells.js';
import { isBlankCell, isDateCell, type CellValue, type SheetRow } from './sheetData.js';
import { hasLetter } from './memoByText.js';
import { excelErrorIn, RowFindings } from './rowFindings.js';

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
export function mapPerson(row: SheetRow, mapping: HeaderMapping, date1904: boolean, order: DateOrder, out: RowFindings): PersonInput {
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
  // The name's cells as written, for the legacy-font check: normalizeName deletes U+00AD, TCVN3's ư.
  let written: string;
  // VN assumed for a name that may be a foreigner's: said once the name is known to be one.
  let assumed: Finding | null = null;
  if (mapping.fields.fullName !== undefined) {
    written = nameTextOf(cell('fullName'));
    // "Ông Nguyễn Văn An", "Nguyễn Văn An (con)", "NGUYEN, VAN AN": the name, said when cut.
    const plain = nameWithoutExtras(normalizeName(written), foreign);
    // "John SMITH": a foreigner's family name in capitals last, as a passport writes it.
    let read = foreign ? foreignNameRead(plain) : plain;
    // No nationality column: VN is assumed (validation's default). A name nothing says is
    // Vietnamese may be a foreigner's, whose passport (a letter and 7 digits, as Viet Nam's) proves
    // nothing either: said, and a family name in capitals last read as for a foreigner.
    // A CCCD or CMND is a Vietnamese citizen's paper: its holder's name is Vietnamese, however it
    // reads ("A Sáng", a Highlands name with no family name the list knows).
    const citizen = id.idType === 'CCCD' || id.idType === 'CMND';
    // A name that reads as Vietnamese has a family name noVietnameseName knows: nothing to say.
    if (mapping.fields.nationality === undefined && !citizen && plain.fullName !== '' && plain.familyName === undefined && !readsVietnamese(plain.fullName)) {
      const capitalsLast = foreignNameRead(plain);
      if (capitalsLast !== plain || noVietnameseName(plain.fullName)) {
        read = capitalsLast;
        assumed = nationalityAssumed(plain.fullName, capitalsLast === plain ? null : capitalsLast);
      }
    }
    person.fullName = read.fullName;
    if (read.familyName !== undefined) {
      person.familyName = read.familyName;
      person.givenName = read.givenName;
    }
    // An error (two people in one cell) stands for validation's word on the same cell.
    if (read.finding !== null) out.take({ findings: [read.finding] }, 'fullName');
    if (read.also !== undefined) out.findings.push(read.also);
  } else {
    const familyWritten = nameTextOf(cell('familyName'));
    let family = normalizeName(familyWritten);
    // "Trần" | "Thị Bích" | "Ngọc": the middle name is the given name's first words, as a full name splits.
    let middle = mapping.fields.middleName === undefined ? '' : nameTextOf(cell('middleName'));
    const middleWritten = middle;
    // "Nguyễn Văn" | "An" under "Họ (và tên đệm)" | "Tên": the family column holds the middle name too.
    const space = family.indexOf(' ');
    // With no nationality said, only a name that reads as Vietnamese: "Van der Berg" | "Anna" is a family name.
    if (space > 0 && !foreign && familyColumnHoldsMiddle(mapping) && (nationality === 'VN' || readsVietnamese(family))) {
      middle = family.slice(space + 1);
      family = family.slice(0, space);
    }
    const givenWritten = nameTextOf(cell('givenName'));
    written = [familyWritten, middleWritten, givenWritten].filter((t) => t.trim() !== '').join(' ');
    const given = normalizeName(`${middle} ${givenWritten}`);
    person.fullName = normalizeName(`${family} ${given}`);
    person.familyName = family;
    person.givenName = given;
  }
  const lost = nameLettersLost(person.fullName) ?? nameInLegacyFont(written);
  if (lost !== null) {
    // A name no one can read as it is: what else was said of its cell goes ("Thi." in VIQR is no abbreviation).
    for (let i = out.findings.length - 1; i >= 0; i--) if (out.findings[i]!.field === 'fullName') out.findings.splice(i, 1);
    out.take({ findings: [lost] }, 'fullName');
  }
  const notName = lost === null ? formulaResultAsName(written) : null;
  if (notName !== null) {
    // The one word on the cell: not also an empty given name and a transliteration of "0".
    out.take({ findings: [notName] }, 'fullName');
    for (const f of ['familyName', 'givenName', 'fnt', 'gnt']) out.cover(f);
  }

  // Under "Nam" | "Nữ" (a register form's year of birth): the filled cell, whose column says the sex.
  const born = mapping.splits.find((s) => s.field === 'dob' || s.field === 'birthYear');
  const bornIn = born === undefined ? null : splitCell(row, born);
  if (bornIn !== null && bornIn.findings.length > 0) out.take(bornIn, 'dob');
  // The century of a two-digit year of birth, when the CCCD says it (4th digit).
  const cccd = id.idType === 'CCCD' ? id.idNumber : undefined;
  // "Ngày sinh" | "Tháng sinh" | "Năm sinh": the day, month and year, never the day as a year.
  const parts = bornIn === null ? dobParts(mapping) : null;
  if (parts !== null) {
    const dob = dateFromParts('dob', { day: cell('dob'), month: cell('birthMonth'), year: cell('birthYear') }, date1904, order, cccd);
    out.take(dob, 'dob');
    person.dob = dob.value;
  } else if (mapping.fields.dob !== undefined) {
    const dob = parseDateCell((bornIn ? bornIn.value : cell('dob')) ?? null, 'dob', date1904, order, bornIn ? undefined : mapping.fields.dob, cccd);
    out.take(dob, 'dob');
    person.dob = dob.value;
  } else {
    const year = (bornIn ? bornIn.value : cell('birthYear')) ?? null;
    // A date cell as it is: shown as "yyyy", it is the year only (its `shows`), as under "Ngày sinh".
    const dob = parseDateCell(typeof year === 'number' || isDateCell(year) ? year : textOf(year), 'dob', date1904, order, undefined, cccd);
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
  // A phone in scientific notation is an error that stands for validation's format warning.
  if (phone.findings.length > 0) out.take(phone, 'phone');
  person.phone = phone.phone || null;
  const ditto = personDitto(row, mapping);
  if (ditto || (person.fullName === '' && person.idNumber === '' && !person.dob && personCellsBlank(row, mapping))) {
    // The blank cells' own findings ("id number required") are this one's.
    for (let i = out.findings.length - 1; i >= 0; i--) if (PERSON_BLANK_FIELDS.has(out.findings[i]!.field)) out.findings.splice(i, 1);
    out.findings.push(ditto ? personAsAbove() : personBlank());
    for (const f of PERSON_BLANK_FIELDS) out.cover(f);
  } else if (assumed !== null && !out.findings.some((f) => f.field === 'fullName' && f.severity === 'error')) {
    // Not for a name that is no name (a legacy font, letters lost, a formula's result): its error says what is wrong.
    out.findings.push(assumed);
  }
  return person;
}

/**
 * A name cell holding what a formula gave instead of a name: an Excel error inside it ("Nguyễn
 * Văn #REF!": a formula joining cells, one of them lost), TRUE/FALSE (a comparison's result), or
 * no letter at all ("0": a reference to an empty cell). A whole-cell error value is the cell's
 * own error (rowFindings.ts); each of these would be signed into a certificate as a name.
 */
function formulaResultAsName(written: string): Finding | null {
  const text = written.trim();
  if (text === '') return null;
  const excelError = excelErrorIn(text);
  if (excelError !== null) {
    return error(
      'fullName',
      'IMPORT_CELL_ERROR',
      `Họ tên "${text}" chứa lỗi Excel ${excelError} (kết quả lỗi của một công thức): hãy sửa công thức hoặc gõ lại họ tên trong tệp.`,
      `The name "${text}" holds the Excel error ${excelError} (a formula's error result): fix the formula or type the name in the file.`,
    );
  }
  if (text === 'TRUE' || text === 'FALSE' || !hasLetter(text)) {
    return error(
      'fullName',
      'IMPORT_NAME_NOT_A_NAME',
      `Ô họ tên ghi "${text}", không phải họ tên (kết quả đúng/sai hoặc số của một công thức?): hãy ghi họ tên người được tiêm.`,
      `The name cell says "${text}", which is no name (a formula's TRUE/FALSE or number result?): write the person's name.`,
    );
  }
  return null;
}

/**
 * A list without a nationality column, and a name that may be a foreigner's ("John SMITH",
 * "Maria Garcia Lopez"): the person was recorded as Vietnamese (VN, printed on the certificate)
 * by default, which the clerk should know. `read`: the name read family first (capitals last).
 */
function nationalityAssumed(name: string, read: NameRead | null): Finding {
  const [whyVi, whyEn] = read !== null && read.familyName !== undefined
    ? [`viết họ in hoa ở cuối như hộ chiếu nước ngoài (đã đọc họ là ${read.familyName})`, `has the family name in capitals last, as foreign passports write it (read as family name ${read.familyName})`]
    : ['không có họ hay chữ nào của tên người Việt', 'has no Vietnamese family name or letter'];
  return warning(
    'nationality',
    'IMPORT_NATIONALITY_ASSUMED',
    `Tệp không có cột quốc tịch nên người này được ghi quốc tịch Việt Nam (VN), nhưng họ tên "${name}" ${whyVi}: có thể là người nước ngoài. Nếu vậy, hãy thêm cột "Quốc tịch" vào tệp và ghi quốc tịch của họ.`,
    `The file has no nationality column, so this person is recorded as Vietnamese (VN), but the name "${name}" ${whyEn}: they may be a foreigner. If so, add a "Quốc tịch" (nationality) column to the file with their nationality.`,
  );
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
