import { daysBetween, decodeCccd, error, foldForSearch, warning, excelSerialToIso, isValidIsoDate, parseDayFirstDate, parsePartialDate, type Finding } from './domainPort.js';
import { dayInVietNam } from './dayInVietNam.js';
import { isDateCell, isErrorCell, zonedTime, type CellValue, type DateCell, type XlsxDateCell } from './sheetData.js';
import { cellErrorFinding } from './parseTextCells.js';
import { visibleText } from './visibleText.js';
import { DAY_FIRST, dateTextOf, numericDateParts, orderForColumn, weekdayOf, type DateExample, type DateOrder } from './dateOrder.js';

/** 1904-system serials (old Mac workbooks) count from 1904-01-01: 1462 days after the 1900 system. */
const DATE_1904_OFFSET = 1462;
/** A serial typed or exported as text ("44378"): five digits covers 1927-2173. */
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;
/** yyyymmdd without separators, as database exports write a date: "20210903". */
const COMPACT_DATE = /^((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

/** "20210903" (text or a number) → "2021-09-03" when it is a real day, else null. */
function compactDate(text: string): string | null {
  const m = COMPACT_DATE.exec(text);
  if (m === null) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return isValidIsoDate(iso) ? iso : null;
}

/**
 * yyyymmddHHmm(ss), a hospital system's compact timestamp ("20210812083000"): its day, when the
 * date and the time of day are real. Twelve or fourteen digits starting 19 or 20 (a CCCD starts 0).
 */
const COMPACT_TIMESTAMP = /^((?:19|20)\d{6})(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?$/;

function compactTimestamp(text: string): string | null {
  const m = COMPACT_TIMESTAMP.exec(text);
  return m === null ? null : compactDate(m[1]!);
}

/** ddmmyyyy without separators, as a date typed in a hurry: "01082021". */
const DAY_FIRST_COMPACT = /^(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])((?:19|20)\d\d)$/;
/**
 * Serials past the last day of 2100 are no date a clinic's list holds: a number that large in a
 * date column is digits typed without separators ("1082021"), not the year 4862.
 */
const LAST_PLAUSIBLE_SERIAL = 73415;

/** "01082021" → "2021-08-01" when it is a real day, else null. */
function dayFirstCompact(digits: string): string | null {
  const m = DAY_FIRST_COMPACT.exec(digits);
  if (m === null) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isValidIsoDate(iso) ? iso : null;
}

/**
 * A date typed as digits without separators, day first: "01082021" is 1 August 2021 (yyyymmdd is
 * compactDate's; no text is both). Seven digits are such a date whose leading zero Excel dropped
 * ("01082021" typed in a General cell is the number 1082021), or one typed without it: 1082021 may
 * be 01/08/2021 or 10/08/2021. One real day is read, with a warning; two are asked for. Null when
 * the digits are no date either way (or the sheet writes its dates month first).
 */
function withoutSeparators(digits: string, field: 'dob' | 'vaccinationDate', order: DateOrder): ParsedDate | null {
  if (order.order === 'month-first') return null;
  if (digits.length === 8) {
    const iso = dayFirstCompact(digits);
    return iso === null ? null : { value: iso, findings: [] };
  }
  if (digits.length !== 7) return null;
  const readings = [...new Set([dayFirstCompact(`0${digits}`), dayFirstCompact(`${digits.slice(0, 2)}0${digits.slice(2)}`)])].filter((d): d is string => d !== null);
  if (readings.length === 0) return null;
  const [, en, Vi] = fieldNames(field);
  if (readings.length === 1) {
    const iso = readings[0]!;
    return {
      value: iso,
      findings: [
        warning(
          field,
          'IMPORT_DATE_NO_SEPARATORS',
          `${Vi} "${digits}" được gõ không có dấu phân cách (Excel bỏ số 0 đầu): đã đọc là ngày ${shownVi(iso)}. Hãy kiểm tra lại, và ghi dạng ngày/tháng/năm (dd/mm/yyyy).`,
          `The ${en} "${digits}" was typed without separators (Excel drops a leading zero): read as ${iso}. Check it, and write it as day/month/year (dd/mm/yyyy).`,
        ),
      ],
    };
  }
  return {
    value: digits,
    findings: [
      error(
        field,
        'IMPORT_DATE_NO_SEPARATORS',
        `${Vi} "${digits}" được gõ không có dấu phân cách nên không rõ là ngày ${readings.map(shownVi).join(' hay ')}: hãy ghi dạng ngày/tháng/năm (dd/mm/yyyy).`,
        `The ${en} "${digits}" was typed without separators and could be ${readings.join(' or ')}: write it as day/month/year (dd/mm/yyyy).`,
      ),
    ],
  };
}

export interface ParsedDate {
  /** ISO (or partial ISO for a date of birth), or the raw text when unreadable (validation reports it). */
  value: string;
  findings: Finding[];
}

/** The field's name in Vietnamese, in English, and in Vietnamese opening a sentence. */
const fieldNames = (field: 'dob' | 'vaccinationDate'): [string, string, string] =>
  field === 'dob' ? ['ngày sinh', 'date of birth', 'Ngày sinh'] : ['ngày tiêm', 'vaccination date', 'Ngày tiêm'];

/**
 * The precise reason a well-formed d/m/yyyy (or, in a month-first sheet, m/d/yyyy) date cannot be:
 * a month over 12 or a day too many. `askOrder`: hint that the file may be month first.
 */
function impossible(field: 'dob' | 'vaccinationDate', shown: string, day: number, month: number, year: number, askOrder = true): ParsedDate {
  const [, en, Vi] = fieldNames(field);
  const hint = askOrder && day <= 12;
  const [whyVi, whyEn] =
    month < 1 || month > 12
      ? [`không có tháng ${month}${hint ? ' (tệp có ghi tháng trước ngày, kiểu mm/dd/yyyy, không?)' : ''}`, `there is no month ${month}${hint ? ' (is the file written month first, mm/dd/yyyy?)' : ''}`]
      : [`tháng ${month}/${year} không có ngày ${day}`, `${year}-${String(month).padStart(2, '0')} has no day ${day}`];
  return {
    value: shown,
    findings: [error(field, 'IMPORT_DATE_IMPOSSIBLE', `${Vi} "${shown}" không có thật: ${whyVi}.`, `The ${en} "${shown}" does not exist: ${whyEn}.`)],
  };
}

/** `dateText`: the date part as read, its two-digit year written in full (withFullYear). */
function unreadable(field: 'dob' | 'vaccinationDate', shown: string, dateText = dateTextOf(shown)): ParsedDate {
  const shape = numericDateParts(dateText);
  if (shape) return impossible(field, shown, ...shape);
  const [vi, en] = fieldNames(field);
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

/** The row that shows the file's date order, with its sheet when several are read: [vi, en]. */
const where = (shows: DateExample): [string, string] =>
  shows.sheet === undefined ? [`dòng ${shows.row}`, `row ${shows.row}`] : [`dòng ${shows.row} trang "${shows.sheet}"`, `row ${shows.row} of sheet "${shows.sheet}"`];

/** dd/mm/yyyy for Vietnamese readers, from an ISO date. */
const shownVi = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** `column`: the header of the column whose own dates show the order (a sheet of both ways), else the file's. */
function readMonthFirst(field: 'dob' | 'vaccinationDate', shown: string, iso: string, shows: DateExample, column?: string): Finding {
  const [, en, Vi] = fieldNames(field);
  const [whyVi, whyEn] = shows.amPm === true
    ? [': giờ ghi kèm AM/PM như máy tính cài tiếng Anh (Mỹ) ghi, tháng trước ngày', ': a time with AM/PM, as a computer set to English (United States) writes, the month first']
    : ['', ''];
  const [byVi, byEn] = column === undefined ? ['tệp', 'the file writes its dates'] : [`cột "${column}" của tệp`, `the column "${column}" writes its dates`];
  return warning(
    field,
    'IMPORT_DATE_READ_MONTH_FIRST',
    `${Vi} "${shown}" được đọc theo kiểu tháng trước ngày (mm/dd/yyyy) là ngày ${shownVi(iso)}, vì ${byVi} ghi ngày theo kiểu đó (${where(shows)[0]}: "${shows.text}"${whyVi}). Hãy kiểm tra lại.`,
    `The ${en} "${shown}" is read month first (mm/dd/yyyy) as ${iso}, because ${byEn} that way (${where(shows)[1]}: "${shows.text}"${whyEn}). Check it.`,
  );
}

function orderMixed(field: 'dob' | 'vaccinationDate', shown: string, iso: string, dayFirst: DateExample, monthFirst: DateExample): Finding {
  const [, en, Vi] = fieldNames(field);
  return warning(
    field,
    'IMPORT_DATE_ORDER_MIXED',
    `${Vi} "${shown}" có thể là ngày/tháng hoặc tháng/ngày, và tệp ghi lẫn cả hai kiểu (${where(dayFirst)[0]}: "${dayFirst.text}", ${where(monthFirst)[0]}: "${monthFirst.text}"). Đã đọc là ngày ${shownVi(iso)} (ngày trước tháng); hãy kiểm tra lại.`,
    `The ${en} "${shown}" could be day/month or month/day, and the file writes both ways (${where(dayFirst)[1]}: "${dayFirst.text}", ${where(monthFirst)[1]}: "${monthFirst.text}"). It is read day first as ${iso}; check it.`,
  );
}

/**
 * A d/m/yyyy-shaped text in a sheet that does not show day first only (dateOrder.ts): read month
 * first in a month-first sheet, day first in a mixed one; a date that could be either says so.
 */
function byOrder(field: 'dob' | 'vaccinationDate', shown: string, [a, b, year]: [number, number, number], order: DateOrder): ParsedDate {
  const either = a !== b && a >= 1 && a <= 12 && b >= 1 && b <= 12;
  if (order.order === 'month-first') {
    const iso = parseDayFirstDate(`${b}/${a}/${year}`);
    if (iso === null) return impossible(field, shown, b, a, year, false);
    return { value: iso, findings: either ? [readMonthFirst(field, shown, iso, order.monthFirst!, order.column)] : [] };
  }
  const iso = parseDayFirstDate(`${a}/${b}/${year}`);
  if (iso === null) return impossible(field, shown, a, b, year);
  return { value: iso, findings: either ? [orderMixed(field, shown, iso, order.dayFirst!, order.monthFirst!)] : [] };
}

/** The year the import runs in (DateOrder.thisYear), else the clock's: asked only for a two-digit year. */
const yearOf = (order: DateOrder): number => order.thisYear ?? new Date().getFullYear();

/** The age past which a two-digit year of birth is not read in the CCCD's century without a check. */
const OLDEST = 105;
/** A year of birth written with its last two digits alone. */
const TWO_DIGITS = /^\d\d$/;

/**
 * A text date with a two-digit year, the year written in full; null for any other text. Excel
 * writes a date cell shown d/m/yy into a CSV as "29/07/21", and the century is gone from the
 * file. A vaccination date is this century: COVID-19 vaccines exist since 2020. A year of birth
 * is read in the century the person's CCCD gives (`cccd`, its 4th digit), else in this century
 * unless that puts it after `thisYear` ("15/03/45" is 1945); when both centuries are possible
 * ("10/03/10": a child of 2010, or a centenarian of 1910) it is read as the later, the age of
 * most people vaccinated, with a warning to check it.
 */
function withFullYear(dateText: string, shown: string, field: 'dob' | 'vaccinationDate', order: DateOrder, cccd: string | undefined): { text: string; findings: Finding[] } | null {
  // "29/07/21": a separator three from the end; a four-digit year has a digit there (most cells).
  const sep = dateText.charCodeAt(dateText.length - 3);
  if (sep >= 0x30 && sep <= 0x39) return null;
  const parts = numericDateParts(dateText);
  if (parts === null) return null;
  const [a, b, yy] = parts;
  if (field === 'vaccinationDate') return { text: `${a}/${b}/${2000 + yy}`, findings: [] };
  // "00/00/00": a date of birth not known, not one in 2000.
  if (yy === 0 && a === 0 && b === 0) return null;
  const { year, findings } = birthYearOf(yy, shown, yearOf(order), cccd);
  return { text: `${a}/${b}/${year}`, findings };
}

/** The year of birth a two-digit `yy` is, by the rule of withFullYear; the warning when both centuries are possible. */
function birthYearOf(yy: number, shown: string, thisYear: number, cccd: string | undefined): { year: number; findings: Finding[] } {
  const later = 2000 + yy;
  const bornIn = cccd === undefined ? undefined : decodeCccd(cccd)?.centuryStart;
  // The CCCD's century, unless it makes the person over OLDEST (a 4th digit mistyped 0 for 2
  // would read "01/01/04" as 1904, and the CCCD's own check could then say nothing).
  if ((bornIn === 1900 || bornIn === 2000) && bornIn + yy <= thisYear && thisYear - (bornIn + yy) <= OLDEST) return { year: bornIn + yy, findings: [] };
  if (later > thisYear) return { year: 1900 + yy, findings: [] };
  const both = warning(
    'dob',
    'IMPORT_DATE_TWO_DIGIT_YEAR',
    `Ngày sinh "${shown}" ghi năm bằng 2 chữ số: đã đọc là năm ${later}, nhưng cũng có thể là năm ${1900 + yy}. Hãy kiểm tra lại và ghi năm đủ 4 chữ số.`,
    `The date of birth "${shown}" has a two-digit year: it is read as ${later}, but it could be ${1900 + yy}. Check it, and write the year with four digits.`,
  );
  return { year: later, findings: [both] };
}

/** A year of birth alone in two digits ("85", or the number 85): the year, as birthYearOf reads it. */
function twoDigitBirthYear(yy: number, shown: string, order: DateOrder, cccd: string | undefined): ParsedDate {
  const { year, findings } = birthYearOf(yy, shown, yearOf(order), cccd);
  return { value: String(year), findings };
}


/** `parsed` with the findings of reading its year in full before its own. */
function after(year: Finding[], parsed: ParsedDate): ParsedDate {
  return year.length === 0 ? parsed : { value: parsed.value, findings: [...year, ...parsed.findings] };
}

/**
 * A date cell of a column whose date cells were swapped (DateOrder.swapped): its day and month
 * swapped back, with a warning naming the text date of the column that shows it is day first.
 */
function swappedBack(field: 'dob' | 'vaccinationDate', iso: string, shows: DateExample): ParsedDate {
  const [, en, Vi] = fieldNames(field);
  const back = `${iso.slice(0, 4)}-${iso.slice(8, 10)}-${iso.slice(5, 7)}`;
  // 12 December read either way is 12 December: nothing to say.
  if (back === iso) return { value: iso, findings: [] };
  const cell = shownVi(iso);
  return {
    value: back,
    findings: [
      warning(
        field,
        'IMPORT_DATE_CELL_SWAPPED',
        `${Vi} là ô ngày ${cell} của Excel, nhưng tệp ghi ngày trước tháng (${where(shows)[0]}: "${shows.text}"): ngày và tháng đã bị đảo khi tệp được mở bằng máy đặt kiểu tháng trước ngày. Đã đọc là ngày ${shownVi(back)}; hãy kiểm tra lại.`,
        `The ${en} is the date cell ${iso}, but the file writes its dates day first (${where(shows)[1]}: "${shows.text}"): its day and month were swapped when the file was opened on a computer set to month first. It is read as ${back}; check it.`,
      ),
    ],
  };
}

/**
 * What a date of birth with zeros was read as: the year only (or month and year). Said, as a
 * warning: the zeros are the papers' way of saying the day is not known, but also what a list
 * types when nobody looked, and a whole date would then be lost.
 */
function zerosRead(text: string, known: string): Finding {
  const [vi, en] = known.length === 4 ? [`chỉ năm sinh ${known}`, `the year of birth ${known} only`] : [`chỉ tháng và năm sinh ${known.slice(5, 7)}/${known.slice(0, 4)}`, `the month and year of birth ${known.slice(5, 7)}/${known.slice(0, 4)} only`];
  return warning(
    'dob',
    'IMPORT_DOB_ZEROS',
    `Ngày sinh "${text.trim()}" ghi số 0 cho phần không biết: đã đọc là ${vi}. Nếu giấy tờ ghi ngày sinh đầy đủ, hãy ghi vào.`,
    `The date of birth "${text.trim()}" has zeros for what is not known: read as ${en}. If the papers give the whole date, write it.`,
  );
}

/** A date of birth written with a zero day (and perhaps month): the partial date it gives, or null. */
function knownPartOf(text: string, order: DateOrder): string | null {
  const parts = numericDateParts(text);
  if (parts === null) return null;
  const [day, month] = order.order === 'month-first' ? [parts[1], parts[0]] : [parts[0], parts[1]];
  // A year of 0 ("00/00/0000", "00/00/00") is a date not known at all: unreadable, not year "0".
  if (day !== 0 || month > 12 || parts[2] < 100) return null;
  return month === 0 ? String(parts[2]) : `${parts[2]}-${String(month).padStart(2, '0')}`;
}

/**
 * A year typed into a cell formatted as a date: Excel stores 1985 as serial 1985 and shows
 * 07/06/1905. No one vaccinated was born in 1900–1905, so a date of birth there whose serial is a
 * year up to this one is read as that year, and said (the sheet shows another date).
 */
function yearTypedAsDate(iso: string, date1904: boolean, order: DateOrder): ParsedDate | null {
  if (iso > '1905-12-31') return null;
  // Serials from 61 on count from 1899-12-30 (Excel's 29 February 1900 comes before); 1904 system from 1904-01-01.
  const serial = daysBetween(date1904 ? '1904-01-01' : '1899-12-30', iso);
  if (!(serial >= 1900 && serial <= yearOf(order))) return null;
  const [y, m, d] = iso.split('-');
  const shown = `${d}/${m}/${y}`;
  return {
    value: String(serial),
    findings: [
      warning(
        'dob',
        'IMPORT_DOB_YEAR_AS_DATE',
        `Ô ngày sinh định dạng ngày nên hiện ${shown}, nhưng giá trị gõ vào là năm ${serial}: đã đọc là năm sinh ${serial}. Hãy kiểm tra lại.`,
        `The date-of-birth cell is formatted as a date and shows ${shown}, but what was typed is the year ${serial}: read as born in ${serial}. Check it.`,
      ),
    ],
  };
}

/**
 * A date cell whose format shows no day (DateCell.shows): the person sees "1972" or "03/1972",
 * the cell holds 1 January 1972 or 1 March 1972. A date of birth is what is seen — a year, or a
 * month and year (a DCC's dob may be either) — when the hidden part is the first (a year kept as
 * a date); any other hidden day is real and kept, and said. A vaccination date needs its day: the
 * one the cell holds is read, and said, since the sheet does not show it.
 */
function partlyShown(field: 'dob' | 'vaccinationDate', value: Required<DateCell>): ParsedDate {
  const { date, shows } = value;
  const seen = shows === 'year' ? date.slice(0, 4) : `${date.slice(5, 7)}/${date.slice(0, 4)}`;
  const hiddenIsFirst = shows === 'year' ? date.slice(5) === '01-01' : date.slice(8) === '01';
  if (field === 'dob' && hiddenIsFirst) return { value: shows === 'year' ? date.slice(0, 4) : date.slice(0, 7), findings: [] };
  const [vi, en] = fieldNames(field);
  return {
    value: date,
    findings: [
      warning(
        field,
        'IMPORT_DATE_CELL_SHOWS_LESS',
        `Ô ${vi} chỉ hiện ${seen} nhưng chứa ngày ${shownVi(date)}: đã đọc là ngày ${shownVi(date)}. Hãy kiểm tra lại.`,
        `The ${en} cell shows only ${seen} but holds the date ${date}: read as ${date}. Check it.`,
      ),
    ],
  };
}

/** A date cell's date: a year typed into it, what its format shows, its day and month swapped back. */
function dateCellValue(value: DateCell, field: 'dob' | 'vaccinationDate', date1904: boolean, order: DateOrder, column: number | undefined): ParsedDate {
  const typed = field === 'dob' ? yearTypedAsDate(value.date, date1904, order) : null;
  if (typed !== null) return typed;
  if (value.shows !== undefined) return partlyShown(field, { date: value.date, shows: value.shows });
  const shows = column === undefined ? undefined : order.swapped?.get(column);
  return shows === undefined ? { value: value.date, findings: [] } : swappedBack(field, value.date, shows);
}

/**
 * An ISO date cell whose time names its zone and is on another day in Viet Nam (XlsxDateCell.zoned):
 * read as the day in Viet Nam, and said, since Excel shows the day written.
 */
function timeZoneRead(field: 'dob' | 'vaccinationDate', zoned: NonNullable<XlsxDateCell['zoned']>, dateCell = true): Finding {
  const [vi, en] = fieldNames(field);
  const { written, vietnam } = zoned;
  const day = vietnam.slice(0, 10);
  const excel = `${shownVi(written.slice(0, 10))} ${written.slice(11, 16)}`;
  // A date cell: Excel shows the day written. Text: the day written is what a reader sees.
  const [shownVi_, shownEn] = dateCell ? [`; Excel bỏ qua múi giờ và hiện ${excel}`, `; Excel ignores the zone and shows ${excel}`] : ['', ''];
  return warning(
    field,
    'IMPORT_DATE_CELL_TIME_ZONE',
    `Ô ${vi} ghi thời điểm "${written}" kèm múi giờ, tức ${vietnam.slice(11, 16)} ngày ${shownVi(day)} giờ Việt Nam${shownVi_}. Đã đọc là ngày ${shownVi(day)} (theo giờ Việt Nam); hãy kiểm tra lại.`,
    `The ${en} cell holds the time "${written}" with its zone, which is ${vietnam.slice(11, 16)} on ${day} in Viet Nam${shownEn}. Read as ${day}, the day in Viet Nam; check it.`,
  );
}

/** An ISO day and the time after it, as text: "2021-08-11T20:30:00Z", "2021-08-11 20:30:00+00:00". */
const ISO_WITH_TIME = /^(\d{4}-\d{2}-\d{2})([T ].+)$/;

/** Text naming an instant (its time with a zone) on another day in Viet Nam: that day, said; else null. */
function zonedText(text: string, field: 'dob' | 'vaccinationDate'): ParsedDate | null {
  const m = ISO_WITH_TIME.exec(text);
  if (m === null || !isValidIsoDate(m[1]!)) return null;
  const vietnam = dayInVietNam(m[1]!, m[2]!);
  return vietnam === null ? null : { value: vietnam.slice(0, 10), findings: [timeZoneRead(field, { written: text, vietnam }, false)] };
}

/**
 * A date cell of a clinic sheet: a real date cell, an Excel serial (a number in a cell formatted
 * General, a formula result, or digits as text), or day-first text (dd/mm/yyyy, d/m/yyyy,
 * dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd; a two-digit year as withFullYear reads it). A date of
 * birth may also be a year alone, mm/yyyy, or written with zeros for what the papers do not give
 * (00/00/1985, 00/03/1985).
 * `order`: how the sheet writes its text dates (dateOrder.ts); day first unless it shows otherwise.
 * `column`: the cell's column, whose date cells may be swapped (DateOrder.swapped). `cccd`: for a
 * date of birth, the person's CCCD number, whose 4th digit gives the century of a two-digit year.
 */
export function parseDateCell(value: CellValue, field: 'dob' | 'vaccinationDate', date1904: boolean, sheetOrder: DateOrder = DAY_FIRST, column?: number, cccd?: string): ParsedDate {
  if (value === null) return { value: '', findings: [] };
  // A sheet of both ways: the column's own way, when it shows one (dateOrder.ts DateOrder.columns).
  const order = sheetOrder.columns === undefined ? sheetOrder : orderForColumn(sheetOrder, column);
  if (isErrorCell(value)) return { value: '', findings: [cellErrorFinding(field, value.error)] };
  if (isDateCell(value)) {
    const zoned = zonedTime(value);
    const parsed = dateCellValue(value, field, date1904, order, column);
    return zoned === undefined ? parsed : { value: parsed.value, findings: [timeZoneRead(field, zoned), ...parsed.findings] };
  }
  const partial = field === 'dob';
  if (typeof value === 'number') {
    // A year typed into a date-of-birth column is a year, not serial 1985 (1905-06-07); "85" too
    // (no date of birth is a serial under 100, a day of 1900).
    if (partial && Number.isInteger(value) && value >= 1900 && value <= 2100) return { value: String(value), findings: [] };
    // 0 is what a lookup of an empty cell gives, not the year 2000.
    if (partial && Number.isInteger(value) && value >= 1 && value <= 99) return twoDigitBirthYear(value, String(value), order, cccd);
    const compact = Number.isInteger(value) ? (compactDate(String(value)) ?? compactTimestamp(String(value))) : null;
    if (compact !== null) return { value: compact, findings: [] };
    if (value > LAST_PLAUSIBLE_SERIAL) return (Number.isInteger(value) ? withoutSeparators(String(value), field, order) : null) ?? unreadable(field, String(value));
    const iso = excelSerialToIso(value + (date1904 ? DATE_1904_OFFSET : 0));
    return iso === null ? unreadable(field, String(value)) : { value: iso, findings: [] };
  }
  if (typeof value === 'boolean') return unreadable(field, value ? 'TRUE' : 'FALSE');
  // "20/07/2021" + a zero-width space copied from a chat: unreadable, with nothing to see (visibleText).
  // "'12/08/2021": the apostrophe a system writes to keep a date text in Excel, literal in the
  // cell once the file has been through a CSV (Excel itself hides it: quotePrefix).
  const text = visibleText(value).replace(/^\s*'(?=\s*\d)/, '');
  return weekdayChecked(text, parseDateText(text, field, date1904, order, cccd), field);
}

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A date written after its day of the week ("Thứ tư, 21/04/2022") whose day is not that weekday:
 * one of the two was typed wrong. Read as the date, with a warning to check it.
 */
function weekdayChecked(text: string, parsed: ParsedDate, field: 'dob' | 'vaccinationDate'): ParsedDate {
  // The weekday first: it answers at the cell's first character for nearly every date.
  const said = weekdayOf(text);
  if (said === null || !isValidIsoDate(parsed.value)) return parsed;
  const is = new Date(`${parsed.value}T00:00:00Z`).getUTCDay();
  if (is === said) return parsed;
  const [vi, en] = field === 'dob' ? ['Ngày sinh', 'The date of birth'] : ['Ngày tiêm', 'The vaccination date'];
  const day = parsed.value.split('-').reverse().join('/');
  return {
    value: parsed.value,
    findings: [
      ...parsed.findings,
      warning(
        field,
        'IMPORT_DATE_WEEKDAY_MISMATCH',
        `${vi} "${text.trim()}": ngày ${day} là ${WEEKDAYS_VI[is]!.toLowerCase()}, không phải ${WEEKDAYS_VI[said]!.toLowerCase()}. Đã đọc là ngày ${day}; hãy kiểm tra lại ngày này.`,
        `${en} "${text.trim()}": ${parsed.value} is a ${WEEKDAYS_EN[is]}, not a ${WEEKDAYS_EN[said]}. Read as ${parsed.value}; check the date.`,
      ),
    ],
  };
}

/** A text cell's date (parseDateCell's reading of text). */
function parseDateText(value: string, field: 'dob' | 'vaccinationDate', date1904: boolean, order: DateOrder, cccd: string | undefined): ParsedDate {
  const partial = field === 'dob';
  const text = value.trim();
  if (text === '') return { value: '', findings: [] };
  const zoned = text.length > 10 ? zonedText(text, field) : null;
  if (zoned !== null) return zoned;
  if (partial && text.length === 2 && TWO_DIGITS.test(text)) return twoDigitBirthYear(Number(text), text, order, cccd);
  const compact = compactDate(text) ?? (text.length >= 12 ? compactTimestamp(text) : null);
  if (compact !== null) return { value: compact, findings: [] };
  const typed = text.length === 7 || text.length === 8 ? withoutSeparators(text, field, order) : null;
  if (typed !== null) return typed;
  if (SERIAL_TEXT.test(text)) {
    const iso = excelSerialToIso(Number(text) + (date1904 ? DATE_1904_OFFSET : 0));
    return iso === null ? unreadable(field, text) : { value: iso, findings: [] };
  }
  const written = dateTextOf(text);
  const full = withFullYear(written, text, field, order, cccd);
  const dateOnly = full?.text ?? written;
  const year = full?.findings ?? [];
  if (partial) {
    // 00/00/1985, 00/03/1985: papers that give only the year, or the month and year.
    const known = knownPartOf(dateOnly, order);
    if (known !== null) return after(year, { value: known, findings: [zerosRead(text, known)] });
  }
  if (order.order !== 'day-first') {
    const parts = numericDateParts(dateOnly);
    if (parts !== null) return after(year, byOrder(field, text, parts, order));
  }
  const iso = partial ? parsePartialDate(dateOnly) : parseDayFirstDate(dateOnly);
  if (iso !== null) return after(year, { value: iso, findings: [] });
  return spelledDate(written, text, field, yearOf(order), cccd) ?? unreadable(field, text, dateOnly);
}

/** English month names and their short forms, as Excel's "d-mmm-yy" and "mmmm d, yyyy" write them. */
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
/** The year first, any separator, month and day unpadded: "2021/07/29", "1980.3.10", "2022-2-3". */
const YEAR_FIRST = /^(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})$/;
/** Vietnamese words, folded: "ngày 29 tháng 7 năm 1980", "29 tháng 7, 1980", Excel's vi "29-Thg7-21". */
const VI_WORDS = /^(?:ngay\s*)?(\d{1,2})\s*[/.-]?\s*(?:thang|thg|th)\s*(\d{1,2})\s*[,/.-]?\s*(?:nam\s*)?(\d{4}|\d{2})$/;
/**
 * The month as a word, folded ("13 tháng Tám 2021", "ngày 1 tháng Giêng năm 2022", "25 tháng
 * Chạp 2021"): a four-digit year only, as a two-digit one beside a word is no form anyone writes.
 */
const VI_MONTH_WORD = /^(?:ngay\s*)?(\d{1,2})\s*[/.-]?\s*thang\s+(gieng|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi mot|muoi hai|muoi|chap)\s*[,/.-]?\s*(?:nam\s+)?(\d{4})$/;
const VI_MONTH_NAMES: Readonly<Record<string, number>> = {
  gieng: 1, mot: 1, hai: 2, ba: 3, tu: 4, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10, 'muoi mot': 11, 'muoi hai': 12, chap: 12,
};
/** A month and year of birth in words: "tháng 6/1990", "Tháng 6 năm 1990". */
const VI_MONTH_YEAR = /^thang\s*(\d{1,2})\s*[/.,-]?\s*(?:nam\s*)?(\d{4})$/;
/** A day then an English month: "29-Jul-21", "29 July 2021", "29th Jul 2021". */
const DAY_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?[\s/.-]*([a-z]{3,9})\.?[\s/.,-]*(\d{4}|\d{2})$/;
/** An English month then a day: "Jul 29, 2021", "July 29 2021". */
const MONTH_DAY = /^([a-z]{3,9})\.?[\s/.-]*(\d{1,2})(?:st|nd|rd|th)?,?[\s/.-]*(\d{4}|\d{2})$/;
/** Longer text is no date written out (and no pattern runs over a long note). */
const SPELLED_MAX = 40;

/**
 * A date no reading above took, written so that its order is plain: the year first ("2021/07/29"),
 * the month in Vietnamese words ("29 tháng 7 năm 1980") or as an English month name ("29-Jul-21",
 * what Excel's d-mmm-yy format writes into a CSV). A two-digit year is read as withFullYear reads
 * it. Null when the text is none of these.
 */
function spelledDate(written: string, shown: string, field: 'dob' | 'vaccinationDate', thisYear: number, cccd: string | undefined): ParsedDate | null {
  if (written.length > SPELLED_MAX) return null;
  const folded = foldForSearch(written).trim();
  let parts: [day: number, month: number, year: string] | null = null;
  const ymd = YEAR_FIRST.exec(folded);
  if (ymd !== null) parts = [Number(ymd[3]), Number(ymd[2]), ymd[1]!];
  const vi = ymd === null ? VI_WORDS.exec(folded) : null;
  if (vi !== null) parts = [Number(vi[1]), Number(vi[2]), vi[3]!];
  const word = parts === null ? VI_MONTH_WORD.exec(folded.replace(/\s+/g, ' ')) : null;
  if (word !== null) parts = [Number(word[1]), VI_MONTH_NAMES[word[2]!]!, word[3]!];
  // The month and year of birth only, as "06/1990" is read.
  const monthYear = parts === null && field === 'dob' ? VI_MONTH_YEAR.exec(folded) : null;
  if (monthYear !== null) {
    const month = Number(monthYear[1]);
    if (month >= 1 && month <= 12) return { value: `${monthYear[2]}-${String(month).padStart(2, '0')}`, findings: [] };
  }
  if (parts === null) {
    const dm = DAY_MONTH.exec(folded);
    const md = dm === null ? MONTH_DAY.exec(folded) : null;
    const month = dm !== null ? MONTHS[dm[2]!] : md !== null ? MONTHS[md[1]!] : undefined;
    if (month === undefined) return null;
    parts = dm !== null ? [Number(dm[1]), month, dm[3]!] : [Number(md![2]), month, md![3]!];
  }
  const [day, month, yearText] = parts;
  let year = Number(yearText);
  let findings: Finding[] = [];
  if (yearText.length === 2) {
    if (field === 'vaccinationDate') year += 2000;
    else ({ year, findings } = birthYearOf(year, shown, thisYear, cccd));
  }
  const iso = parseDayFirstDate(`${day}/${month}/${year}`);
  return iso === null ? impossible(field, shown, day, month, year, false) : { value: iso, findings };
}
