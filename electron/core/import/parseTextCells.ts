import { COUNTRY_CODES, countryName, error, warning, type Finding } from './domainPort.js';
import { memoByText } from './memoByText.js';
import { foldHeader } from './headerAliases.js';
import { numericDateParts } from './dateOrder.js';
import { doseMarker } from './doseMarker.js';
import { cellText, isDateCell, type CellValue } from './sheetData.js';
import { visibleText } from './visibleText.js';

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

/**
 * The cell as trimmed text; numbers as Excel shows integers ("12345", not "12345.0"). A CSV field
 * written `="0912345678"` (the trick web exports use so that Excel keeps the leading zero) is the
 * text inside. What no one sees is no part of it (visibleText: a zero-width space, a soft hyphen,
 * a no-break space as a space).
 */
export function textOf(value: CellValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (isDateCell(value)) return value.date;
  const text = (typeof value === 'string' ? visibleText(value) : cellText(value)).trim();
  return text.length >= 3 && text.charCodeAt(0) === 61 /* = */ && text.charCodeAt(1) === 34 && text.charCodeAt(text.length - 1) === 34 && !text.slice(2, -1).includes('"') ? text.slice(2, -1).trim() : text;
}

/**
 * A name cell's text with what no one sees kept (textOf drops it): TCVN3's ư is byte 0xAD, a soft
 * hyphen, and the legacy-font check must see it (legacyFont.ts); normalizeName cleans the rest.
 */
export function nameTextOf(value: CellValue | undefined): string {
  return typeof value === 'string' ? value.trim() : textOf(value);
}

/**
 * Folded. Children's lists (5–11 year-olds, 2022) write "Bé trai" / "Bé gái", "Con trai";
 * a title column "Ông" / "Bà" (Mr / Mrs) says it too. 1 / 0 / 2 stay unknown: systems code them
 * both ways.
 */
const SEX: Record<string, 'M' | 'F' | 'X'> = {
  nam: 'M', m: 'M', male: 'M', man: 'M', trai: 'M', namgioi: 'M', gioitinhnam: 'M', betrai: 'M', contrai: 'M', chautrai: 'M', ong: 'M', boy: 'M',
  nu: 'F', f: 'F', female: 'F', woman: 'F', gai: 'F', nugioi: 'F', gioitinhnu: 'F', begai: 'F', congai: 'F', chaugai: 'F', ba: 'F', girl: 'F',
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

/** Country names as clinics write them (also shortened: "Nhật", "Hàn"), folded. */
const COUNTRIES: Record<string, string> = {
  vietnam: 'VN', vietnamese: 'VN', vn: 'VN', vnm: 'VN', nuoccongxahoichunghiavietnam: 'VN', viet: 'VN', nguoiviet: 'VN',
  hanquoc: 'KR', korea: 'KR', southkorea: 'KR', kor: 'KR', trungquoc: 'CN', china: 'CN', chn: 'CN',
  nhatban: 'JP', nhat: 'JP', japan: 'JP', jpn: 'JP', han: 'KR', my: 'US', hoaky: 'US', usa: 'US', unitedstates: 'US', america: 'US',
  lao: 'LA', laos: 'LA', campuchia: 'KH', cambodia: 'KH', thailan: 'TH', thailand: 'TH', dailoan: 'TW', taiwan: 'TW',
  phap: 'FR', france: 'FR', duc: 'DE', germany: 'DE', anh: 'GB', uk: 'GB', unitedkingdom: 'GB', britain: 'GB',
  uc: 'AU', australia: 'AU', nga: 'RU', russia: 'RU', singapore: 'SG', malaysia: 'MY', philippines: 'PH', philippin: 'PH',
  indonesia: 'ID', canada: 'CA', ando: 'IN', india: 'IN',
  // Vietnamese names the locale data spells otherwise, or transcribed as schools teach them.
  y: 'IT', italia: 'IT', bi: 'BE', thuysi: 'CH', ao: 'AT', anhquoc: 'GB', vuongquocanh: 'GB', scotland: 'GB', hongkong: 'HK',
  macao: 'MO', macau: 'MO', dongtimor: 'TL', chdcndlao: 'LA', chdcndtrieutien: 'KP', niudilan: 'NZ', braxin: 'BR', mehico: 'MX',
  hunggari: 'HU', ucraina: 'UA', indonexia: 'ID', mianma: 'MM', miendien: 'MM', apxeut: 'SA', cuba: 'CU',
  nuocanh: 'GB', nuocphap: 'FR', nuocmy: 'US',
};

/**
 * Every country's Vietnamese and English name as the locale data writes them ("Tây Ban Nha",
 * "Spain", "Myanmar (Miến Điện)" and each half of it), folded; the names above win.
 */
const COUNTRY_NAMES: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>();
  const add = (name: string, code: string): void => {
    const key = foldHeader(name);
    if (key.length >= 3 && !names.has(key)) names.set(key, code);
  };
  for (const code of COUNTRY_CODES) {
    const { vi, en } = countryName(code);
    for (const name of [vi, en]) {
      if (name === code) continue;
      add(name, code);
      const bracket = /^(.*?)\s*\((.*)\)$/.exec(name);
      if (bracket !== null) for (const part of [bracket[1]!, bracket[2]!]) add(part, code);
    }
  }
  for (const [key, code] of Object.entries(COUNTRIES)) names.set(key, code);
  return names;
})();

