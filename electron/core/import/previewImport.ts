import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { bilingual } from '../../../shared/errors.js';
import { columnLetters } from './applyMerges.js';
import { dateOrderByColumnNote } from './dateOrderNote.js';
import { PersonFindingsMemo, canonicalPhone, error, normalizeName, vietnamDay, warning, type Finding } from './domainPort.js';
import { noRecordsUnder, throwIfAborted } from './importErrors.js';
import { DEFAULT_IMPORT_LIMITS } from './importLimits.js';
import { columnChoiceNotes, doseColumnNotes, type HeaderMapping } from './findHeaderRow.js';
import { hiddenColumnsNote } from './hiddenColumnsNote.js';
import { numberBoosters } from './boosterDoses.js';
import { lotColumnHint } from './lotColumnHint.js';
import { addNotGivenFindings } from './notGivenCells.js';
import { addStruckRowFindings, addStruckTextFindings } from './struckRows.js';
import { addPlaceFindings } from './placeColumn.js';
import { findingsOfDose, mapRow, mapRows, type MappedRow } from './mapRow.js';
import { classifyRow, hasIdNumber, looksLikeRecord, rowLabel, unusedDoseSkipped, type RowKind } from './rowKinds.js';
import { readSheet, type ChosenSheet, type HiddenList, type OtherList, type SheetPart } from './readSheet.js';
import { isBlankCell, type CellValue, type SheetRow } from './sheetData.js';
import { sniffFileKind } from './sniffFileKind.js';
import { statusOf, validateRows, withUncovered, type ValidatedRow } from './validateRows.js';
import { yieldToEventLoop } from './yieldToEventLoop.js';
import type { ImportFinding, ImportPreview, ImportRecordInput, ImportRow, ImportStorePort, PreviewOptions, StoredFacts } from './types.js';

/** Rows mapped between two turns of the event loop. */
const MAP_SLICE = 5000;
/** Rows after the last totals row are a footer (signatures, "Người lập biểu"); the first ones with an id cell are listed, then how many more. */
const MAX_AFTER_TOTAL_FINDINGS = 20;

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function afterTotal(row: number, end: ListEnd): Finding {
  const [vi, en] = endWords(end);
  return warning('row', 'IMPORT_ROW_AFTER_TOTAL', `Dòng ${row} nằm sau ${vi} nên không được nhập.`, `Row ${row} comes after ${en} and is not imported.`);
}

/** The rows past the listed ones, counted in full (a footer of thousands is never cut short silently). */
function moreAfterTotal(more: number, from: number, to: number, end: ListEnd): Finding {
  const [vi, en] = endWords(end);
  return warning(
    'row',
    'IMPORT_ROW_AFTER_TOTAL',
    `Thêm ${more} dòng nữa (từ dòng ${from} đến dòng ${to}) có ô số giấy tờ nhưng nằm sau ${vi} nên không được nhập.`,
    `${more} more rows (rows ${from} to ${to}) have an id cell but come after ${en} and are not imported.`,
  );
}

/** The row that ended a list: its totals row, or (without one) the first row of its signature block. */
interface ListEnd {
  row: number;
  kind: 'total' | 'signature';
}

function endWords(end: ListEnd): [string, string] {
  return end.kind === 'total'
    ? [`dòng tổng cộng (dòng ${end.row})`, `the totals row (row ${end.row})`]
    : [`phần ký tên cuối danh sách (dòng ${end.row})`, `the signature block that ends the list (row ${end.row})`];
}

/** Sheets named in the note on other lists; the rest are counted. */
const MAX_OTHER_SHEETS_NAMED = 5;

/**
 * Other sheets that hold a list too (a tab per month): one sheet is imported at a time, so the
 * preview says which are left, and how to import each.
 */
/**
 * A tab passed over for the list imported (sheetRoles.ts): said as what it looked like, and how
 * to import it should it be a list after all.
 */
function passedOverNote(tab: OtherList, imported: string | null): Finding {
  const [vi, en] = tab.passedOver === 'instructions'
    ? ['có tên của trang hướng dẫn hoặc trang mẫu', "is named as a template's instructions or example"]
    : tab.passedOver === 'summary'
      ? ['có tên của trang tổng hợp (các mũi của nó đã có ở các trang khác)', 'is named as a summary (its doses are on the other sheets)']
      : tab.passedOver === 'notGiven'
      ? ['có tên của danh sách người chưa được tiêm (chưa tiêm, hoãn, hẹn, đăng ký)', 'is named as a list of people not vaccinated (not given, postponed, an appointment, a registration)']
      : ['chỉ có dòng ví dụ của mẫu', "holds only a template's example"];
  const [chosenVi, chosenEn] = imported === null ? ['', ''] : [` Trang "${imported}" được nhập.`, ` Sheet "${imported}" is imported.`];
  return warning(
    'row',
    'IMPORT_OTHER_SHEETS',
    `Trang "${tab.sheet}" ${vi} nên không được nhập.${chosenVi} Nếu đó là danh sách thật, hãy chọn trang ở ô "Tên trang tính" khi nhập (dòng lệnh: --sheet "${tab.sheet}").`,
    `Sheet "${tab.sheet}" ${en}, so it is not imported.${chosenEn} If it is a real list, choose it in the "Sheet name" box when importing (command line: --sheet "${tab.sheet}").`,
  );
}

