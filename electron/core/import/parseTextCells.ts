import { error, warning, type Finding } from './domainPort.js';
import { memoByText } from './memoByText.js';
import { foldHeader } from './headerAliases.js';
import { cellText, isDateCell, type CellValue } from './sheetData.js';

/** A cell holding an Excel error (#REF!, #N/A) or a formula saved without its result. */
export function cellErrorFinding(field: string, excelError: string): Finding {
  if (excelError === '#NO_CACHED_VALUE') {
    return error(
      field,
      'IMPORT_FORMULA_NO_VALUE',
      'Ô có công thức nhưng tệp không lưu kết quả: hãy mở tệp bằng Excel và lưu lại.',
      'The cell has a formula but the file holds no result for it: open the file in Excel and save it again.',
    );
  }
  return error(field, 'IMPORT_CELL_ERROR', `Ô chứa lỗi Excel ${excelError}.`, `The cell holds the Excel error ${excelError}.`);
}

/** The cell as trimmed text; numbers as Excel shows integers ("12345", not "12345.0"). */
export function textOf(value: CellValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (isDateCell(value)) return value.date;
  return cellText(value).trim();
}

const SEX: Record<string, 'M' | 'F' | 'X'> = {
  nam: 'M', m: 'M', male: 'M', man: 'M', trai: 'M', namgioi: 'M', gioitinhnam: 'M',
  nu: 'F', f: 'F', female: 'F', woman: 'F', gai: 'F', nugioi: 'F', gioitinhnu: 'F',
  x: 'X', khac: 'X', khongro: 'X', other: 'X', unknown: 'X',
};

const sexOfText = memoByText((text: string): 'M' | 'F' | 'X' | undefined => SEX[foldHeader(text)]);

/** "Nam" / "Nữ" / "M" / "F" / "Male" / "Female" (any case, with or without diacritics). */
export function parseSex(value: CellValue | undefined, field = 'sex'): { sex: 'M' | 'F' | 'X' | null; findings: Finding[] } {
  const text = textOf(value);
  if (text === '') return { sex: null, findings: [] };
  const sex = sexOfText(text);
  if (sex) return { sex, findings: [] };
  return {
    sex: 'X',
    findings: [
      warning(field, 'IMPORT_SEX_UNRECOGNISED', `Không hiểu giới tính "${text}" (Nam / Nữ): ghi là không rõ.`, `Sex "${text}" is not understood (Male / Female): recorded as unknown.`),
    ],
  };
}

/** Country names as clinics write them, folded; ISO alpha-2 codes pass through as they are. */
const COUNTRIES: Record<string, string> = {
  vietnam: 'VN', vietnamese: 'VN', vn: 'VN', vnm: 'VN', nuoccongxahoichunghiavietnam: 'VN',
  hanquoc: 'KR', korea: 'KR', southkorea: 'KR', kor: 'KR', trungquoc: 'CN', china: 'CN', chn: 'CN',
  nhatban: 'JP', japan: 'JP', jpn: 'JP', my: 'US', hoaky: 'US', usa: 'US', unitedstates: 'US', america: 'US',
  lao: 'LA', laos: 'LA', campuchia: 'KH', cambodia: 'KH', thailan: 'TH', thailand: 'TH', dailoan: 'TW', taiwan: 'TW',
  phap: 'FR', france: 'FR', duc: 'DE', germany: 'DE', anh: 'GB', uk: 'GB', unitedkingdom: 'GB', britain: 'GB',
  uc: 'AU', australia: 'AU', nga: 'RU', russia: 'RU', singapore: 'SG', malaysia: 'MY', philippines: 'PH', philippin: 'PH',
  indonesia: 'ID', canada: 'CA', ando: 'IN', india: 'IN',
};

export function parseNationality(value: CellValue | undefined): string {
  const text = textOf(value);
  if (text === '') return '';
  return nationalityOfText(text);
}

const nationalityOfText = memoByText((text: string): string => {
  if (/^[A-Za-z]{2}$/.test(text)) return text.toUpperCase();
  return COUNTRIES[foldHeader(text)] ?? text;
});

/** Excel drops the leading 0 of a phone typed into a number cell: 912345678 was 0912345678. */
export function parsePhone(value: CellValue | undefined): string {
  if (typeof value === 'number' && Number.isInteger(value) && /^[35789]\d{8}$/.test(String(value))) return `0${value}`;
  return textOf(value);
}

/** "2", "Mũi 2", "Mũi thứ 2", "mũi số 2", "Lần 2", "2nd", "Dose 2": the number; else the text as is. */
export function parseDoseNumber(value: CellValue | undefined): number | string {
  if (typeof value === 'number') return value;
  return doseNumberOfText(textOf(value));
}

const doseNumberOfText = memoByText((text: string): number | string => {
  const m = /^(?:mui|lan|dose|lieu)?(?:tiem)?(?:thu|so|no)?(\d{1,2})(?:st|nd|rd|th)?(?:dose|mui)?$/.exec(foldHeader(text));
  return m ? Number(m[1]) : text;
});