/**
 * Vietnam's ethnic groups (dân tộc) that a clerk writes in the nationality column ("Kinh", "Tày"): a
 * Vietnamese citizen. Not those that also name a country or its people ("Hoa", "Khmer", "Thái",
 * "Lào", "Chăm"): which is meant cannot be told. With their marks, lower case, spaces and
 * apostrophes dropped: a cell with marks is one of them only when written so ("Tây", a Westerner,
 * folds as "Tày" does).
 */
const ETHNIC_GROUPS_MARKED: ReadonlySet<string> = new Set(
  ('kinh tày mường nùng mông hmông mèo dao giarai jrai êđê bana banar bahnar xơđăng sánchay cơho sándìu hrê mnông raglai xtiêng ' +
    'bruvânkiều vânkiều thổ giáy cơtu khơmú tàôi giẻtriêng giétriêng chơro kháng xinhmun hànhì churu lachí laha phùlá lahủ ' +
    'lôlô chứt mảng pàthẻn cơlao cống bốy sila pupéo brâu ơđu rơmăm').split(' '),
);

/** The same names folded: a cell typed without marks. */
const ETHNIC_GROUPS: ReadonlySet<string> = new Set([...ETHNIC_GROUPS_MARKED].map(foldHeader));

/** Per text: the same few words fill a nationality column ("Việt Nam" on nearly every row). */
const namesEthnicGroup = memoByText((text: string): boolean => {
  // Two letters are a country's code however written ("MA", "Lu"), not Mạ or Lự.
  if (text.length <= 2 || text.length > 20) return false;
  const folded = foldHeader(text);
  if (!ETHNIC_GROUPS.has(folded)) return false;
  const plain = text.normalize('NFC').toLowerCase().replace(/[\s'’-]/g, '');
  return plain === folded || ETHNIC_GROUPS_MARKED.has(plain);
});

/** The ethnic group written where the nationality goes: Việt Nam, said. Null when the cell is none. */
export function ethnicGroupAsNationality(value: CellValue | undefined): Finding | null {
  const text = textOf(value);
  if (!namesEthnicGroup(text)) return null;
  return warning(
    'nationality',
    'IMPORT_NATIONALITY_ETHNIC_GROUP',
    `Cột quốc tịch ghi dân tộc "${text}": đã ghi quốc tịch là Việt Nam. Hãy kiểm tra lại.`,
    `The nationality column holds an ethnic group, "${text}" (dân tộc): recorded as Viet Nam. Check it.`,
  );
}

export function parseNationality(value: CellValue | undefined): string {
  const text = textOf(value);
  if (text === '') return '';
  return nationalityOfText(text);
}

/**
 * "MY" is a code (Malaysia); "My", "Mỹ", "my" are the Vietnamese word for the United States, as
 * "Uc" is Úc (Australia): a two-letter text is a code when written in capitals, else a name first.
 */
const nationalityOfText = memoByText((text: string): string => {
  if (/^[A-Z]{2}$/.test(text)) return text;
  const named = COUNTRY_NAMES.get(foldHeader(text)) ?? beforeNote(text);
  if (named !== undefined) return named;
  return /^[A-Za-z]{2}$/.test(text) ? text.toUpperCase() : text;
});

/**
 * "Đài Loan (Trung Quốc)", "Hồng Kông (Trung Quốc)": the name before its note when the whole is
 * none, unless the note names another country ("China (Hong Kong)", "Trung Quốc (Đài Loan)": which
 * is meant cannot be told, so the cell stays as written and is reported).
 */
function beforeNote(text: string): string | undefined {
  const m = /^(.*?)\s*\((.*)\)\s*$/.exec(text);
  if (m === null) return undefined;
  const before = COUNTRY_NAMES.get(foldHeader(m[1]!));
  const inside = COUNTRY_NAMES.get(foldHeader(m[2]!));
  return before !== undefined && (inside === undefined || inside === before || INSIDE_OK.has(`${before}<${inside}`)) ? before : undefined;
}
/** A territory named with the country it is part of, as Vietnamese lists write it: the territory. */
const INSIDE_OK: ReadonlySet<string> = new Set(['TW<CN', 'HK<CN', 'MO<CN']);

/** A whole number written with decimals: "79085000905.0". */
const ZERO_DECIMALS = /^(\d+)\.0+$/;

/**
 * "79085000905.0", "912345678.0": a whole number exported with decimals (pandas or a report writer
 * reading a number column as floats, a CSV re-saved from it) is its digits; anything else as is.
 * Ids (parseIdCells.ts) and phones.
 */
export function withoutZeroDecimals(text: string): string {
  // Most cells have no ".": not looked at further.
  if (!text.includes('.')) return text;
  return ZERO_DECIMALS.exec(text)?.[1] ?? text;
}

/** Excel drops the leading 0 of a phone typed into a number cell: 912345678 was 0912345678. */
export function parsePhone(value: CellValue | undefined): { phone: string; findings: Finding[] } {
  // As a number cell, or as text: a CSV opened and saved again in Excel, when the column was numbers
  // (and "912345678.0" when it was read as floats on the way).
  // A leading apostrophe is Excel's "keep this as text" mark, typed to keep the 0 (as in an id cell).
  let text = withoutZeroDecimals(textOf(value).replace(/^'/, ''));
  if (/^[35789]\d{8}$/.test(text)) return { phone: `0${text}`, findings: [] };
  // "9.1234E+08", "9,12346E+08": a number cell as a CSV saved from it shows it; the digits past the
  // fifth are gone, and "91234E+08" was stored as the phone (only a format warning).
  if (SCIENTIFIC_NUMBER.test(text)) {
    return {
      phone: text,
      findings: [
        error(
          'phone',
          'IMPORT_PHONE_SCIENTIFIC_NOTATION',
          `Số điện thoại bị Excel lưu dạng khoa học (${text}), các chữ số đã mất: hãy định dạng cột là Văn bản và nhập lại số điện thoại.`,
          `Excel saved the phone number in scientific notation (${text}) and its digits are lost: format the column as Text and type the phone number again.`,
        ),
      ],
    };
  }
  // "+84 (0) 912 345 678": the trunk 0 in brackets, dialled at home, dropped after +84.
  if (text.includes('(0)')) text = text.replace(/^(\+?84)\s*\(0\)\s*/, '$1 ');
  // "0912345678 / 0987654321", "0912345678 - 0987654321", "0912345678/79": two phones. The first is kept, said.
  const two = twoPhones(text);
  if (two === null) return { phone: text, findings: [] };
  const [first, second] = two;
  // The same number twice (copied into both halves of the cell) is one.
  if (first.replace(/\D/g, '') === second.replace(/\D/g, '')) return { phone: first, findings: [] };
  return {
    phone: first,
    findings: [
      warning(
        'phone',
        'IMPORT_PHONE_TWO',
        `Ô số điện thoại có hai số (${first} và ${second}): đã giữ số đầu. Hãy kiểm tra lại.`,
        `The phone cell holds two numbers (${first} and ${second}): the first is kept. Check it.`,
      ),
    ],
  };
}

/** A number as a cell in scientific notation shows it, as an id's (parseIdCells.ts). */
const SCIENTIFIC_NUMBER = /^\d(?:[.,]\d+)?E\+?\d+$/i;

/** Two phone numbers of 9 to 12 digits (spaces and dots inside each) with "/", ";", ",", "-" or "hoặc" between. */
const TWO_PHONES = /^(\+?\d(?:[\d. ]{7,14})\d)\s*(?:[/;,]|\s-\s|\s+(?:hoặc|và|or)\s+)\s*(\+?\d(?:[\d. ]{7,14})\d)$/u;
/**
 * A second number written as the first's last digits, as a family's numbers are noted when they
 * differ at the end: "0912345678/79" is 0912345678 and 0912345679. One to four digits: more is no
 * such shorthand (and left for validation to say).
 */
const SHORT_SECOND = /^(\+?\d(?:[\d. ]{7,14})\d)\s*(?:[/;,]|\s-\s)\s*(\d{1,4})$/u;

/** The two numbers of a cell holding two, the second written out in full; null for anything else. */
function twoPhones(text: string): [string, string] | null {
  const two = TWO_PHONES.exec(text);
  if (two !== null) return [two[1]!, two[2]!];
  const short = SHORT_SECOND.exec(text);
  if (short === null) return null;
  const first = short[1]!;
  const tail = short[2]!;
  const digits = first.replace(/\D/g, '');
  return [first, `${first.startsWith('+') ? '+' : ''}${digits.slice(0, -tail.length)}${tail}`];
}

/**
 * "2", "Mũi 2", "Mũi thứ 2", "mũi số 2", "Lần 2", "2nd", "Dose 2", "Mũi thứ hai", "II", "2.0"
 * (a spreadsheet's decimals), "2/3" (dose 2 of 3), "Mũi 3 (nhắc lại)" (a note after the
 * number): the number; else the text as is (mapRow reports it). Two numbers in one cell ("1 2",
 * "1,5") are never joined into one.
 */
export function parseDoseNumber(value: CellValue | undefined): number | string {
  if (typeof value === 'number') return value;
  return doseNumberOfText(textOf(value));
}

/** Vietnamese and English ordinals after "thứ" ("Mũi thứ hai"), folded. */
const ORDINALS: Record<string, number> = { nhat: 1, hai: 2, ba: 3, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9 };
const ENGLISH_ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5 };
/**
 * Numbers as words after the word for a dose, folded: "Mũi số một", "Mũi đầu", "Mũi hai". Not the
 * ordinals that need "thứ" (ORDINALS): "Lần sau" is "next time", not the sixth.
 */
const DOSE_WORDS: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4, dau: 1, dautien: 1 };
/**
 * A number word alone in a dose cell, folded: those that are no other word a cell might hold ("Ba"
 * folds as "Bà" does, a title or a sex in the wrong column; "Năm" as "Nam").
 */
const BARE_NUMBERS: Record<string, number> = { mot: 1, hai: 2, bon: 4 };
/** Official forms number doses in Roman numerals. */
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9 };
/** A whole number written with decimals: "2.0", "1,0" (pandas exports, a decimal comma). */
const WHOLE_DECIMAL = /^(\d{1,2})[.,]0+$/;
/** Dose n of N: "1/2", "2 / 3", also after the word for a dose ("Mũi 1/2", "Liều 2 / 3", "Dose 1/2"). */
const OF_N = /^(?:(?:m[uũ]i|li[eề]u|l[aầ]n|dose)\s*(?:(?:th[uứ]|s[oố])\s*)?)?(\d)\s*\/\s*(\d)$/iu;
/** Longer text is no "Mũi thứ 2 / 3" (and OF_N never runs over a long note). */
const OF_N_MAX = 24;
/** A note after the dose: "(nhắc lại)", "- nhắc", ": bổ sung" — it has a letter. */
const NOTE = /^(.*?\S)\s*(?:\([^)]*\p{L}[^)]*\)|[-–:]\s*\p{L}.*)$/u;

