import type { CellValue } from './sheetData.js';

function dateCell(date: Date): CellValue {
  // exceljs turns date-formatted serials into UTC midnights: the UTC calendar date is the cell's date.
  return Number.isNaN(date.getTime()) ? { error: '#DATE' } : { date: date.toISOString().slice(0, 10) };
}

/**
 * One exceljs cell value as the import sees it: a formula becomes its cached result (the value
 * Excel shows; we never recalculate), rich text its plain text, a hyperlink its shown text.
 */
export function fromExcelValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { error: '#NUM!' };
  if (value instanceof Date) return dateCell(value);
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) {
    // A generator that wrote the formula but not its result leaves nothing to read.
    if (!('result' in v) || v.result === undefined) return { error: '#NO_CACHED_VALUE' };
    const result = v.result;
    if (typeof result === 'object' && result !== null && 'error' in result) return { error: String((result as { error: unknown }).error) };
    // The streaming reader parses error results ("#N/A", "#DIV/0!") as numbers, giving NaN.
    if (typeof result === 'number' && Number.isNaN(result)) return { error: '#ERROR' };
    return fromExcelValue(result);
  }
  if (Array.isArray(v.richText)) {
    return (v.richText as { text?: unknown }[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
  }
  if ('hyperlink' in v || 'text' in v) return fromExcelValue(v.text);
  if ('error' in v) return { error: String(v.error) };
  return null;
}
