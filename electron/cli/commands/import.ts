import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StationError, bilingual, isStationError } from '../../../shared/errors.js';
import { STATION_MARKER } from '../../core/db/backups.js';
import { stationDatabasePath } from '../../core/db/openStationDatabase.js';
import { commitImport } from '../../core/import/commitImport.js';
import { importedBeforeNote } from '../../core/import/importedBeforeNote.js';
import { previewImport } from '../../core/import/previewImport.js';
import { importStorePort } from '../../core/import/storePort.js';
import type { ImportCommitResult, ImportPreview, ImportStorePort } from '../../core/import/types.js';
import { onDiskForm } from '../../core/onDiskForm.js';
import { openStationStore } from '../../core/store/openStationStore.js';
import { systemStorePorts } from '../../core/store/ports.js';
import { parseOptions } from '../args.js';
import { UsageError, errorResult, type CliContext, type Command, type CommandResult } from '../context.js';
import { cliActor } from './records.js';

/**
 * `station import <file> [--sheet NAME] [--commit] [--confirm-warnings] [--export-failed OUT.xlsx]`
 * (DESIGN §10). Without --commit: a preview, nothing written. Exit codes:
 *   0  the preview was made, or the commit wrote every row that could be written (rows with
 *      errors are listed in `findings`; a re-import where every row is a duplicate is a success);
 *   1  the file was refused (IMPORT_* code: not a spreadsheet, no header, too large, ...), or
 *      --commit found rows with errors and no valid row at all (none written, none already there);
 *   2  usage, a file that cannot be opened, or the database cannot be opened or written.
 */

/** Refusals that are about the station, the disk or the arguments, not the file's content. */
const IO_CODES = new Set(['IMPORT_FILE_UNREADABLE', 'IMPORT_COMMIT_FAILED', 'IMPORT_EXPORT_FAILED', 'DB_OPEN_FAILED', 'DB_TOO_NEW', 'DB_EMPTY_FILE', 'DB_MISSING']);

function openStore(dataDir: string, create: boolean): { store: ImportStorePort; close(): void } | null {
  // A preview on a machine without a station database validates against the file alone rather
  // than creating an empty database as a side effect. A folder that held a station whose database
  // is gone says so (DB_MISSING) instead of previewing as if nothing were stored.
  if (!create && !existsSync(stationDatabasePath(dataDir)) && !existsSync(join(dataDir, STATION_MARKER))) return null;
  const opened = openStationStore(dataDir, systemStorePorts(cliActor()), { create });
  return { store: importStorePort(opened.store), close: opened.close };
}

function toJson(result: ImportPreview | ImportCommitResult, mode: 'preview' | 'commit', failedExport: { path: string; rows: number } | null) {
  return {
    ok: true,
    mode,
    file: result.file,
    format: result.format,
    encoding: result.encoding,
    separator: result.separator,
    sheet: result.sheet,
    // Every sheet imported (a sheet per vaccination day): the findings of each name it.
    sheetsRead: result.sheetsRead.map((s) => s.sheet).filter((s) => s !== null),
    headerRow: result.headerRow,
    columns: result.columns,
    validatedAgainst: result.validatedAgainst,
    rows: result.rows,
    ready: result.ready,
    warnings: result.warnings,
    errors: result.errors,
    duplicates: result.duplicates,
    committed: 'committed' in result ? result.committed : 0,
    importRunId: 'importRunId' in result ? result.importRunId : null,
    failedRowsFile: failedExport,
    // The same bytes committed before (newest first, the first import always last; [] for a new
    // file or without a database), and how many times in all.
    importedBefore: result.importedBefore,
    importedBeforeTotal: result.importedBeforeTotal,
    findings: result.findings.map((f) => ({ ...(f.sheet !== undefined ? { sheet: f.sheet } : {}), row: f.row, field: f.field, code: f.code, severity: f.severity, message: f.message })),
  };
}

function toText(result: ImportPreview | ImportCommitResult, mode: 'preview' | 'commit', failedExport: { path: string; rows: number } | null): string {
  const where = result.sheetsRead.length > 1
    ? `sheets ${result.sheetsRead.map((s) => `"${s.sheet}"`).join(', ')}, `
    : result.sheet !== null ? `sheet "${result.sheet}", ` : `${result.encoding}, separator ${JSON.stringify(result.separator)}, `;
  const lines = [
    `${result.file}: ${where}header row ${result.headerRow}`,
    `rows ${result.rows}: ready ${result.ready}, warnings ${result.warnings}, errors ${result.errors}, duplicates ${result.duplicates}` +
      (mode === 'commit' ? `; committed ${(result as ImportCommitResult).committed}` : ' (preview: nothing written; --commit to import)'),
  ];
  // Added after the summary line, so the lines scripts read keep their place.
  const before = importedBeforeNote(result);
  if (before !== null) lines.push(`imported before: ${bilingual(before.vi, before.en)}`);
  for (const f of result.findings) lines.push(`  ${f.sheet !== undefined ? `sheet "${f.sheet}" ` : ''}row ${f.row} ${f.severity} ${f.code} [${f.field}]: ${f.message}`);
  if (failedExport) lines.push(`failed rows written to ${failedExport.path} (${failedExport.rows})`);
  return lines.join('\n');
}

export const importCommand: Command = async (args: string[], ctx: CliContext): Promise<CommandResult> => {
  const opts = parseOptions(args, { values: ['sheet', 'export-failed'], booleans: ['commit', 'confirm-warnings'] });
  if (opts.positionals.length !== 1) throw new UsageError('import needs exactly one file: station import <file> [--sheet NAME] [--commit]', 'import cần đúng một tệp: station import <file> [--sheet NAME] [--commit]');
  // Typed composed, the name of a file saved decomposed (or the reverse) is the file on disk.
  const file = onDiskForm(opts.positionals[0]!);
  const commit = opts.booleans.has('commit');
  if (opts.booleans.has('confirm-warnings') && !commit) throw new UsageError('--confirm-warnings only applies with --commit', '--confirm-warnings chỉ dùng cùng --commit');
  const sheet = opts.values.get('sheet');
  const exportPath = opts.values.get('export-failed');
  let opened: ReturnType<typeof openStore> = null;
  try {
    opened = openStore(ctx.dataDir, commit);
    const preview = await previewImport(file, { ...(sheet !== undefined ? { sheet } : {}), ...(opened ? { store: opened.store } : {}) });
    const result = commit && opened ? await commitImport(preview, opened.store, { confirmWarnings: opts.booleans.has('confirm-warnings') }) : preview;
    let failedExport: { path: string; rows: number } | null = null;
    if (exportPath !== undefined) {
      const { exportFailedRows } = await import('../../core/import/exportFailedRows.js');
      failedExport = { path: exportPath, ...(await exportFailedRows(file, result, exportPath)) };
    }
    const mode = commit ? 'commit' : 'preview';
    const nothingWritten = commit && (result as ImportCommitResult).committed === 0 && result.duplicates === 0 && result.errors > 0;
    return { exitCode: nothingWritten ? 1 : 0, json: { ...toJson(result, mode, failedExport), ok: !nothingWritten }, text: toText(result, mode, failedExport) };
  } catch (err) {
    if (!isStationError(err)) throw err;
    const e = err as StationError;
    return errorResult(IO_CODES.has(e.code) ? 2 : 1, [e.toInfo()], { mode: commit ? 'commit' : 'preview', file });
  } finally {
    opened?.close();
  }
};
