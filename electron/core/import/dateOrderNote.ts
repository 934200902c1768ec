/**
 * The note of a sheet whose date columns are read each its own way (dateOrder.ts
 * DateOrder.columns): which column was read day first, which month first, by which row, and which
 * showed neither or both (read as the sheet: day first, every date that could be either warned).
 * Said once, so that a clerk checks the columns rather than trusts one reading of the file.
 */
import type { ColumnDateOrder, DateExample } from './dateOrder.js';
import { warning, type Finding } from './domainPort.js';

const where = (e: DateExample): [string, string] =>
  e.sheet === undefined ? [`dòng ${e.row}`, `row ${e.row}`] : [`dòng ${e.row} trang "${e.sheet}"`, `row ${e.row} of sheet "${e.sheet}"`];

function columnSays(c: ColumnDateOrder): [string, string] {
  const name: [string, string] = [`cột "${c.header}"`, `the column "${c.header}"`];
  switch (c.order) {
    case 'day-first': {
      const [vi, en] = where(c.dayFirst!);
      return [`${name[0]} ngày trước tháng (dd/mm/yyyy; ${vi}: "${c.dayFirst!.text}")`, `${name[1]} day first (dd/mm/yyyy; ${en}: "${c.dayFirst!.text}")`];
    }
    case 'month-first': {
      const [vi, en] = where(c.monthFirst!);
      return [`${name[0]} tháng trước ngày (mm/dd/yyyy; ${vi}: "${c.monthFirst!.text}")`, `${name[1]} month first (mm/dd/yyyy; ${en}: "${c.monthFirst!.text}")`];
    }
    case 'mixed':
      return [`${name[0]} ghi cả hai kiểu, đọc ngày trước tháng, ngày có thể đọc hai cách được cảnh báo`, `${name[1]}, which writes both ways, day first, each date that could be either warned`];
    case 'one': {
      const e = (c.dayFirst ?? c.monthFirst)!;
      const [vi, en] = where(e);
      return [
        `${name[0]} chỉ có một ngày cho thấy kiểu ghi (${vi}: "${e.text}"), chưa đủ để đọc cả cột theo kiểu đó: đọc ngày trước tháng, ngày có thể đọc hai cách được cảnh báo`,
        `${name[1]}, where only one date shows a way (${en}: "${e.text}"), too few to read the column by it: day first, each date that could be either warned`,
      ];
    }
    case 'none':
      return [`${name[0]} không cho thấy kiểu nào, đọc ngày trước tháng, ngày có thể đọc hai cách được cảnh báo`, `${name[1]}, which shows neither way, day first, each date that could be either warned`];
  }
}

export function dateOrderByColumnNote(columns: ReadonlyMap<number, ColumnDateOrder>): Finding {
  const said = [...columns.values()].map(columnSays);
  return warning(
    'row',
    'IMPORT_DATE_ORDER_BY_COLUMN',
    `Tệp ghi ngày theo cả hai kiểu, nên mỗi cột ngày được đọc theo kiểu của chính nó: ${said.map((s) => s[0]).join('; ')}. Hãy kiểm tra lại các ngày.`,
    `The file writes dates both ways, so each date column is read its own way: ${said.map((s) => s[1]).join('; ')}. Check the dates.`,
  );
}
