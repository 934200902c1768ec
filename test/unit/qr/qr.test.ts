// QR rendering (matrix, PNG, SVG) and reading back from RGBA pixels and image files, including the
// awkward images a clinic gets: no quiet zone, 1 pixel per module, very large, inverted, JPEG.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../../shared/errors.js';
import { readQrFromRgba } from '../../../shared/qr/decode.js';
import { qrMatrix, qrToPng, qrToSvg } from '../../../shared/qr/encode.js';
import { crc32 } from '../../../shared/qr/png.js';
import { decodeImage, sniffImageType } from '../../../electron/core/image/decodeImage.js';

// An HC1-sized alphanumeric text (the VN sample is 825 characters).
const TEXT = 'HC1:' + '6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%NFQGRJPC%OQHIZC4.OI1RM8ZA.A5:S9MKN4NN3F85QNCY0O%0VZ001HOC9JU0D0HT0HB2PL/IB*09B9LW4T*8+DCMH0LDK2%K:XFE70*LP$V25$0Q:J:4MO1P0%0L0HD+9E/HY+4J6TH48S%4K.GJ2PT3QY:GQ3TE2I+-CPHN6D7LLK*2HG%89UV-0LZ 2ZJJ524-LH/CJTK96L6SR9MU9DHGZ%P WUQRENS431T1XCNCF+47AY0-IFO0500TGPN8F5G.41Q2E4T8ALW.INSV$ 07UV5SR+BNQHNML7 /KD3TU 4V*CAT3ZGLQMI/XI%ZJNSBBXK2:UG%UJMI:TU+MMPZ5$/PMX19UE:-PSR3/$NU44CBE6DQ3D7B0FBOFX0DV2DGMB$YPF62I$60/F$Z2I6IFX21XNI-LM%3/DF/U6Z9FEOJVRLVW6K$UG+BKK57:1+D10%4K83F+1VWD1NE';

function pngPixels(png: Uint8Array) {
  const img = decodeImage(png);
  return { ...img, read: () => readQrFromRgba(img.data, img.width, img.height) };
}

describe('QR rendering', () => {
  it('builds a Q-level matrix of 4·version+17 modules per side', () => {
    const m = qrMatrix(TEXT);
    expect(m.size).toBe(4 * m.version + 17);
    expect(m.modules).toHaveLength(m.size * m.size);
    expect(new Set(m.modules)).toEqual(new Set([0, 1]));
    // Q needs a larger symbol than M for the same text: the level really is Q.
    expect(qrMatrix(TEXT, 'M').version).toBeLessThan(m.version);
  });

  it('writes a valid greyscale PNG (signature, CRCs, size = (modules + 2·margin)·scale) that reads back', () => {
    const png = qrToPng(TEXT, { scale: 3, margin: 4 });
    const { size } = qrMatrix(TEXT);
    const parsed = PNG.sync.read(Buffer.from(png), { checkCRC: true } as never);
    expect(parsed.width).toBe((size + 8) * 3);
    expect(parsed.height).toBe(parsed.width);
    // IHDR CRC covers type + data (PNG §5.3).
    expect(new DataView(png.buffer).getUint32(29)).toBe(crc32(png, 12, 29));
    expect(pngPixels(png).read()).toBe(TEXT);
  });

  it('writes an SVG with a viewBox that includes the quiet zone', () => {
    const svg = qrToSvg(TEXT, { margin: 2, moduleSize: 5 });
    const { size } = qrMatrix(TEXT);
    expect(svg).toContain(`viewBox="0 0 ${size + 4} ${size + 4}"`);
    expect(svg).toContain(`width="${(size + 4) * 5}"`);
    expect(svg.match(/<path /g)).toHaveLength(1);
  });

  it('refuses text beyond QR capacity with QR_DATA_TOO_LARGE', () => {
    expect(() => qrMatrix('HC1:' + 'A'.repeat(5000))).toThrow(expect.objectContaining({ code: 'QR_DATA_TOO_LARGE' }));
  });
});

describe('QR reading', () => {
  it('reads an image without quiet zone', () => {
    expect(pngPixels(qrToPng(TEXT, { scale: 3, margin: 0 })).read()).toBe(TEXT);
  });

  it('reads a tiny image (1 pixel per module) and a large one (12 pixels per module)', () => {
    expect(pngPixels(qrToPng(TEXT, { scale: 1, margin: 2 })).read()).toBe(TEXT);
    const big = pngPixels(qrToPng(TEXT, { scale: 12 }));
    expect(big.width).toBeGreaterThan(1000);
    expect(big.read()).toBe(TEXT);
  });

  it('reads an inverted (light on dark) code', () => {
    const img = decodeImage(qrToPng(TEXT, { scale: 3 }));
    for (let i = 0; i < img.data.length; i += 4) for (let c = 0; c < 3; c++) img.data[i + c] = 255 - img.data[i + c]!;
    expect(readQrFromRgba(img.data, img.width, img.height)).toBe(TEXT);
  });

  it('reads a JPEG photo-like copy', () => {
    const img = decodeImage(qrToPng(TEXT, { scale: 4 }));
    const jpg = jpeg.encode({ data: img.data, width: img.width, height: img.height }, 80).data;
    const back = decodeImage(new Uint8Array(jpg));
    expect(back.type).toBe('jpeg');
    expect(readQrFromRgba(back.data, back.width, back.height)).toBe(TEXT);
  });

  it('throws QR_NOT_FOUND on an image without a code, IMAGE_INVALID on bad dimensions', () => {
    const blank = new Uint8ClampedArray(300 * 300 * 4).fill(255);
    expect(() => readQrFromRgba(blank, 300, 300)).toThrow(expect.objectContaining({ code: 'QR_NOT_FOUND' }));
    expect(() => readQrFromRgba(blank, 301, 300)).toThrow(expect.objectContaining({ code: 'IMAGE_INVALID' }));
    expect(() => readQrFromRgba(blank, 0, 0)).toThrow(StationError);
  });
});

describe('image decoding', () => {
  const png = qrToPng('HC1:ABC', { scale: 2 });

  it('sniffs PNG and JPEG from magic bytes, not from names', () => {
    expect(sniffImageType(png)).toBe('png');
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImageType(new TextEncoder().encode('GIF89a....'))).toBeNull();
  });

  it('gives IMAGE_INVALID for other formats, truncated and oversized images', () => {
    const jpg = new Uint8Array(jpeg.encode({ data: new Uint8Array(64 * 64 * 4).fill(200), width: 64, height: 64 }, 90).data);
    const huge = png.slice();
    new DataView(huge.buffer).setUint32(16, 100_000);
    const bad = [
      new TextEncoder().encode('GIF89a not supported'),
      new Uint8Array(0),
      png.slice(0, 20),
      png.slice(0, png.length - 30),
      jpg.slice(0, 120),
      huge,
    ];
    for (const bytes of bad) expect(() => decodeImage(bytes)).toThrow(expect.objectContaining({ code: 'IMAGE_INVALID' }));
  });
});
