import type { FileHandle } from 'node:fs/promises';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/** A workbook's central directory is a few KB; a bigger one is not a clinic sheet. */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

export type ZipDirectory = { ok: true; names: string[] } | { ok: false; reason: string };

/**
 * Lists the entry names of a zip from its central directory (APPNOTE 4.3.16, 4.3.12) without
 * inflating anything. A zip whose end record or directory is missing or out of bounds is
 * truncated or damaged: the streaming reader would fail half-way, so it is refused up front.
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
  const entries = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  const eocdOffset = size - tailLength + eocd;
  if (dirOffset === 0xffffffff || entries === 0xffff) return { ok: false, reason: 'zip64 archives are not supported' };
  if (dirOffset + dirSize > eocdOffset) return { ok: false, reason: 'central directory out of bounds' };
  if (dirSize > MAX_DIRECTORY_BYTES) return { ok: false, reason: 'central directory too large' };
  const dir = Buffer.alloc(dirSize);
  await handle.read(dir, 0, dirSize, dirOffset);
  const names: string[] = [];
  let pos = 0;
  for (let n = 0; n < entries; n++) {
    if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== CENTRAL_SIGNATURE) {
      return { ok: false, reason: `central directory entry ${n} is damaged` };
    }
    const nameLength = dir.readUInt16LE(pos + 28);
    const extraLength = dir.readUInt16LE(pos + 30);
    const commentLength = dir.readUInt16LE(pos + 32);
    if (pos + 46 + nameLength > dir.length) return { ok: false, reason: `central directory entry ${n} is damaged` };
    names.push(dir.toString('utf8', pos + 46, pos + 46 + nameLength));
    pos += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, names };
}
