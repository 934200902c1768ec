import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../electron/core/import/decodeText.js';
import { encodeText, toWindows1258Form } from '../../fixtures/clinicFiles.js';

const TEXT = 'Họ và tên;Ngày sinh\r\nNguyễn Văn Đức;01/02/1990\r\nTrần Thị Hương;3/4/1985\r\n';

function refusal(bytes: Uint8Array): { code: string; details: unknown } {
  try {
    decodeText(bytes);
  } catch (err) {
    return { code: (err as { code: string }).code, details: (err as { details: unknown }).details };
  }
  throw new Error('expected a refusal');
}

describe('decodeText (clinic CSV encodings)', () => {
  it.each([
    ['utf-8', 'utf-8'],
    ['utf-8-bom', 'utf-8-bom'],
    ['utf-16le', 'utf-16le'],
    ['utf-16be', 'utf-16be'],
    ['windows-1258', 'windows-1258'],
  ] as const)('reads %s and gives precomposed (NFC) text', (encoding, detected) => {
    const { text, encoding: found } = decodeText(encodeText(TEXT, encoding));
    expect(found).toBe(detected);
    expect(text).toBe(TEXT.normalize('NFC'));
  });

  it('reads Windows-1258 tone marks (combining bytes) as the precomposed letters', () => {
    const bytes = iconv.encode(toWindows1258Form('Nguyễn'), 'windows-1258');
    // 1258 has ê precomposed (0xEA) and the tilde as a combining byte (0xDE).
    expect([...bytes]).toEqual([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e]);
    expect(decodeText(bytes).text).toBe('Nguyễn');
  });

  it('reads UTF-16 written without a byte order mark', () => {
    expect(decodeText(Buffer.from(TEXT, 'utf16le'))).toEqual({ text: TEXT, encoding: 'utf-16le' });
    expect(decodeText(Buffer.from(TEXT, 'utf16le').swap16())).toEqual({ text: TEXT, encoding: 'utf-16be' });
  });

  it('refuses a UTF-8 byte order mark over bytes that are not UTF-8 (IMPORT_BAD_ENCODING)', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode('Hương', 'windows-1258')]);
    expect(refusal(bytes).code).toBe('IMPORT_BAD_ENCODING');
  });

  it('refuses bytes that are neither UTF-8 nor Windows-1258 (IMPORT_BAD_ENCODING)', () => {
    expect(refusal(Buffer.from([0x61, 0x2c, 0x81, 0x8d, 0x0a]))).toMatchObject({ code: 'IMPORT_BAD_ENCODING', details: { encoding: 'windows-1258' } });
  });

  it('refuses broken UTF-16 and UTF-32 (IMPORT_BAD_ENCODING)', () => {
    expect(refusal(Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x62])).code).toBe('IMPORT_BAD_ENCODING');
    expect(refusal(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x61, 0x00])).code).toBe('IMPORT_BAD_ENCODING');
    expect(refusal(Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00])).code).toBe('IMPORT_BAD_ENCODING');
  });

  it('refuses binary data as not a spreadsheet', () => {
    expect(refusal(Buffer.from([0x01, 0x02, 0x00, 0x41, 0x03, 0x04, 0x05, 0x06, 0x07, 0x00])).code).toBe('IMPORT_NOT_SPREADSHEET');
    expect(refusal(Buffer.from('\x01\x02\x03\x04\x05\x06abc\x07\x08', 'latin1')).code).toBe('IMPORT_NOT_SPREADSHEET');
  });
});
