import type { FileHandle } from 'node:fs/promises';
import type { StationError } from '../../../shared/errors.js';
import { importErrorAt, type ImportErrorPlace } from './importErrors.js';
import { SAVE_AS_XLSX } from './otherFileKinds.js';

/**
 * What an Office file of the old kind is — a Compound File ([MS-CFB]), the container of Excel
 * 97-2003 workbooks, Word 97-2003 documents, and of an .xlsx encrypted with a password to open
 * ([MS-OFFCRYPTO] §2.3.4: the "EncryptionInfo" and "EncryptedPackage" streams in place of the
 * zip). The names of the root's streams say which; the refusal says what to do with each: an
 * .xls is saved as .xlsx, a password is taken off first. Only the directory (and, for a
 * workbook, its first record) is read.
 */

const FREE_OR_END = 0xfffffffa; // sector ids from here up are no sector (MAXREGSECT + 1)
/** Directory sectors followed at most: a real file's root streams are in its first few. */
const MAX_DIR_SECTORS = 256;
/** Streams smaller than this live in the mini stream ([MS-CFB] §2.2, the header's cutoff). */
const MINI_CUTOFF = 4096;

interface DirEntry {
  name: string;
  type: number;
  start: number;
  size: number;
}

/** The directory of a compound file, or null when its header or chains are not those of one. */
async function readDirectory(handle: FileHandle, size: number): Promise<{ entries: DirEntry[]; sectorSize: number } | null> {
  const header = Buffer.alloc(512);
  if ((await handle.read(header, 0, 512, 0)).bytesRead < 512) return null;
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectors = Math.floor((size - sectorSize) / sectorSize) + 1;
  const offsetOf = (sector: number) => (sector + 1) * sectorSize;
  // The FAT's sectors: the header's 109, then the DIFAT chain (each sector's last id links on).
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(header.readUInt32LE(0x4c + 4 * i));
  let difat = header.readUInt32LE(0x44);
  const perSector = sectorSize / 4;
  for (let hops = 0; difat < FREE_OR_END && difat < sectors && hops < sectors; hops++) {
    const buf = Buffer.alloc(sectorSize);
    await handle.read(buf, 0, sectorSize, offsetOf(difat));
    for (let i = 0; i < perSector - 1; i++) fatSectors.push(buf.readUInt32LE(4 * i));
    difat = buf.readUInt32LE(sectorSize - 4);
  }
  const nextSector = async (sector: number): Promise<number> => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined || fatSector >= FREE_OR_END || fatSector >= sectors) return FREE_OR_END;
    const buf = Buffer.alloc(4);
    await handle.read(buf, 0, 4, offsetOf(fatSector) + 4 * (sector % perSector));
    return buf.readUInt32LE(0);
  };
  const entries: DirEntry[] = [];
  let sector = header.readUInt32LE(0x30);
  for (let n = 0; sector < FREE_OR_END && sector < sectors && n < MAX_DIR_SECTORS; n++) {
    const buf = Buffer.alloc(sectorSize);
    await handle.read(buf, 0, sectorSize, offsetOf(sector));
    for (let o = 0; o + 128 <= sectorSize; o += 128) {
      const nameBytes = buf.readUInt16LE(o + 0x40);
      const type = buf[o + 0x42]!;
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
      entries.push({ name: buf.toString('utf16le', o, o + nameBytes - 2), type, start: buf.readUInt32LE(o + 0x74), size: buf.readUInt32LE(o + 0x78) });
    }
    sector = await nextSector(sector);
  }
  return entries.length > 0 ? { entries, sectorSize } : null;
}

/**
 * Whether a BIFF workbook stream has a password to open: its FILEPASS record (0x002F) comes
 * right after the first BOF ([MS-XLS] §2.4.117). Read only for a stream in regular sectors (every
 * workbook Excel writes is larger than the mini stream's cutoff).
 */
async function hasFilePass(handle: FileHandle, stream: DirEntry, sectorSize: number): Promise<boolean> {
  if (stream.size < MINI_CUTOFF || stream.start >= FREE_OR_END) return false;
  const buf = Buffer.alloc(64);
  await handle.read(buf, 0, 64, (stream.start + 1) * sectorSize);
  const bofType = buf.readUInt16LE(0);
  if (bofType !== 0x0809 && bofType !== 0x0009 && bofType !== 0x0209 && bofType !== 0x0409) return false;
  const next = 4 + buf.readUInt16LE(2);
  return next + 2 <= buf.length && buf.readUInt16LE(next) === 0x002f;
}