function otherListsNote(all: readonly OtherList[], imported: string | null): Finding[] {
  const passed = all.filter((o) => o.passedOver !== undefined);
  const others = all.filter((o) => o.passedOver === undefined);
  if (others.length === 0) return passed.map((o) => passedOverNote(o, imported));
  return [...passed.map((o) => passedOverNote(o, imported)), ...otherSheetsNote(others)];
}

function otherSheetsNote(others: readonly OtherList[]): Finding[] {
  const named = others.slice(0, MAX_OTHER_SHEETS_NAMED);
  const list = named.map((o) => `"${o.sheet}"`).join(', ');
  const more = others.length - named.length;
  const [moreVi, moreEn] = more > 0 ? [` và ${more} trang khác`, ` and ${more} more`] : ['', ''];
  const first = named[0]!.sheet;
  return [
    warning(
      'row',
      'IMPORT_OTHER_SHEETS',
      `Trang ${list}${moreVi} cũng có danh sách nhưng với dòng tiêu đề khác, nên không được nhập cùng lần này (chỉ các trang có cùng dòng tiêu đề được nhập cùng nhau). Hãy nhập ${others.length > 1 ? 'từng trang đó' : 'trang đó'} riêng: chọn trang ở ô "Tên trang tính" khi nhập (dòng lệnh: --sheet "${first}").`,
      others.length > 1
        ? `Sheets ${list}${moreEn} also hold a list, under another header, so they are not imported now (only sheets under the same header are imported together). Import each of them on its own: choose the sheet in the "Sheet name" box when importing (command line: --sheet "${first}").`
        : `Sheet ${list} also holds a list, under another header, so it is not imported now (only sheets under the same header are imported together). Import it on its own: choose the sheet in the "Sheet name" box when importing (command line: --sheet "${first}").`,
    ),
  ];
}

/**
 * A later sheet of the list that could not be read (damaged, or more rows than the limit leaves
 * after the sheets before it): it and the sheets after it are not imported, and the clerk is told
 * which, never left to think the whole workbook is in.
 */
function unreadSheetNote(unread: NonNullable<ChosenSheet['unread']>, read: readonly string[]): Finding {
  const list = read.map((s) => `"${s}"`).join(', ');
  const [whyVi, whyEn] = unread.reason === 'damaged'
    ? ['bị hỏng, không đọc được', 'is damaged and cannot be read']
    : ['quá nhiều dòng để nhập cùng các trang trước', 'has too many rows to import with the sheets before it'];
  return warning(
    'row',
    'IMPORT_SHEET_NOT_READ',
    `Trang "${unread.sheet}" ${whyVi}: trang đó và các trang sau nó không được nhập lần này; chỉ nhập trang ${list}. Hãy nhập trang "${unread.sheet}" riêng: chọn trang ở ô "Tên trang tính" khi nhập (dòng lệnh: --sheet "${unread.sheet}")${unread.reason === 'damaged' ? ', sau khi mở tệp bằng Excel và lưu lại' : ''}.`,
    `Sheet "${unread.sheet}" ${whyEn}: it and the sheets after it are not imported now; only ${read.length > 1 ? 'sheets' : 'sheet'} ${list} ${read.length > 1 ? 'are' : 'is'}. Import "${unread.sheet}" on its own: choose it in the "Sheet name" box when importing (command line: --sheet "${unread.sheet}")${unread.reason === 'damaged' ? ', after opening the file in Excel and saving it again' : ''}.`,
  );
}

/**
 * Hidden sheets that hold a list (a day's tab hidden in Excel): not imported, since a tab hidden
 * is as often an old copy or a day set aside as one out of the way, and read only when named; but
 * said, with both ways in: Excel's Unhide (not for a very hidden sheet, which its list lacks), or
 * the sheet's name in the sheet box. One note for the hidden, one for the very hidden.
 */
