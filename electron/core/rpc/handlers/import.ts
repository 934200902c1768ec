/**
 * RPC handlers for Excel/CSV import. The importer reads files by path; the browser host's page
 * sends the bytes instead, which are written to a private temp file in the data folder for the
 * duration of the call and always removed.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_IMPORT_FINDINGS, type ResultOf } from '../../../../shared/rpc/contract.js';
import { StationError } from '../../../../shared/errors.js';
import { commitImport } from '../../import/commitImport.js';
import { exportFailedRows } from '../../import/exportFailedRows.js';
import { previewImport } from '../../import/previewImport.js';
import { importStorePort } from '../../import/storePort.js';
import type { ImportPreview } from '../../import/types.js';
import type { StationStore } from '../../store/stationStore.js';
import type { TaskRegistry } from '../../tasks.js';
import type { CallContext, Handlers } from '../dispatcher.js';

type ImportHandlers = Pick<Handlers, 'import.preview' | 'import.commit' | 'import.exportFailed'>;
type FileRef = { name: string; base64: string };

/** Writes the uploaded bytes to a private temp file for the duration of `work`, then removes it. */
async function withFile<T>(dataDir: string, file: FileRef, work: (path: string, name: string) => Promise<T>): Promise<T> {
  const dir = join(dataDir, 'tmp');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `upload-${randomUUID()}`);
  const bytes = Buffer.from(file.base64, 'base64');
  if (bytes.length === 0) throw new StationError('IMPORT_EMPTY', 'Tệp trống', 'The file is empty', { name: file.name });
  writeFileSync(path, bytes, { mode: 0o600 });
  try {
    return await work(path, file.name);
  } finally {
    rmSync(path, { force: true });
  }
}

function summary(p: ImportPreview, committed: number): ResultOf<'import.preview'> {
  return {
    rows: p.rows,
    ready: p.ready,
    warnings: p.warnings,
    errors: p.errors,
    duplicates: p.duplicates,
    committed,
    sheet: p.sheet,
    sheets: p.sheets,
    columns: p.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
    findings: p.findings.slice(0, MAX_IMPORT_FINDINGS),
    findingsTotal: p.findings.length,
  };
}

export function importHandlers(store: StationStore, tasks: TaskRegistry, dataDir: string): ImportHandlers {
  const port = importStorePort(store);
  const progress = (ctx: CallContext, taskId: string) => (done: number, total: number, phase: string) =>
    ctx.emit('progress', { taskId, task: 'import', done, total, message: phase });

  return {
    'import.preview': ({ file, sheet, taskId }, ctx) =>
      tasks.run(taskId, (signal) =>
        withFile(dataDir, file, async (path) => {
          const preview = await previewImport(path, { store: port, signal, onProgress: progress(ctx, taskId ?? 'import'), ...(sheet ? { sheet } : {}) });
          return summary(preview, 0);
        }),
      ),
    'import.commit': ({ file, sheet, confirmWarnings, taskId }, ctx) =>
      tasks.run(taskId, (signal) =>
        withFile(dataDir, file, async (path) => {
          const result = await commitImport(path, port, { confirmWarnings, signal, onProgress: progress(ctx, taskId ?? 'import'), ...(sheet ? { sheet } : {}) });
          return summary(result, result.committed);
        }),
      ),
    'import.exportFailed': ({ file, sheet }) =>
      withFile(dataDir, file, async (path, name) => {
        const preview = await previewImport(path, { store: port, ...(sheet ? { sheet } : {}) });
        const out = join(dataDir, 'tmp', `failed-${randomUUID()}.xlsx`);
        mkdirSync(join(dataDir, 'tmp'), { recursive: true, mode: 0o700 });
        try {
          const { rows } = await exportFailedRows(path, preview, out);
          const stem = name.replace(/\.[^.]+$/, '') || 'import';
          return { name: `${stem} - lỗi cần sửa.xlsx`, base64: readFileSync(out).toString('base64'), rows };
        } finally {
          rmSync(out, { force: true });
        }
      }),
  };
}
