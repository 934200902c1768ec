import { error, findVaccine, foldForSearch, isValidIsoDate, vaccineByCode, warning, type Finding } from './domainPort.js';
import { doseLabel } from './doseMarker.js';
import { textOf } from './parseTextCells.js';
import type { CellValue } from './sheetData.js';

/** A label before the lot ("Lô: FF2587", "Số lô FF2587", "lô số FF2587", "Lot no. FF2587"). */
const LOT_LABEL = /^(?:s[oố]\s*l[oô]|l[oô]\s*s[oố]|l[oô]|lot(?:\s*(?:no\.?|number|#))?|batch(?:\s*no\.?)?)\s*[:.]?\s+|^(?:s[oố]\s*l[oô]|l[oô]|lot|batch)\s*:\s*/iu;
/** The expiry written after the lot: "(HSD 30/11/2021)", "HSD: 12/2021", "(EXP 11/2021)". */
const LOT_EXPIRY = /\s*(?:\(\s*(?:hsd|h\.s\.d|han\s*dung|hạn\s*dùng|exp(?:iry)?)\b[^)]*\)|[-,;]?\s*(?:hsd|exp(?:iry)?)\s*[:.]?\s*\d.*)$/iu;
/**
 * A date after the lot, apart from it by a space, a comma, a spaced dash or brackets, with or
 * without its word: a "Số lô/HSD" column's expiry ("FF1234 - 30/11/2021", "FF1234 (11/2021)",
 * "FF1234 - HD: 30/11/2021"), or the date of manufacture ("NSX 01/2021"). A lot written as a
 * date alone ("1/2021") has nothing before it and stays.
 */
const DATE_AFTER = /(?:\s*,\s*|\s+[-–]\s+|\s+)(?:\(\s*)?(?:(?:hsd|hd|nsx|exp|mfg|hạn|han|hết\s*hạn|het\s*han)\s*[:.]?\s*)?(?:\d{1,2}\s*[/.-]\s*)?\d{1,2}\s*[/.-]\s*\d{4}\s*\)?$/iu;
/**
 * The vial's expiry joined to the lot by a slash, as a "Số lô/HSD" column is filled in when the
 * header's slash is copied: "FF1234/30/11/2021", "FF1234/11/2021", "NJ0342/2022" (the year of
 * expiry). The lot is the word right before the slash; expiryAfterSlash decides.
 */
const SLASH_EXPIRY = /(^|\s)([A-Za-z0-9][A-Za-z0-9.-]*?)\s*\/\s*(?:(?:hsd|hd|exp)\s*[:.]?\s*)?(?:(\d{1,2})[/.-])?(?:(\d{1,2})[/.-])?(\d{4})$/iu;
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
 * The text without an expiry after a slash (SLASH_EXPIRY), cut only when what follows the slash is a
 * whole date, a month and year, or a year of expiry, and what is before it a lot on its own
 * (looksLikeLot): "NJ0342/NJ0343" is two lots, "21/0101" or "2107/A123" may be one lot with a slash.
 */
function expiryAfterSlash(text: string): string {
  if (!text.includes('/')) return text;
  const m = SLASH_EXPIRY.exec(text);
  if (m === null || !looksLikeLot(m[2]!) || !EXPIRY_YEAR.test(m[5]!)) return text;
  const [day, month] = m[4] === undefined ? [undefined, m[3]] : [m[3], m[4]];
  if (month !== undefined && !(Number(month) >= 1 && Number(month) <= 12)) return text;
  if (day !== undefined && !isValidIsoDate(`${m[5]}-${month!.padStart(2, '0')}-${day.padStart(2, '0')}`)) return text;
  return text.slice(0, m.index) + m[1]! + m[2]!;
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
export function parseLot(value: CellValue | undefined, context: LotContext = {}): { lot: string; findings: Finding[] } {
  const text = textOf(value);
  if (text === '') return { lot: '', findings: [] };
  const plain = expiryAfterSlash(text.replace(/^'/, '').replace(LOT_LABEL, '')).replace(LOT_EXPIRY, '').replace(DATE_AFTER, '').trim() || text;
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
  const before = WORDS_BEFORE.exec(lot);
  const after = before === null ? WORDS_AFTER.exec(lot) : null;
  const words = before?.[1] ?? after?.[2] ?? after?.[3];
  if (words === undefined || foldForSearch(words).replace(/[^a-z]/g, '').length < MIN_NAME_LETTERS) return { lot, findings: [] };
  const named = findVaccine(words);
  if (named === undefined) return { lot, findings: [] };
  const rest = (before?.[2] ?? after![1]!).replace(LOT_LABEL, '').trim();
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
