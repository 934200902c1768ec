import jsQRModule from 'jsqr';
import { dccError } from '../dcc/dccErrors.js';

interface Point {
  x: number;
  y: number;
}
interface JsQrCode {
  data: string;
  location: { topLeftCorner: Point; topRightCorner: Point; bottomLeftCorner: Point; bottomRightCorner: Point };
}
type JsQr = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'attemptBoth' }) => JsQrCode | null;

// jsqr is a webpack UMD bundle: Node's ESM loader hands over module.exports (the function), a
// bundler may hand over `{ default }`. Accept both.
const jsQR: JsQr =
  typeof jsQRModule === 'function' ? (jsQRModule as unknown as JsQr) : (jsQRModule as unknown as { default: JsQr }).default;

interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Adds a white border: some published QR images have a quiet zone too thin for the locator. */
function pad(img: Rgba, border: number): Rgba {
  const width = img.width + 2 * border;
  const height = img.height + 2 * border;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < img.height; y++) {
    data.set(img.data.subarray(y * img.width * 4, (y + 1) * img.width * 4), ((y + border) * width + border) * 4);
  }
  return { data, width, height };
}

/** Box-filter downscale by an integer factor: large photos and scans locate faster and better. */
function shrink(img: Rgba, factor: number): Rgba {
  const width = Math.floor(img.width / factor);
  const height = Math.floor(img.height / factor);
  const data = new Uint8ClampedArray(width * height * 4);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0, g = 0, b = 0;
      for (let dy = 0; dy < factor; dy++) {
        let i = ((y * factor + dy) * img.width + x * factor) * 4;
        for (let dx = 0; dx < factor; dx++, i += 4) {
          r += img.data[i]!;
          g += img.data[i + 1]!;
          b += img.data[i + 2]!;
        }
      }
      const o = (y * width + x) * 4;
      data[o] = r / area;
      data[o + 1] = g / area;
      data[o + 2] = b / area;
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

/** Nearest-neighbour upscale: tiny images (1 pixel per module) are below jsQR's sampling grid. */
function grow(img: Rgba, factor: number): Rgba {
  const width = img.width * factor;
  const height = img.height * factor;
  const data = new Uint8ClampedArray(width * height * 4);
  const src = new Uint32Array(img.data.buffer, img.data.byteOffset, img.width * img.height);
  const dst = new Uint32Array(data.buffer);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / factor) * img.width;
    for (let x = 0; x < width; x++) dst[y * width + x] = src[row + Math.floor(x / factor)]!;
  }
  return { data, width, height };
}

/**
 * Bilinear resampling by any factor. A screenshot shows a code at whatever size the screen drew it,
 * 2.5 or 3.5 or 4.5 pixels a module, with grey pixels where a module's edge falls inside one: jsQR
 * misreads its grid there (probe 26: a certificate in a 1080×2400 screenshot at 3.5 px a module
 * was "no code", at 3.2 and 3.8 it read). Drawn again 1.5 times larger, the grid reads.
 */