const doseNumberOfText = memoByText((text: string): number | string => {
  const t = text.trim();
  const whole = WHOLE_DECIMAL.exec(t);
  if (whole) return Number(whole[1]);
  const ofN = t.length <= OF_N_MAX ? OF_N.exec(t.normalize('NFC')) : null;
  if (ofN) return Number(ofN[1]) >= 1 && Number(ofN[1]) <= Number(ofN[2]) ? Number(ofN[1]) : text;
  const core = NOTE.exec(t)?.[1] ?? t;
  // Folding drops every separator: "1 2" or "1,5" would read as 12 or 15. Two numbers are read
  // only as a dose and its booster's count ("Mũi 4 tăng cường lần 2": dose 4).
  if (/\d\D+\d/.test(core)) return markedDose(t) ?? text;
  // "Mũi 2 cơ bản", "Mũi cơ bản 1": a dose of the primary series, said so.
  const folded = foldHeader(core).replace(PRIMARY, '');
  // "M1", "M2": a clinic's shorthand for mũi 1, mũi 2.
  const m = /^(?:mui|lan|dose|lieu|m)?(?:tiem)?(?:thu|so|no)?(\d{1,2})(?:st|nd|rd|th)?(?:dose|mui)?$/.exec(folded);
  if (m) return Number(m[1]);
  const word = /^(?:mui|lan|lieu)(?:tiem)?thu([a-z]+)$/.exec(folded)?.[1];
  if (word !== undefined && ORDINALS[word] !== undefined) return ORDINALS[word]!;
  // "Mũi số một", "Mũi đầu (tiên)", "Lần đầu", "Mũi thứ II": a word or a Roman numeral after the
  // word for a dose; "Một", "Hai" alone (not "Năm" or "Sáu": a sex or "after" in the wrong column).
  const said = /^(?:(?:mui|lan|lieu)(?:tiem)?(?:thu|so)?)?([a-z]+)$/.exec(folded);
  if (said !== null) {
    const bare = said[0] === said[1];
    const n = bare ? BARE_NUMBERS[said[1]!] : (DOSE_WORDS[said[1]!] ?? ROMAN[said[1]!]);
    if (n !== undefined) return n;
  }
  const english = /^([a-z]+?)(?:dose)?$/.exec(folded)?.[1];
  if (english !== undefined && ENGLISH_ORDINALS[english] !== undefined) return ENGLISH_ORDINALS[english]!;
  if (ROMAN[folded] !== undefined) return ROMAN[folded]!;
  // "Mũi 3 nhắc lại", "Mũi 4 tăng cường lần 2": the dose's own number beside a booster's words,
  // as in a header (doseMarker.ts; "Nhắc lại lần 2" stays a booster without its number).
  return markedDose(t) ?? text;
});

