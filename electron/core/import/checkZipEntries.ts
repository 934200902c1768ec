import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { importError, throwIfAborted } from './importErrors.js';
import type { ZipEntry } from './zipDirectory.js';

const LOCAL_SIGNATURE = 0x04034b50;
/**
 * What the parts of one workbook may inflate to in all. A 200 MB xlsx of text inflates about
 * tenfold; more than this is a zip bomb, refused before any of it is inflated.
 */
export const MAX_INFLATED_BYTES = 4 * 1024 * 1024 * 1024;

class EntryDamaged extends Error {}

async function checkEntry(path: string, handle: FileHandle, entry: ZipEntry, signal: AbortSignal | undefined): Promise<void> {
  const header = Buffer.alloc(30);
  await handle.read(header, 0, 30, entry.localHeaderOffset);
  if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new EntryDamaged('local header missing');
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  let crc = 0;
  let size = 0;
  const count = async function* (source: AsyncIterable<Buffer>): AsyncGenerator<never> {
    for await (const chunk of source) {
      size += chunk.length;
      // A bomb declares a small size and inflates on: stop as soon as it passes what it declared.
      if (size > entry.uncompressedSize) throw new EntryDamaged('inflates past its declared size');
      crc = crc32(chunk, crc);
      throwIfAborted(signal);
    }
  };
  const source = entry.compressedSize === 0 ? [] : createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  try {
    if (entry.method === 0) await pipeline(source, count);
    else await pipeline(source, createInflateRaw(), count);
  } catch (err) {
    if (err instanceof EntryDamaged || (err as { code?: string }).code === 'IMPORT_CANCELLED') throw err;
    throw new EntryDamaged((err as Error).message);
  }
  if (size !== entry.uncompressedSize || crc >>> 0 !== entry.crc32) throw new EntryDamaged('checksum or size mismatch');
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
      if (err instanceof EntryDamaged) throw importError('IMPORT_CORRUPT_ZIP', { path, entry: entry.name, reason: err.message });
      throw err;
    }
  }
}