function hiddenSheetsNote(hidden: readonly HiddenList[]): Finding[] {
  const out: Finding[] = [];
  for (const very of [false, true]) {
    const these = hidden.filter((h) => h.veryHidden === very);
    if (these.length === 0) continue;
    const named = these.slice(0, MAX_OTHER_SHEETS_NAMED);
    const list = named.map((h) => `"${h.sheet}"`).join(', ');
    const more = these.length - named.length;
    const [moreVi, moreEn] = more > 0 ? [` và ${more} trang khác`, ` and ${more} more`] : ['', ''];
    const first = named[0]!.sheet;
    const many = these.length > 1;
    const box = {
      vi: `${many ? 'nhập riêng từng trang' : 'nhập riêng trang đó'}: ghi tên trang vào ô "Tên trang tính" khi nhập (dòng lệnh: --sheet "${first}")`,
      en: `import ${many ? 'each on its own' : 'it on its own'}: type its name in the "Sheet name" box when importing (command line: --sheet "${first}")`,
    };
    const [them, is, holds] = many ? ['them', 'are', 'hold'] : ['it', 'is', 'holds'];
    out.push(
      very
        ? warning(
            'row',
            'IMPORT_SHEET_HIDDEN',
            `Trang ${list}${moreVi} cũng có danh sách nhưng bị ẩn ở mức "rất ẩn" (very hidden), lệnh Bỏ ẩn của Excel không hiện ${many ? 'các trang đó' : 'trang đó'}, nên không được nhập. Để nhập: ${box.vi}.`,
            `${many ? 'Sheets' : 'Sheet'} ${list}${moreEn} ${holds} a list too but ${is} "very hidden", which Excel's Unhide does not list, so ${many ? 'they are' : 'it is'} not imported. To import ${them}, ${box.en}.`,
          )
        : warning(
            'row',
            'IMPORT_SHEET_HIDDEN',
            `Trang ${list}${moreVi} cũng có danh sách nhưng đang bị ẩn trong tệp, nên không được nhập. Để nhập: bỏ ẩn ${many ? 'các trang đó' : 'trang đó'} trong Excel (nhấp chuột phải vào một thẻ trang > Bỏ ẩn) rồi nhập lại tệp, hoặc ${box.vi}.`,
            `${many ? 'Sheets' : 'Sheet'} ${list}${moreEn} ${holds} a list too but ${is} hidden in the workbook, so ${many ? 'they are' : 'it is'} not imported. To import ${them}, unhide ${them} in Excel (right-click a sheet tab > Unhide) and import the file again, or ${box.en}.`,
          ),
    );
  }
  return out;
}

/** A (sub)total or a group heading between the blocks of a list: said once, not made a record. */
function skippedRow(row: SheetRow, kind: 'total' | 'section' | 'example'): Finding {
  const label = rowLabel(row);
  const [vi, en] = kind === 'total' ? ['dòng tổng', 'a totals row'] : kind === 'section' ? ['dòng tiêu đề nhóm', 'a section heading'] : ['dòng ví dụ của mẫu', "the template's example row"];
  return warning('row', 'IMPORT_ROW_SKIPPED', `Dòng ${row.row} là ${vi} ("${label}"), không phải một mũi tiêm: bỏ qua.`, `Row ${row.row} is ${en} ("${label}"), not a dose: skipped.`);
}

/**
 * The data rows under the header, mapped; title, blank, repeated-header, column-number, heading and
 * totals rows left out. A totals row does not end the data by itself: clinics total each village
 * or day ("Cộng thôn Đông") and go on with the next block. So from the first totals row on, the
 * rows that do not look like records are held: the next record shows they were between blocks
 * (each is then taken as any other row, a totals row skipped with a note), the end of the sheet
 * that they are its footer (signatures, the report's date), left out as before.
 */
