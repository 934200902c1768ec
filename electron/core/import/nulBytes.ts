import { importErrorAt } from './importErrors.js';

/**
 * NUL bytes (0x00) in a CSV that is no UTF-16: a copy tool or a file system pads a file cut
 * short, or written to a USB stick unplugged too early, with NULs up to its block — the text
 * before them is the file. A NUL inside the text is damage a clerk can only fix knowing where it
 * is. (decodeText.ts reads NULs as UTF-16's high bytes, else as a binary file.)
 */

const utf16Bom = (b: Uint8Array): boolean => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);

/** The bytes without the NUL padding after the text; UTF-16 (or what may be) loses only whole NUL characters. */
export function withoutNulPadding(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  if (end === bytes.length) return bytes;
  const body = bytes.subarray(0, end);
  // Other NULs: UTF-16 (an ASCII character's high byte is 0) or binary. A NUL pair on an even
  // offset is a U+0000 character: padding of UTF-16 of either byte order.
  if (utf16Bom(bytes) || body.includes(0)) {
    if (bytes.length % 2 !== 0) return bytes;
    let keep = bytes.length;
    while (keep >= 2 && bytes[keep - 1] === 0 && bytes[keep - 2] === 0) keep -= 2;
    return bytes.subarray(0, keep);
  }
  return body;
}

/** Controls other than NUL and the blanks of text: more than a few, the file is binary. */
function controlsIn(bytes: Uint8Array): number {
  let n = 0;
  const end = Math.min(bytes.length, 65536);
  for (let i = 0; i < end; i++) {
    const c = bytes[i]!;
    if ((c > 0 && c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) n++;
  }
  return n;
}

/**
 * Refuses a text of 8-bit bytes (UTF-8, Windows-1258) with a NUL inside it, naming the first:
 * its line and byte offset. Not UTF-16, whose every other byte may be a NUL, nor a binary file
 * (many NULs or controls), which decodeText refuses as no spreadsheet.
 */
export function refuseNulInText(bytes: Uint8Array): void {
  if (utf16Bom(bytes)) return;
  const first = bytes.indexOf(0);
  if (first === -1) return;
  let nuls = 0;
  for (let i = first; i < bytes.length; i++) if (bytes[i] === 0) nuls++;
  if (nuls > bytes.length * 0.02 || controlsIn(bytes) > Math.max(2, Math.min(bytes.length, 65536) * 0.01)) return;
  let line = 1;
  for (let i = 0; i < first; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  const more = nuls > 1 ? { vi: ` (tệp có ${nuls} byte như vậy)`, en: ` (${nuls} such bytes in the file)` } : { vi: '', en: '' };
  throw importErrorAt(
    'IMPORT_BAD_ENCODING',
    {
      vi: `Tệp có byte rỗng (NUL, 0x00) ở dòng ${line} (vị trí byte ${first} trong tệp)${more.vi}, điều không có trong một tệp văn bản: tệp có thể đã hỏng khi sao chép; hãy mở tệp gốc bằng Excel và lưu lại dạng CSV UTF-8`,
      en: `The file has a NUL byte (0x00) on line ${line} (byte offset ${first})${more.en}, which no text file holds: it may have been damaged in a copy; open the original in Excel and save it again as CSV UTF-8`,
    },
    { reason: 'NUL byte', line, offset: first, nuls },
  );
}
