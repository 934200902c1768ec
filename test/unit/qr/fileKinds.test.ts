// Files people hand the verify screen or `station dcc verify` that are not PNG, JPEG, PDF or text
// (probe 25): each is named for what it is, with what to give instead, never "neither a PNG/JPEG
// image nor HC1 text". A Windows bitmap is read.
import { describe, expect, it } from 'vitest';
import { hc1FromBytes } from '../../../electron/core/image/hc1FromInput.js';
import { qrMatrix } from '../../../shared/qr/encode.js';

const TEXT = 'HC1:' + 'NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOOK.IR9B+9D-6SN9T1L1QEH8N*1QAM7$I%Y6%K0ZB0A.4';
const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const withHead = (head: number[] | string, size = 256) => {
  const h = typeof head === 'string' ? ascii(head) : Uint8Array.from(head);
  const out = new Uint8Array(size);
  out.set(h);
  return out;
};

/** A 24-bit bottom-up BMP of the code, `px` pixels a module, quiet zone 4. */
function bmp(text: string, px: number): Uint8Array {
  const { size, modules } = qrMatrix(text, 'M');
  const side = (size + 8) * px;
  const rowBytes = Math.ceil((side * 3) / 4) * 4;
  const out = Buffer.alloc(54 + rowBytes * side);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(side, 18);
  out.writeInt32LE(side, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const [u, v] = [Math.floor(x / px) - 4, Math.floor(y / px) - 4];
      const dark = u >= 0 && v >= 0 && u < size && v < size && modules[v * size + u] === 1;
      out.fill(dark ? 0 : 255, 54 + (side - 1 - y) * rowBytes + x * 3, 54 + (side - 1 - y) * rowBytes + x * 3 + 3);
    }
  }
  return new Uint8Array(out);
}

const refusal = (bytes: Uint8Array, name = 'x') => {
  try {
    hc1FromBytes(bytes, name);
  } catch (err) {
    return err as { code: string; messageEn: string; messageVi: string };
  }
  throw new Error('read, not refused');
};

describe('a file that is not PNG, JPEG, PDF or text', () => {
  it('a Windows bitmap is read', () => {
    expect(hc1FromBytes(bmp(TEXT, 3), 'scan.bmp')).toEqual({ text: TEXT, fromImage: true });
  });

  it.each([
    ['an iPhone HEIC photo', withHead([0, 0, 0, 0x18, ...ascii('ftypheic')]), 'IMG_0001.HEIC', /iPhone HEIC/],
    ['a WebP picture', withHead('RIFF\x64\x00\x00\x00WEBPVP8 '), 'qr.webp', /WebP/],
    ['a GIF picture', withHead('GIF89a'), 'qr.gif', /GIF/],
    ['a TIFF scan', withHead([0x49, 0x49, 0x2a, 0]), 'scan.tif', /TIFF/],
    ['a zip archive', withHead('PK\x03\x04\x14\x00\x00\x00qr.png'), 'files.zip', /zip archive; unpack it/],
    ['a Word file', withHead('PK\x03\x04\x14\x00\x00\x00[Content_Types].xml'), 'cert.docx', /Word\/Excel/],
    ['an SVG drawing', ascii('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1v1H0z"/></svg>'), 'qr.svg', /SVG drawing/],
    ['a saved web page', ascii('<!DOCTYPE html><html><body><img src="qr.png"></body></html>'), 'cert.html', /web page/],
  ])('%s is named, with what to give instead', (_, bytes, name, what) => {
    const err = refusal(bytes, name);
    expect(err.code).toBe('IMAGE_INVALID');
    expect(err.messageEn).toMatch(what);
    expect(err.messageEn).toContain('give a PNG or JPEG picture');
    expect(err.messageVi).toContain('hãy đưa ảnh PNG hoặc JPEG');
  });

  it('binary data of no known kind says what is read', () => {
    expect(refusal(Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 200) & 0xff)).messageEn).toContain('not a picture, a PDF or HC1 text; give');
  });
});
