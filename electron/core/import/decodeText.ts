import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { importError, importErrorAt, type ImportErrorPlace } from './importErrors.js';
import { singleBytePage, type SingleBytePage } from './singleBytePage.js';

/** A Western page (windows-1252, macintosh) is returned for readSheet.ts to refuse (lostLetters.ts). */
export type TextEncodingName = 'utf-8-bom' | 'utf-8' | 'utf-16le' | 'utf-16be' | SingleBytePage;

const utf16le = new TextDecoder('utf-16le', { fatal: true });

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): string {
  if (bytes.length % 2 !== 0) throw importError('IMPORT_BAD_ENCODING', { encoding: bigEndian ? 'utf-16be' : 'utf-16le', reason: 'odd byte count' });
  let le = bytes;
  if (bigEndian) {
    le = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i += 2) {
      le[i] = bytes[i + 1]!;
      le[i + 1] = bytes[i]!;
    }
  }
  try {
    return utf16le.decode(le);
  } catch (err) {
    throw importError('IMPORT_BAD_ENCODING', { encoding: bigEndian ? 'utf-16be' : 'utf-16le', reason: 'invalid UTF-16' }, err);
  }
}

/** UTF-16 written without a BOM: one of each byte pair is NUL for Latin and Vietnamese text. */
function guessBomlessUtf16(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'be';
  return null;
}

interface Utf8Evidence {
  /** Well-formed multi-byte sequences of what Vietnamese text is written with (`isVietnameseText`). */
  multiByte: number;
  /**
   * Places where the bytes are not UTF-8: runs of adjacent ill-formed sequences (Unicode §3.9,
   * maximal subparts), so that one stray byte that splits a letter counts once, not up to four times.
   */
  badPlaces: number;
  /** Byte offset of the first ill-formed sequence, -1 when none. */
  firstBad: number;
}

/**
 * The non-ASCII characters of Vietnamese lists: Latin-1 and Latin Extended-A/B up to ư (U+01B0),
 * the five tone marks (text written decomposed), Latin Extended Additional (ạ ả ấ ... ỹ), quotes,
 * dashes and the ellipsis, the euro. In Windows-1258 text read as UTF-8 a well-formed sequence is
 * mostly a tone byte before a symbol (ỳ” is y, 0xCC, 0x94: U+0314), which is none of these.
 */
function isVietnameseText(cp: number): boolean {
  if (cp <= 0x1b0) return cp >= 0xa0;
  if (cp <= 0x323) return cp === 0x300 || cp === 0x301 || cp === 0x303 || cp === 0x309 || cp === 0x323;
  return (cp >= 0x1ea0 && cp <= 0x1ef9) || (cp >= 0x2010 && cp <= 0x203a) || cp === 0x20ac;
}

/** Counts well- and ill-formed UTF-8 (Unicode Table 3-7) in bytes that isUtf8 rejected. */
function scanUtf8(bytes: Uint8Array): Utf8Evidence {
  let multiByte = 0;
  let badPlaces = 0;
  let firstBad = -1;
  let badEnd = -1; // just past the last ill-formed sequence
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    }
    let j = i + 1;
    let got = 0;
    let cp = b & (0x3f >> need);
    while (got < need) {
      const c = bytes[j];
      if (c === undefined || c < (got === 0 ? lo : 0x80) || c > (got === 0 ? hi : 0xbf)) break;
      cp = (cp << 6) | (c & 0x3f);
      j++;
      got++;
    }
    if (need > 0 && got === need) {
      if (isVietnameseText(cp)) multiByte++;
    } else {
      if (badEnd !== i) badPlaces++;
      if (firstBad === -1) firstBad = i;
      badEnd = j;
    }
    i = j;
  }
  return { multiByte, badPlaces, firstBad };
}

/**
 * UTF-8 with a few stray bytes (a "°" typed in an ANSI editor, a row pasted from a 1258 file),
 * not Windows-1258. In 1258 text a well-formed multi-byte sequence is a coincidence (a tone byte
 * followed by a symbol such as ” or °) while nearly every word with a Vietnamese letter has an
 * ill-formed one; in UTF-8 text it is the other way round. Decoding such a file as 1258 would turn
 * every name into mojibake ("LĂª VÄƒn") with only warnings, so it is refused instead.
 */
function isBrokenUtf8(evidence: Utf8Evidence): boolean {
  return evidence.badPlaces > 0 && evidence.multiByte > evidence.badPlaces;
}