async function mapDataRows(chosen: ChosenSheet, part: SheetPart, first: boolean, signal: AbortSignal | undefined): Promise<{ mapped: MappedRow[]; notes: ImportFinding[] }> {
  const { data, date1904, dateOrder } = chosen;
  const { mapping, rows } = part;
  // The sheet a record and a note are on, when more than one is imported (a sheet per day).
  const sheet = chosen.more.length > 0 ? part.sheet : undefined;
  const mapped: MappedRow[] = [];
  // The header's notes once, on the first sheet: the days' sheets share its columns.
  const headerNotes = first
    ? [...columnChoiceNotes(mapping), ...hiddenColumnsNote(mapping), ...doseColumnNotes(mapping), ...otherListsNote(chosen.otherLists, chosen.data.sheet), ...hiddenSheetsNote(chosen.hidden), ...lotColumnHint(mapping)]
    : [];
  const notes: ImportFinding[] = headerNotes.map((f) => toImportFinding(mapping.headerRow, f, sheet));
  // Data rows hidden in the workbook (a filter, a collapsed group): read, each record a warning, said in one note.
  const hidden: number[] = [];
  const headerWidth = Math.max(...mapping.columns.map((c) => c.index)) + 1;
  const take = (row: SheetRow, kind: RowKind): void => {
    if (kind === 'data' && row.hidden === true) hidden.push(row.row);
    if (kind === 'data') {
      const from = mapped.length;
      if (mapping.doses.length === 0) mapped.push(mapRow(row, mapping, date1904, dateOrder));
      else for (const m of mapRows(row, mapping, date1904, dateOrder)) mapped.push(m);
      const wider = data.format === 'csv' ? widerThanHeader(row, headerWidth, data.separator ?? ',') : null;
      if (wider !== null) for (let i = from; i < mapped.length; i++) if (!mapped[i]!.findings.includes(wider)) mapped[i]!.findings.push(wider);
      if (row.hidden === true) {
        const said = hiddenRow();
        for (let i = from; i < mapped.length; i++) mapped[i]!.findings.push(said);
      }
      if (sheet !== undefined) for (let i = from; i < mapped.length; i++) mapped[i]!.sheet = sheet;
    }
    else if (kind === 'total' || kind === 'section' || kind === 'example') notes.push(toImportFinding(row.row, skippedRow(row, kind), sheet));
    else if (kind === 'unusedDose') notes.push(toImportFinding(row.row, unusedDoseSkipped(row, mapping), sheet));
  };
  const held: { row: SheetRow; kind: RowKind }[] = [];
  let lastEnd: ListEnd | null = null;
  // The totals or signature row the held rows come after (null when the first of them is one).
  let endBeforeHeld: ListEnd | null = null;
  let seen = 0;
  for (let at = mapping.headerIndex + 1; at < rows.length; at++) {
    const row = rows[at]!;
    if (++seen % MAP_SLICE === 0) await yieldToEventLoop(signal);
    const kind = classifyRow(row, mapping);
    if (lastEnd === null && kind !== 'total' && kind !== 'signature') {
      take(row, kind);
      continue;
    }
    if (kind === 'data' && looksLikeRecord(row, mapping, date1904, dateOrder)) {
      // Records after a signature row: it was none (a day's heading worded as a date line, say).
      for (const h of held) take(h.row, h.kind === 'signature' ? classifyRow(h.row, mapping, { signatures: false }) : h.kind);
      held.length = 0;
      // That row ended nothing: a later footer is named after its own first row.
      if (lastEnd?.kind === 'signature') lastEnd = null;
      take(row, kind);
      continue;
    }
    if (held.length === 0) endBeforeHeld = lastEnd;
    held.push({ row, kind });
    if (kind === 'total' || (kind === 'signature' && lastEnd === null)) lastEnd = { row: row.row, kind };
  }
  notes.push(...footerNotes(held, endBeforeHeld, mapping, sheet));
  if (hidden.length > 0) notes.push(toImportFinding(mapping.headerRow, hiddenRowsNote(hidden), sheet));
  return { mapped, notes };
}

/** How a separator is named in a message. */
const SEPARATOR_NAMES: Readonly<Record<string, { vi: string; en: string }>> = {
  ',': { vi: 'dấu phẩy', en: 'comma' }, ';': { vi: 'dấu chấm phẩy', en: 'semicolon' }, '\t': { vi: 'dấu tab', en: 'tab' }, '|': { vi: 'dấu |', en: '|' },
};

/**
 * A text row with cells past the header's last column: a separator inside a value that is not
 * in quotes ("Ấp 1, Tân Phú") moved every cell after it one column right, so each value of the
 * row may sit under another header. Its other findings only show the symptoms; this says the
 * cause. (A workbook's cells cannot move: a note beside a sheet's table is no shift.)
 */
function widerThanHeader(row: SheetRow, headerWidth: number, separator: string): Finding | null {
  let width = row.cells.length;
  while (width > 0 && isBlankCell(row.cells[width - 1] ?? null)) width--;
  if (width <= headerWidth) return null;
  const name = SEPARATOR_NAMES[separator] ?? { vi: `"${separator}"`, en: `"${separator}"` };
  return error(
    'row',
    'IMPORT_ROW_WIDER_THAN_HEADER',
    `Dòng này có ${width} ô nhưng dòng tiêu đề chỉ có ${headerWidth} cột: có lẽ một ô có ${name.vi} bên trong (ví dụ một địa chỉ) mà không nằm trong ngoặc kép, nên các ô sau đó bị lệch sang cột bên cạnh. Hãy sửa dòng này trong tệp (hoặc lưu lại tệp từ Excel) rồi nhập lại.`,
    `This row has ${width} cells but the header only ${headerWidth} columns: a cell with a ${name.en} in it (an address, say) is probably not in quotes, so every cell after it moved one column over. Fix the row in the file (or save the file again from Excel) and import it again.`,
  );
}

/**
 * A list filtered in Excel keeps the rows the filter hides, and a collapsed group its detail rows:
 * they are in the file. A clerk who filtered a system's export to "Đã tiêm", or the list to
 * today's session, sees only the rest, and expects only the rest. They are read (skipping what
 * the file holds would lose records without a word), but none is signed unseen: each record of a
 * hidden row is a warning (hiddenRow), a draft until a person confirms it, and the header row
 * says how many and which (as ranges, rowRanges).
 */
