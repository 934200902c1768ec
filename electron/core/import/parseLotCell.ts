import { error, findVaccine, foldForSearch, isValidIsoDate, vaccineByCode, warning, type Finding } from './domainPort.js';
import { dashJoinedName, nameKey } from './dashJoinedName.js';
import { boosterCell, doseLabel } from './doseMarker.js';
import { memoByText } from './memoByText.js';
import { parseDoseNumber, textOf } from './parseTextCells.js';
import type { CellValue } from './sheetData.js';

/** A label before the lot ("Lô: FF2587", "Số lô FF2587", "lô số FF2587", "Lot no. FF2587"). */
const LOT_LABEL = /^(?:s[oố]\s*l[oô]|l[oô]\s*s[oố]|l[oô]|lot(?:\s*(?:no\.?|number|#))?|batch(?:\s*no\.?)?)\s*[:.]?\s+|^(?:s[oố]\s*l[oô]|l[oô]|lot|batch)\s*:\s*/iu;
/** The expiry written after the lot: "(HSD 30/11/2021)", "HSD: 12/2021", "(EXP 11/2021)", "Hạn dùng: 30/11/2021". */
const LOT_EXPIRY = /\s*(?:\(\s*(?:hsd|h\.s\.d|han\s*dung|hạn\s*dùng|exp(?:iry)?)\b[^)]*\)|[-,;]?\s*(?:hsd|h[aạ]n\s*d[uù]ng|h[aạ]n\s*s[uử]\s*d[uụ]ng|exp(?:iry)?(?:\s*date)?)\s*[:.]?\s*\d.*)$/iu;
/**
 * A date after the lot, apart from it by a space, a comma, a spaced dash or brackets, with or
 * without its word: a "Số lô/HSD" column's expiry ("FF1234 - 30/11/2021", "FF1234 (11/2021)",
 * "FF1234 - HD: 30/11/2021"), or the date of manufacture ("NSX 01/2021", "SX 01/06/2021"). A
 * two-digit year is read in a whole date ("FF1234 - 31/12/21") or after the word ("HD 12/21"), and
 * a year alone after the word ("HD 2022"): without a word, "FF1234 12/21" could be the lot's own
 * part. A lot written as a date alone ("1/2021") has nothing before it and stays.
 */
const DATE_AFTER =
  /(?:\s*,\s*|\s+[-–]\s+|\s+)(?:\(\s*)?(?:(?:hsd|hd|nsx|ngày\s*sx|ngay\s*sx|sx|exp|mfg|hạn|han|hết\s*hạn|het\s*han)\s*[:.]?\s*(?:(?:\d{1,2}\s*[/.-]\s*)?\d{1,2}\s*[/.-]\s*(?:\d{4}|\d{2})|\d{4})|(?:\d{1,2}\s*[/.-]\s*)?\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2})\s*\)?$/iu;
/**
 * The vial's expiry joined to the lot by a slash, as a "Số lô/HSD" column is filled in when the
 * header's slash is copied: "FF1234/30/11/2021", "FF1234/11/2021", "NJ0342/2022" (the year of
 * expiry). The lot is the word right before the slash; expiryJoined decides.
 */
const SLASH_EXPIRY = /(^|\s)([A-Za-z0-9][A-Za-z0-9.-]*?)\s*\/\s*(?:(?:hsd|hd|exp)\s*[:.]?\s*)?(?:(\d{1,2})[/.-])?(?:(\d{1,2})[/.-])?(\d{4})$/iu;
/**
 * The vial's expiry joined to the lot by a dash, as a hospital system's "Số lô/HSD" cell writes it:
 * "FF1234-30/11/2021", "FF1234-11/2021", "FF1234-30.11.2021". The lot is the word before the last
 * dash, and may hold a dash of its own ("I-130621-30/11/2021").
 */
const DASH_EXPIRY = /(^|\s)([A-Za-z0-9][A-Za-z0-9.-]*?)\s*-\s*(?:(\d{1,2})[/.])?(\d{1,2})[/.](\d{4})$/u;
/** The years a vial in a COVID-19 list expires in. */
const EXPIRY_YEAR = /^20[1-4]\d$/;
/** Words before the lot, no digit among them: "Pfizer FF1234", "Moderna: 3002183", "Vero Cell - 202106A018". */
const WORDS_BEFORE = /^(\p{L}[^\d:]*?)\s*[:\-–]?\s+(\S*\d.*)$/u;
/** Words after the lot: "FF1234 (Pfizer)", "FF1234 - Pfizer". */
const WORDS_AFTER = /^(\S*\d\S*)\s*(?:\(([^()\d]+)\)|[-–]\s+(\p{L}[^\d]*))$/u;
/** A vaccine's name this short ("AZ", "J&J") could be the lot's own letters: "AZ 1234" stays as typed. */
const MIN_NAME_LETTERS = 4;
/** Between lots in one cell: "FF2587/FF2588", "FF2587 - FF2588", "FF2587, FF2588", "FF2587 và FF2588". */
const BETWEEN_LOTS = /\s*(?:[,;+&/\n]|\s[-–]\s|\s(?:và|va|and|hoặc|hoac|or)\s)\s*/iu;
/**
 * The text without an expiry joined by a dash (DASH_EXPIRY) or a slash (SLASH_EXPIRY), cut only when what follows the slash is a
 * whole date, a month and year, or a year of expiry, and what is before it a lot on its own
 * (looksLikeLot): "NJ0342/NJ0343" is two lots, "21/0101" or "2107/A123" may be one lot with a slash.
 */
function expiryJoined(text: string): string {
  if (!text.includes('/') && !text.includes('-')) return text;
  const dash = DASH_EXPIRY.exec(text);
  // "FF1234-30-11/2021": a day after a dash is no end of a lot, whichever rule reads the rest.
  const dayAfterDash = (lot: string): boolean => /-\d{1,2}$/.test(lot);
  if (dash !== null) return looksLikeLot(dash[2]!) && !dayAfterDash(dash[2]!) && isExpiry(dash[3], dash[4], dash[5]!) ? text.slice(0, dash.index) + dash[1]! + dash[2]! : text;
  const m = SLASH_EXPIRY.exec(text);
  if (m === null || !looksLikeLot(m[2]!) || dayAfterDash(m[2]!)) return text;
  const [day, month] = m[4] === undefined ? [undefined, m[3]] : [m[3], m[4]];
  return isExpiry(day, month, m[5]!) ? text.slice(0, m.index) + m[1]! + m[2]! : text;
}

/** A year of expiry, with its month and day when written, that are a month and a day. */
function isExpiry(day: string | undefined, month: string | undefined, year: string): boolean {
  if (!EXPIRY_YEAR.test(year)) return false;
  if (month !== undefined && !(Number(month) >= 1 && Number(month) <= 12)) return false;
  return day === undefined || isValidIsoDate(`${year}-${month!.padStart(2, '0')}-${day.padStart(2, '0')}`);
}

/**
 * A lot on its own, as ONE_LOT judges one, and more than a number: letters with its digits
 * ("FF1234", "202107A123") or a run of seven digits or more (Moderna's "3002183"); not a year
 * ("2021"), a day ("30/11") or a short number.
 */
function looksLikeLot(text: string): boolean {
  return ONE_LOT.test(text) && (/[A-Z]/i.test(text) || /\d{7}/.test(text));
}

/** A lot among several: letters and digits (a dash or a dot inside), a digit among them, four at least. */
const ONE_LOT = /^(?=.*\d)(?:[A-Z0-9][.-]?){3,}[A-Z0-9]$/i;
/** A dose's label before its lot: "M1: FF2587", "Mũi 2 - FF2588", "Liều 1) …". */
const DOSE_BEFORE = /^(?:m[uũ]i|li[eề]u|dose|m)\s*(?:th[uứ]\s*)?(\d)\s*(?:[:.)]\s*|[-–]\s*|\s+)(?=\S)/iu;
/** Characters a lot may hold (shared/domain's rule): anything else and the cell cannot be kept as the lot. */
const LOT_CHARACTERS = /^[A-Za-z0-9./_ -]*$/;

