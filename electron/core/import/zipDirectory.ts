import type { FileHandle } from 'node:fs/promises';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/** A workbook's central directory is a few KB; a bigger one is not a clinic sheet. */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; reason: string };

/**
 * Reads a zip's central directory (APPNOTE 4.3.16, 4.3.12) without inflating anything. A zip whose
 * end record or directory is missing or out of bounds is truncated or damaged: the streaming
 * reader would fail half-way, so it is refused up front.
 */
export async function readZipDirectory(handle: FileHandle, size: number): Promise<ZipDirectory> {
  const tailLength = Math.min(size, EOCD_MIN + MAX_COMMENT);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) return { ok: false, reason: 'no end-of-central-directory record' };
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  const eocdOffset = size - tailLength + eocd;
  if (dirOffset === 0xffffffff || count === 0xffff) return { ok: false, reason: 'zip64 archives are not supported' };
  if (dirOffset + dirSize > eocdOffset) return { ok: false, reason: 'central directory out of bounds' };
  if (dirSize > MAX_DIRECTORY_BYTES) return { ok: false, reason: 'central directory too large' };
  const dir = Buffer.alloc(dirSize);
  await handle.read(dir, 0, dirSize, dirOffset);
  const entries: ZipEntry[] = [];
  let pos = 0;
  for (let n = 0; n < count; n++) {
    if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== CENTRAL_SIGNATURE) {
      return { ok: false, reason: `central directory entry ${n} is damaged` };
    }
    const nameLength = dir.readUInt16LE(pos + 28);
    const extraLength = dir.readUInt16LE(pos + 30);
    const commentLength = dir.readUInt16LE(pos + 32);
    if (pos + 46 + nameLength > dir.length) return { ok: false, reason: `central directory entry ${n} is damaged` };
    const entry: ZipEntry = {
      name: dir.toString('utf8', pos + 46, pos + 46 + nameLength),
      flags: dir.readUInt16LE(pos + 8),
      method: dir.readUInt16LE(pos + 10),
      crc32: dir.readUInt32LE(pos + 16),
      compressedSize: dir.readUInt32LE(pos + 20),
      uncompressedSize: dir.readUInt32LE(pos + 24),
      localHeaderOffset: dir.readUInt32LE(pos + 42),
    };
    if (entry.localHeaderOffset + entry.compressedSize > dirOffset) return { ok: false, reason: `entry ${entry.name} lies outside the archive` };
    entries.push(entry);
    pos += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}
