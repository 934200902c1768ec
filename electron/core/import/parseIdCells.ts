import type { IdType } from '../../../shared/domain/types.js';
import { error, normalizeIdNumber, warning, type Finding } from './domainPort.js';
import { foldHeader } from './headerAliases.js';
import { cellErrorFinding, textOf, withoutZeroDecimals } from './parseTextCells.js';
import { isErrorCell, type CellValue } from './sheetData.js';

/**
 * What the "Loại giấy tờ" column says, folded. A child's personal id number ("Mã định danh cá
 * nhân", "ĐDCN", 12 digits since 2016) is the number its CCCD will carry: the same structure.
 */
const ID_TYPE_WORDS: Record<string, IdType> = {
  cccd: 'CCCD', cancuoccongdan: 'CCCD', thecancuoccongdan: 'CCCD', cancuoc: 'CCCD', thecancuoc: 'CCCD', thecccd: 'CCCD',
  sodinhdanh: 'CCCD', dinhdanhcanhan: 'CCCD', cccdgancchip: 'CCCD', cccdganchip: 'CCCD', citizenidentitycard: 'CCCD',
  madinhdanh: 'CCCD', madinhdanhcanhan: 'CCCD', sodinhdanhcanhan: 'CCCD', ddcn: 'CCCD', maddcn: 'CCCD', dinhdanh: 'CCCD',
  cmnd: 'CMND', chungminhnhandan: 'CMND', cmt: 'CMND', chungminhthu: 'CMND', idcard: 'CMND', cmtnd: 'CMND', chungminhthunhandan: 'CMND',
  hochieu: 'PASSPORT', passport: 'PASSPORT', hc: 'PASSPORT', pp: 'PASSPORT', passportno: 'PASSPORT', passportnumber: 'PASSPORT',
  sohochieu: 'PASSPORT', hochieuphothong: 'PASSPORT', hochieucongvu: 'PASSPORT', hochieungoaigiao: 'PASSPORT',
};

/**
 * A birth certificate ("Giấy khai sinh"), the paper a child's list names: since 2016 it prints the
 * child's personal id number (12 digits, read as a CCCD's); its own register number is no id.
 */
const BIRTH_CERTIFICATE = /^(?:giay)?khaisinh$|^gks$|^birthcertificate$/;

/**
 * A type column naming two types for the column ("CCCD/CMND", "CMND hoặc CCCD"): each part's
 * type, or null when one part is no type word.
 */
function typesNamed(typeText: string): IdType[] | null {
  const parts = typeText.split(/[/,;|]|\s(?:hoặc|hoac|or)\s/i).map(foldHeader).filter((p) => p !== '');
  if (parts.length < 2) return null;
  const types = parts.map((p) => ID_TYPE_WORDS[p]);
  return types.every((t) => t !== undefined) ? (types as IdType[]) : null;
}

/** An id cell that says there is none ("Không có", "Chưa có CCCD", "Mất CMND", "N/A"): it has no digit. */
function noIdNumber(written: string, idNumber: string, covers: readonly string[]): ParsedId {
  return {
    idNumber,
    idType: '',
    findings: [
      error(
        'idNumber',
        'IMPORT_ID_NONE',
        `Ô số giấy tờ ghi "${written}": mỗi bản ghi cần số CCCD, CMND hoặc hộ chiếu của người được tiêm.`,
        `The id number cell says "${written}": every record needs the person's CCCD, CMND or passport number.`,
      ),
    ],
    covers: [...covers, 'idNumber', 'idType'],
  };
}

/**
 * Without a type column the number says it (DESIGN §3): 12 digits CCCD, 9 digits CMND, letters
 * then digits a passport (Vietnamese ones are one letter and 7 digits).
 */
export function inferIdType(idNumber: string): IdType | null {
  if (/^\d{12}$/.test(idNumber)) return 'CCCD';
  if (/^\d{9}$/.test(idNumber)) return 'CMND';
  if (/^[A-Z]{1,2}\d{6,9}$/.test(idNumber)) return 'PASSPORT';
  return null;
}

/**
 * An id cell that names its type before the number: "CCCD: 001085012345", "CMND 024123456", "HC:
 * C1234567", "Số: 001085012345" (no type). The label's words, then at most two letters and a digit.
 */
