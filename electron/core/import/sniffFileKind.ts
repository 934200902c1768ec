import { open, type FileHandle } from 'node:fs/promises';
import { importError } from './importErrors.js';
import type { ImportLimits } from './importLimits.js';
import { assertInflatedSize } from './checkZipEntries.js';
import { readZipDirectory } from './zipDirectory.js';

export type FileKind = 'xlsx' | 'text';

const MAGIC: { kind: string; bytes: number[] }[] = [
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'gzip', bytes: [0x1f, 0x8b] },
  { kind: 'rar', bytes: [0x52, 0x61, 0x72, 0x21] },
  { kind: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(head: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

/** What a zip that is not an xlsx is, for the error details (a .docx renamed .xlsx, ...). */
function zipKind(names: string[]): string {
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('ppt/presentation.xml')) return 'pptx';
  if (names.includes('xl/workbook.bin')) return 'xlsb';
  if (names.includes('content.xml')) return 'opendocument';
  return 'zip';
}

/**
 * Decides from the bytes, not the file name, what the file is: staff rename files, and Excel
 * itself saves "CSV" under .xls. Size is checked here, before anything else is read.
 */
export async function sniffFileKind(path: string, limits: ImportLimits, signal?: AbortSignal): Promise<{ kind: FileKind; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw importError('IMPORT_FILE_UNREADABLE', { path, reason: code ?? String(err) }, err);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw importError('IMPORT_FILE_UNREADABLE', { path, reason: 'not a file' });
    const { size } = stat;
    if (size === 0) throw importError('IMPORT_EMPTY', { path });
    if (size > limits.maxBytes) throw importError('IMPORT_TOO_LARGE', { bytes: size, maxBytes: limits.maxBytes });
    const head = Buffer.alloc(Math.min(size, 8));
    await handle.read(head, 0, head.length, 0);
    if (startsWith(head, OLE2)) throw importError('IMPORT_LEGACY_XLS', { path });
    const magic = MAGIC.find((m) => startsWith(head, m.bytes));
    if (magic) throw importError('IMPORT_NOT_SPREADSHEET', { path, detected: magic.kind });
    if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) {
      const dir = await readZipDirectory(handle, size);
      if (!dir.ok) throw importError('IMPORT_CORRUPT_ZIP', { path, reason: dir.reason });
      const names = dir.entries.map((e) => e.name);
      if (!names.includes('xl/workbook.xml')) throw importError('IMPORT_NOT_SPREADSHEET', { path, detected: zipKind(names) });
      // Every part's CRC is checked once the reader is done with the parts it needs (readSheet.ts).
      assertInflatedSize(dir.entries);
      return { kind: 'xlsx', size };
    }
    return { kind: 'text', size };
  } finally {
    await handle.close();
  }
}
