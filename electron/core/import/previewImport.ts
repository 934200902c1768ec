import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { bilingual } from '../../../shared/errors.js';
import { columnLetters } from './applyMerges.js';
import { PersonFindingsMemo, vietnamToday, warning, type Finding } from './domainPort.js';
import { importError, throwIfAborted } from './importErrors.js';
import { DEFAULT_IMPORT_LIMITS } from './importLimits.js';
import { classifyRow, hasIdNumber, mapRow, type MappedRow } from './mapRow.js';
import { readSheet, type ChosenSheet } from './readSheet.js';
import { sniffFileKind } from './sniffFileKind.js';
import { statusOf, validateRows, withUncovered, type ValidatedRow } from './validateRows.js';
import { yieldToEventLoop } from './yieldToEventLoop.js';
import type { ImportFinding, ImportPreview, ImportRow, ImportStorePort, PreviewOptions } from './types.js';

/** Rows mapped between two turns of the event loop. */
const MAP_SLICE = 5000;
/** Rows after a totals row are a footer (signatures, "Người lập biểu"); a few data-like ones are reported. */
const MAX_AFTER_TOTAL_FINDINGS = 20;

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function afterTotal(row: number, total: number): Finding {
  return warning(
    'row',
    'IMPORT_ROW_AFTER_TOTAL',
    `Dòng ${row} nằm sau dòng tổng cộng (dòng ${total}) nên không được nhập.`,
    `Row ${row} comes after the totals row (row ${total}) and is not imported.`,
  );
}

/** The data rows under the header, mapped; title, blank, repeated-header and totals rows dropped. */
async function mapDataRows(chosen: ChosenSheet, signal: AbortSignal | undefined): Promise<{ mapped: MappedRow[]; notes: ImportFinding[] }> {
  const { data, mapping, date1904 } = chosen;
  const mapped: MappedRow[] = [];
  const notes: ImportFinding[] = [];
  let totalRow: number | null = null;
  let seen = 0;
  for (let at = mapping.headerIndex + 1; at < data.rows.length; at++) {
    const row = data.rows[at]!;
    if (++seen % MAP_SLICE === 0) await yieldToEventLoop(signal);
    const kind = classifyRow(row, mapping);
    if (totalRow !== null) {
      if (kind === 'data' && hasIdNumber(row, mapping) && notes.length < MAX_AFTER_TOTAL_FINDINGS) notes.push(toImportFinding(row.row, afterTotal(row.row, totalRow)));
      continue;
    }
    if (kind === 'total') totalRow = row.row;
    if (kind !== 'data') continue;
    mapped.push(mapRow(row, mapping, date1904));
  }
  return { mapped, notes };
}

export function toImportFinding(row: number, f: Finding): ImportFinding {
  return { row, field: f.field, code: f.code, severity: f.severity, message: bilingual(f.message_vi, f.message_en), message_vi: f.message_vi, message_en: f.message_en };
}

export function alreadyImported(existingId: string): Finding {
  return warning('row', 'IMPORT_ALREADY_IMPORTED', `Mũi tiêm này đã có trong trạm (bản ghi ${existingId}): bỏ qua.`, `This dose is already in the station (record ${existingId}): skipped.`);
}

/**
 * Re-checks the rows the file leaves valid against the stored records (store.previewRecords, which
 * writes nothing): a dose already imported becomes a duplicate, a person's stored doses take part
 * in the interval and duplicate checks. The rows are the preview's own: updated in place.
 */
function againstStore(rows: ValidatedRow[], store: ImportStorePort, personMemo: PersonFindingsMemo): void {
  const candidates = rows.filter((r) => r.status !== 'error' && r.status !== 'duplicate');
  const outcomes = store.previewRecords(candidates.map((r) => r.input), { personMemo });
  candidates.forEach((r, i) => {
    const o = outcomes[i]!;
    if (o.outcome === 'duplicate') {
      r.status = 'duplicate';
      r.findings = [...r.importFindings, alreadyImported(o.existingId)];
      r.existingId = o.existingId;
      return;
    }
    r.findings = withUncovered(r.importFindings, o.findings, r.covers);
    r.status = statusOf(r.findings);
  });
}

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
  const { mapped, notes } = await mapDataRows(chosen, signal);
  if (mapped.length === 0) throw importError('IMPORT_EMPTY', { headerRow: chosen.mapping.headerRow, sheet: chosen.data.sheet });
  throwIfAborted(signal);
  const today = vietnamToday((options.now ?? (() => new Date()))());
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
    const row: ImportRow = { row: r.row, status: r.status, input: r.input, findings: r.findings, cells: r.cells };
    if (r.existingId !== undefined) row.existingId = r.existingId;
    return row;
  });
  const count = (status: ImportRow['status']): number => records.filter((r) => r.status === status).length;
  const headerCells = chosen.data.rows[chosen.mapping.headerIndex]?.cells ?? [];
  return {
    file,
    fileHash: await sha256File(file),
    format: chosen.data.format,
    encoding: chosen.data.encoding ?? null,
    separator: chosen.data.separator ?? null,
    sheet: chosen.data.sheet,
    sheets: chosen.data.sheetNames,
    headerRow: chosen.mapping.headerRow,
    headerCells,
    columns: chosen.mapping.columns.filter((c) => c.header !== '').map((c) => ({ column: columnLetters(c.index), header: c.header, field: c.field })),
    rows: records.length,
    ready: count('ready'),
    warnings: count('warning'),
    errors: count('error'),
    duplicates: count('duplicate'),
    findings: [...records.flatMap((r) => r.findings.map((f) => toImportFinding(r.row, f))), ...notes].sort((a, b) => a.row - b.row),
    records,
    validatedAgainst: options.store ? 'store' : 'file',
  };
}
