/**
 * The ONE place where the station's window is made and locked down (STYLE rule 7; Electron's
 * security checklist): isolated, sandboxed page without Node; no new windows, no webview, no
 * navigation away from the app's own origin; every permission denied except the camera for the
 * verify screen, asked once per origin; a strict CSP; external links only `https:` to an
 * allowlisted host, decided by parsing the URL (never by substring), opened in the system browser.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { APP_ORIGIN } from '../preload/stationShell.js';

export { APP_ORIGIN };
export const APP_SCHEME = 'app';
export const APP_HOST = 'station';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The page talks to the core only through its MessagePort, so it needs no network at all
 * (`connect-src 'none'`); QR codes are data:/blob: images; the camera preview is a media stream.
 * The renderer's one connection of its own is the browser host's WebSocket, which this window
 * never opens (test/electron/secureWindow.test.ts checks the renderer has no other).
 */
export const WINDOW_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' blob: mediastream:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Hosts the page may open in the system browser (exact names, https only). How to add one: put
 * the exact host name here (no wildcard) and a case in test/electron/secureWindow.test.ts.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['moh.gov.vn', 'www.moh.gov.vn', 'vncdc.gov.vn', 'tiemchungcovid19.gov.vn'];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The app's own pages: `app://station/...` and nothing else (not file:, not another app: host). */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/**
 * A link the system browser may open: https, an allowlisted host compared after URL parsing (so
 * `https://evil.com@moh.gov.vn` — credentials — and `https://moh.gov.vn.evil.com` both fail), no
 * credentials, the default port.
 */
export function isAllowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  const u = parse(url);
  if (u === null || u.protocol !== 'https:') return false;
  if (u.username !== '' || u.password !== '' || u.port !== '') return false;
  return hosts.includes(u.hostname);
}

/**
 * An IPC message the shell may act on: from the top frame of a page on the app's own origin
 * (not a subframe, not a page that somehow navigated away).
 */
export function isTrustedSender(event: { senderFrame: { url: string } | null; sender: { mainFrame: unknown } }): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isAppUrl(frame.url);
}

export function windowOptions(preloadPath: string, opts: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Trạm ký hộ chiếu vắc xin',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: opts.devTools,
    },
  };
}

type OpenExternal = (url: string) => Promise<void>;

/**
 * Guards one page: new windows denied (an allowlisted https link goes to the system browser
 * instead), navigation and redirects outside the app origin blocked, webviews refused.
 */
export function guardWebContents(contents: WebContents, openExternal: OpenExternal, log: (message: string, fields?: Record<string, unknown>) => void): void {
  const external = (url: string) => {
    if (isAllowedExternalUrl(url)) void openExternal(url).catch(() => undefined);
    else log('window: link refused', { scheme: parse(url)?.protocol ?? 'unparsable' });
  };
  contents.setWindowOpenHandler(({ url }) => {
    external(url);
    return { action: 'deny' };
  });
  const keepInApp = (event: { preventDefault(): void; url: string }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    external(event.url);
  };
  contents.on('will-navigate', (event) => keepInApp(event));
  contents.on('will-redirect', (event) => keepInApp(event));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Asks the user whether the page may use the camera (a dialog in both languages). */
export type AskCamera = (origin: string) => Promise<boolean>;

/**
 * Permissions: everything denied except `media` with video only (the QR camera), for the app's
 * own origin, asked once per origin — the answer is kept for the session so a scan does not ask
 * again, and a "no" stays a no.
 */
export function permissionPolicy(ask: AskCamera) {
  const answers = new Map<string, Promise<boolean>>();
  const settled = new Map<string, boolean>();
  // Only the app's own pages have an origin worth asking about (isAppUrl parses the URL; Node's
  // URL would give the custom scheme an opaque "null" origin, Chromium gives "app://station").
  const originOf = (url: string | undefined) => (url !== undefined && isAppUrl(url) ? APP_ORIGIN : null);
  const cameraOnly = (types: readonly string[] | undefined) => types !== undefined && types.length > 0 && types.every((t) => t === 'video');
  return {
    request(permission: string, details: { requestingUrl?: string; mediaTypes?: readonly string[] }): Promise<boolean> {
      const origin = originOf(details.requestingUrl);
      if (permission !== 'media' || origin !== APP_ORIGIN || !cameraOnly(details.mediaTypes)) return Promise.resolve(false);
      let answer = answers.get(origin);
      if (answer === undefined) {
        answer = ask(origin)
          .catch(() => false)
          .then((granted) => {
            settled.set(origin, granted);
            return granted;
          });
        answers.set(origin, answer);
      }
      return answer;
    },
    /** Synchronous checks (e.g. enumerateDevices): only an origin that already said yes. */
    check(permission: string, requestingOrigin: string, details: { mediaType?: string }): boolean {
      if (permission !== 'media' || requestingOrigin !== APP_ORIGIN || details.mediaType === 'audio') return false;
      return settled.get(requestingOrigin) === true;
    },
  };
}

/** A blob: URL the page itself made (`blob:app://station/<uuid>`), read by parsing both layers. */
export function isAppBlobUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === 'blob:' && isAppUrl(u.pathname);
}

/**
 * Session-wide guards: the permission handlers above, the CSP on every response (the app
 * protocol sets it too; this covers anything else), downloads only of blob: URLs the page made.
 */
export function guardSession(session: Session, ask: AskCamera, log: (message: string, fields?: Record<string, unknown>) => void): void {
  const policy = permissionPolicy(ask);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const requestingUrl = details.requestingUrl;
    void policy.request(permission, { requestingUrl, ...(mediaTypes ? { mediaTypes } : {}) }).then((granted) => {
      if (!granted) log('window: permission denied', { permission });
      callback(granted);
    });
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    policy.check(permission, requestingOrigin, details.mediaType !== undefined ? { mediaType: details.mediaType } : {}),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [WINDOW_CSP] } });
  });
  session.on('will-download', (event, item) => {
    // The page saves files it made itself (blob: URLs of its own origin); nothing is fetched.
    if (!isAppBlobUrl(item.getURL())) {
      event.preventDefault();
      log('window: download refused', {});
    }
  });
}

export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  openExternal: OpenExternal;
  log(message: string, fields?: Record<string, unknown>): void;
}

/** The station window, guarded, loading the app's entry page; shown once it has painted. */
export function createStationWindow(deps: WindowDeps, preloadPath: string, opts: { devTools: boolean }): BrowserWindow {
  const win = new deps.BrowserWindow(windowOptions(preloadPath, opts));
  guardWebContents(win.webContents, deps.openExternal, deps.log);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
