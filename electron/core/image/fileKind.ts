/**
 * What a verify input file is, told from its first bytes (never its name): a picture or PDF the
 * station reads, text (the HC1 itself), or a kind it cannot read, refused by name with what to give
 * instead. Probe 25: an iPhone's HEIC, a WebP, a GIF, a zip or a Word file were all "neither a
 * PNG/JPEG image nor HC1 text", and an SVG was "starts with <svg".
 */
import { dccError } from '../../../shared/dcc/dccErrors.js';
import type { StationError } from '../../../shared/errors.js';

export type FileKind = 'png' | 'jpeg' | 'bmp' | 'pdf' | 'heic' | 'avif' | 'webp' | 'gif' | 'tiff' | 'office' | 'zip' | 'other';

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

export function sniffFileKind(bytes: Uint8Array): FileKind {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 4) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM') return 'bmp';
  if (ascii(b, 0, 5) === '%PDF-' || ascii(b, 0, Math.min(b.length, 1024)).includes('%PDF-')) return 'pdf';
  // ISO BMFF (HEIF/AVIF): a box "ftyp" at offset 4, then its brand.
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (/^(heic|heix|heim|heis|hevc|hevx|mif1|msf1)$/.test(brand)) return 'heic';
    if (/^avi[fs]$/.test(brand)) return 'avif';
  }
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'gif';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a))) return 'tiff';
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) {
    // An Office file is a zip whose first entries name its parts.
    return /\[Content_Types\]\.xml|word\/|xl\/|ppt\/|mimetype/.test(ascii(b, 0, Math.min(b.length, 2048))) ? 'office' : 'zip';
  }
  // An old Word or Excel file (OLE2 compound document).
  if (b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'office';
  return 'other';
}

const GIVE = {
  vi: 'hãy đưa ảnh PNG hoặc JPEG (ảnh chụp màn hình mã QR), tệp PDF của chứng nhận, hoặc văn bản bắt đầu bằng "HC1:"',
  en: 'give a PNG or JPEG picture (a screenshot of the QR code), the certificate\'s PDF, or the text starting with "HC1:"',
};

const KINDS: Partial<Record<FileKind, { vi: string; en: string }>> = {
  heic: { vi: 'đây là ảnh HEIC của iPhone, máy trạm không đọc được', en: "this is an iPhone HEIC photo, which the station cannot read" },
  avif: { vi: 'đây là ảnh AVIF, máy trạm không đọc được', en: 'this is an AVIF picture, which the station cannot read' },
  webp: { vi: 'đây là ảnh WebP, máy trạm không đọc được ở đây', en: 'this is a WebP picture, which the station cannot read here' },
  gif: { vi: 'đây là ảnh GIF, máy trạm không đọc được ở đây', en: 'this is a GIF picture, which the station cannot read here' },
  tiff: { vi: 'đây là ảnh TIFF (thường do máy quét tạo), máy trạm không đọc được', en: 'this is a TIFF picture (as scanners make), which the station cannot read' },
  zip: { vi: 'đây là tệp nén zip; hãy giải nén rồi chọn tệp ảnh hoặc PDF bên trong', en: 'this is a zip archive; unpack it and choose the picture or PDF inside' },
  office: { vi: 'đây là tệp Word/Excel/Office, không phải ảnh mã QR', en: 'this is a Word/Excel/Office file, not a picture of the QR code' },
};

/** IMAGE_INVALID naming the kind given and what to give instead; null for the kinds the station reads. */
export function refusedKind(kind: FileKind): StationError | null {
  const what = KINDS[kind];
  if (what === undefined) return null;
  return dccError('IMAGE_INVALID', { vi: `${what.vi}; ${GIVE.vi}`, en: `${what.en}; ${GIVE.en}` }, { kind });
}

/** Text that is a document, not an HC1: an SVG picture, a web page, XML. */
export function refusedMarkup(text: string): StationError | null {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) {
    return dccError('IMAGE_INVALID', { vi: `đây là ảnh vẽ SVG, máy trạm không đọc được mã trong đó; ${GIVE.vi}`, en: `this is an SVG drawing, in which the station cannot read a code; ${GIVE.en}` }, { kind: 'svg' });
  }
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) {
    return dccError('IMAGE_INVALID', { vi: `đây là trang web (HTML), không phải ảnh mã QR; ${GIVE.vi}`, en: `this is a web page (HTML), not a picture of the QR code; ${GIVE.en}` }, { kind: 'html' });
  }
  return null;
}

export const GIVE_INSTEAD = GIVE;
