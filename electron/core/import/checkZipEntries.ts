import type { FileHandle } from 'node:fs/promises';
import { StationError } from '../../../shared/errors.js';
import { importError, throwIfAborted } from './importErrors.js';
import { readPart } from './xlsx/zipParts.js';
import type { ZipEntry } from './zipDirectory.js';

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

/**
 * Inflates every part of the workbook once and checks its CRC-32 and size against the directory,
 * before the reader streams the parts it needs: damage anywhere in the file (a picture, a sheet
 * not chosen) refuses it as IMPORT_CORRUPT_ZIP before any row is previewed. The reader checks the
 * parts it reads again (xlsx/zipParts.ts). It costs one extra inflate of the file, bounded by
 * MAX_INFLATED_BYTES. (It was written for exceljs 4.4.0, which hung on a damaged part it had
 * buffered to a temp file and never checked CRCs; the check is kept for the whole-file guarantee.)
 */
export async function checkZipEntries(path: string, handle: FileHandle, entries: readonly ZipEntry[], signal?: AbortSignal): Promise<void> {
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > MAX_INFLATED_BYTES) throw importError('IMPORT_TOO_LARGE', { inflatedBytes: total, maxInflatedBytes: MAX_INFLATED_BYTES });
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.uncompressedSize === 0) continue;
    if (entry.flags & 0x1) throw importError('IMPORT_LEGACY_XLS', { path, reason: `${entry.name} is encrypted` });
    if (entry.method !== 0 && entry.method !== 8) throw importError('IMPORT_CORRUPT_ZIP', { path, entry: entry.name, reason: `compression method ${entry.method}` });
    try {
      await checkEntry(path, handle, entry, signal);
    } catch (err) {
      if (err instanceof StationError) throw err; // cancelled
      throw importError('IMPORT_CORRUPT_ZIP', { path, entry: entry.name, reason: (err as Error).message });
    }
  }
}