function hiddenRowsNote(rows: readonly number[]): Finding {
  const where = rowRanges(rows);
  return warning(
    'row',
    'IMPORT_HIDDEN_ROWS',
    `${rows.length} dòng dữ liệu đang bị ẩn trong bảng tính (bị lọc, ẩn dòng hoặc thu gọn nhóm): dòng ${where.vi}. Các dòng này vẫn được đọc, mỗi dòng có một cảnh báo: chỉ được đưa vào hàng đợi ký khi đã xác nhận. Nếu không muốn nhập chúng, hãy xoá chúng khỏi tệp.`,
    `${rows.length} data row${rows.length > 1 ? 's are' : ' is'} hidden in the workbook (a filter, hidden rows or a collapsed group): row${rows.length > 1 ? 's' : ''} ${where.en}. They are read, each with a warning: they go to the signing queue only once confirmed. To leave them out, delete them from the file.`,
  );
}

/** Each record of a row hidden in the workbook (hiddenRowsNote); a row's records share one. */
const hiddenRow = (): Finding => warning(
  'row',
  'IMPORT_ROW_HIDDEN',
  'Dòng này đang bị ẩn trong bảng tính (bị lọc, ẩn dòng hoặc thu gọn nhóm), nên người lập danh sách có thể đã không định nhập nó. Hãy bỏ ẩn để kiểm tra trước khi xác nhận; nếu không nhập, hãy xoá dòng khỏi tệp.',
  'This row is hidden in the workbook (a filter, hidden rows or a collapsed group), so whoever made the list may not have meant to import it. Unhide it to check before confirming; to leave it out, delete it from the file.',
);

/**
 * The footer left out after the last totals row: each row with something in its id column is
 * listed up to MAX_AFTER_TOTAL_FINDINGS, and the rest counted in one more note.
 */
function footerNotes(footer: readonly { row: SheetRow; kind: RowKind }[], endBefore: ListEnd | null, mapping: HeaderMapping, sheet: string | undefined): ImportFinding[] {
  const left: { row: number; end: ListEnd }[] = [];
  let end = endBefore;
  for (const { row, kind } of footer) {
    if (kind === 'total' || (kind === 'signature' && end === null)) end = { row: row.row, kind };
    else if (end !== null && kind === 'data' && hasIdNumber(row, mapping)) left.push({ row: row.row, end });
  }
  const notes = left.slice(0, MAX_AFTER_TOTAL_FINDINGS).map(({ row, end }) => toImportFinding(row, afterTotal(row, end), sheet));
  if (left.length > MAX_AFTER_TOTAL_FINDINGS) {
    const [first, last] = [left[MAX_AFTER_TOTAL_FINDINGS]!, left[left.length - 1]!];
    notes.push(toImportFinding(first.row, moreAfterTotal(left.length - MAX_AFTER_TOTAL_FINDINGS, first.row, last.row, last.end), sheet));
  }
  return notes;
}

/**
 * The sheet's own notes (not a record's findings): a column left out for a better one, a subtotal
 * or heading skipped, rows after the totals. A commit keeps them in its findings as the preview had them.
 */
export const SHEET_NOTE_CODES: ReadonlySet<string> = new Set(['IMPORT_LOT_COLUMN_UNKNOWN', 'IMPORT_COLUMNS_SAME_FIELD', 'IMPORT_DOSE_COLUMNS', 'IMPORT_OTHER_SHEETS', 'IMPORT_SHEET_HIDDEN', 'IMPORT_SHEET_NOT_READ', 'IMPORT_HIDDEN_ROWS', 'IMPORT_HIDDEN_COLUMNS', 'IMPORT_ROW_SKIPPED', 'IMPORT_ROW_AFTER_TOTAL', 'IMPORT_DATE_ORDER_BY_COLUMN']);

/**
 * Every record's findings by its row; a row per person's doses share the person's, which are
 * listed once per row. Rows already in the station are said once for all (a month's file
 * imported again is every row of it, each with the same words: 67 MB of output at 200k rows).
 */
export function rowFindings(records: readonly { row: number; sheet?: string; findings: readonly Finding[] }[]): ImportFinding[] {
  const out: ImportFinding[] = [];
  const key = (f: Finding): string => `${f.code}|${f.field}|${f.message_en}`;
  const already: { row: number; sheet: string | undefined }[] = [];
  const take = (r: { row: number; sheet?: string }, f: Finding): void => {
    if (f.code !== ALREADY_IMPORTED.code) out.push(toImportFinding(r.row, f, r.sheet));
    else {
      const last = already[already.length - 1];
      if (last?.row !== r.row || last.sheet !== r.sheet) already.push({ row: r.row, sheet: r.sheet });
    }
  };
  // The findings said for the current row, made when a second record of it comes.
  let said: Set<string> | null = null;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const before = records[i - 1];
    if (before === undefined || before.row !== r.row || before.sheet !== r.sheet) {
      said = null;
      for (const f of r.findings) take(r, f);
      continue;
    }
    said ??= new Set(before.findings.map(key));
    for (const f of r.findings) {
      const k = key(f);
      if (said.has(k)) continue;
      said.add(k);
      take(r, f);
    }
  }
  if (already.length === 1) out.push(toImportFinding(already[0]!.row, ALREADY_IMPORTED, already[0]!.sheet));
  else if (already.length > 1) out.push(toImportFinding(already[0]!.row, alreadyImportedRows(already), already[0]!.sheet));
  return out;
}