/** Line (1-based; LF, CRLF or a lone CR ends one) and the text before `offset` on that line. */
function placeOf(bytes: Uint8Array, offset: number): { line: number; before: string } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = bytes[i];
    if (c === 0x0a || (c === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  // Up to 20 characters, read as UTF-8 (a window that starts inside a letter loses that letter).
  const from = Math.max(lineStart, offset - 80);
  const before = Buffer.from(bytes.buffer, bytes.byteOffset + from, offset - from).toString('utf8').normalize('NFC');
  return { line, before: Array.from(before).slice(-20).join('').replace(/^\ufffd+/, '').trim() };
}

function badUtf8Place(bytes: Uint8Array, offset: number, count: number): { line: number; place: ImportErrorPlace } {
  const { line, before } = placeOf(bytes, offset);
  const afterVi = before === '' ? 'ở đầu dòng' : `ngay sau "${before}"`;
  const afterEn = before === '' ? 'at the start of the line' : `right after "${before}"`;
  const moreVi = count > 1 ? ` (tệp có ${count} chỗ như vậy)` : '';
  const moreEn = count > 1 ? ` (${count} such places in the file)` : '';
  return {
    line,
    place: {
      vi: `Tệp viết bằng UTF-8 nhưng có ký tự hỏng ở dòng ${line}, ${afterVi} (vị trí byte ${offset} trong tệp)${moreVi}: hãy sửa hoặc gõ lại ký tự đó rồi lưu lại`,
      en: `The file is UTF-8 but has a broken character on line ${line}, ${afterEn} (byte offset ${offset})${moreEn}: correct or retype that character and save again`,
    },
  };
}

function unreadablePlace(bytes: Uint8Array, offset: number): { line: number; place: ImportErrorPlace } {
  const { line } = placeOf(bytes, offset);
  return {
    line,
    place: {
      vi: `Byte đầu tiên không đọc được ở dòng ${line} (vị trí byte ${offset} trong tệp)`,
      en: `The first unreadable byte is on line ${line} (byte offset ${offset})`,
    },
  };
}

/**
 * Bytes without a BOM that are not valid UTF-8: Windows-1258, unless they are UTF-8 with a few
 * stray bytes (then the first stray byte is named, so the clinic can fix that character), or read
 * as a Western code page, not as Vietnamese (singleBytePage.ts).
 */
function decodeSingleByte(bytes: Uint8Array): { text: string; encoding: SingleBytePage } {
  const evidence = scanUtf8(bytes);
  if (isBrokenUtf8(evidence)) {
    // UTF-8 with stray bytes, whether or not 1258 could read every byte: said as UTF-8, naming the stray.
    const offset = evidence.firstBad;
    const { line, place } = badUtf8Place(bytes, offset, evidence.badPlaces);
    throw importErrorAt('IMPORT_BAD_ENCODING', place, {
      encoding: 'utf-8',
      reason: 'UTF-8 with bytes that are not UTF-8',
      offset,
      line,
      badPlaces: evidence.badPlaces,
      goodMultiByteSequences: evidence.multiByte,
    });
  }
  const page = singleBytePage(bytes);
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), page);
  // A single-byte page is one byte per character (all in the BMP): a character offset is a byte offset.
  const unreadable = text.indexOf('\ufffd');
  if (unreadable !== -1) {
    const { line, place } = unreadablePlace(bytes, unreadable);
    throw importErrorAt('IMPORT_BAD_ENCODING', place, { encoding: page, reason: 'not UTF-8 and not Windows-1258', offset: unreadable, line });
  }
  return { text, encoding: page };
}

/** Text with many C0 control characters is a binary file that happens to decode. */
function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls++;
  }
  return controls > Math.max(2, sample.length * 0.01);
}

/**
 * Decodes a CSV/TSV file the way clinic PCs write them (DESIGN §9): a BOM decides (UTF-8, or
 * UTF-16 LE/BE, which Excel's "Unicode text" writes); without one, valid UTF-8 is UTF-8, UTF-8
 * with a few stray bytes is refused (naming the first), and anything else is Windows-1258, the
 * legacy Vietnamese code page, unless it reads as a Western one (1252, Mac Roman) and not as it. 1258 spells tones as combining marks after the vowel, so the text
 * is normalised to NFC (precomposed) for every encoding.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  let text: string;
  let encoding: TextEncodingName;
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    const body = bytes.subarray(3);
    if (!isUtf8(body)) {
      const evidence = scanUtf8(body);
      const offset = evidence.firstBad + 3;
      const { line, place } = badUtf8Place(bytes, offset, evidence.badPlaces);
      throw importErrorAt('IMPORT_BAD_ENCODING', place, { encoding, reason: 'byte order mark says UTF-8 but the bytes are not UTF-8', offset, line });
    }
    text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  } else if (b0 === 0xff && b1 === 0xfe) {
    if (bytes[2] === 0 && bytes[3] === 0) throw importError('IMPORT_BAD_ENCODING', { encoding: 'utf-32le', reason: 'UTF-32 is not supported' });
    encoding = 'utf-16le';
    text = decodeUtf16(bytes.subarray(2), false);
  } else if (b0 === 0xfe && b1 === 0xff) {
    encoding = 'utf-16be';
    text = decodeUtf16(bytes.subarray(2), true);
  } else {
    const bomless = guessBomlessUtf16(bytes);
    if (bomless) {
      encoding = bomless === 'le' ? 'utf-16le' : 'utf-16be';
      text = decodeUtf16(bytes, bomless === 'be');
    } else {
      if (bytes.includes(0)) throw importError('IMPORT_NOT_SPREADSHEET', { detected: 'binary' });
      // isUtf8 validates without decoding (simdutf): a 100 MB file is checked in milliseconds.
      if (isUtf8(bytes)) {
        text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
        encoding = 'utf-8';
      } else {
        ({ text, encoding } = decodeSingleByte(bytes));
      }
    }
  }
  if (looksBinary(text)) throw importError('IMPORT_NOT_SPREADSHEET', { detected: 'binary' });
  return { text: text.normalize('NFC'), encoding };
}