/**
 * What the importer knows of the dose the lot is read for: its vaccine (a catalog code when the
 * vaccine cell named one), its number, and, in a list with a row per person, the doses of the row
 * that read this same lot cell, in the order of their columns.
 */
export interface LotContext {
  vaccine?: string;
  dose?: number;
  sharedBy?: readonly number[];
}

/**
 * The lot as written, without what clinics write around it: Excel's "keep as text" apostrophe, a
 * label ("Lô:"), the vial's expiry or any date after it, the vaccine's name ("Pfizer FF1234": the row's own
 * vaccine is no part of the lot; another one is an error). Several lots in one cell: the dose's
 * own when the cell says which ("M1: FF2587; M2: FF2588") or when it is the lot column of the
 * row's doses and holds one lot for each, in their order (said); else kept as written and said (a
 * dose has the lot of one vial), an error when the cell as written is no lot at all ("FF2587,
 * FF2588").
 */
/**
 * Past this, a cell is taken as written (validation says LOT_TOO_LONG: a lot is 30 characters at
 * most): no label, expiry, vaccine name or lots of several doses is looked for. The patterns that
 * find them are tried at each dash, slash or space, and cost the square of the cell's length: a
 * 32,767-character cell (Excel's most) of "-1" took 2 s, a column of them minutes (review of
 * session 26: the lot's own dash in DASH_EXPIRY made it so; LOT_EXPIRY and SLASH_EXPIRY were
 * already). Five lots labelled by dose fit well within it.
 */