/** The dose's number a booster's words stand beside (doseMarker.ts), when nothing else is left. */
function markedDose(text: string): number | null {
  const marked = doseMarker(text);
  return marked !== null && 'dose' in marked.mark && foldHeader(marked.rest).replace(PRIMARY, '') === '' ? marked.mark.dose : null;
}

/** "cơ bản" (primary series), folded. */
const PRIMARY = /coban/g;

/** The most doses a "n/N" counts to: two or three primary doses and the boosters Vietnam gave. */
const DOSES_OF = 4;
/** An ISO date: a date cell (textOf) or an export of one. */
const ISO_DAY = /^\d{4}-(\d{2})-(\d{2})$/;

/**
 * A dose number "1/2" (dose 1 of 2) that the spreadsheet turned into a date: Excel and Calc read
 * "1/2" typed in a General cell as 1 February (day first) or 2 January (month first) of the year
 * it was typed, and a CSV saved from it holds "01/02/26". The dose is the smaller of day and month
 * whichever way the sheet read it, both at most DOSES_OF (a series is never longer), said with a
 * warning that names what the cell holds. A real date typed there is left unreadable unless its
 * day and month are both up to 4 (4 March reads as dose 3, with that warning). Null for anything
 * else.
 */
export function doseTurnedDate(value: CellValue | undefined): { dose: number; finding: Finding } | null {
  if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean') return null;
  const text = isDateCell(value) ? value.date : typeof value === 'string' ? visibleText(value).trim() : null;
  // "1/2/26" at the shortest: a plain dose number ("2", "Mũi 2") is not looked at further.
  if (text === null || text.length < 6) return null;
  const iso = ISO_DAY.exec(text);
  // Or as a spreadsheet writes one back: d/m/yy, d/m/yyyy (dateOrder.ts).
  const parts = iso !== null ? [Number(iso[1]), Number(iso[2])] : numericDateParts(text);
  if (parts === null) return null;
  const [a, b] = parts as [number, number];
  if (a < 1 || b < 1 || a > DOSES_OF || b > DOSES_OF) return null;
  const dose = Math.min(a, b);
  const of = Math.max(a, b);
  return {
    dose,
    finding: warning(
      'doseNumber',
      'IMPORT_DOSE_NUMBER_WAS_DATE',
      `Ô mũi tiêm thứ "${text}" là một ngày: Excel đổi "${dose}/${of}" (mũi ${dose} trên ${of}) thành ngày. Đã đọc là mũi ${dose}; hãy kiểm tra, và định dạng cột này là Text (Văn bản).`,
      `The dose number cell "${text}" is a date: Excel turns "${dose}/${of}" (dose ${dose} of ${of}) into one. It is read as dose ${dose}; check it, and format the column as Text.`,
    ),
  };
}

