import { basename } from 'node:path';
import { StationError } from '../../../shared/errors.js';
import { importError, throwIfAborted } from './importErrors.js';
import { alreadyImported, previewImport, toImportFinding } from './previewImport.js';
import type { CommitOptions, ImportCommitResult, ImportPreview, ImportStorePort } from './types.js';
import { statusOf } from './validateRows.js';

/**
 * Writes the rows of a preview that can be imported (no errors, not already there) through the
 * store's createRecords: ONE transaction, so a crash or a failure leaves all of them or none
 * (DESIGN §4). Importing the same file, or one that overlaps it, again creates nothing twice: the
 * store's natural key (id, dose number, vaccine, date) turns those rows into duplicates.
 *
 * Cancellation is honoured up to the start of the transaction; once it runs it is atomic and
 * short (one synchronous SQLite transaction), so stopping half-way is neither possible nor needed.
 */
export async function commitImport(source: string | ImportPreview, store: ImportStorePort, options: CommitOptions = {}): Promise<ImportCommitResult> {
  const preview = typeof source === 'string' ? await previewImport(source, { ...options, store }) : source;
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const candidates = preview.records.filter((r) => r.status === 'ready' || r.status === 'warning');
  onProgress?.(0, candidates.length, 'commit');
  let outcomes: ReturnType<ImportStorePort['createRecords']>;
  let runId: string;
  try {
    runId = store.startImportRun({ fileName: basename(preview.file), fileHash: preview.fileHash }).id;
    throwIfAborted(signal);
    outcomes = store.createRecords(
      candidates.map((r) => r.input),
      { importRunId: runId, confirmWarnings: options.confirmWarnings === true },
    );
  } catch (err) {
    if (err instanceof StationError) throw err;
    throw importError('IMPORT_COMMIT_FAILED', { reason: err instanceof Error ? err.message : String(err) }, err);
  }
  onProgress?.(candidates.length, candidates.length, 'commit');

  const byRow = new Map(candidates.map((r, i) => [r, outcomes[i]!]));
  const records: ImportCommitResult['records'] = preview.records.map((r) => {
    const o = byRow.get(r);
    if (!o) return { ...r, outcome: 'skipped' };
    if (o.outcome === 'created') return { ...r, outcome: 'created', recordId: o.id };
    const imported = r.findings.filter((f) => f.code.startsWith('IMPORT_'));
    if (o.outcome === 'duplicate') {
      return { ...r, status: 'duplicate', outcome: 'duplicate', existingId: o.existingId, findings: [...imported, alreadyImported(o.existingId)] };
    }
    const findings = [...imported, ...o.findings];
    return { ...r, status: statusOf(findings), outcome: 'invalid', findings };
  });
  const count = (status: string): number => records.filter((r) => r.status === status).length;
  return {
    ...preview,
    importRunId: runId,
    committed: records.filter((r) => r.outcome === 'created').length,
    ready: count('ready'),
    warnings: count('warning'),
    errors: count('error'),
    duplicates: count('duplicate'),
    findings: [
      ...records.flatMap((r) => r.findings.map((f) => toImportFinding(r.row, f))),
      ...preview.findings.filter((f) => f.code === 'IMPORT_ROW_AFTER_TOTAL'),
    ].sort((a, b) => a.row - b.row),
    records,
  };
}
