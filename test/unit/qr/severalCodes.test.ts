// A picture holds more than the certificate: a clinic's page with a link's QR beside it, a screenshot
// of a chat with a bank's VietQR, a page with two family members' certificates. jsQR answers with
// one code, which one depending on the picture's size (probe 25): the certificate was refused as
// "starts with http", or one of two certificates was checked and the other never mentioned.
import { describe, expect, it } from 'vitest';
import jsQRModule from 'jsqr';
import { readQrFromRgba } from '../../../shared/qr/decode.js';
import { qrMatrix } from '../../../shared/qr/encode.js';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
let seed = 25;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const hc1 = (length: number) => 'HC1:' + Array.from({ length }, () => ALPHANUMERIC[Math.floor(rnd() * ALPHANUMERIC.length)]).join('');
const FIRST = hc1(400);
const SECOND = hc1(300);
const LINK = 'https://example.com/clinic/booking?id=1234567890';

type Sheet = { data: Uint8ClampedArray; width: number; height: number };
function sheet(width: number, height: number): Sheet {
  return { data: new Uint8ClampedArray(width * height * 4).fill(255), width, height };
}
/** The code drawn at (x0, y0), `px` pixels a module, with its 4-module quiet zone. */
function draw(s: Sheet, text: string, x0: number, y0: number, px: number): void {
  const { size, modules } = qrMatrix(text, 'M');
  for (let y = 0; y < size * px; y++) {
    for (let x = 0; x < size * px; x++) {
      if (!modules[Math.floor(y / px) * size + Math.floor(x / px)]) continue;
      const i = ((y0 + 4 * px + y) * s.width + x0 + 4 * px + x) * 4;
      s.data[i] = s.data[i + 1] = s.data[i + 2] = 0;
    }
  }
}
const read = (s: Sheet) => readQrFromRgba(s.data, s.width, s.height);
type JsQr = (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
const jsQR: JsQr = typeof jsQRModule === 'function' ? (jsQRModule as unknown as JsQr) : (jsQRModule as unknown as { default: JsQr }).default;

describe('a picture with more than one QR code', () => {
  it('beside a link, the certificate is read, whichever code jsQR finds first', () => {
    const s = sheet(900, 900);
    draw(s, LINK, 600, 20, 3);
    draw(s, FIRST, 20, 300, 5);
    // The premise: read once, the picture gives the link.
    expect(jsQR(s.data, s.width, s.height)?.data).toBe(LINK);
    expect(read(s)).toBe(FIRST);
  });

  it('two certificates are refused as several, not one of them checked', () => {
    const s = sheet(1000, 700);
    draw(s, FIRST, 10, 10, 6);
    draw(s, SECOND, 560, 10, 4);
    expect(() => read(s)).toThrow(expect.objectContaining({ code: 'HC1_SEVERAL_CODES', details: { codes: 2 } }));
  });

  it('two certificates of one size side by side are several, not "no code found"', () => {
    const s = sheet(1000, 520);
    draw(s, FIRST, 10, 10, 5);
    draw(s, hc1(400), 510, 10, 5);
    expect(() => read(s)).toThrow(expect.objectContaining({ code: 'HC1_SEVERAL_CODES' }));
  });

  it('a picture of another code alone gives its text, for the HC1 check to say what it is', () => {
    const s = sheet(400, 400);
    draw(s, LINK, 20, 20, 6);
    expect(read(s)).toBe(LINK);
  });
});