/**
 * A number in scientific notation as a cell gives it or a CSV shows it, with the exponent's sign
 * ("2.1e+102", "2,10E+102"); a lot typed as text ("21E0101") has none.
 */
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e[+-]\d+$/i;

/**
 * A lot the spreadsheet turned into a number in scientific notation (Excel and Calc read the lot
 * "21E0101" typed in a General cell as 2.1 × 10^102) or into a date ("1/2021"). The lot's letters
 * and digits are gone; said with what the cell holds, as an error of the lot. Null for anything
 * else.
 */
export function lotTurnedByExcel(value: CellValue | undefined, shownScientific = false): Finding | null {
  if (value === undefined || value === null || typeof value === 'boolean') return null;
  if (shownScientific && typeof value === 'number') return lotWasNumber(excelScientific(value));
  // A lot "1/2021" or "05-2021" typed in a General cell is a date to Excel (January 2021).
  if (isDateCell(value)) {
    return error(
      'lot',
      'IMPORT_LOT_WAS_DATE',
      `Số lô là một ô ngày (${value.date}): Excel đổi số lô có dấu / hoặc - (ví dụ "1/2021", "05-2021") thành ngày, và số lô thật đã mất. Hãy định dạng cột Số lô là Text (Văn bản) và ghi lại số lô.`,
      `The lot is a date cell (${value.date}): Excel turns a lot with a / or - in it ("1/2021", "05-2021") into a date, and the lot is lost. Format the lot column as Text and type the lot again.`,
    );
  }
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? visibleText(value).trim() : '';
  // Most lots have no exponent's sign: not looked at further.
  if ((!text.includes('+') && !text.includes('-')) || !SCIENTIFIC.test(text)) return null;
  return lotWasNumber(text);
}

