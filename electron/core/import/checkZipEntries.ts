import { open, type FileHandle } from 'node:fs/promises';
import { StationError } from '../../../shared/errors.js';
import { importError, importErrorAt, throwIfAborted, tooLarge } from './importErrors.js';
import { partKey, readPart } from './xlsx/zipParts.js';
import { readZipDirectory, type ZipEntry } from './zipDirectory.js';

/**
 * What the parts of one workbook may inflate to in all. A 200 MB xlsx of text inflates about
 * tenfold; more than this is a zip bomb, refused before any of it is inflated.
 */
export const MAX_INFLATED_BYTES = 4 * 1024 * 1024 * 1024;

/** One part inflated to its end by the reader's own part reading (header, inflate, CRC, size). */
async function checkEntry(path: string, handle: FileHandle, entry: ZipEntry, signal: AbortSignal | undefined): Promise<void> {
  // for-await, so that a cancel thrown here closes the part's stream (the generator's return()).
  for await (const _chunk of readPart({ path, handle, bytesRead: 0 }, entry)) throwIfAborted(signal);
}

/** A zip bomb is refused from its directory, before any part is inflated (sniffFileKind). */
export function assertInflatedSize(entries: readonly ZipEntry[]): void {
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > MAX_INFLATED_BYTES) throw tooLarge({ inflatedBytes: total, maxInflatedBytes: MAX_INFLATED_BYTES });
}

/**
 * Inflates every part of the workbook and checks its CRC-32 and size against the directory: damage
 * anywhere in the file (a picture, a sheet not chosen) refuses it as IMPORT_CORRUPT_ZIP before any
 * row is previewed. It runs once the reader is done (readSheet.ts), and a part the reader
 * inflated to its end with its CRC and size checked (`skip`, by partKey) is not inflated again:
 * the check then costs the parts the reader did not read (pictures, other sheets), not a second
 * inflate of the whole file. On the reader's failure it runs with nothing skipped before that
 * failure is reported, so damage is reported as IMPORT_CORRUPT_ZIP first, as when it ran before
 * the reader. (It was written for exceljs 4.4.0, which hung on a damaged part it had buffered to
 * a temp file and never checked CRCs; the check is kept for the whole-file guarantee.)
 */
export async function checkZipEntries(path: string, handle: FileHandle, entries: readonly ZipEntry[], signal?: AbortSignal, skip?: ReadonlySet<string>): Promise<void> {
  assertInflatedSize(entries);
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.uncompressedSize === 0) continue;
    // A zip tool's password, not Excel's (Excel encrypts into a compound file: oleFileKind.ts).
    if (entry.flags & 0x1) throw importErrorAt('IMPORT_ENCRYPTED', { vi: 'Các phần bên trong tệp được đặt mật khẩu của tệp nén: hãy mở tệp gốc bằng Excel và lưu lại dạng Excel Workbook (.xlsx) không mật khẩu', en: "The file's parts are locked by a zip password: open the original in Excel and save it as an Excel Workbook (.xlsx) without a password" }, { path, reason: `${entry.name} is encrypted` });
    if (entry.method !== 0 && entry.method !== 8) throw importError('IMPORT_CORRUPT_ZIP', { path, entry: entry.name, reason: `compression method ${entry.method}` });
    if (skip?.has(partKey(entry))) continue;
    try {
      await checkEntry(path, handle, entry, signal);
    } catch (err) {
      if (err instanceof StationError) throw err; // cancelled
      throw importError('IMPORT_CORRUPT_ZIP', { path, entry: entry.name, reason: (err as Error).message });
    }
  }
}

/** checkZipEntries over the file at `path`, its directory read again (sniffFileKind read it once). */
export async function checkZipFile(path: string, signal: AbortSignal | undefined, skip?: ReadonlySet<string>): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw importError('IMPORT_FILE_UNREADABLE', { path, reason: (err as NodeJS.ErrnoException).code ?? String(err) }, err);
  }
  try {
    const dir = await readZipDirectory(handle, (await handle.stat()).size);
    if (!dir.ok) throw importError('IMPORT_CORRUPT_ZIP', { path, reason: dir.reason });
    await checkZipEntries(path, handle, dir.entries, signal, skip);
  } finally {
    await handle.close();
  }
}
