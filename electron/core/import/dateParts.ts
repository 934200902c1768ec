import { error, isValidIsoDate, type Finding } from './domainPort.js';
import type { HeaderMapping } from './findHeaderRow.js';
import { parseDateCell } from './parseDateCell.js';
import { textOf } from './parseTextCells.js';
import type { CellValue } from './sheetData.js';
import type { DateOrder } from './dateOrder.js';

/**
 * A date written in three columns. A date of birth, as register forms have it: "Ngày sinh" | "Tháng sinh"
 * | "Năm sinh" (day, month, year). "Ngày sinh" is then the DAY alone: read as a date it was a
 * two-digit year, "12" the year 2012 and "28" 1928, ready to sign. The three columns, or null
 * when the header has no month-of-birth column beside a day and a year.
 */
export function dobParts(mapping: HeaderMapping): { day: number; month: number; year: number } | null {
  const { dob, birthMonth, birthYear } = mapping.fields;
  return dob === undefined || birthMonth === undefined || birthYear === undefined ? null : { day: dob, month: birthMonth, year: birthYear };
}

/** A part as a whole number written in digits ("03", 3, "'03"), else null; blank is ''. */
function partOf(value: CellValue | undefined): number | '' | null {
  const text = textOf(value).replace(/^'/, '').trim();
  if (text === '') return '';
  return /^\d{1,4}$/.test(text) ? Number(text) : null;
}

/**
 * A date from its three cells: the day, month and year as one date. A date of birth may be the year
 * alone (or the month and year) when the day (and the month) are blank, as papers that give no day
 * have it; a vaccination date is a whole day. A whole date in the day's cell is that date when the
 * month and year cells agree with it or are blank. Anything else is an error quoting the three
 * cells, never a guess.
 */
export function dateFromParts(
  field: 'dob' | 'vaccinationDate',
  cells: { day: CellValue | undefined; month: CellValue | undefined; year: CellValue | undefined },
  date1904: boolean,
  order: DateOrder,
  cccd?: string,
): { value: string; findings: Finding[] } {
  const [day, month, year] = [partOf(cells.day), partOf(cells.month), partOf(cells.year)];
  if (day === '' && month === '' && year === '') return parseDateCell(null, field, date1904, order, undefined, cccd);
  // A whole date where the day belongs: a report keeps "Ngày tiêm" whole and the month and the year
  // beside it for its pivot tables. Read as the date when the month and year cells agree with it
  // (or are blank); taken for a day, it refused every row (review, session 28).
  if (day === null && cells.day !== undefined) {
    const whole = parseDateCell(cells.day, field, date1904, order, undefined, cccd);
    const iso = /^(\d{4})-(\d{2})-\d{2}$/.exec(whole.value);
    if (iso !== null && (month === '' || month === Number(iso[2])) && (year === '' || year === Number(iso[1]))) return whole;
  }
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (typeof year === 'number' && year >= 1000) {
    if (field === 'dob' && day === '' && month === '') return parseDateCell(String(year), field, date1904, order, undefined, cccd);
    if (field === 'dob' && day === '' && typeof month === 'number' && month >= 1 && month <= 12) return parseDateCell(`${pad(month)}/${year}`, field, date1904, order, undefined, cccd);
    if (typeof day === 'number' && typeof month === 'number') {
      const iso = `${year}-${pad(month)}-${pad(day)}`;
      if (isValidIsoDate(iso)) return parseDateCell(iso, field, date1904, order, undefined, cccd);
    }
  }
  const [d, m, y] = [cells.day, cells.month, cells.year].map((c) => textOf(c));
  const [vi, en] = field === 'dob' ? ['Ngày sinh', 'The date of birth'] : ['Ngày tiêm', 'The vaccination date'];
  return {
    value: '',
    findings: [
      error(
        field,
        'IMPORT_DATE_PARTS_UNREADABLE',
        `${vi} ghi ở ba cột (ngày "${d}", tháng "${m}", năm "${y}") không thành một ngày có thật: hãy ghi ngày, tháng bằng số và năm đủ bốn chữ số.`,
        `${en} written in three columns (day "${d}", month "${m}", year "${y}") is no real day: write the day and month as numbers and the year with four digits.`,
      ),
    ],
  };
}
