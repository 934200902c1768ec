/**
 * Headers on everything the browser host serves. The CSP is the same policy the Electron window
 * sets (STYLE rule 7): scripts, styles and connections only from the host itself; QR images as
 * data:/blob: URLs; no plugins; never framed (clickjacking of the PIN dialog).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self' ws://127.0.0.1:*",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The page URL carries the per-launch secret in its fragment; never let it leave in a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Camera for the verify screen's QR reader; nothing else.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), usb=(), payment=()',
});
