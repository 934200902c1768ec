/**
 * Headers on everything the browser host serves. The CSP is the Electron window's policy
 * (electron/main/secureWindow.ts WINDOW_CSP, STYLE rule 7) but for `connect-src`: the page's RPC
 * is a WebSocket to this host instead of a MessagePort. Nothing by default; scripts, styles and
 * fonts only from the host itself; QR images as data:/blob: URLs; the camera preview as a media
 * stream; no plugins, no <base>, no form posted anywhere (the PIN dialog is a form), no frames,
 * never framed (clickjacking of the PIN dialog). The two drifted apart once (security probe,
 * session 18: this one had `default-src 'self'` and no `base-uri` or `form-action`); a test in
 * test/integration/host/browserHost.test.ts now compares them directive by directive.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
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