const TAKE_PASSWORD_OFF = {
  vi: 'hãy mở tệp bằng Excel (nhập mật khẩu), chọn Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng Mật khẩu, xoá mật khẩu rồi bấm OK',
  en: 'open it in Excel (type the password), choose File > Info > Protect Workbook > Encrypt with Password, clear the password and press OK',
};

/** The refusal of a compound file: what it is, by its streams, and what to do with it. */
export async function oleRefusal(path: string, handle: FileHandle, size: number): Promise<StationError> {
  let dir: Awaited<ReturnType<typeof readDirectory>> = null;
  try {
    dir = await readDirectory(handle, size);
  } catch {
    dir = null;
  }
  const stream = (name: string) => dir?.entries.find((e) => e.type === 2 && e.name.toLowerCase() === name.toLowerCase());
  if (dir !== null && stream('EncryptionInfo') && stream('EncryptedPackage')) {
    return importErrorAt(
      'IMPORT_ENCRYPTED',
      { vi: `Để nhập, ${TAKE_PASSWORD_OFF.vi}, lưu lại và nhập lại`, en: `To import it, ${TAKE_PASSWORD_OFF.en}, save it and import it again` },
      { path, detected: 'encrypted-ooxml' },
    );
  }
  const book = stream('Workbook') ?? stream('Book');
  if (dir !== null && book) {
    const format = book.name.toLowerCase() === 'book' ? { vi: 'Excel 5.0/95', en: 'Excel 5.0/95' } : { vi: 'Excel 97-2003', en: 'Excel 97-2003' };
    let encrypted = false;
    try {
      encrypted = await hasFilePass(handle, book, dir.sectorSize);
    } catch {
      encrypted = false;
    }
    const place: ImportErrorPlace = encrypted
      ? {
          vi: `Tệp là sổ làm việc ${format.vi} (.xls) có mật khẩu mở tệp: ${TAKE_PASSWORD_OFF.vi}, rồi lưu lại dạng Excel Workbook (.xlsx)`,
          en: `The file is an ${format.en} workbook (.xls) with a password to open: ${TAKE_PASSWORD_OFF.en}, then save it as an Excel Workbook (.xlsx)`,
        }
      : { vi: `Tệp là sổ làm việc ${format.vi} (.xls): ${SAVE_AS_XLSX.vi}`, en: `The file is an ${format.en} workbook (.xls): ${SAVE_AS_XLSX.en}` };
    return importErrorAt('IMPORT_LEGACY_XLS', place, { path, detected: 'xls', ...(encrypted ? { encrypted } : {}) });
  }
  if (dir !== null && stream('WordDocument')) {
    return importErrorAt(
      'IMPORT_NOT_SPREADSHEET',
      {
        vi: 'Tệp là văn bản Word 97-2003 (.doc), không phải bảng tính: nếu danh sách là một bảng trong Word, hãy chép bảng đó sang Excel và lưu dạng Excel Workbook (.xlsx)',
        en: 'The file is a Word 97-2003 document (.doc), not a workbook: if the list is a table in Word, copy that table into Excel and save it as an Excel Workbook (.xlsx)',
      },
      { path, detected: 'doc' },
    );
  }
  return unknownLegacy(path, { reason: dir === null ? 'compound file directory unreadable' : 'no workbook stream' });
}

/** A file of Excel's old format the station cannot look into: both causes said. */
function unknownLegacy(path: string, details: Record<string, unknown>): StationError {
  return importErrorAt(
    'IMPORT_LEGACY_XLS',
    {
      vi: `Tệp là tài liệu Office dạng cũ mà trạm không xem được bên trong: một sổ làm việc .xls, hoặc một tệp .xlsx có mật khẩu mở tệp. ${SAVE_AS_XLSX.vi[0]!.toUpperCase()}${SAVE_AS_XLSX.vi.slice(1)}, bỏ mật khẩu nếu có`,
      en: `The file is an Office file of the old kind the station cannot look into: an .xls workbook, or an .xlsx with a password to open. ${SAVE_AS_XLSX.en[0]!.toUpperCase()}${SAVE_AS_XLSX.en.slice(1)}, taking any password off`,
    },
    { path, ...details },
  );
}
