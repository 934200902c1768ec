/**
 * Which files the verify screen takes, and which it reads itself. Probe 25: the picker offered
 * PNG and JPEG only, so the certificate PDF a person was given could not be chosen, and a file
 * the browser could not read was announced "No QR code found in the image" even when the core
 * then read it (a PDF) or named it (a HEIC).
 */

/** The picker's filter: pictures (iPhone's HEIC included, to be named), PDFs and text files. */
export const VERIFY_ACCEPT = 'image/*,.heic,.heif,application/pdf,.pdf,text/plain,.txt';

const BROWSER_TYPES = /^image\/(png|jpeg|webp|gif|bmp|avif)$/;
const BROWSER_NAMES = /\.(png|jpe?g|webp|gif|bmp|avif)$/i;

/**
 * A picture Chromium decodes (PNG, JPEG, WebP, GIF, BMP, AVIF) is read on the page; any other file
 * (a PDF, a text file, a HEIC, an SVG) goes to the core as bytes, which reads it or says what it is.
 */
export function readInBrowser(file: { type: string; name: string }): boolean {
  return file.type !== '' ? BROWSER_TYPES.test(file.type) : BROWSER_NAMES.test(file.name);
}
