// A phone screenshot of a chat or a health app: the certificate's QR drawn by the screen at
// whatever size it was shown, 2.5 or 3.5 or 4.5 pixels a module, each pixel on a module's edge a
// grey of the share it covers. jsQR misread the grid at such sizes (probe 26: a certificate in the
// corner of a 1080×2400 screenshot at 3.5 px a module was "no code", at 3.2 and 3.8 it read).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readQrFromRgba } from '../../../shared/qr/decode.js';
import { qrMatrix } from '../../../shared/qr/encode.js';

const TEXT = readFileSync('../shared/testdata/dcc/vn/VAC_VN.hc1.txt', 'utf8').trim();
const { size, modules } = qrMatrix(TEXT, 'Q');

/** A W×H screen (an app bar on top) with the code, `px` pixels a module, in its bottom-right corner, anti-aliased as a screen scales it. */
function screenshot(W: number, H: number, px: number): Uint8ClampedArray {
  const data = new Uint8ClampedArray(W * H * 4).fill(244);
  for (let i = 0; i < W * Math.min(H, 200) * 4; i += 4) [data[i], data[i + 1], data[i + 2]] = [51, 102, 204];
  const side = Math.ceil((size + 8) * px);
  const [x0, y0] = [W - side, H - side];
  for (let y = y0; y < H; y++) {
    for (let x = x0; x < W; x++) {
      let dark = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const u = Math.floor((x - x0 + (sx + 0.5) / 4) / px) - 4;
          const v = Math.floor((y - y0 + (sy + 0.5) / 4) / px) - 4;
          if (u >= 0 && v >= 0 && u < size && v < size && modules[v * size + u]) dark++;
        }
      }
      const i = (y * W + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = 255 - (255 * dark) / 16;
    }
  }
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return data;
}

describe('a certificate drawn by a screen between whole pixels', () => {
  it.each([3.5, 4.5])('in the corner of a 1080×2400 phone screenshot at %s px a module, is read', (px) => {
    expect(readQrFromRgba(screenshot(1080, 2400, px), 1080, 2400)).toBe(TEXT);
  });

  it('cropped to the code at 2.5 px a module, is read', () => {
    const side = Math.ceil((size + 8) * 2.5);
    expect(readQrFromRgba(screenshot(side, side, 2.5), side, side)).toBe(TEXT);
  });
});
