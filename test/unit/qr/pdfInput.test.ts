// A PDF given to verify (probe 25): the page the station itself exports, a certificate printed to
// PDF elsewhere (a JPEG, a PNG-predicted RGB image with a soft mask, a 1-bit mask), a scan of
// several pages. Its pictures are searched for the QR; when none can be, the message asks for a
// screenshot instead of calling the file "neither a PNG/JPEG image nor HC1 text".
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { hc1FromBytes } from '../../../electron/core/image/hc1FromInput.js';
import { certificatePdf } from '../../../electron/core/sync/certificatePdf.js';
import { qrMatrix } from '../../../shared/qr/encode.js';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const hc1 = (length: number) => 'HC1:' + Array.from({ length }, () => ALPHANUMERIC[Math.floor(rnd() * ALPHANUMERIC.length)]).join('');
const TEXT = hc1(500);
const OTHER = hc1(300);

/** The code as grey pixels, `px` a module, with a 4-module quiet zone: 0 dark, 255 light. */
function grey(text: string, px: number): { side: number; pixels: Uint8Array } {
  const { size, modules } = qrMatrix(text, 'M');
  const side = (size + 8) * px;
  const pixels = new Uint8Array(side * side).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const [u, v] = [Math.floor(x / px) - 4, Math.floor(y / px) - 4];
      if (u >= 0 && v >= 0 && u < size && v < size && modules[v * size + u]) pixels[y * side + x] = 0;
    }
  }
  return { side, pixels };
}