function resample(img: Rgba, factor: number): Rgba {
  const width = Math.round(img.width * factor);
  const height = Math.round(img.height * factor);
  const data = new Uint8ClampedArray(width * height * 4);
  const src = img.data;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(img.height - 1, Math.max(0, (y + 0.5) / factor - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(img.width - 1, Math.max(0, (x + 0.5) / factor - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(img.width - 1, x0 + 1);
      const fx = sx - x0;
      const o = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const top = src[(y0 * img.width + x0) * 4 + c]! * (1 - fx) + src[(y0 * img.width + x1) * 4 + c]! * fx;
        const bottom = src[(y1 * img.width + x0) * 4 + c]! * (1 - fx) + src[(y1 * img.width + x1) * 4 + c]! * fx;
        data[o + c] = top * (1 - fy) + bottom * fy;
      }
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

/**
 * Box blur of radius r on the grey level (two passes of running sums: linear in the pixel count,
 * whatever r). A phone photo's sensor grain breaks jsQR's binarisation into specks that hide the
 * finder patterns; averaging over a module-sized window removes the specks and keeps the modules.
 */
function blur(img: Rgba, r: number): Rgba {
  const { width, height } = img;
  const grey = new Float32Array(width * height);
  for (let p = 0, i = 0; p < grey.length; p++, i += 4) grey[p] = (img.data[i]! + img.data[i + 1]! + img.data[i + 2]!) / 3;
  const rows = new Float32Array(grey.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    let n = 0;
    for (let x = 0; x < Math.min(r, width); x++, n++) sum += grey[row + x]!;
    for (let x = 0; x < width; x++) {
      if (x + r < width) (sum += grey[row + x + r]!), n++;
      if (x - r - 1 >= 0) (sum -= grey[row + x - r - 1]!), n--;
      rows[row + x] = sum / n;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let x = 0; x < width; x++) {
    let sum = 0;
    let n = 0;
    for (let y = 0; y < Math.min(r, height); y++, n++) sum += rows[y * width + x]!;
    for (let y = 0; y < height; y++) {
      if (y + r < height) (sum += rows[(y + r) * width + x]!), n++;
      if (y - r - 1 >= 0) (sum -= rows[(y - r - 1) * width + x]!), n--;
      const o = (y * width + x) * 4;
      data[o] = data[o + 1] = data[o + 2] = sum / n;
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

/**
 * Above this share of specks (below), a search is skipped. Noise has 0.2–0.28 until it is averaged
 * flat; a clean code under 0.01; a grainy photo's code reads where its grain is averaged to
 * 0.03–0.09 (probe 26).
 */
const MAX_SPECKLE = 0.1;
/** jsQR takes an 8×8 block whose grey levels span less than this as flat, not as dark and light (its MIN_DYNAMIC_RANGE). */
const FLAT_RANGE = 24;
const MIN_SPECKLE_PIXELS = 250_000;

/**
 * Whether the picture is salt and pepper at its own scale: the share of pixels (every third row)
 * on the other side of their 7-pixel neighbourhood's mean than both their neighbours — a speck —
 * where that neighbourhood is not flat to jsQR. jsQR binarises each pixel against its block's
 * mean, so a speckled picture becomes random bits: its finder search meets candidates by the
 * million (a 4000×3000 photo of noise: 5 s at 800 pixels, 17 s at 2000, 77 s whole, probe 26) and
 * a code's modules do not survive it (a grainy photo reads averaged, never as it is). Such a try is
 * skipped; the shrunk and blurred ones, where the specks are averaged away, are searched.
 */
function speckled(img: Rgba): boolean {
  const { data, width, height } = img;
  // A small picture searches fast whatever it holds, and a code of one pixel a module is all specks.
  if (width * height < MIN_SPECKLE_PIXELS || width < 16) return false;
  const grey = new Float32Array(width);
  let specks = 0;
  let seen = 0;
  for (let y = 1; y < height; y += 3) {
    for (let x = 0, i = y * width * 4; x < width; x++, i += 4) grey[x] = (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
    for (let x = 3; x < width - 3; x++, seen++) {
      let sum = 0;
      let lo = 255;
      let hi = 0;
      for (let k = x - 3; k <= x + 3; k++) {
        const v = grey[k]!;
        sum += v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi - lo < FLAT_RANGE) continue;
      const mean = sum / 7;
      const v = grey[x]!;
      if (v > mean ? grey[x - 1]! < mean && grey[x + 1]! < mean : v < mean && grey[x - 1]! > mean && grey[x + 1]! > mean) specks++;
    }
  }
  return seen > 0 && specks / seen > MAX_SPECKLE;
}

/**
 * The picture with the code found at `at` painted over, in the colour of the picture's corner
 * (white on a page, black in dark mode), one module beyond its edges: searched again, the next code
 * shows.
 */
function paintOver(img: Rgba, at: JsQrCode['location']): Rgba {
  const corners = [at.topLeftCorner, at.topRightCorner, at.bottomLeftCorner, at.bottomRightCorner];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  // A QR is at least 21 modules a side: a twentieth of its side is about a module.
  const margin = Math.ceil(Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / 20);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)) - margin);
  const x1 = Math.min(img.width, Math.ceil(Math.max(...xs)) + margin);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)) - margin);
  const y1 = Math.min(img.height, Math.ceil(Math.max(...ys)) + margin);
  const data = new Uint8ClampedArray(img.data);
  const fill = data.subarray(0, 4);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.set(fill, (y * img.width + x) * 4);
  return { data, width: img.width, height: img.height };
}

const isHc1 = (text: string) => /^HC1:/i.test(text);
/** Codes looked for in one picture: a certificate, the one beside it, and a couple of others (a shop's, a link). */
const MAX_CODES = 4;

/**
 * The codes jsQR finds in one picture, each painted over before the next search. jsQR answers
 * with one code only, and which one depends on the picture's size: beside a link's QR, the
 * certificate was refused as "starts with http" or read, by chance; of two certificates on one
 * page, one was checked and the other never mentioned (probe 25). A picture of one code costs a
 * second search, over a picture with that code painted out.
 */
function codesIn(img: Rgba): string[] {
  const texts: string[] = [];
  let current = img;
  while (texts.length < MAX_CODES && texts.filter(isHc1).length < 2) {
    const found = jsQR(current.data, current.width, current.height, { inversionAttempts: 'attemptBoth' });
    // The same code again: painting it over did not hide it; nothing new will come.
    if (found === null || found.data === '' || texts.includes(found.data)) break;
    texts.push(found.data);
    current = paintOver(current, found.location);
  }
  return texts;
}

/** Two halves of the picture, side by side and one above the other: two codes of one size side by side confuse jsQR's locator. */
function halves(img: Rgba): Rgba[] {
  const crop = (x: number, y: number, w: number, h: number): Rgba => {
    const data = new Uint8ClampedArray(w * h * 4);
    for (let r = 0; r < h; r++) data.set(img.data.subarray(((y + r) * img.width + x) * 4, ((y + r) * img.width + x + w) * 4), r * w * 4);
    return { data, width: w, height: h };
  };
  const [w2, h2] = [Math.floor(img.width / 2), Math.floor(img.height / 2)];
  return [crop(0, 0, w2, img.height), crop(w2, 0, img.width - w2, img.height), crop(0, 0, img.width, h2), crop(0, h2, img.width, img.height - h2)];
}

function severalCertificates(count: number) {
  return dccError(
    'HC1_SEVERAL_CODES',
    {
      vi: `ảnh có ${count} mã QR chứng nhận; hãy cắt ảnh để chỉ còn một mã, rồi xác minh từng mã một`,
      en: `the picture holds ${count} certificate QR codes; crop it to one code and verify them one at a time`,
    },
    { codes: count },
  );
}

/**
 * Reads the QR code in an RGBA image (4 bytes per pixel, row by row). Tries the image as it is,
 * then with a wider quiet zone, then resampled (a large one resampled first), then with a photo's
 * grain averaged away, then by halves. The certificate (an "HC1:" code) is what is looked for:
 * another code beside it (a link, a bank's VietQR) is passed over, and a picture of other codes
 * only gives the first of them, for the HC1 check to say what it is. Throws `HC1_SEVERAL_CODES`
 * when the picture holds two certificates (which one was meant cannot be told), `QR_NOT_FOUND`
 * when nothing reads.
 */
export function readQrFromRgba(data: Uint8ClampedArray | Uint8Array, width: number, height: number): string {
  return readQrCodesFromRgba(data, width, height).text;
}

/** What a picture gave: the code read, and the other codes passed over beside a certificate (a link, a Zalo code), for the report to say so. */
export interface QrReading {
  text: string;
  passedOver: string[];
}

/** As readQrFromRgba, also telling the codes passed over beside the certificate (probe 26: the user was never told). */
export function readQrCodesFromRgba(data: Uint8ClampedArray | Uint8Array, width: number, height: number): QrReading {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || data.length < width * height * 4) {
    throw dccError('IMAGE_INVALID', { vi: 'kích thước ảnh không khớp dữ liệu', en: 'image size does not match its pixel data' });
  }
  const clamped = data instanceof Uint8ClampedArray ? data : new Uint8ClampedArray(data.buffer, data.byteOffset, width * height * 4);
  // Uint32 views in grow() need a 4-byte aligned copy.
  const img: Rgba = { data: clamped.byteOffset % 4 === 0 ? clamped : new Uint8ClampedArray(clamped), width, height };
  const longest = Math.max(width, height);
  // Each try: the picture searched, before its quiet zone is widened (`border`), and the one whose
  // specks decide whether it is worth a search (a picture made larger hides its source's specks
  // from the count, not from jsQR).
  interface Try {
    make: () => Rgba;
    border: number;
    source?: () => Rgba;
  }
  const whole: Try[] = [
    { make: () => img, border: 0, source: () => (first > 1 ? smallOf() : img) },
    { make: () => img, border: Math.max(16, Math.round(longest * 0.08)), source: () => (first > 1 ? smallOf() : img) },
  ];
  const tries: Try[] = [];
  // A large picture is searched small first: a photo's code reads at 800 pixels, and a search of
  // the whole picture costs its pixel count (seconds to minutes for a noisy 16 MP one), so it comes last.
  const first = longest > 1000 ? Math.ceil(longest / 800) : 1;
  // The picture at that size, made once: its first try and the blur try both start from it.
  let small: Rgba | undefined;
  const smallOf = (): Rgba => (small ??= first > 1 ? shrink(img, first) : img);
  if (first > 1) tries.push({ make: smallOf, border: 24 });
  // A size finer than the first averages fewer pixels: where that one is speckled, so is it.
  const finer = (k: number) => (k < first ? smallOf : undefined);
  if (longest >= 200 && first !== 2) tries.push({ make: () => shrink(img, 2), border: 16, source: finer(2) });
  // A grainy photo (probe 24): averaging the grain away reads it (shrinking by 3 or 4 averages
  // 9 or 16 pixels; a blur keeps the size). After the tries that read a clean picture, so that one
  // reads as fast as before; before the whole large picture, the slowest try of all.
  for (const k of [3, 4]) if (k !== first && longest / k >= 150) tries.push({ make: () => shrink(img, k), border: 16, source: finer(k) });
  tries.push({ make: () => blur(smallOf(), 2), border: 16 });
  if (longest > 1000) tries.push(...whole);
  else tries.unshift(...whole);
  if (longest < 600) tries.push({ make: () => grow(img, longest < 200 ? 4 : 2), border: 32 });
  // A code a screen drew at a size between whole pixels (resample); a phone screenshot's 2400
  // pixels become 3600, past which the search costs more than a screenshot is worth.
  const larger = (longest < 600 ? [1.5, 2] : [1.5]).filter((k) => longest * k <= 3600).map((k): Try => ({ make: () => resample(img, k), border: 16, source: () => img }));
  tries.push(...larger);
  const specks = new Map<Rgba, boolean>();
  const tooSpeckled = (picture: Rgba): boolean => {
    if (!specks.has(picture)) specks.set(picture, speckled(picture));
    return specks.get(picture)!;
  };
  let other: string | undefined;
  const others = new Set<string>();
  const decide = (texts: string[]): QrReading | undefined => {
    const certificates = texts.filter(isHc1);
    if (certificates.length > 1) throw severalCertificates(certificates.length);
    other ??= texts[0];
    for (const t of texts) if (!isHc1(t)) others.add(t);
    return certificates[0] === undefined ? undefined : { text: certificates[0], passedOver: [...others] };
  };
  for (const t of tries) {
    // The whole of a large picture, or it made larger, costs seconds: not searched for a
    // certificate beside another code the smaller tries read, only for a code none of them did.
    if (other !== undefined && longest > 1000 && (whole.includes(t) || larger.includes(t))) continue;
    if (t.source !== undefined && tooSpeckled(t.source())) continue;
    const picture = t.make();
    if (tooSpeckled(picture)) continue;
    const found = decide(codesIn(t.border > 0 ? pad(picture, t.border) : picture));
    if (found !== undefined) return found;
  }
  if (longest >= 200 && !tooSpeckled(smallOf())) {
    const texts = [...new Set(halves(smallOf()).flatMap((half) => codesIn(pad(half, 16))))];
    const found = decide(texts);
    if (found !== undefined) return found;
  }
  if (other !== undefined) return { text: other, passedOver: [] };
  throw dccError('QR_NOT_FOUND');
}
