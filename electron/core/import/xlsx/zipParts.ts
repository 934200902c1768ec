import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import type { ZipEntry } from '../zipDirectory.js';

/** Damage of the zip itself (local header, deflate stream, CRC, size): IMPORT_CORRUPT_ZIP. */
export class ZipPartDamaged extends Error {}

const LOCAL_SIGNATURE = 0x04034b50;
const READ_CHUNK = 256 * 1024;
const INFLATE_CHUNK = 64 * 1024;

export interface PartSource {
  path: string;
  handle: FileHandle;
  /** Compressed bytes read so far over all parts, for progress. */
  bytesRead: number;
  /**
   * Parts read to their end with the CRC-32 and size their directory entry declares (partKey):
   * the whole-file check (checkZipEntries) does not inflate them a second time.
   */
  verified?: Set<string>;
}

/** A directory entry as the checks read it: where its bytes are and what they must inflate to. */
export function partKey(entry: ZipEntry): string {
  return `${entry.localHeaderOffset}:${entry.compressedSize}:${entry.uncompressedSize}:${entry.crc32}:${entry.method}:${entry.flags}`;
}

function isSystemError(err: unknown): boolean {
  const e = err as { code?: unknown; syscall?: unknown };
  return typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string';
}

/**
 * One part of the zip, found through the central directory (so parts may be in any order) and
 * inflated as a stream: its bytes arrive in chunks, never the whole part at once. The CRC-32 and
 * size the directory declares are checked as it goes; a part inflating past its declared size
 * (a zip bomb) is stopped there.
 */
export async function* readPart(source: PartSource, entry: ZipEntry): AsyncGenerator<Buffer> {
  if (entry.flags & 0x1) throw new ZipPartDamaged(`${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipPartDamaged(`${entry.name}: compression method ${entry.method}`);
  const header = Buffer.alloc(30);
  const { bytesRead } = await source.handle.read(header, 0, 30, entry.localHeaderOffset);
  if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipPartDamaged(`${entry.name}: local header missing`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  let crc = 0;
  let size = 0;
  if (entry.compressedSize > 0) {
    const file = createReadStream(source.path, { start, end: start + entry.compressedSize - 1, highWaterMark: READ_CHUNK });
    file.on('data', (chunk) => {
      source.bytesRead += chunk.length;
    });
    const bytes = entry.method === 0 ? file : pipeline(file, createInflateRaw({ chunkSize: INFLATE_CHUNK }), () => {});
    try {
      for await (const chunk of bytes as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > entry.uncompressedSize) throw new ZipPartDamaged(`${entry.name} inflates past its declared size`);
        crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (err) {
      // The consumer's own errors never land here: breaking out of its loop calls return(), not throw().
      if (err instanceof ZipPartDamaged) throw err;
      // The disk or the share failing (EIO, ENOENT, EACCES: an errno code and a syscall) is not a
      // damaged file: passed on as it is, for IMPORT_FILE_UNREADABLE.
      if (isSystemError(err)) throw err;
      throw new ZipPartDamaged(`${entry.name}: ${(err as Error).message}`);
    } finally {
      file.destroy();
    }
  }
  if (size !== entry.uncompressedSize || crc >>> 0 !== entry.crc32) throw new ZipPartDamaged(`${entry.name}: checksum or size mismatch`);
  source.verified?.add(partKey(entry));
}