/** Ranges of rows named in a note before the rest are counted. */
const RANGES_NAMED = 8;

/** "2–11, 14, 20–25" (ascending rows), the first RANGES_NAMED ranges, and how many rows are left. */
export function rowRanges(rows: readonly number[]): { vi: string; en: string } {
  const sorted = [...rows].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const row of sorted) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && row <= last[1] + 1) last[1] = Math.max(last[1], row);
    else ranges.push([row, row]);
  }
  const named = ranges.slice(0, RANGES_NAMED).map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ');
  const rest = ranges.slice(RANGES_NAMED).reduce((n, [a, b]) => n + b - a + 1, 0);
  return rest === 0 ? { vi: named, en: named } : { vi: `${named} và ${rest} dòng khác`, en: `${named} and ${rest} more` };
}

function alreadyImportedRows(found: readonly { row: number; sheet: string | undefined }[]): Finding {
  const rows = found.map((f) => f.row);
  const sheets = [...new Set(found.map((f) => f.sheet))];
  // Rows of several sheets: the ranges of each, after its name.
  if (sheets.length > 1) {
    const each = sheets.map((sheet) => ({ sheet: sheet ?? '', where: rowRanges(found.filter((f) => f.sheet === sheet).map((f) => f.row)) }));
    return warning(
      'row',
      ALREADY_IMPORTED.code,
      `${rows.length} mũi tiêm đã có trong trạm và được bỏ qua: ${each.map((e) => `trang "${e.sheet}" dòng ${e.where.vi}`).join('; ')}.`,
      `${rows.length} doses are already in the station and were skipped: ${each.map((e) => `sheet "${e.sheet}" rows ${e.where.en}`).join('; ')}.`,
    );
  }
  const where = rowRanges(rows);
  return warning(
    'row',
    ALREADY_IMPORTED.code,
    `${rows.length} mũi tiêm đã có trong trạm và được bỏ qua: dòng ${where.vi}.`,
    `${rows.length} doses are already in the station and were skipped: rows ${where.en}.`,
  );
}

export function toImportFinding(row: number, f: Finding, sheet?: string): ImportFinding {
  const out: ImportFinding = { row, field: f.field, code: f.code, severity: f.severity, message: bilingual(f.message_vi, f.message_en), message_vi: f.message_vi, message_en: f.message_en };
  if (sheet !== undefined) out.sheet = sheet;
  return out;
}

/**
 * Findings in the workbook's order: sheet by sheet (the sheets imported, in tab order), row by
 * row. A finding without a sheet is the first sheet's.
 */
export function byPlace(findings: ImportFinding[], sheets: readonly { sheet: string | null }[]): ImportFinding[] {
  if (sheets.length < 2) return findings.sort((a, b) => a.row - b.row);
  const order = new Map(sheets.map((s, i) => [s.sheet, i]));
  const at = (f: ImportFinding): number => (f.sheet === undefined ? 0 : order.get(f.sheet) ?? 0);
  return findings.sort((a, b) => at(a) - at(b) || a.row - b.row);
}

/**
 * One object for every row of a dose already stored (the row keeps the record's id as
 * existingId): a file imported again has a finding per row, and the same words for each.
 */
const ALREADY_IMPORTED: Finding = Object.freeze(warning('row', 'IMPORT_ALREADY_IMPORTED', 'Mũi tiêm này đã có trong trạm: bỏ qua.', 'This dose is already in the station: skipped.'));

export function alreadyImported(): Finding {
  return ALREADY_IMPORTED;
}

const sameText = (a: string, b: string) => normalizeName(a) === normalizeName(b);

/**
 * A row of a dose already stored (same id, dose, vaccine and date) that says something else of
 * it: a corrected lot, name, date of birth or phone. It is still skipped (an import never edits a
 * stored record; a signed one is corrected by a superseding record), but said, field by field,
 * so a correction typed into the file is not lost without a word.
 */
