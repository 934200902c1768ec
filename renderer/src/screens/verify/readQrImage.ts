/**
 * QR codes from pictures in the browser: an image file or a camera frame is drawn on a canvas and
 * its RGBA pixels go to shared/qr/decode (jsQR with the same retries the CLI uses).
 */
import { readQrCodesFromRgba, readQrFromRgba, type QrReading } from '../../../../shared/qr/decode.js';

/** Large photos are scaled down first: jsQR's time grows with the pixel count. */
const MAX_SIDE = 1600;

function pixels(source: CanvasImageSource, width: number, height: number): ImageData {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (ctx === null) throw new Error('no 2d canvas');
  // A transparent background is drawn over white, as a page shows it: on a cleared canvas it stays
  // transparent black, and jsQR, which reads colour and not alpha, sees a black square (probe 24).
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(source, 0, 0, w, h);
  return ctx.getImageData(0, 0, w, h);
}

/** The QR text in an image file and the codes passed over beside a certificate, or null when none is found. */
export async function readQrFromFile(file: Blob): Promise<QrReading | null> {
  const bitmap = await createImageBitmap(file);
  try {
    const img = pixels(bitmap, bitmap.width, bitmap.height);
    return readQrCodesFromRgba(img.data, img.width, img.height);
  } catch {
    return null;
  } finally {
    bitmap.close();
  }
}

/** The QR text in the video's current frame, or null. */
export function readQrFromVideo(video: HTMLVideoElement): string | null {
  if (video.videoWidth === 0 || video.videoHeight === 0) return null;
  try {
    const img = pixels(video, video.videoWidth, video.videoHeight);
    return readQrFromRgba(img.data, img.width, img.height);
  } catch {
    return null;
  }
}
