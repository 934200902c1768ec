/**
 * RPC handlers for Excel/CSV import. The importer reads files by path; the browser host's page
 * sends the bytes instead, which are written to a private temp file in the data folder for the
 * duration of the call and always removed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_IMPORT_FINDINGS, type ResultOf } from '../../../../shared/rpc/contract.js';
import { StationError } from '../../../../shared/errors.js';
import { commitImport } from '../../import/commitImport.js';
import { vietnamDay } from '../../import/domainPort.js';
import { previewImport } from '../../import/previewImport.js';
import { importStorePort } from '../../import/storePort.js';
import type { ImportPreview } from '../../import/types.js';
import type { StationStore } from '../../store/stationStore.js';
import type { TaskRegistry } from '../../tasks.js';
import type { CallContext, Handlers } from '../dispatcher.js';

type ImportHandlers = Pick<Handlers, 'import.preview' | 'import.commit' | 'import.exportFailed'>;
type FileRef = { name: string; base64: string };

function bytesOf(file: FileRef): Buffer {
  const bytes = Buffer.from(file.base64, 'base64');
  if (bytes.length === 0) throw new StationError('IMPORT_EMPTY', 'Tệp trống', 'The file is empty', { name: file.name });
  return bytes;
}

/** The private temp files of these handlers in the data folder: `upload-<uuid>`, `failed-<uuid>.xlsx`. */
const TEMP_FILE = /^(upload-[0-9a-f-]{36}|failed-[0-9a-f-]{36}\.xlsx)$/;

/**
 * Writes the uploaded bytes to a private temp file for the duration of `work`, then removes it,
 * also when the write itself fails: a disk that fills up half-way must not keep the part written,
 * which took its last free space (probe 16, F6).
 */
async function withFile<T>(dataDir: string, file: FileRef, work: (path: string, name: string) => Promise<T>, bytes = bytesOf(file)): Promise<T> {
  const dir = join(dataDir, 'tmp');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `upload-${randomUUID()}`);
  try {
    writeFileSync(path, bytes, { mode: 0o600 });
    return await work(path, file.name);
  } finally {
    rmSync(path, { force: true });
  }
}

/**
 * Removes the temp files a call could not remove (the core was killed or crashed during an import)
 * when the station opens: nothing else ever would. Only these handlers' own names are touched.
 */
export function removeStaleImportFiles(dataDir: string): void {
  let names: string[];
  try {
    names = readdirSync(join(dataDir, 'tmp'));
  } catch {
    return;
  }
  for (const name of names) if (TEMP_FILE.test(name)) rmSync(join(dataDir, 'tmp', name), { force: true });
}

/**
 * How long the last preview is kept for the commit or export that follows it: the user reads the
 * findings first. Past this, or once anything else is previewed, it is read again.
 */
export const KEPT_PREVIEW_MS = 30 * 60_000;

/** The last preview, and what it was read from and against. */
interface KeptPreview {
  preview: ImportPreview;
  sheet: string | undefined;
  /** The store's previewStamp and the day, when the preview was made. */
  stamp: string;
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
    sheetsRead: p.sheetsRead.flatMap((s) => (s.sheet === null ? [] : [s.sheet])),
    otherLists: p.otherLists,
    columns: p.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
    findings: p.findings.slice(0, MAX_IMPORT_FINDINGS),
    findingsTotal: p.findings.length,
    importedBefore: p.importedBefore.map((r) => ({ committedAt: r.committedAt, fileName: r.fileName, rows: r.rows, created: r.created, duplicates: r.duplicates, invalid: r.invalid })),
    importedBeforeTotal: p.importedBeforeTotal,
  };
}

export function importHandlers(store: StationStore, tasks: TaskRegistry, dataDir: string): ImportHandlers {
  const port = importStorePort(store);
  const progress = (ctx: CallContext, taskId: string) => (done: number, total: number, phase: string) =>
    ctx.emit('progress', { taskId, task: 'import', done, total, message: phase });

  // The screen previews a file, then commits it (or exports its failed rows), sending the same
  // bytes each time. Reading and checking them again gave the same preview whenever the store
  // had not changed: at 100k rows, about 5 s of the 7.8 s the user waited after "Import". The last
  // preview is kept and used again for the same bytes and sheet while the store's previewStamp
  // and the day are what they were: the answer the user reviewed, and the one a new preview
  // would give. Anything else, and the file is read again as before.
  let kept: KeptPreview | null = null;
  let forget: NodeJS.Timeout | undefined;
  const stampNow = (): string => `${store.previewStamp()}|${vietnamDay(new Date())}`;
  const keep = (preview: ImportPreview, sheet: string | undefined): void => {
    clearTimeout(forget);
    kept = { preview, sheet, stamp: stampNow() };
    forget = setTimeout(() => (kept = null), KEPT_PREVIEW_MS);
    forget.unref();
  };
  /** The kept preview when it is of these bytes and sheet and still holds; else null. */
  const keptFor = (bytes: Buffer, sheet: string | undefined): ImportPreview | null => {
    const k = kept;
    if (k === null || k.sheet !== sheet || k.preview.fileHash !== createHash('sha256').update(bytes).digest('hex') || k.stamp !== stampNow()) return null;
    return k.preview;
  };
  const drop = (): void => {
    clearTimeout(forget);
    kept = null;
  };

  return {
    'import.preview': ({ file, sheet, taskId }, ctx) =>
      tasks.run(taskId, (signal) => {
        drop();
        return withFile(dataDir, file, async (path) => {
          const preview = await previewImport(path, { store: port, signal, onProgress: progress(ctx, taskId ?? 'import'), ...(sheet ? { sheet } : {}) });
          keep(preview, sheet);
          return summary(preview, 0);
        });
      }),
    'import.commit': ({ file, sheet, confirmWarnings, taskId }, ctx) =>
      tasks.run(taskId, async (signal) => {
        const bytes = bytesOf(file);
        const previewed = keptFor(bytes, sheet);
        // Committed or not, the store is about to change: the kept preview is spent.
        drop();
        const options = { confirmWarnings, signal, onProgress: progress(ctx, taskId ?? 'import'), fileName: file.name, ...(sheet ? { sheet } : {}) };
        const result = previewed !== null ? await commitImport(previewed, port, options) : await withFile(dataDir, file, (path) => commitImport(path, port, options), bytes);
        return summary(result, result.committed);
      }),
    'import.exportFailed': async ({ file, sheet }) => {
      const bytes = bytesOf(file);
      return withFile(
        dataDir,
        file,
        async (path, name) => {
          const preview = keptFor(bytes, sheet) ?? (await previewImport(path, { store: port, ...(sheet ? { sheet } : {}) }));
          const out = join(dataDir, 'tmp', `failed-${randomUUID()}.xlsx`);
          mkdirSync(join(dataDir, 'tmp'), { recursive: true, mode: 0o700 });
          try {
            // exceljs is loaded when a list is first exported, not when the core starts (~0.25 s).
            const { exportFailedRows } = await import('../../import/exportFailedRows.js');
            // `name`, not the temp file: a csv's sheet is named after the file the user chose.
            const { rows } = await exportFailedRows(name, preview, out);
            const stem = name.normalize('NFC').replace(/\.[^.]+$/, '') || 'import';
            return { name: `${stem} - lỗi cần sửa.xlsx`, base64: readFileSync(out).toString('base64'), rows };
          } finally {
            rmSync(out, { force: true });
          }
        },
        bytes,
      );
    },
  };
}