function alreadyImportedDiffering(existingId: string, input: ImportRecordInput, stored: StoredFacts): Finding | null {
  const diffs: [string, string, string, string][] = [];
  const { person, dose } = input;
  if (typeof dose.lot === 'string' && dose.lot.trim() !== '' && !sameText(dose.lot, stored.lot)) diffs.push(['số lô', 'lot', dose.lot.trim(), stored.lot]);
  if (typeof person.fullName === 'string' && person.fullName !== '' && !sameText(person.fullName, stored.fullName)) diffs.push(['họ tên', 'name', person.fullName, stored.fullName]);
  if (typeof person.dob === 'string' && person.dob !== '' && person.dob !== stored.dob) diffs.push(['ngày sinh', 'date of birth', person.dob, stored.dob]);
  if (canonicalPhone(person.phone) !== '' && canonicalPhone(person.phone) !== canonicalPhone(stored.phone)) diffs.push(['số điện thoại', 'phone', person.phone!, stored.phone ?? '']);
  if (diffs.length === 0) return null;
  const vi = diffs.map(([f, , file, kept]) => `${f} "${file}" (trong trạm: "${kept}")`).join('; ');
  const en = diffs.map(([, f, file, kept]) => `${f} "${file}" (stored: "${kept}")`).join('; ');
  return warning(
    'row',
    'IMPORT_ALREADY_IMPORTED_DIFFERS',
    `Mũi tiêm này đã có trong trạm (bản ghi ${existingId}) nhưng tệp ghi khác: ${vi}. Bỏ qua, không sửa gì; để sửa, hãy mở bản ghi và sửa hoặc đính chính.`,
    `This dose is already in the station (record ${existingId}) but the file says otherwise: ${en}. Skipped, nothing changed; to correct it, open the record and edit or correct it.`,
  );
}

/**
 * Re-checks the rows the file leaves valid against the stored records (store.previewRecords, which
 * writes nothing): a dose already imported becomes a duplicate, a person's stored doses take part
 * in the interval and duplicate checks. The rows are the preview's own: updated in place.
 */
function againstStore(rows: ValidatedRow[], store: ImportStorePort, personMemo: PersonFindingsMemo): void {
  const candidates = rows.filter((r) => r.status !== 'error' && r.status !== 'duplicate');
  const outcomes = store.previewRecords(candidates.map((r) => r.input), { personMemo });
  const duplicates: number[] = [];
  // Whole dates of birth this file writes onto stored people (DOB_MORE_EXACT), by id number: a
  // row already imported that gives the same date then says nothing the file does not change.
  const dobWritten = new Map<string, string>();
  candidates.forEach((r, i) => {
    const o = outcomes[i]!;
    if (o.outcome === 'duplicate') {
      duplicates.push(i);
      return;
    }
    if (o.outcome === 'created' && o.findings.some((f) => f.code === 'DOB_MORE_EXACT')) {
      dobWritten.set(String(r.input.person.idNumber ?? ''), String(r.input.person.dob ?? ''));
    }
    r.findings = withUncovered(r.importFindings, o.findings, r.covers);
    r.status = statusOf(r.findings);
  });
  // The stored facts of the rows already imported, a slice at a time: a whole file imported
  // again is every row, and all of them at once held 200k records in memory beside the preview.
  for (let from = 0; from < duplicates.length; from += FACTS_SLICE) {
    const slice = duplicates.slice(from, from + FACTS_SLICE);
    const stored = store.storedFacts(slice.map((i) => (outcomes[i] as { existingId: string }).existingId));
    for (const i of slice) {
      const r = candidates[i]!;
      const existingId = (outcomes[i] as { existingId: string }).existingId;
      const storedFacts = stored.get(existingId);
      const written = dobWritten.get(String(r.input.person.idNumber ?? ''));
      const facts = storedFacts !== undefined && written !== undefined ? { ...storedFacts, dob: written } : storedFacts;
      const differs = facts === undefined ? null : alreadyImportedDiffering(existingId, r.input, facts);
      r.status = 'duplicate';
      r.findings = [...r.importFindings, differs ?? alreadyImported()];
      r.existingId = existingId;
    }
  }
}

/** Rows already imported whose stored facts are read at once. */
const FACTS_SLICE = 5000;

/**
 * Earlier imports of the same file a preview names at most: the newest, and always the first (a
 * file imported 100 times is said so by its total, its first import and its newest).
 */
export const MAX_EARLIER_IMPORTS = 20;

/**
 * Reads an xlsx/csv clinic file and says, row by row, what importing it would do (DESIGN §8):
 * nothing is written. Refuses a file that cannot be used at all with a StationError (IMPORT_*).
 */