const LABEL = /^([^\d:：]+?)\s*[:：]?\s*([A-Za-z]{0,2}\d[\dA-Za-z\s.\-]*)$/u;

function typeLabelled(text: string): { type: string; number: string } | null {
  const first = text.trimStart().charCodeAt(0);
  // Most id cells start with a digit, or are a passport's letters and digits without a space.
  if (!(first > 0x40) || !/[\s:：]/.test(text.trim())) return null;
  const m = LABEL.exec(text.trim());
  if (m === null) return null;
  // "CCCD số 0010…", "CMND số: 0241…": the type's word, then "number".
  const label = foldHeader(m[1]!).replace(/(?<=.)(?:so|no)$/, '');
  if (label === 'so' || label === 'no') return { type: '', number: m[2]! };
  // "Số CCCD: 0010…": "number" before the type's word too.
  const type = ID_TYPE_WORDS[label] ?? (label.startsWith('so') ? ID_TYPE_WORDS[label.slice(2)] : undefined);
  return type === undefined ? null : { type, number: m[2]! };
}

/** A passport number of another country: 5–20 capitals and digits, a letter and a digit among them. */
const FOREIGN_PASSPORT = /^(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{5,20}$/;

export interface ParsedId {
  idNumber: string;
  idType: string;
  findings: Finding[];
  /** The type was told from the number alone (no type column said it). */
  inferred?: boolean;
  /** Fields whose validation findings are replaced by ours (we already said what is wrong). */
  covers: string[];
}

function leadingZeroRestored(from: string, to: string): Finding {
  return warning(
    'idNumber',
    'IMPORT_ID_LEADING_ZERO_RESTORED',
    `Ô số giấy tờ là kiểu số nên Excel đã bỏ số 0 đầu: ${from} được đọc là ${to}. Hãy định dạng cột là Văn bản (Text).`,
    `The id number cell is a number, so Excel dropped its leading zeros: ${from} is read as ${to}. Format the column as Text.`,
  );
}

function leadingZeroAssumed(from: string, to: string): Finding {
  return warning(
    'idNumber',
    'IMPORT_ID_LEADING_ZERO_ASSUMED',
    `Số giấy tờ "${from}" thiếu chữ số: có lẽ số 0 đầu đã mất khi tệp được mở và lưu lại bằng Excel, nên được đọc là ${to}. Hãy kiểm tra lại.`,
    `The id number "${from}" is short of digits: its leading zeros were probably lost when the file was opened and saved in Excel, so it is read as ${to}. Check it.`,
  );
}

/**
 * How long a run of digits was before it lost its leading zeros: 10 or 11 digits were a CCCD (its
 * province code 001-096), 8 a CMND (0 for some provinces); 0 when it lost none.
 */
function lengthBeforeZerosLost(digits: string): 12 | 9 | 0 {
  return /^\d{10,11}$/.test(digits) ? 12 : /^\d{8}$/.test(digits) ? 9 : 0;
}

/** Digits in groups of three apart by commas, as an English-locale Excel shows a number "#,##0". */
const THOUSANDS = /^\d{1,3}(?:,\d{3}){2,}$/;

/** The id number as typed: Excel number cells lose leading zeros and digits past 15. */
function readNumber(value: CellValue | undefined): { text: string; findings: Finding[]; covers: string[] } {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
      return {
        text: String(value),
        findings: [error('idNumber', 'IMPORT_ID_NOT_AN_INTEGER', `Số giấy tờ "${value}" không phải một dãy chữ số.`, `The id number "${value}" is not a run of digits.`)],
        covers: ['idNumber'],
      };
    }
    const digits = String(value);
    const full = lengthBeforeZerosLost(digits);
    if (full > 0) return { text: digits.padStart(full, '0'), findings: [leadingZeroRestored(digits, digits.padStart(full, '0'))], covers: [] };
    return { text: digits, findings: [], covers: [] };
  }
  const text = textOf(value).replace(/^'/, '');
  if (/^\d(?:[.,]\d+)?E\+?\d+$/i.test(text)) {
    return {
      text,
      findings: [
        error(
          'idNumber',
          'IMPORT_ID_SCIENTIFIC_NOTATION',
          `Số giấy tờ bị Excel lưu dạng khoa học (${text}), các chữ số đã mất: hãy định dạng cột là Văn bản và nhập lại.`,
          `Excel saved the id number in scientific notation (${text}) and its digits are lost: format the column as Text and type it again.`,
        ),
      ],
      covers: ['idNumber', 'idType'],
    };
  }
  // "79085000905.0": a number exported with decimals (pandas, a report writer): the digits.
  // "24,123,456": a number cell shown with thousands separators, as a CSV saved from it holds it.
  const digits = withoutZeroDecimals(text);
  const number = normalizeIdNumber(digits !== text ? digits : THOUSANDS.test(text) ? text.replace(/,/g, '') : text);
  // Digits short of a CCCD or a CMND as text: the column was a number column when the file was
  // last saved (a CSV opened and saved again in Excel), so the zeros went.
  const full = lengthBeforeZerosLost(number);
  if (full > 0) return { text: number.padStart(full, '0'), findings: [leadingZeroAssumed(text, number.padStart(full, '0'))], covers: [] };
  return { text: number, findings: [], covers: [] };
}

