// A picture of a certificate beside another code (a clinic's page with a link's QR, a chat with a
// Zalo code): the certificate is read and the other passed over (probe 25), but the user was never
// told there was another (probe 26). The report now says what it was, not what it says.
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { verifyDccInput } from '../../../electron/core/sync/verifyDccInput.js';
import { readQrCodesFromRgba } from '../../../shared/qr/decode.js';
import { qrMatrix } from '../../../shared/qr/encode.js';

const VN = readFileSync('../shared/testdata/dcc/vn/VAC_VN.hc1.txt', 'utf8').trim();
const ZALO = 'https://zalo.me/g/phongkham-quan3-xyz';
const LINK = 'https://phongkham.example.vn/dat-lich?ma=0912345678';

/** A white page with each code drawn at (x, y), `px` pixels a module. */
function page(width: number, height: number, codes: { text: string; x: number; y: number; px: number }[]): PNG {
  const png = new PNG({ width, height });
  png.data.fill(255);
  for (const { text, x: x0, y: y0, px } of codes) {
    const { size, modules } = qrMatrix(text, 'M');
    for (let y = 0; y < size * px; y++) {
      for (let x = 0; x < size * px; x++) {
        if (!modules[Math.floor(y / px) * size + Math.floor(x / px)]) continue;
        const i = ((y0 + y) * width + x0 + x) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
      }
    }
  }
  return png;
}

describe('a certificate beside another code', () => {
  it('is read, and the code passed over is given back', () => {
    const png = page(900, 700, [
      { text: VN, x: 30, y: 30, px: 4 },
      { text: ZALO, x: 620, y: 60, px: 5 },
    ]);
    expect(readQrCodesFromRgba(png.data, png.width, png.height)).toEqual({ text: VN, passedOver: [ZALO] });
  });

  it('the verify report warns that it was passed over, naming its kind and not its content', async () => {
    const png = page(900, 700, [
      { text: VN, x: 30, y: 30, px: 4 },
      { text: LINK, x: 620, y: 60, px: 5 },
    ]);
    const base64 = PNG.sync.write(png).toString('base64');
    const report = await verifyDccInput({ file: { name: 'trang.png', base64 } }, [], new Date('2022-05-01T00:00:00Z'));
    expect(report.text).toBe(VN);
    const warning = report.warnings.find((w) => w.code === 'QR_OTHER_CODE_PASSED_OVER');
    expect(warning?.message_en).toContain('web address (phongkham.example.vn)');
    expect(warning?.message_en).toContain("only the certificate's code was checked");
    expect(warning?.message_vi).toContain('chỉ mã chứng nhận được kiểm tra');
    expect(warning?.message).not.toContain('0912345678');
  });

  it('a certificate alone has no such warning', async () => {
    const png = page(500, 500, [{ text: VN, x: 30, y: 30, px: 4 }]);
    const report = await verifyDccInput({ file: { name: 'qr.png', base64: PNG.sync.write(png).toString('base64') } }, [], new Date('2022-05-01T00:00:00Z'));
    expect(report.text).toBe(VN);
    expect(report.warnings.map((w) => w.code)).not.toContain('QR_OTHER_CODE_PASSED_OVER');
  });
});