export async function previewImport(file: string, options: PreviewOptions = {}): Promise<ImportPreview> {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const { kind, size } = await sniffFileKind(file, limits, signal);
  const chosen = await readSheet(file, {
    kind,
    size,
    limits,
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(signal ? { signal } : {}),
    onProgress: (done, total) => onProgress?.(done, total, 'read'),
  });
  const today = vietnamDay((options.now ?? (() => new Date()))());
  // A two-digit year of birth is read in the century that does not put it after this year.
  const read = { ...chosen, dateOrder: { ...chosen.dateOrder, thisYear: Number(today.slice(0, 4)) } };
  // The chosen sheet, then the later ones under its header (a sheet per vaccination day).
  const parts: SheetPart[] = [{ sheet: chosen.data.sheet ?? '', rows: chosen.data.rows, mapping: chosen.mapping }, ...chosen.more];
  const mapped: MappedRow[] = [];
  const notes: ImportFinding[] = [];
  for (const part of parts) {
    const one = await mapDataRows(read, part, part === parts[0], signal);
    for (const m of one.mapped) mapped.push(m);
    notes.push(...one.notes);
    // A row struck through in the workbook: a dose crossed out, an error (struckRows.ts).
    addStruckRowFindings(one.mapped, part.rows);
    addStruckTextFindings(one.mapped, part.rows, part.mapping);
  }
  // A sheet of both ways whose date columns are read each its own way: which way, said once.
  if (chosen.dateOrder.columns !== undefined) notes.push(toImportFinding(chosen.mapping.headerRow, dateOrderByColumnNote(chosen.dateOrder.columns)));
  if (chosen.unread !== null) notes.push(toImportFinding(chosen.mapping.headerRow, unreadSheetNote(chosen.unread, parts.map((p) => p.sheet))));
  if (mapped.length === 0) throw noRecordsUnder(chosen.mapping.headerRow, chosen.data.sheet, chosen.data.rows.slice(chosen.mapping.headerIndex + 1).map((r) => r.row));
  numberBoosters(mapped);
  // A list that says where each dose was given: a dose another facility gave is said (placeColumn.ts).
  const facility = options.store?.facility?.() ?? { code: null, name: null };
  addPlaceFindings(mapped, chosen.mapping, facility);
  // A list that says a dose was not given here ("Hoãn tiêm" in its notes): an error (notGivenCells.ts).
  addNotGivenFindings(mapped, chosen.mapping, facility);
  throwIfAborted(signal);
  // One memo of people's own findings for both passes: the store pass checks each person's
  // id, name, dob, ... again only when the file pass did not see the same fields (~0.3 s at 100k).
  const personMemo = new PersonFindingsMemo();
  const validated = await validateRows(mapped, today, {
    ...(signal ? { signal } : {}),
    onProgress: (done, total) => onProgress?.(done, total, 'validate'),
    personMemo,
  });
  if (options.store) againstStore(validated, options.store, personMemo);
  throwIfAborted(signal);

  const records: ImportRow[] = validated.map((r) => {
    const row: ImportRow = { row: r.row, status: r.status, input: r.input, findings: findingsOfDose(r.findings, r.doseOf), cells: r.cells };
    if (r.sheet !== undefined) row.sheet = r.sheet;
    if (r.existingId !== undefined) row.existingId = r.existingId;
    if (r.doseOf !== undefined) row.doseOf = r.doseOf;
    return row;
  });
  const count = (status: ImportRow['status']): number => records.filter((r) => r.status === status).length;
  // A header read from two rows, or with its doses labelled, is written as read: the failed-rows
  // export then imports again the same way.
  const headerOf = (p: SheetPart): CellValue[] => (p.mapping.rewritten ? p.mapping.columns.map((c) => c.header || null) : (p.rows[p.mapping.headerIndex]?.cells ?? []));
  const headerCells = headerOf(parts[0]!);
  const sheetsRead = parts.map((p, i) => ({ sheet: chosen.data.format === 'xlsx' ? p.sheet : null, headerRow: p.mapping.headerRow, headerCells: i === 0 ? headerCells : headerOf(p) }));
  const fileHash = await sha256File(file);
  // The same bytes committed before: the clerk is told, and may still commit (its rows already
  // stored are duplicates, any others are new).
  const earlier = options.store ? options.store.committedRuns(fileHash, MAX_EARLIER_IMPORTS) : { runs: [], total: 0 };
  return {
    file,
    fileHash,
    importedBefore: earlier.runs,
    importedBeforeTotal: earlier.total,
    format: chosen.data.format,
    encoding: chosen.data.encoding ?? null,
    separator: chosen.data.separator ?? null,
    sheet: chosen.data.sheet,
    sheets: chosen.data.sheetNames,
    sheetsRead,
    // A tab passed over (instructions, an example) is said in its note, not offered as the next list to import.
    otherLists: chosen.otherLists.filter((o) => o.passedOver === undefined).map((o) => o.sheet),
    headerRow: chosen.mapping.headerRow,
    headerCells,
    columns: chosen.mapping.columns.filter((c) => c.header !== '').map((c) => ({ column: columnLetters(c.index), header: c.header, field: c.field })),
    rows: records.length,
    ready: count('ready'),
    warnings: count('warning'),
    errors: count('error'),
    duplicates: count('duplicate'),
    findings: byPlace([...rowFindings(records), ...notes], sheetsRead),
    records,
    validatedAgainst: options.store ? 'store' : 'file',
  };
}
