/**
 * Headers on everything the browser host serves. The CSP is the Electron window's policy
 * (electron/main/secureWindow.ts WINDOW_CSP, STYLE rule 7) but for `connect-src`: the page's RPC
 * is a WebSocket to this host instead of a MessagePort. Nothing by default; scripts, styles and
 * fonts only from the host itself; QR images as data:/blob: URLs; the camera preview as a media
 * stream; no plugins, no <base>, no form posted anywhere (the PIN dialog is a form), no frames,
 * never framed (clickjacking of the PIN dialog). The two drifted apart once (security probe,
 * session 18: this one had `default-src 'self'` and no `base-uri` or `form-action`); a test in
 * test/integration/host/browserHost.test.ts now compares them directive by directive.
 *
 * `connect-src` names exactly this launch's WebSocket, `ws://127.0.0.1:<port>`, and nothing
 * else (session 20; it was `'self' ws://127.0.0.1:*`): the page's one network call is its RPC
 * socket (renderer/src/rpc/transports.ts), it fetches nothing over HTTP, and any other port on
 * loopback is another program. The port is known when the headers are made (the host listens
 * first), so the policy is built per launch; an explicit `ws:` source also works in browsers
 * where `'self'` does not cover WebSockets (CSP 2).
 */
export function contentSecurityPolicy(port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`not a listening port: ${port}`);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob: mediastream:",
    `connect-src ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Every header of a host listening on `port`. */
export function securityHeaders(port: number): Readonly<Record<string, string>> {
  return Object.freeze({
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    // The page URL carries the per-launch secret in its fragment; never let it leave in a Referer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // Camera for the verify screen's QR reader; nothing else.
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), usb=(), payment=()',
  });
}
