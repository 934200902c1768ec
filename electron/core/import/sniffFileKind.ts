import { open, type FileHandle } from 'node:fs/promises';
import type { StationError } from '../../../shared/errors.js';
import { importError, importErrorAt, tooLarge } from './importErrors.js';
import type { ImportLimits } from './importLimits.js';
import { assertInflatedSize } from './checkZipEntries.js';
import { oleRefusal } from './oleFileKind.js';
import { magicKind, SAVE_AS_XLSX, SNIFF_BYTES, textKind, zipKind, type OtherKind } from './otherFileKinds.js';
import { readZipDirectory, type ZipEntry } from './zipDirectory.js';

export type FileKind = 'xlsx' | 'text';

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/**
 * Excel 2.x-4.0 worksheets, a bare BIFF stream without a compound file: a BOF record (0x0009,
 * 0x0209, 0x0409) with its length, 4 or 6 ([MS-XLS] §2.4.21's forerunners). No text starts so.
 */
const BIFF_BOF = [0x00, 0x02, 0x04].flatMap((v) => [4, 6].map((len) => [0x09, v, len, 0x00]));

function startsWith(head: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

/**
 * Whether a zip without xl/workbook.xml has its workbook at another part, as the package's rels
 * name it ("xl/workbook2.xml"): a workbook all the same (xlsx/openWorkbook.ts reads it there).
 * Not for a zip another Office format or OpenDocument; a damaged rels part is no workbook here.
 */
async function workbookElsewhere(path: string, handle: FileHandle, entries: readonly ZipEntry[], names: readonly string[], other: OtherKind, signal: AbortSignal | undefined): Promise<boolean> {
  if (other.kind !== 'zip' || !names.includes('_rels/.rels')) return false;
  // Loaded only for such a zip: text files and the usual xlsx do not load the reader here.
  const { mainDocumentPart } = await import('./xlsx/openWorkbook.js');
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e] as const));
  try {
    const part = await mainDocumentPart({ path, handle, bytesRead: 0 }, (name) => byName.get(name.toLowerCase()), signal);
    return part !== null && part.endsWith('.xml');
  } catch (err) {
    if (signal?.aborted === true) throw err;
    return false;
  }
}

function notSpreadsheet(path: string, other: OtherKind): StationError {
  return importErrorAt('IMPORT_NOT_SPREADSHEET', other.place, { path, detected: other.kind, ...other.details });
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
    if (size > limits.maxBytes) throw tooLarge({ bytes: size, maxBytes: limits.maxBytes });
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (startsWith(head, OLE2)) throw await oleRefusal(path, handle, size);
    if (BIFF_BOF.some((bof) => startsWith(head, bof))) {
      throw importErrorAt('IMPORT_LEGACY_XLS', { vi: `Tệp là bảng tính Excel 2.x-4.0: ${SAVE_AS_XLSX.vi}`, en: `The file is an Excel 2.x-4.0 worksheet: ${SAVE_AS_XLSX.en}` }, { path, detected: 'biff' });
    }
    const magic = magicKind(head);
    if (magic) throw notSpreadsheet(path, magic);
    if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) {
      const dir = await readZipDirectory(handle, size);
      if (!dir.ok) throw importError('IMPORT_CORRUPT_ZIP', { path, reason: dir.reason });
      // Part names compare without case in the package format (xlsx/openWorkbook.ts).
      const names = dir.entries.map((e) => e.name.toLowerCase());
      if (!names.includes('xl/workbook.xml')) {
        // What else the zip is, by its parts (named as written in the refusal): told once.
        const other = zipKind(dir.entries.map((e) => e.name));
        if (!(await workbookElsewhere(path, handle, dir.entries, names, other, signal))) throw notSpreadsheet(path, other);
      }
      // Every part's CRC is checked once the reader is done with the parts it needs (readSheet.ts).
      assertInflatedSize(dir.entries);
      return { kind: 'xlsx', size };
    }
    const other = textKind(head, head.length === size);
    if (other) throw notSpreadsheet(path, other);
    return { kind: 'text', size };
  } finally {
    await handle.close();
  }
}
