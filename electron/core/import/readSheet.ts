import { StationError } from '../../../shared/errors.js';
import { checkZipFile } from './checkZipEntries.js';
import { describeMissing, findHeaderRow, REQUIRED_FIELDS, type HeaderMapping } from './findHeaderRow.js';
import { importError, importErrorAt, sheetNotFound, throwIfAborted } from './importErrors.js';
import type { ImportLimits } from './importLimits.js';
import { dateOrderOf, type DateOrder } from './dateOrder.js';
import { legacyHeaderError, refuseLegacyNames } from './legacyFont.js';
import { foldHeader, namesHealthId } from './headerAliases.js';
import { refuseLostHeader, refuseLostNames, refuseWesternPage } from './lostLetters.js';
import { readDelimitedFile } from './readDelimitedFile.js';
import type { NotListSheet, XlsxSheet } from './readXlsxSheets.js';
import { sepLineRefusal } from './sepLine.js';
import type { SheetData, SheetRow } from './sheetData.js';
import { classifyRow } from './rowKinds.js';
import { namesInstructions, passOver, type PassOver } from './sheetRoles.js';
import type { FileKind } from './sniffFileKind.js';

export interface ChosenSheet {
  data: SheetData;
  mapping: HeaderMapping;
  date1904: boolean;
  /**
   * Visible sheets after the chosen one that also hold a list (a tab per month): not imported with
   * it, and said so (previewImport's IMPORT_OTHER_SHEETS). Only when no sheet was named.
   */
  otherLists: OtherList[];
  /** How the rows under the header write their text dates: day first unless they show otherwise. */
  dateOrder: DateOrder;
  /**
   * Visible sheets after the chosen one under the same header (sameLayout): a tab per vaccination
   * day ("12-08", "Ngày 2"), imported with it, in tab order. Only when no sheet was named.
   */
  more: SheetPart[];
  /** A later sheet that could not be read (damaged, or past the limits with the sheets before it): it and the sheets after it are not imported. */
  unread: { sheet: string; reason: 'damaged' | 'too large' } | null;
  /**
   * Hidden sheets, before or after the chosen one, that hold a list (a day's tab hidden in Excel):
   * not imported (a hidden sheet is read only when named), and said so (previewImport's
   * IMPORT_SHEET_HIDDEN). Only when no sheet was named.
   */
  hidden: HiddenList[];
}

export interface HiddenList {
  sheet: string;
  /** Hidden so that Excel's Unhide does not list it ("very hidden", set by a macro or a program). */
  veryHidden: boolean;
}

/** One more sheet imported with the chosen one: its own rows and header row, the chosen one's columns. */
export interface SheetPart {
  sheet: string;
  rows: SheetRow[];
  mapping: HeaderMapping;
}

export interface OtherList {
  sheet: string;
  headerRow: number;
  /** A tab passed over for the list chosen (sheetRoles.ts): named as instructions, or holding only an example. */
  passedOver?: PassOver;
}

/** Rows read of a later sheet at least: enough for its header (SCAN_ROWS) and a record under it. */
const PEEK_ROWS = 60;
/** Sheets looked at after the chosen one (a year of daily tabs is 366). */
const MAX_LATER_SHEETS = 400;

/**
 * Two headers put the same fields in the same columns (a row per person's doses too), and the same
 * other headers in the same places: the rows of one read as the other's. A field's header text may
 * differ ("Họ tên" on one day, "Họ và tên" on the next); a column no field takes may not, since
 * the notes, status, reason and place columns are found by the first sheet's header
 * (notGivenCells.ts, placeColumn.ts): a day with a "Lý do hoãn" the first lacks would have its
 * reasons passed over.
 */
export function sameLayout(a: HeaderMapping, b: HeaderMapping): boolean {
  const key = (m: HeaderMapping): string =>
    `${m.columns.filter((c) => c.field !== null || c.header.trim() !== '').map((c) => `${c.index}:${c.field ?? foldHeader(c.header)}`).join(',')}|${JSON.stringify(m.doses)}|${JSON.stringify(m.splits)}`;
  return key(a) === key(b);
}

/** Whether a row under the header is a record (a template's example, a heading or a total is none). */
function hasRecords(rows: readonly SheetRow[], mapping: HeaderMapping): boolean {
  for (let at = mapping.headerIndex + 1; at < rows.length; at++) if (classifyRow(rows[at]!, mapping) === 'data') return true;
  return false;
}

