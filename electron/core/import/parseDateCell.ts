import { error, excelSerialToIso, parseDayFirstDate, parsePartialDate, type Finding } from './domainPort.js';
import { isDateCell, isErrorCell, type CellValue } from './sheetData.js';
import { cellErrorFinding } from './parseTextCells.js';

/** 1904-system serials (old Mac workbooks) count from 1904-01-01: 1462 days after the 1900 system. */
const DATE_1904_OFFSET = 1462;
/** A serial typed or exported as text ("44378"): five digits covers 1927-2173. */
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;
/** A time after the date ("01/07/2021 08:30", "2021-07-01T08:30:00"): the date is what counts. */
const TRAILING_TIME = /^(.+?)(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:AM|PM|SA|CH))?(?:Z|[+-]\d{2}:?\d{2})?$/i;

export interface ParsedDate {
  /** ISO (or partial ISO for a date of birth), or the raw text when unreadable (validation reports it). */
  value: string;
  findings: Finding[];
}

/** dd/mm/yyyy-shaped text: when it does not parse, the calendar date itself is impossible. */
const DAY_FIRST_SHAPE = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;

/** The precise reason a well-formed day-first date cannot be: a month over 12 or a day too many. */
function impossible(field: 'dob' | 'vaccinationDate', shown: string, day: number, month: number, year: number): ParsedDate {
  const [vi, en] = field === 'dob' ? ['ngày sinh', 'date of birth'] : ['ngày tiêm', 'vaccination date'];
  const [whyVi, whyEn] =
    month < 1 || month > 12
      ? [`không có tháng ${month}${day <= 12 ? ' (tệp có ghi tháng trước ngày, kiểu mm/dd/yyyy, không?)' : ''}`, `there is no month ${month}${day <= 12 ? ' (is the file written month first, mm/dd/yyyy?)' : ''}`]
      : [`tháng ${month}/${year} không có ngày ${day}`, `${year}-${String(month).padStart(2, '0')} has no day ${day}`];
  return {
    value: shown,
    findings: [error(field, 'IMPORT_DATE_IMPOSSIBLE', `${vi[0]!.toUpperCase()}${vi.slice(1)} "${shown}" không có thật: ${whyVi}.`, `The ${en} "${shown}" does not exist: ${whyEn}.`)],
  };
}

function unreadable(field: 'dob' | 'vaccinationDate', shown: string): ParsedDate {
  const shape = DAY_FIRST_SHAPE.exec(shown);
  if (shape) return impossible(field, shown, Number(shape[1]), Number(shape[2]), Number(shape[3]));
  const [vi, en] = field === 'dob' ? ['ngày sinh', 'date of birth'] : ['ngày tiêm', 'vaccination date'];
  return {
    value: shown,
    findings: [
      error(
        field,
        'IMPORT_DATE_UNREADABLE',
        `Không đọc được ${vi} "${shown}": hãy ghi dạng ngày/tháng/năm (dd/mm/yyyy, năm đủ 4 chữ số).`,
        `The ${en} "${shown}" cannot be read: write it day first (dd/mm/yyyy, four-digit year).`,
      ),
    ],
  };
}

/**
 * A date cell of a clinic sheet: a real date cell, an Excel serial (a number in a cell formatted
 * General, a formula result, or digits as text), or day-first text (dd/mm/yyyy, d/m/yyyy,
 * dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd). A date of birth may also be a year alone or mm/yyyy.
 */
export function parseDateCell(value: CellValue, field: 'dob' | 'vaccinationDate', date1904: boolean): ParsedDate {
  if (value === null) return { value: '', findings: [] };
  if (isErrorCell(value)) return { value: '', findings: [cellErrorFinding(field, value.error)] };
  if (isDateCell(value)) return { value: value.date, findings: [] };
  const partial = field === 'dob';
  if (typeof value === 'number') {
    // A year typed into a date-of-birth column is a year, not serial 1985 (1905-06-07).
    if (partial && Number.isInteger(value) && value >= 1900 && value <= 2100) return { value: String(value), findings: [] };
    const iso = excelSerialToIso(value + (date1904 ? DATE_1904_OFFSET : 0));
    return iso === null ? unreadable(field, String(value)) : { value: iso, findings: [] };
  }
  if (typeof value === 'boolean') return unreadable(field, value ? 'TRUE' : 'FALSE');
  const text = value.trim();
  if (text === '') return { value: '', findings: [] };
  if (SERIAL_TEXT.test(text)) {
    const iso = excelSerialToIso(Number(text) + (date1904 ? DATE_1904_OFFSET : 0));
    return iso === null ? unreadable(field, text) : { value: iso, findings: [] };
  }
  // TRAILING_TIME needs an h:mm: a text without a colon has no time to cut (most cells).
  const dateOnly = text.includes(':') ? (TRAILING_TIME.exec(text)?.[1]?.trim() ?? text) : text;
  const iso = partial ? parsePartialDate(dateOnly) : parseDayFirstDate(dateOnly);
  return iso === null ? unreadable(field, text) : { value: iso, findings: [] };
}
