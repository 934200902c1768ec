import { basename } from 'node:path';
import { StationError } from '../../../shared/errors.js';
import { storageCause } from '../db/storageErrors.js';
import { importError, importErrorAt, throwIfAborted } from './importErrors.js';
import { alreadyImported, byPlace, previewImport, rowFindings, SHEET_NOTE_CODES } from './previewImport.js';
import type { CommitOptions, CommitOutcome, ImportCommitResult, ImportPreview, ImportRow, ImportStorePort } from './types.js';
import type { Finding } from './domainPort.js';
import { findingsOfDose } from './mapRow.js';
import { statusOf } from './validateRows.js';

/** The row as the commit reports it; the preview's row is left as it was. */
function withOutcome(r: ImportRow, status: ImportRow['status'], findings: ImportRow['findings'], outcome: CommitOutcome): ImportCommitResult['records'][number] {
  const row: ImportCommitResult['records'][number] = { row: r.row, status, input: r.input, findings: findingsOfDose(findings, r.doseOf), cells: r.cells, outcome };
  if (r.sheet !== undefined) row.sheet = r.sheet;
  if (r.existingId !== undefined) row.existingId = r.existingId;
  if (r.doseOf !== undefined) row.doseOf = r.doseOf;
  return row;
}

/**
 * The error a failed commit throws (a StationError as it is; else IMPORT_COMMIT_FAILED with the
 * storage cause, in both languages, when it is the disk or the database: full, locked, read-only),
 * and what the run's import.fail entry records of it.
 */
function commitFailure(err: unknown): { error: StationError; failure: { code: string; cause?: string } } {
  if (err instanceof StationError) return { error: err, failure: { code: err.code } };
  const cause = storageCause(err);
  const details = { reason: err instanceof Error ? err.message : String(err), ...(cause !== null ? { cause: cause.code } : {}) };
  const error = cause !== null ? importErrorAt('IMPORT_COMMIT_FAILED', cause, details, err) : importError('IMPORT_COMMIT_FAILED', details, err);
  return { error, failure: cause !== null ? { code: error.code, cause: cause.code } : { code: error.code } };
}

/** The import's own findings of a row (IMPORT_*), not validation's: those the store cannot make again. */
function importOwnFindings(findings: readonly Finding[]): readonly Finding[] | undefined {
  let own: Finding[] | undefined;
  for (const f of findings) if (f.code.startsWith('IMPORT_')) (own ??= []).push(f);
  return own;
}

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
  let runId: string | undefined;
  try {
    runId = store.startImportRun({ fileName: options.fileName ?? basename(preview.file), fileHash: preview.fileHash }).id;
    throwIfAborted(signal);
    outcomes = store.createRecords(
      candidates.map((r) => r.input),
      {
        importRunId: runId,
        confirmWarnings: options.confirmWarnings === true,
        sourceRows: candidates.map((r) => r.row),
        // Row numbers repeat from one day's sheet to the next: the audit entry names the sheet too.
        ...((preview.sheetsRead?.length ?? 0) > 1 ? { sourceSheets: candidates.map((r) => r.sheet ?? preview.sheetsRead[0]?.sheet ?? undefined) } : {}),
        // The import's own findings go with the record (a warning leaves it a draft unless
        // confirmed): before, a row whose only warnings were the import's was stored ready, with
        // nothing of them for the signer (session 23).
        findings: candidates.map((r) => importOwnFindings(r.findings)),
        // The run counts the whole file: the rows the preview found stored or in error too.
        heldBack: { duplicates: preview.duplicates, invalid: preview.errors },
      },
    );
  } catch (err) {
    const { error, failure } = commitFailure(err);
    if (runId !== undefined) {
      // The run's import.start entry is answered by import.fail. Best effort: on a full disk or a
      // locked database this write fails too, and the error the user needs is the commit's.
      try {
        store.failImportRun(runId, failure);
      } catch {
        /* the commit's error below */
      }
    }
    throw error;
  }
  onProgress?.(candidates.length, candidates.length, 'commit');

  // The candidates are preview.records' ready and warning rows in order: outcome `at` is the next one's.
  let at = 0;
  const records: ImportCommitResult['records'] = preview.records.map((r): ImportCommitResult['records'][number] => {
    if (r !== candidates[at]) return withOutcome(r, r.status, r.findings, 'skipped');
    const o = outcomes[at++]!;
    if (o.outcome === 'created') {
      const row = withOutcome(r, r.status, r.findings, 'created');
      row.recordId = o.id;
      return row;
    }
    const imported = importOwnFindings(r.findings) ?? [];
    if (o.outcome === 'duplicate') {
      const row = withOutcome(r, 'duplicate', [...imported, alreadyImported()], 'duplicate');
      row.existingId = o.existingId;
      return row;
    }
    const findings = [...imported, ...o.findings];
    return withOutcome(r, statusOf(findings), findings, 'invalid');
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
    findings: byPlace([
      ...rowFindings(records),
      ...preview.findings.filter((f) => SHEET_NOTE_CODES.has(f.code)),
    ], preview.sheetsRead),
    records,
  };
}
