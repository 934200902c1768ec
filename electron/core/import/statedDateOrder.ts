/**
 * A date column whose header says its dates are written month first: "Ngày tiêm (mm/dd/yyyy)",
 * "Date of birth (MM/DD/YYYY)", "Ngày tiêm (tháng/ngày/năm)", as templates from systems in English
 * (United States) and their copies state it. Its dates that could be either ("05/06/2021") were read
 * day first, ready, nothing said: 5 June for 6 May on a passport. The header is taken as the
 * column's evidence of month first (dateOrder.ts), the cells under it still able to contradict it.
 * A header saying day first in a format's letters ("Ngày sinh (dd/mm/yyyy)") is its column's
 * evidence of day first: beside a month-first column the file is read column by column, not every
 * column month first. "Ngày/tháng/năm sinh" names the field and says nothing. A year before the
 * month ("yyyy/mm/dd") is neither.
 */
const MONTH_FIRST = /(?<![\p{L}\p{N}])(?<!(?:yyyy|yy|y|năm|nam|year)\s*[/.-]\s*)(?:mm?|month|tháng|thang)\s*[/.-]\s*(?:dd?|day|ngày|ngay)(?![\p{L}\p{N}])/iu;

const DAY_FIRST = /(?<![\p{L}\p{N}])(?<!(?:yyyy|yy|y)\s*[/.-]\s*)dd?\s*[/.-]\s*mm?(?![\p{L}\p{N}])/iu;

/** The way a date column's header says its dates are written, or null when it says none. */
export function statedDateOrder(header: string): 'month' | 'day' | null {
  const text = header.normalize('NFC');
  return MONTH_FIRST.test(text) ? 'month' : DAY_FIRST.test(text) ? 'day' : null;
}