const LOT_CELL_MAX = 200;

export function parseLot(value: CellValue | undefined, context: LotContext = {}): { lot: string; findings: Finding[] } {
  const text = textOf(value);
  if (text === '') return { lot: '', findings: [] };
  if (text.length > LOT_CELL_MAX) return { lot: text, findings: [] };
  if (isPhoneNumber(text)) return { lot: text, findings: [lotIsPhone(text)] };
  const plain = expiryJoined(text.replace(/^'/, '').replace(LOT_LABEL, '')).replace(LOT_EXPIRY, '').replace(DATE_AFTER, '').trim() || text;
  const named = withoutVaccineName(plain, text, context.vaccine);
  const lot = named.lot;
  if (lot.length < 9) return named;
  const parts = lot.split(BETWEEN_LOTS).map(lotOfPart);
  if (parts.length < 2 || !parts.every((p) => ONE_LOT.test(p.lot))) return named;
  const findings = [...named.findings];
  const lots = parts.map((p) => p.lot);
  const { dose, sharedBy } = context;
  // "M1: FF2587; M2: FF2588": each lot says its dose.
  const labelled = parts.every((p) => p.dose !== null) && new Set(parts.map((p) => p.dose)).size === parts.length;
  if (labelled && dose !== undefined) {
    const own = parts.find((p) => p.dose === dose);
    if (own !== undefined) return { lot: own.lot, findings };
  }
  // The lot column of the row's doses, one lot for each, in the order of the doses' columns.
  if (!labelled && dose !== undefined && sharedBy !== undefined && sharedBy.length === lots.length && sharedBy.includes(dose)) {
    const own = lots[sharedBy.indexOf(dose)]!;
    findings.push(lotByOrder(lot, lots, sharedBy, own, dose));
    return { lot: own, findings };
  }
  findings.push(lotsInOneCell(lots, LOT_CHARACTERS.test(lot)));
  return { lot, findings };
}

/**
 * A Vietnamese phone number, as a phone typed one column off lands in the lot cell: a mobile's 10
 * digits (03, 05, 07, 08, 09), a landline's 11 (02x), 84 or +84 for the 0, spaces, dots or dashes
 * between. No vaccine's lot is written so (Moderna's are 7 digits, Vero Cell's a date and a letter).
 */
export function isPhoneNumber(text: string): boolean {
  const bare = text.trim().replace(/[\s.\-]/g, '');
  return /^(?:\+?84|0)(?:[35789]\d{8}|2\d{9})$/.test(bare);
}

function lotIsPhone(text: string): Finding {
  return error(
    'lot',
    'IMPORT_LOT_IS_PHONE',
    `Số lô "${text}" là một số điện thoại, không phải số lô vắc xin: hãy ghi số lô in trên lọ vắc xin.`,
    `The lot "${text}" is a phone number, not a vaccine lot: write the lot printed on the vial.`,
  );
}

/** A part of a cell of several lots: its dose's label taken off ("M1: FF2587"), and the dose. */
function lotOfPart(part: string): { lot: string; dose: number | null } {
  const m = DOSE_BEFORE.exec(part);
  return m === null ? { lot: part, dose: null } : { lot: part.slice(m[0].length), dose: Number(m[1]) };
}

/**
 * The lot without a vaccine's name written before or after it. The dose's own vaccine (or one not
 * known: its cell says what is wrong) is taken off; another vaccine is an error of the lot.
 */
function withoutVaccineName(lot: string, text: string, vaccine: string | undefined): { lot: string; findings: Finding[] } {
  const around = vaccineNameAround(lot);
  if (around === null) return { lot, findings: [] };
  const { named, rest } = around;
  const dose = vaccine === undefined ? undefined : vaccineByCode(vaccine);
  if (dose === undefined || dose.code === named.code) return { lot: rest, findings: [] };
  return {
    lot: rest,
    findings: [
      error(
        'lot',
        'IMPORT_LOT_OTHER_VACCINE',
        `Ô số lô "${text}" ghi tên ${named.nameVi}, nhưng vắc xin của mũi này là ${dose.nameVi}: hãy kiểm tra lại vắc xin và số lô đã tiêm.`,
        `The lot cell "${text}" names ${named.nameEn}, but this dose's vaccine is ${dose.nameEn}: check the vaccine and the lot given.`,
      ),
    ],
  };
}

type CatalogVaccine = NonNullable<ReturnType<typeof findVaccine>>;

/**
 * A vaccine's name written before the rest ("Pfizer FF1234", "Moderna: 3002183", "Pfizer lô
 * FF1234": `before`) or after it ("FF1234 (Pfizer)"): the vaccine, its words as written (a lot's
 * label after them left out) and the rest without a lot's label. Null when no catalog vaccine is named so.
 */
function vaccineNameAround(text: string, minLetters = MIN_NAME_LETTERS): { named: CatalogVaccine; words: string; rest: string; before: boolean } | null {
  const before = WORDS_BEFORE.exec(text);
  const after = before === null ? WORDS_AFTER.exec(text) : null;
  // "Pfizer lô FF1234": the name without the lot's label ("Gam-COVID-Vac lô" names nothing).
  const words = (before?.[1] ?? after?.[2] ?? after?.[3])?.replace(LABEL_AT_END, '').trim();
  if (words === undefined || foldForSearch(words).replace(/[^a-z]/g, '').length < minLetters) return null;
  const named = findVaccine(words);
  if (named === undefined) return null;
  return { named, words, rest: (before?.[2] ?? after![1]!).replace(LOT_LABEL, '').trim(), before: before !== null };
}

/**
 * A vaccine's name and one word with a digit, set apart by a colon, a slash or a bar, spaces or
 * none ("Pfizer/FK1234", "Vero Cell:202107B", "AZ | NJ0342"), or by a dash with a space before
 * and after ("AZ - NJ0342"; a dash without spaces is dashJoinedName's), a lot's label after the
 * mark or not ("AZ: lô NJ0342"). The label is followed by a space, a colon or a dot: "LOA000",
 * "LOT1234", "BATCH12" are lots, not a label and "A000" (session 28: a property drew
 * "ASTRAZENECA - LOA000" and the passport would have read "A000").
 */
const SEPARATED = /^(\p{L}[^\d:/|]*?)\s*(?:[:/|]\s*|\s[-–]\s+)(?:(?:s[oố]\s*l[oô]|l[oô]|lot|batch)(?:\s*[:.]\s*|\s+))?(\S*\d\S*)$/iu;
/** A lot's label as a word: "AZ lô NJ0342", "J&J lot 1805031". */
const LOT_WORD = /(?:^|\s)(?:s[oố]\s*l[oô]|l[oô]|lot|batch)(?=[\s:.]|$)/iu;
/** A vaccine cell ending in a bracket: "Pfizer (lô FF1234)", "Vero Cell (Lô: 202107A123)". */
const BRACKET_AT_END = /^(.*?\S)\s*[([]([^()[\]]*)[)\]]$/u;
/** A lot's label (or a separator) the words before the lot end with: "AstraZeneca lô", "Vero Cell (Lô". */
const LABEL_AT_END = /(?:\s+|^)(?:s[oố]\s*l[oô]|l[oô](?:\s*s[oố])?|lot(?:\s*(?:no\.?|number|#))?|batch(?:\s*no\.?)?)\s*[:.]?$|\s*[,;:\-–]$/iu;

/**
 * What a token after a vaccine's name says when it is no lot, though letters and digits: a dosage
 * ("0.3ml", "50mcg"), an Omicron variant of a bivalent or updated product ("BA.4-5", "XBB.1.5";
 * with its dot only: "XBB1234" may be a lot), the disease ("COVID-19", "2019-nCoV"), ages
 * ("12-17t", "6m-5y"), a date without separators ("20210801", "01082021").
 */
const NOT_A_LOT = [
  /^\d+(?:[.,]\d+)?(?:ml|mg|mcg|ug)$/i,
  /^(?:ba|bq|xbb|jn|kp|eg)\.\d/i,
  // Notes on who or which: a children's or adults' dose ("TE5-11", "Tre5-11", "Ped5-11", "NL12"),
  // a variant written without its dot ("BA45", "XBB15"), a generation or version ("Gen2", "V2"), "CV19".
  /^(?:te|tre|ped|nl|tn|ba|bq|xbb|jn|kp|eg|gen|ver|v|cv)[-\s]?\d{1,2}(?:-\d{1,2})?$/i,
  /covid|ncov|sars/i,
  /^\d{1,2}[a-z]{0,5}-\d{1,2}[a-z]{0,5}$/i,
  /^(?:20\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])20\d\d)$/,
];

/**
 * The lot a vaccine cell holds after the vaccine's name, for a dose whose lot cell is blank or a
 * list with no lot column: "Pfizer (lô FF1234)", "Pfizer - FF1235", "AstraZeneca lô NJ0342", "Vero
 * Cell (Lô: 202107A123)", "Moderna 3002183". Read as a lot cell's vaccine name is
 * (vaccineNameAround), and taken only when the words are exactly one catalog vaccine's name (a
 * label after them aside) and the rest one lot on its own (looksLikeLot) that is no dose number, no
 * booster's words, no date, dosage, variant or vaccine name. "Pfizer mũi 2", "Pfizer 2021",
 * "Pfizer trẻ em FF1234", "Comirnaty Original/Omicron BA.4-5", "Moderna 0.5ml", "AstraZeneca
 * AZD1222": a vaccine and its note, null. A cell with "?" is null too: its vaccine is not sure.
 * The vaccine is the catalog code of the name. Remembered per text: a vaccine column repeats.
 */
export const lotInVaccineCell = memoByText((text: string): { vaccine: string; lot: string } | null => {
  if (!/\d/.test(text) || text.includes('?') || text.length > 80) return null;
  // "Pfizer 0912345678": the person's phone typed one column off, no lot.
  if (isPhoneNumber(text.replace(/^\D+/, ''))) return null;
  const bracket = BRACKET_AT_END.exec(text);
  const apart = bracket === null ? SEPARATED.exec(text) : null;
  // "Pfizer-FK1234", "Hayat-Vax-NJ1234": a catalog name of four letters or more, the longest the
  // cell starts with, then a dash and the rest ("AZ-NJ0342" may be one lot: not split).
  const joined = bracket === null && apart === null ? dashJoinedName(text) : null;
  const spaced =
    bracket !== null ? `${bracket[1]} ${bracket[2]!.trim()}`
    : apart !== null ? `${apart[1]!.trim()} - ${apart[2]}`
    : joined !== null ? `${joined.words} - ${joined.rest}`
    : text;
  // "AZ - NJ0342", "AZ: NJ0342", "AZ (NJ0342)", "AZ lô NJ0342": a short name ("AZ", "J&J") set
  // apart from the lot by a mark or a label is no part of it; "AZ NJ0342" may be one lot, not read.
  const setApart = bracket !== null || apart !== null || (joined === null && LOT_WORD.test(spaced));
  const around = vaccineNameAround(spaced, setApart ? 2 : MIN_NAME_LETTERS);
  if (around === null || !around.before) return null;
  const { named, words, rest } = around;
  const exact = [named.code, named.name, named.mp, named.nameVi, named.nameEn, ...named.aliases].some((n) => nameKey(n) === nameKey(words));
  if (!exact || /\s/.test(rest) || !looksLikeLot(rest) || NOT_A_LOT.some((re) => re.test(rest))) return null;
  if (typeof parseDoseNumber(rest) === 'number' || boosterCell(rest) !== null || findVaccine(rest) !== undefined) return null;
  return { vaccine: named.code, lot: rest };
});

/** A lot read from the vaccine cell (lotInVaccineCell), said with the cell and the vaccine read. */
export function lotFromVaccineCell(text: string, read: { vaccine: string; lot: string }, noLotColumn: boolean): { lot: string; findings: Finding[] } {
  const v = vaccineByCode(read.vaccine)!;
  const whyVi = noLotColumn ? 'Không có cột số lô' : 'Ô số lô để trống';
  const whyEn = noLotColumn ? 'There is no lot column' : 'The lot cell is blank';
  return {
    lot: read.lot,
    findings: [
      warning(
        'lot',
        'IMPORT_LOT_FROM_VACCINE_CELL',
        `${whyVi}: đã đọc số lô ${read.lot} từ ô vắc xin "${text}", và vắc xin là ${v.nameVi}. Hãy kiểm tra lại.`,
        `${whyEn}: the lot ${read.lot} is read from the vaccine cell "${text}", and the vaccine as ${v.nameEn}. Check it.`,
      ),
    ],
  };
}

/** A year alone ("Pfizer 2021"): the year given or made, no lot. */
const YEAR = /^(?:19|20)\d\d$/;

/**
 * The lot cell blank (or no lot column) and a word of the vaccine cell that may be the lot, which
 * lotInVaccineCell did not read ("AZ 1234": the name's letters may be the lot's; "Pfizer trẻ em
 * FF1234", "Pfizer FF1234/FF1235"): an error still, saying where the lot may be, so the clerk
 * copies it rather than looks for it. Words that are no lot (a dose, a year, a date, a dosage, a
 * variant, a vaccine's code, a phone) are not named, and a cell of none of them says nothing here.
 */
export function lotUnsureInVaccineCell(text: string, noLotColumn: boolean): Finding | null {
  if (!/\d/.test(text) || isPhoneNumber(text.replace(/^\D+/, ''))) return null;
  const words = text
    .split(/[\s,;:/|()[\]]+/u)
    .map((w) => w.replace(/^[-–.]+|[-–.]+$/gu, ''))
    // "Hayat-Vax-123456": the name's own dashes are no part of what may be the lot.
    .map((w) => dashJoinedName(w)?.rest ?? w)
    .filter((w) => /\d/.test(w) && /^[A-Za-z0-9.-]{4,}$/.test(w) && !YEAR.test(w) && !NOT_A_LOT.some((re) => re.test(w)))
    .filter((w) => typeof parseDoseNumber(w) !== 'number' && boosterCell(w) === null && findVaccine(w) === undefined);
  if (words.length === 0) return null;
  const whyVi = noLotColumn ? 'Không có cột số lô' : 'Ô số lô để trống';
  const whyEn = noLotColumn ? 'There is no lot column' : 'The lot cell is blank';
  const doVi = noLotColumn ? 'hãy thêm cột số lô và ghi số lô của lọ đã tiêm vào đó' : 'hãy ghi số lô của lọ đã tiêm vào ô số lô';
  const doEn = noLotColumn ? "add a lot column and write the vial's lot in it" : "write the vial's lot in the lot cell";
  return error(
    'lot',
    'IMPORT_LOT_UNSURE_IN_VACCINE_CELL',
    `${whyVi}. Ô vắc xin "${text}" có thể ghi số lô (${listVi(words)}), nhưng không đọc chắc được đâu là tên vắc xin, đâu là số lô: ${doVi}.`,
    `${whyEn}. The vaccine cell "${text}" may hold the lot (${listEn(words)}), but which part is the vaccine and which the lot cannot be told for sure: ${doEn}.`,
  );
}

/** A lot compared as written on the vial: no case, spaces, dots or dashes. */
const lotKey = (lot: string): string => lot.toUpperCase().replace(/[\s.\-_]/g, '');

/**
 * The vaccine cell names a lot (lotInVaccineCell) and the lot cell another: the lot cell is the
 * lot's own column and is kept, but which vial was given is not certain. Null when they agree.
 */
export function vaccineCellNamesOtherLot(text: string, named: string, lot: string): Finding | null {
  if (lot === '' || lotKey(named) === lotKey(lot)) return null;
  return warning(
    'lot',
    'IMPORT_LOT_VACCINE_CELL_DIFFERS',
    `Ô vắc xin "${text}" ghi số lô ${named}, nhưng ô số lô ghi ${lot}: đã giữ số lô ${lot} của ô số lô. Hãy kiểm tra lô đã tiêm.`,
    `The vaccine cell "${text}" names the lot ${named}, but the lot cell holds ${lot}: the lot cell's ${lot} is kept. Check the lot given.`,
  );
}

const listVi = (items: readonly string[]): string => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} và ${items.at(-1)}`);
const listEn = (items: readonly string[]): string => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** Several lots kept as written: a warning when the cell is a lot's characters, else an error. */
function lotsInOneCell(lots: readonly string[], keepable: boolean): Finding {
  const countVi = lots.length === 2 ? 'hai' : String(lots.length);
  const countEn = lots.length === 2 ? 'two' : String(lots.length);
  const say = keepable ? warning : error;
  return say(
    'lot',
    'IMPORT_LOT_TWO',
    `Ô số lô ghi ${countVi} số lô (${listVi(lots)}): mỗi mũi tiêm là một lọ của một lô. Hãy ghi số lô của lọ đã tiêm cho người này.`,
    `The lot cell holds ${countEn} lots (${listEn(lots)}): a dose is from one vial of one lot. Write the lot of the vial this person was given.`,
  );
}

/** One lot of a shared cell read for its dose by order: said, so that the order is checked. */
function lotByOrder(cell: string, lots: readonly string[], doses: readonly number[], lot: string, dose: number): Finding {
  const dosesVi = listVi(doses.map((d) => doseLabel(d).toLowerCase()));
  const dosesEn = listEn(doses.map(String));
  return warning(
    'lot',
    'IMPORT_LOT_BY_ORDER',
    `Ô số lô "${cell}" là ô dùng chung cho ${dosesVi}, ghi ${lots.length} số lô: đã đọc ${lot} cho ${doseLabel(dose).toLowerCase()} theo thứ tự trong ô. Hãy kiểm tra lại.`,
    `The lot cell "${cell}" is shared by doses ${dosesEn} and holds ${lots.length} lots: ${lot} is read for dose ${dose}, by their order in the cell. Check it.`,
  );
}