/** Runs of digits as long as a CCCD's or a CMND's, apart from each other ("0010…/0241…", "CCCD 0010…, CMND 0241…"). */
const ID_RUNS = /(?<!\d)(?:\d{12}|\d{9})(?!\d)/g;

/**
 * An id cell holding two numbers, as people who have both write them: a CCCD of 12 digits and the
 * CMND of 9 it replaced. The paper the type column names, else the CCCD (the one in use since
 * 2021), with a warning naming both; two numbers of the same length are asked for. Null when the
 * cell holds one number.
 */
function twoIdNumbers(text: string, typed: IdType | undefined): ParsedId | null {
  if (text.length < 18) return null;
  const runs = text.match(ID_RUNS);
  if (runs === null || runs.length !== 2) return null;
  const cccd = runs.find((r) => r.length === 12);
  const cmnd = runs.find((r) => r.length === 9);
  if (cccd === undefined || cmnd === undefined) {
    return {
      idNumber: text.trim(),
      idType: '',
      findings: [
        error(
          'idNumber',
          'IMPORT_ID_TWO',
          `Ô số giấy tờ ghi hai số (${runs[0]} và ${runs[1]}): hãy ghi một số giấy tờ của người được tiêm.`,
          `The id number cell holds two numbers (${runs[0]} and ${runs[1]}): write one id number of the person vaccinated.`,
        ),
      ],
      covers: ['idNumber', 'idType'],
    };
  }
  const [idType, idNumber, other, otherType] = typed === 'CMND' ? (['CMND', cmnd, cccd, 'CCCD'] as const) : (['CCCD', cccd, cmnd, 'CMND'] as const);
  return {
    idNumber,
    idType,
    findings: [
      warning(
        'idNumber',
        'IMPORT_ID_TWO',
        `Ô số giấy tờ ghi cả số CCCD (${cccd}) và số CMND (${cmnd}): đã đọc số ${idType} ${idNumber}, không đọc số ${otherType} ${other}. Hãy kiểm tra lại.`,
        `The id number cell holds both a CCCD (${cccd}) and a CMND (${cmnd}): the ${idType} ${idNumber} is read, not the ${otherType} ${other}. Check it.`,
      ),
    ],
    covers: [],
  };
}

/**
 * The id number and its type, from the id column and (when the sheet has one) the type column.
 * `foreign`: the row's nationality is another country's, whose passports also put digits first
 * or between letters (France "18AV12345", Germany "C01X00T47").
 */