/** A PDF of the given object bodies (object 1 onward), each a dictionary and, for a stream, its data. */
function pdf(objects: { dict: string; data?: Uint8Array }[], trailer = ''): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  objects.forEach((o, i) => {
    parts.push(Buffer.from(`${i + 1} 0 obj\n${o.dict}${o.data ? `\nstream\n` : ''}`, 'latin1'));
    if (o.data) parts.push(Buffer.from(o.data), Buffer.from('\nendstream', 'latin1'));
    parts.push(Buffer.from('\nendobj\n', 'latin1'));
  });
  parts.push(Buffer.from(`trailer\n<< /Root 1 0 R ${trailer}>>\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** PNG "Up" prediction of each row, as a PDF writer's FlateDecode with /Predictor 15 stores it. */
function predicted(rows: Uint8Array, rowBytes: number): Uint8Array {
  const n = rows.length / rowBytes;
  const out = new Uint8Array(n * (rowBytes + 1));
  for (let r = 0; r < n; r++) {
    out[r * (rowBytes + 1)] = 2;
    for (let i = 0; i < rowBytes; i++) out[r * (rowBytes + 1) + 1 + i] = (rows[r * rowBytes + i]! - (r > 0 ? rows[(r - 1) * rowBytes + i]! : 0)) & 0xff;
  }
  return out;
}

const catalog = [{ dict: '<< /Type /Catalog /Pages 2 0 R >>' }, { dict: '<< /Type /Pages /Kids [] /Count 0 >>' }];
const read = (bytes: Uint8Array) => hc1FromBytes(bytes, 'certificate.pdf');

describe('a PDF given to verify', () => {
  it("the station's own exported certificate PDF is read", () => {
    const bytes = certificatePdf({ fields: [], hc1: TEXT, title: 'URN:UVCI:01:VN:TEST', createdAt: new Date('2026-01-01T00:00:00Z') });
    expect(read(bytes)).toEqual({ text: TEXT, fromImage: true });
  });

  it('a printed page with the QR as a JPEG (DCTDecode) is read', () => {
    const { side, pixels } = grey(TEXT, 4);
    const rgba = Buffer.alloc(side * side * 4);
    pixels.forEach((v, i) => rgba.fill(v, i * 4, i * 4 + 3).writeUInt8(255, i * 4 + 3));
    const jpg = jpeg.encode({ width: side, height: side, data: rgba }, 70).data;
    const bytes = pdf([...catalog, { dict: `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpg.length} >>`, data: jpg }]);
    expect(read(bytes).text).toBe(TEXT);
  });

  it('a transparent QR printed by a browser (black RGB, PNG-predicted, shape in the /SMask) is read', () => {
    const { side, pixels } = grey(TEXT, 3);
    const black = new Uint8Array(side * side * 3);
    const alpha = pixels.map((v) => 255 - v);
    const colour = deflateSync(predicted(black, side * 3));
    const mask = deflateSync(predicted(alpha, side));
    const parms = (colors: number) => `/DecodeParms << /Predictor 15 /Colors ${colors} /Columns ${side} /BitsPerComponent 8 >>`;
    const bytes = pdf([
      ...catalog,
      { dict: `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace 5 0 R /BitsPerComponent 8 /SMask 4 0 R /Filter /FlateDecode ${parms(3)} /Length 6 0 R >>`, data: colour },
      { dict: `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode ${parms(1)} /Length ${mask.length} >>`, data: mask },
      { dict: '[/ICCBased 7 0 R]' },
      { dict: `${colour.length}` },
    ]);
    expect(read(bytes).text).toBe(TEXT);
  });

  it('a 1-bit image mask, one pixel a module, is read', () => {
    const { side, pixels } = grey(TEXT, 1);
    const rowBytes = Math.ceil(side / 8);
    const bits = new Uint8Array(rowBytes * side);
    pixels.forEach((v, i) => {
      const [y, x] = [Math.floor(i / side), i % side];
      if (v !== 0) bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    });
    const data = deflateSync(bits);
    const bytes = pdf([...catalog, { dict: `<< /Subtype /Image /Width ${side} /Height ${side} /ImageMask true /Filter [/FlateDecode] /Length ${data.length} >>`, data }]);
    expect(read(bytes).text).toBe(TEXT);
  });

  it('a scan of several pages: the certificate is found on page 2, past a photo without a code', () => {
    const photo = deflateSync(Uint8Array.from({ length: 120 * 90 }, (_, i) => (i * 37) % 251));
    const { side, pixels } = grey(TEXT, 2);
    const qr = deflateSync(pixels);
    const bytes = pdf([
      ...catalog,
      { dict: `<< /Subtype /Image /Width 120 /Height 90 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${photo.length} >>`, data: photo },
      { dict: `<< /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${qr.length} >>`, data: qr },
    ]);
    expect(read(bytes).text).toBe(TEXT);
  });

  it('two pages with two different certificates are several, not the first one checked', () => {
    const page = (text: string) => {
      const { side, pixels } = grey(text, 2);
      const data = deflateSync(pixels);
      return { dict: `<< /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>`, data };
    };
    expect(() => read(pdf([...catalog, page(TEXT), page(OTHER)]))).toThrow(expect.objectContaining({ code: 'HC1_SEVERAL_CODES', details: { codes: 2 } }));
    // The same certificate on two pages is one.
    expect(read(pdf([...catalog, page(TEXT), page(TEXT)])).text).toBe(TEXT);
  });

  it('a PDF whose QR is drawn as shapes asks for a screenshot', () => {
    const content = Buffer.from('0 0 0 rg 10 10 5 5 re f 20 10 5 5 re f');
    const bytes = pdf([...catalog, { dict: `<< /Length ${content.length} >>`, data: content }]);
    expect(() => read(bytes)).toThrow(expect.objectContaining({ code: 'QR_NOT_FOUND', messageEn: expect.stringContaining('take a screenshot of the QR code') }));
  });

  it('an encrypted PDF is said to be encrypted', () => {
    const bytes = pdf([...catalog, { dict: '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>' }], '/Encrypt 3 0 R ');
    expect(() => read(bytes)).toThrow(expect.objectContaining({ code: 'IMAGE_INVALID', messageEn: expect.stringContaining('encrypted') }));
  });
});
