// Session 26, a mutation probe of session 25's PDF reading: each case fails for one change to
// hc1FromPdf.ts or fileKind.ts that left pdfInput.test.ts green, and each refuses a certificate the
// station can read.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hc1FromBytes } from '../../../electron/core/image/hc1FromInput.js';
import { qrMatrix } from '../../../shared/qr/encode.js';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
let seed = 11;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const TEXT = 'HC1:' + Array.from({ length: 400 }, () => ALPHANUMERIC[Math.floor(rnd() * ALPHANUMERIC.length)]).join('');
const LINK = 'https://tiemchungcovid19.gov.vn/portal/search';

/** A page image of the code as grey pixels, two pixels a module, with its quiet zone. */
function page(text: string): { dict: string; data: Uint8Array } {
  const { size, modules } = qrMatrix(text, 'M');
  const side = (size + 8) * 2;
  const pixels = new Uint8Array(side * side).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const [u, v] = [Math.floor(x / 2) - 4, Math.floor(y / 2) - 4];
      if (u >= 0 && v >= 0 && u < size && v < size && modules[v * size + u]) pixels[y * side + x] = 0;
    }
  }
  const data = deflateSync(pixels);
  return { dict: `<< /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>`, data };
}

function pdf(objects: { dict: string; data?: Uint8Array }[], before = ''): Uint8Array {
  const parts: Buffer[] = [Buffer.from(`${before}%PDF-1.5\n`, 'latin1')];
  objects.forEach((o, i) => {
    parts.push(Buffer.from(`${i + 1} 0 obj\n${o.dict}${o.data ? '\nstream\n' : ''}`, 'latin1'));
    if (o.data) parts.push(Buffer.from(o.data), Buffer.from('\nendstream', 'latin1'));
    parts.push(Buffer.from('\nendobj\n', 'latin1'));
  });
  parts.push(Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

const catalog = [{ dict: '<< /Type /Catalog /Pages 2 0 R >>' }, { dict: '<< /Type /Pages /Kids [] /Count 0 >>' }];

describe('a PDF with the certificate', () => {
  it('beside a link\'s QR on an earlier page: the certificate is read, not the link', () => {
    expect(hc1FromBytes(pdf([...catalog, page(LINK), page(TEXT)]), 'certificate.pdf').text).toBe(TEXT);
  });

  it('after a few bytes before "%PDF-" (a mail gateway\'s line, a BOM): still read as a PDF', () => {
    expect(hc1FromBytes(pdf([...catalog, page(TEXT)], '\uFEFF\r\n'), 'certificate.pdf').text).toBe(TEXT);
  });
});
