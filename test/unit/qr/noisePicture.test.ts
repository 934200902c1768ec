// A photo with no code in it (probe 26: a 4000×3000 picture of noise searched for the whole 20 s
// deadline before "no code", the core's worker busy all along). jsQR binarises each pixel against
// its neighbourhood, so noise becomes random bits and its finder search meets candidates by the
// million; the reader now skips the sizes where the picture is specks, and searches the averaged
// ones. A grainy, turned, dim photo of a real code, as large, is still read.
import { describe, expect, it } from 'vitest';
import { scanForHc1 } from '../../../electron/core/image/qrScan.js';
import { readQrFromRgba } from '../../../shared/qr/decode.js';
import { qrMatrix } from '../../../shared/qr/encode.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const rand = seededRandom(26);
const TEXT = 'HC1:' + Array.from({ length: 560 }, () => ALPHANUMERIC[Math.floor(rand() * ALPHANUMERIC.length)]).join('');
const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());

/** A W×H camera frame: the code `modulePx` a module, turned by `deg`, at (ox, oy), dim (`contrast` of 235 grey levels), with grain of `grain` levels; no code when modulePx is 0. */
function photo(W: number, H: number, opts: { modulePx: number; deg: number; ox: number; oy: number; contrast: number; grain: number }): Uint8Array {
  const { size, modules } = qrMatrix(TEXT, 'M');
  const { modulePx, deg, ox, oy, contrast, grain } = opts;
  const side = (size + 8) * modulePx;
  const [c, s] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
  const data = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let dark = false;
      if (modulePx > 0) {
        const [dx, dy] = [x - ox - side / 2, y - oy - side / 2];
        const u = Math.floor((c * dx + s * dy + side / 2) / modulePx) - 4;
        const v = Math.floor((-s * dx + c * dy + side / 2) / modulePx) - 4;
        dark = u >= 0 && v >= 0 && u < size && v < size && !!modules[v * size + u];
      }
      const g = 128 + (dark ? -contrast / 2 : contrast / 2) * (0.7 + (0.3 * x) / W) + grain * gauss();
      const i = (y * W + x) * 4;
      data[i] = g;
      data[i + 1] = g * 0.97;
      data[i + 2] = g * 0.92;
      data[i + 3] = 255;
    }
  }
  return data;
}

describe('a large photo', () => {
  it('of noise, with no code, is said to hold none well before the deadline', async () => {
    const [W, H] = [4000, 3000];
    const data = new Uint8Array(W * H * 4);
    for (let i = 0; i < data.length; i++) data[i] = (i & 3) === 3 ? 255 : Math.floor(rand() * 256);
    const started = Date.now();
    const err = await scanForHc1({ kind: 'rgba', data, width: W, height: H }, { deadlineMs: 15_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'QR_NOT_FOUND' });
    // Not "searching the picture took over 15 seconds": the search ended with nothing found.
    expect((err as Error).message).not.toMatch(/took over/);
    expect(Date.now() - started).toBeLessThan(12_000);
  });

  it('of a grainy, turned, dim certificate, as large, is still read', () => {
    const [W, H] = [4000, 3000];
    const data = photo(W, H, { modulePx: 14, deg: 12, ox: 1400, oy: 900, contrast: 160, grain: 20 });
    expect(readQrFromRgba(data, W, H)).toBe(TEXT);
  });
});