/** A sheet and its header, before its dates are looked at. */
type Found = Omit<ChosenSheet, 'dateOrder'>;


interface ReadSheetOptions {
  kind: FileKind;
  size: number;
  limits: ImportLimits;
  sheet?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * What the best header row lacks, in the messages (the screen and the CLI show those, not the
 * details); and when it repeats a dose's columns without saying which dose each is ("Ngày tiêm |
 * Số lô | Ngày tiêm | Số lô"), how to mark them.
 */
function lacking(best: HeaderMapping, missing: readonly { vi: string; en: string }[]): { vi: string; en: string } {
  const row = best.headerRow;
  const vi = [`Dòng tiêu đề (dòng ${row}) thiếu cột ${missing.map((m) => `"${m.vi}"`).join(', ')}`];
  const en = [`The header (row ${row}) has no ${missing.map((m) => `"${m.en}"`).join(', ')} column`];
  // "Tuổi" is no date of birth: the passport needs the day (or at least the year) the person was born.
  const age = best.fields.age;
  if (age !== undefined && best.missing.includes('dob')) {
    const header = best.columns.find((c) => c.index === age)?.header ?? 'Tuổi';
    vi.push(`Cột "${header}" ghi tuổi, không cho biết ngày sinh mà hộ chiếu vắc xin cần: hãy thêm cột "Ngày sinh" (hoặc "Năm sinh")`);
    en.push(`the column "${header}" gives an age, which cannot give the date of birth the vaccination passport needs: add a "Ngày sinh" (or "Năm sinh") column`);
  }
  // "Mã định danh y tế" is a health record's id, not the citizen's: said, or the clerk wonders why it was not read.
  const health = best.missing.includes('idNumber') ? best.columns.find((c) => c.field === null && namesHealthId(c.header)) : undefined;
  if (health !== undefined) {
    vi.push(`Cột "${health.header}" là mã y tế hoặc bảo hiểm y tế, không phải số giấy tờ (CCCD, CMND, hộ chiếu) ghi trên hộ chiếu vắc xin`);
    en.push(`the column "${health.header}" is a health or health-insurance id, not the id document number (CCCD, CMND, passport) the vaccination passport carries`);
  }
  const repeated = repeatedHeaders(best);
  if (repeated.length > 0) {
    const names = repeated.map((h) => `"${h}"`).join(', ');
    vi.push(`Các cột ${names} có hai lần mà không ghi của mũi nào: hãy ghi rõ, ví dụ "Ngày tiêm mũi 1", "Ngày tiêm mũi 2"`);
    en.push(`the columns ${names} appear twice without saying which dose each is: name them, for example "Ngày tiêm mũi 1", "Ngày tiêm mũi 2"`);
  }
  return { vi: vi.join('. '), en: en.join('; ') };
}

/** Header texts that a mapped column and an unmapped one share (folded): a dose's columns repeated. */
function repeatedHeaders(best: HeaderMapping): string[] {
  const fold = (h: string) => h.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  const mapped = new Map(best.columns.filter((c) => c.field !== null).map((c) => [fold(c.header), c.header]));
  const out: string[] = [];
  for (const c of best.columns) {
    const seen = c.field === null ? mapped.get(fold(c.header)) : undefined;
    if (seen !== undefined && !out.includes(seen)) out.push(seen);
  }
  return out;
}

/**
 * `hiddenSheet`: a hidden sheet that has the list (hidden sheets are read only when named). The
 * way to it is its name in the import screen's sheet box (the CLI's --sheet); Excel's Unhide is
 * one only for a sheet merely hidden: a very hidden one is not in its list.
 */
function noHeader(best: HeaderMapping | null, sheet: string | null, hiddenSheet: { name: string; veryHidden: boolean } | null = null): Error {
  const missing = best ? best.missing : [...REQUIRED_FIELDS];
  const details = {
    sheet,
    headerRow: best?.headerRow ?? null,
    missing: describeMissing(missing),
    found: best ? best.columns.filter((c) => c.field !== null).map((c) => ({ header: c.header, field: c.field })) : [],
  };
  if (hiddenSheet === null) {
    // Without any known column there is no header to speak of; with some, say what it lacks.
    if (best === null || details.found.length === 0) return importError('IMPORT_NO_HEADER', details);
    return importErrorAt('IMPORT_NO_HEADER', lacking(best, details.missing), details);
  }
  const { name, veryHidden } = hiddenSheet;
  // The sheet box's label on the import screen (renderer i18n 'import.sheet').
  const choose = {
    vi: `hãy ghi "${name}" vào ô "Tên trang tính" khi nhập (dòng lệnh: --sheet "${name}")`,
    en: `type "${name}" in the "Sheet name" box when importing (command line: --sheet "${name}")`,
  };
  return importErrorAt(
    'IMPORT_NO_HEADER',
    veryHidden
      ? {
          vi: `Trang tính "${name}" có danh sách nhưng được ẩn ở mức "rất ẩn" (very hidden), nên lệnh Bỏ ẩn của Excel không hiện trang đó: ${choose.vi}`,
          en: `Sheet "${name}" holds a list but is "very hidden", which Excel's Unhide does not list: ${choose.en}`,
        }
      : {
          vi: `Trang tính "${name}" có danh sách nhưng đang bị ẩn: ${choose.vi}, hoặc bỏ ẩn trang đó trong Excel (nhấp chuột phải vào một thẻ trang > Bỏ ẩn)`,
          en: `Sheet "${name}" holds a list but is hidden: ${choose.en}, or unhide it in Excel (right-click a sheet tab > Unhide)`,
        },
    { ...details, hiddenSheet: name, veryHidden },
  );
}

/**
 * The only list is on a tab named as people not vaccinated ("Chưa tiêm", "Hẹn mũi 2", "DS chờ
 * tiêm"): refused rather than imported (each row would be a record of a dose never given, ready
 * to sign) or read as nothing (the clerk would not know why). The tab may be misnamed (a "Hẹn mũi
 * 2" holding the first doses given, with the second's appointment): typed in the sheet box, it is
 * read as any tab named is.
 */
function notVaccinatedOnly(tabs: readonly { name: string; headerRow: number }[]): Error {
  const { name, headerRow } = tabs[0]!;
  const details = { sheet: name, headerRow, sheets: tabs.map((t) => t.name) };
  if (tabs.length === 1) {
    return importErrorAt(
      'IMPORT_SHEET_NOT_VACCINATED',
      {
        vi: `Trang "${name}" có tên của danh sách người chưa được tiêm (chưa tiêm, hoãn, hẹn, đăng ký, chờ tiêm). Hãy nhập danh sách những người đã được tiêm. Nếu những người ở trang "${name}" thật sự đã được tiêm (trang bị đặt tên nhầm), hãy đổi tên trang, hoặc ghi "${name}" vào ô "Tên trang tính" khi nhập (dòng lệnh: --sheet "${name}")`,
        en: `Sheet "${name}" is named as a list of people not vaccinated (not given, postponed, an appointment, a registration, a queue). Import the list of people who were vaccinated. If the people on sheet "${name}" really were vaccinated (the sheet is misnamed), rename the sheet, or type "${name}" in the "Sheet name" box when importing (command line: --sheet "${name}")`,
      },
      details,
    );
  }
  // Every such tab named: a clerk told of "Chưa tiêm" alone would not know "Hẹn mũi 2" was left out too.
  const quoted = tabs.map((t) => `"${t.name}"`);
  const options = tabs.map((t) => `--sheet "${t.name}"`);
  const list = (items: readonly string[], and: string): string => `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
  return importErrorAt(
    'IMPORT_SHEET_NOT_VACCINATED',
    {
      vi: `Các trang ${list(quoted, 'và')} đều có tên của danh sách người chưa được tiêm (chưa tiêm, hoãn, hẹn, đăng ký, chờ tiêm). Hãy nhập danh sách những người đã được tiêm. Nếu những người ở một trong các trang đó thật sự đã được tiêm (trang bị đặt tên nhầm), hãy đổi tên trang đó, hoặc ghi tên trang vào ô "Tên trang tính" khi nhập (dòng lệnh: ${list(options, 'hoặc')})`,
      en: `Sheets ${list(quoted, 'and')} are each named as a list of people not vaccinated (not given, postponed, an appointment, a registration, a queue). Import the list of people who were vaccinated. If the people on one of them really were vaccinated (the sheet is misnamed), rename that sheet, or type its name in the "Sheet name" box when importing (command line: ${list(options, 'or')})`,
    },
    details,
  );
}

const sameName = (a: string, b: string): boolean => a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

async function readCsv(path: string, options: ReadSheetOptions): Promise<Found> {
  const data = await readDelimitedFile(path, options);
  if (data.rows.length === 0) throw importError('IMPORT_EMPTY', { path });
  const mapping = findHeaderRow(data.rows);
  if (!mapping || mapping.missing.length > 0) {
    // A header whose letters were lost would only be "no header row".
    refuseLostHeader(data.rows, mapping);
    refuseWesternPage(data.rows, mapping, data.encoding);
    throw legacyHeaderError(data.rows) ?? sepLineRefusal(data, mapping?.columns.some((c) => c.field !== null) ?? false) ?? noHeader(mapping, null);
  }
  refuseLostNames(data.rows, mapping);
  refuseWesternPage(data.rows, mapping, data.encoding);
  refuseLegacyNames(data.rows, mapping);
  return { data, mapping, date1904: false, otherLists: [], more: [], unread: null, hidden: [] };
}

/**
 * The sheet to import: the one named, or the first visible sheet (in tab order) whose header has
 * every required column and a record under it, and is no instructions or example tab
 * (sheetRoles.ts) — such a tab only when no later sheet has a list. Sheets are streamed one at a time; reading stops as soon as no earlier
 * tab can still qualify.
 */
async function chooseXlsxSheet(path: string, options: ReadSheetOptions, verified: Set<string>): Promise<Found> {
  const wanted = options.sheet;
  let names: string[] = [];
  let notLists: NotListSheet[] = [];
  let matched = false;
  let sawRows = false;
  let chosen: { sheet: XlsxSheet; mapping: HeaderMapping } | null = null;
  let best: { sheet: string; mapping: HeaderMapping } | null = null;
  // Once a sheet is chosen, the later ones are read as far as the rows left under the limit.
  let peeking = false;
  let rowsLeft = options.limits.maxRows;
  // Loaded on first use: CSV imports (and the CLI) do not load the xlsx reader.
  const { readXlsxSheets } = await import('./readXlsxSheets.js');
  const sheets = readXlsxSheets(path, {
    limits: options.limits,
    size: options.size,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    wantSheet: (name) => wanted === undefined || sameName(name, wanted),
    onSheetNames: (list, others) => {
      names = list;
      notLists = others;
    },
    verified,
    rowsWanted: () => (peeking ? Math.max(PEEK_ROWS, rowsLeft + 1) : Infinity),
  });
  // A complete header with nothing under it (an empty template tab before the list): the choice
  // only if no later sheet has a list.
  let emptyChoice: { sheet: XlsxSheet; mapping: HeaderMapping } | null = null;
  // An instructions or example tab with records (passOver): the choice only if no later sheet has a list.
  let passedOver: { sheet: XlsxSheet; mapping: HeaderMapping; why: PassOver } | null = null;
  // Tabs named as people not vaccinated ("Chưa tiêm", "Hẹn mũi 2"): never the choice by themselves
  // (notVaccinatedOnly names them all).
  const notGivenTabs: { name: string; headerRow: number; tabIndex: number }[] = [];
  // Every tab passed over before the list, each named in the note (not only the first of a kind:
  // "Chưa tiêm" and "Hẹn mũi 2" both before it), in tab order.
  const passedTabs: (OtherList & { tabIndex: number })[] = [];
  // A hidden sheet with a list, named when no visible one has one.
  let hiddenList: { name: string; veryHidden: boolean } | null = null;
  // Hidden sheets with a list before the one chosen, named beside it.
  const hiddenBefore: HiddenList[] = [];
  // The refusal of a visible sheet whose header is in a legacy font (legacyFont.ts), if any.
  let legacyHeader: StationError | null = null;
  const complete = (m: HeaderMapping | null): m is HeaderMapping => m !== null && m.missing.length === 0;
  // Iterated by hand: leaving a for-await loop would close the reader, whose later sheets the
  // peek still reads.
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done === true) break;
      const sheet = next.value;
      matched = true;
      if (wanted === undefined && sheet.hidden) {
        if (hiddenList === null && sheet.rows.length > 1) {
          const m = findHeaderRow(sheet.rows);
          if (complete(m) && sheet.rows.length > m.headerIndex + 1) hiddenList = { name: sheet.name, veryHidden: sheet.veryHidden };
        }
        if (hiddenHoldsList(sheet)) hiddenBefore.push({ sheet: sheet.name, veryHidden: sheet.veryHidden });
        continue;
      }
      if (sheet.rows.length > 0) sawRows = true;
      const mapping = findHeaderRow(sheet.rows);
      // A header in a legacy font is not found: said for what it is if no sheet has a list.
      if (!complete(mapping)) legacyHeader ??= legacyHeaderError(sheet.rows);
      const score = (m: HeaderMapping): number => Object.keys(m.fields).length;
      if (mapping && (!best || score(mapping) > score(best.mapping))) best = { sheet: sheet.name, mapping };
      if (complete(mapping)) {
        // A template's header with only its worked example under it is no list; an instructions
        // tab ("Hướng dẫn", "Mẫu") or one whose only records are a filled example ("Nguyễn Văn
        // Mẫu") is one only when no later sheet has a list.
        if (wanted !== undefined) chosen = { sheet, mapping };
        else if (!hasRecords(sheet.rows, mapping)) emptyChoice ??= { sheet, mapping };
        else {
          const why = passOver(sheet.name, sheet.rows, mapping);
          if (why === null) chosen = { sheet, mapping };
          else {
            if (why === 'notGiven') notGivenTabs.push({ name: sheet.name, headerRow: mapping.headerRow, tabIndex: sheet.tabIndex });
            else passedOver ??= { sheet, mapping, why };
            passedTabs.push({ sheet: sheet.name, headerRow: mapping.headerRow, passedOver: why, tabIndex: sheet.tabIndex });
          }
        }
      }
      if (wanted !== undefined) break;
      // Worksheets come in tab order (the reader finds them by the zip's directory; chart and dialog
      // sheets are not handed over): the first complete one with records under its header is the
      // choice. The later ones are only peeked at, to say which also hold a list.
      if (chosen) {
        peeking = true;
        rowsLeft -= chosen.sheet.rows.length;
        break;
      }
    }
  } finally {
    if (!peeking) await sheets.return(undefined);
  }
  const later = chosen && peeking ? await laterSheets(sheets, chosen.sheet, chosen.mapping, rowsLeft, options.signal) : { others: [], more: [], unread: null, hidden: [] };
  throwIfAborted(options.signal);
  // The tabs passed over for the list are named with the other sheets not imported (IMPORT_OTHER_SHEETS), in tab order.
  const before = passedTabs.sort((a, b) => a.tabIndex - b.tabIndex).map(({ tabIndex: _, ...t }): OtherList => t);
  const otherLists = chosen !== null ? [...before, ...later.others] : later.others;
  // An empty template tab, or one of examples only, is no choice when a hidden tab holds the list:
  // the refusal names it. An instructions tab with records ("Mẫu") may be the list itself.
  if (chosen === null && hiddenList !== null && (passedOver === null || !namesInstructions(passedOver.sheet.name))) {
    throw noHeader(best?.mapping ?? null, best?.sheet ?? null, hiddenList);
  }
  chosen ??= passedOver;
  // Its people were not vaccinated: imported, each row would be a dose signed that never happened.
  if (chosen === null && notGivenTabs.length > 0) throw notVaccinatedOnly(notGivenTabs.sort((a, b) => a.tabIndex - b.tabIndex));
  chosen ??= emptyChoice;
  if (wanted !== undefined && !matched) throw sheetNotFound(wanted, names, notLists.find((s) => sameName(s.name, wanted)));
  if (chosen) {
    const { sheet, mapping } = chosen;
    refuseLegacyNames(sheet.rows, mapping);
    for (const part of later.more) refuseLegacyNames(part.rows, part.mapping);
    return {
      data: { format: 'xlsx', sheet: sheet.name, sheetNames: sheet.sheetNames, rows: sheet.rows },
      mapping,
      date1904: sheet.date1904,
      otherLists,
      more: later.more,
      unread: later.unread,
      hidden: [...hiddenBefore, ...later.hidden],
    };
  }
  if (!sawRows) throw importError('IMPORT_EMPTY', { path, sheet: wanted ?? null });
  if (legacyHeader !== null) throw legacyHeader;
  throw noHeader(best?.mapping ?? null, best?.sheet ?? null);
}

/**
 * The visible sheets after the chosen one. Under the same header (sameLayout) with records, and
 * no instructions, example or summary tab (sheetRoles.ts): a day of the same list, imported with
 * it. Under another complete header: a list of its own, named (IMPORT_OTHER_SHEETS). A sheet is
 * read as far as the rows the limit leaves: one cut short is no part of the import, and neither
 * are the sheets after it (said, `unread`), as when a later sheet is damaged (the whole-file check
 * still refuses damage to the zip itself). A cancel is still a cancel.
 */
async function laterSheets(
  sheets: AsyncGenerator<XlsxSheet>,
  chosen: XlsxSheet,
  first: HeaderMapping,
  rowsLeft: number,
  signal: AbortSignal | undefined,
): Promise<{ others: OtherList[]; more: SheetPart[]; unread: ChosenSheet['unread']; hidden: HiddenList[] }> {
  const others: OtherList[] = [];
  const hidden: HiddenList[] = [];
  const more: SheetPart[] = [];
  let unread: ChosenSheet['unread'] = null;
  let looked = 0;
  let left = rowsLeft;
  // The sheet being read when the reader failed: the tab after the last one handed over.
  let lastName = chosen.name;
  const names = chosen.sheetNames;
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done === true) break;
      const sheet = next.value;
      lastName = sheet.name;
      if (sheet.hidden) {
        if (hiddenHoldsList(sheet)) hidden.push({ sheet: sheet.name, veryHidden: sheet.veryHidden });
        if (++looked >= MAX_LATER_SHEETS) break;
        continue;
      }
      const mapping = findHeaderRow(sheet.rows);
      if (mapping !== null && mapping.missing.length === 0 && hasRecords(sheet.rows, mapping)) {
        const role = passOver(sheet.name, sheet.rows, mapping);
        if (!sameLayout(first, mapping)) others.push({ sheet: sheet.name, headerRow: mapping.headerRow });
        else if (role !== null) others.push({ sheet: sheet.name, headerRow: mapping.headerRow, passedOver: role });
        else if (sheet.partial || sheet.rows.length > left) {
          unread = { sheet: sheet.name, reason: 'too large' };
          break;
        } else {
          more.push({ sheet: sheet.name, rows: sheet.rows, mapping });
          left -= sheet.rows.length;
        }
      }
      if (++looked >= MAX_LATER_SHEETS) break;
    }
  } catch (err) {
    if (signal?.aborted === true) throw err;
    // The tab after the last one read (sheetNames is in tab order); chart sheets are none of them.
    const name = names[names.indexOf(lastName) + 1];
    if (name !== undefined) unread = { sheet: name, reason: err instanceof StationError && err.code === 'IMPORT_TOO_LARGE' ? 'too large' : 'damaged' };
  } finally {
    await sheets.return(undefined);
  }
  return { others, more, unread, hidden };
}

/**
 * A hidden sheet with records under a complete header that is no instructions, example, summary or
 * not-vaccinated tab (sheetRoles.ts): a list the clerk would expect imported were it visible.
 */
function hiddenHoldsList(sheet: XlsxSheet): boolean {
  const mapping = findHeaderRow(sheet.rows);
  return mapping !== null && mapping.missing.length === 0 && hasRecords(sheet.rows, mapping) && passOver(sheet.name, sheet.rows, mapping) === null;
}

/**
 * The xlsx's sheet, then every part's CRC checked (checkZipEntries): the parts the reader checked
 * as it read them are not inflated again. When the reader fails, the whole file is checked first
 * (nothing skipped): a damaged file is IMPORT_CORRUPT_ZIP whatever else is wrong with it, as when
 * the check ran before the reader. A cancel is a cancel.
 */
async function readXlsx(path: string, options: ReadSheetOptions): Promise<Found> {
  const verified = new Set<string>();
  let chosen: Found;
  try {
    chosen = await chooseXlsxSheet(path, options, verified);
  } catch (err) {
    if (options.signal?.aborted !== true) await checkZipFile(path, options.signal);
    throw err;
  }
  await checkZipFile(path, options.signal, verified);
  return chosen;
}

export async function readSheet(path: string, options: ReadSheetOptions): Promise<ChosenSheet> {
  const found = await (options.kind === 'xlsx' ? readXlsx(path, options) : readCsv(path, options));
  // The days of one list write their dates one way: read from all of them (one day alone may have no day over 12).
  if (found.more.length === 0) return { ...found, dateOrder: dateOrderOf(found.data.rows, found.mapping) };
  const rows = [...found.data.rows, ...found.more.flatMap((p) => p.rows.slice(p.mapping.headerIndex + 1))];
  // Where each sheet's rows start in `rows`: the row that shows the order is named with its sheet.
  const starts: { from: number; sheet: string }[] = [{ from: 0, sheet: found.data.sheet ?? '' }];
  let from = found.data.rows.length;
  for (const p of found.more) {
    starts.push({ from, sheet: p.sheet });
    from += p.rows.length - p.mapping.headerIndex - 1;
  }
  const sheetAt = (at: number): string => starts.findLast((s) => s.from <= at)!.sheet;
  return { ...found, dateOrder: dateOrderOf(rows, found.mapping, sheetAt) };
}
