import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { importError } from './importErrors.js';

export type TextEncodingName = 'utf-8-bom' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

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
 * UTF-16 LE/BE, which Excel's "Unicode text" writes); without one, valid UTF-8 is UTF-8 and
 * anything else is Windows-1258, the legacy Vietnamese code page. 1258 spells tones as combining
 * marks after the vowel, so the text is normalised to NFC (precomposed) for every encoding.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  let text: string;
  let encoding: TextEncodingName;
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    const body = bytes.subarray(3);
    if (!isUtf8(body)) throw importError('IMPORT_BAD_ENCODING', { encoding, reason: 'byte order mark says UTF-8 but the bytes are not UTF-8' });
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
        encoding = 'windows-1258';
        text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1258');
        const bad = text.indexOf('\ufffd');
        if (bad !== -1) {
          throw importError('IMPORT_BAD_ENCODING', { encoding, reason: 'not UTF-8 and not Windows-1258', offset: bad });
        }
      }
    }
  }
  if (looksBinary(text)) throw importError('IMPORT_NOT_SPREADSHEET', { detected: 'binary' });
  return { text: text.normalize('NFC'), encoding };
}