export function parseIdCells(idCell: CellValue | undefined, typeCell: CellValue | undefined, foreign = false): ParsedId {
  if (idCell !== undefined && idCell !== null && isErrorCell(idCell)) {
    return { idNumber: '', idType: '', findings: [cellErrorFinding('idNumber', idCell.error)], covers: ['idNumber', 'idType'] };
  }
  // "001085012345 / 024123456": the new CCCD and the old CMND, both written.
  const both = typeof idCell === 'string' ? twoIdNumbers(idCell, ID_TYPE_WORDS[foldHeader(textOf(typeCell))]) : null;
  if (both !== null) return both;
  // "CCCD: 001085012345", "HC C1234567": the type written before the number, as a type column would.
  const labelled = typeof idCell === 'string' ? typeLabelled(idCell) : null;
  const read = readNumber(labelled === null ? idCell : labelled.number);
  const idNumber = read.text;
  const findings = [...read.findings];
  const covers = [...read.covers];
  // Quoted as the cell says it ("Không có"), not as the number it was normalised to ("KHÔNGCÓ").
  const written = typeof idCell === 'string' ? idCell.trim() : idNumber;
  // "Không có", "Chưa có CCCD", "Mất CMND", "Trẻ em": no digit is no number of any paper (a
  // passport has digits too), whatever a type column says.
  if (idNumber !== '' && !/\d/.test(idNumber) && !covers.includes('idNumber')) return noIdNumber(written, idNumber, covers);
  const typeText = textOf(typeCell) || (labelled?.type ?? '');
  if (typeText !== '') {
    const folded = foldHeader(typeText);
    const idType = ID_TYPE_WORDS[folded];
    if (idType) return { idNumber, idType, findings, covers };
    if (BIRTH_CERTIFICATE.test(folded)) {
      if (/^\d{12}$/.test(idNumber)) return { idNumber, idType: 'CCCD', findings, covers };
      findings.push(
        error(
          'idNumber',
          'IMPORT_ID_BIRTH_CERTIFICATE',
          `Loại giấy tờ là "${typeText}" nhưng "${idNumber}" không phải mã định danh cá nhân 12 chữ số: hãy ghi mã định danh cá nhân của trẻ (in trên giấy khai sinh từ năm 2016, hoặc tra trên VNeID), không ghi số đăng ký của giấy khai sinh.`,
          `The id type is "${typeText}" but "${idNumber}" is not a 12-digit personal id number: write the child's personal id number (printed on birth certificates since 2016, or found in VNeID), not the certificate's register number.`,
        ),
      );
      return { idNumber, idType: '', findings, covers: [...covers, 'idNumber', 'idType'] };
    }
    // "CCCD/CMND": the column allows either, the number says which (and must be one of them).
    const either = typesNamed(typeText);
    const byNumber = either === null ? null : inferIdType(idNumber);
    if (byNumber !== null && either!.includes(byNumber)) return { idNumber, idType: byNumber, findings, covers };
    findings.push(
      error('idType', 'IMPORT_ID_TYPE_UNRECOGNISED', `Không hiểu loại giấy tờ "${typeText}" (CCCD, CMND hoặc Hộ chiếu).`, `The id type "${typeText}" is not understood (CCCD, CMND or passport).`),
    );
    return { idNumber, idType: '', findings, covers: [...covers, 'idType'] };
  }
  if (idNumber === '') {
    // Validation would ask for the id type first; the user left out the number.
    return { idNumber, idType: '', findings: [error('idNumber', 'FIELD_REQUIRED', 'Thiếu số giấy tờ.', 'The id number is required.')], covers: ['idNumber', 'idType'] };
  }
  const inferred = inferIdType(idNumber);
  if (inferred) return { idNumber, idType: inferred, findings, covers, inferred: true };
  // Letters in it: no CCCD or CMND, so a foreigner's passport (validation checks its form).
  if (foreign && FOREIGN_PASSPORT.test(idNumber)) return { idNumber, idType: 'PASSPORT', findings, covers, inferred: true };
  if (covers.includes('idType')) return { idNumber, idType: '', findings, covers };
  findings.push(
    error(
      'idType',
      'IMPORT_ID_TYPE_UNKNOWN',
      `Không xác định được loại giấy tờ từ số "${written}": CCCD có 12 chữ số, CMND 9 chữ số, hộ chiếu bắt đầu bằng chữ cái.`,
      `The id type cannot be told from "${written}": a CCCD has 12 digits, a CMND 9, a passport starts with a letter.`,
    ),
  );
  return { idNumber, idType: '', findings, covers: [...covers, 'idType'] };
}