/** A number as Excel's "0.00E+00" shows it: "1.00E+05", "2.10E+102". */
export function excelScientific(n: number): string {
  const [mantissa, exponent] = n.toExponential(2).toUpperCase().split('E') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}E${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}

function lotWasNumber(text: string): Finding {
  return error(
    'lot',
    'IMPORT_LOT_WAS_NUMBER',
    `Số lô "${text}" là một số mũ do Excel đổi từ số lô có chữ E (ví dụ "21E0101"): số lô thật đã mất. Hãy định dạng cột Số lô là Text (Văn bản) và ghi lại số lô.`,
    `The lot "${text}" is a number in scientific notation: Excel turns a lot with an E in it ("21E0101") into one, and the lot is lost. Format the lot column as Text and type the lot again.`,
  );
}

/** A dose-number cell that is not a number in any way clinics write one (parseDoseNumber). */
export function doseNumberUnreadable(text: string): Finding {
  return error(
    'doseNumber',
    'IMPORT_DOSE_NUMBER_UNREADABLE',
    `Không đọc được mũi tiêm thứ mấy từ "${text}": hãy ghi số thứ tự của mũi tiêm (1, 2, 3…).`,
    `The dose number cannot be read from "${text}": write the dose's number (1, 2, 3…).`,
  );
}
