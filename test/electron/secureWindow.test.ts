// STYLE rule 7 as behaviour: the window's options, its navigation and popup guards, the
// permission policy (camera only, app origin only, asked once), the CSP, the download rule and
// the external-link allowlist decided by URL parsing — including URLs built to fool a substring
// check.
import { EventEmitter } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL,
  WINDOW_CSP,
  createStationWindow,
  guardSession,
  guardWebContents,
  isAllowedExternalUrl,
  isAppBlobUrl,
  isAppUrl,
  isTrustedSender,
  permissionPolicy,
  windowOptions,
} from '../../electron/main/secureWindow.js';

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  /** Emits a navigation event the way Electron 45 does (details object first). */
  navigate(kind: 'will-navigate' | 'will-redirect', url: string): boolean {
    const event = { url, preventDefault: vi.fn() };
    this.emit(kind, event, url);
    return event.preventDefault.mock.calls.length > 0;
  }
}

function guarded() {
  const contents = new FakeContents();
  const openExternal = vi.fn(async () => {});
  const log = vi.fn();
  guardWebContents(contents as unknown as WebContents, openExternal, log);
  return { contents, openExternal, log };
}

describe('window options', () => {
  const options = windowOptions('/app/electron/preload/preload.cjs', { devTools: false });
  it('isolates and sandboxes the page, with no Node and no webview', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/electron/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });
  it('offers devtools only when asked (development builds)', () => {
    expect(windowOptions('/p', { devTools: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('external links', () => {
  it.each([
    'https://moh.gov.vn/',
    'https://moh.gov.vn/web/guest/trang-chu?x=1#top',
    'HTTPS://WWW.MOH.GOV.VN/path',
    'https://moh.gov.vn:443/',
    'https://tiemchungcovid19.gov.vn/portal',
  ])('opens %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['credentials before the trusted host', 'https://evil.com@moh.gov.vn/'],
    ['the trusted name as credentials', 'https://moh.gov.vn@evil.com/'],
    ['the trusted name as a subdomain of another', 'https://moh.gov.vn.evil.com/'],
    ['a look-alike suffix', 'https://evilmoh.gov.vn/'],
    ['the trusted name in the path', 'https://evil.com/moh.gov.vn'],
    ['the trusted name in the query', 'https://evil.com/?u=https://moh.gov.vn'],
    ['a trailing dot', 'https://moh.gov.vn./'],
    ['a Cyrillic look-alike', 'https://mоh.gov.vn/'],
    ['plain http', 'http://moh.gov.vn/'],
    ['another port', 'https://moh.gov.vn:8443/'],
    ['javascript:', 'javascript:alert(document.domain)'],
    ['javascript: with the host in a comment', 'javascript://moh.gov.vn/%0aalert(1)'],
    ['file:', 'file:///C:/Windows/System32/calc.exe'],
    ['a UNC path', 'file://evil-server/share/payload.exe'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['scheme-relative', '//moh.gov.vn/'],
    ['no scheme', 'moh.gov.vn'],
    ['empty', ''],
    ['garbage', 'https://'],
  ])('refuses %s', (_why, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('app URLs', () => {
  it('knows its own pages', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://station/index.html#/records')).toBe(true);
  });
  it.each(['app://evil/index.html', 'app://station.evil/index.html', 'app://user@station/', 'file:///app/dist/renderer/index.html', 'https://station/', 'http://127.0.0.1:5173/', 'not a url'])(
    'does not take %s for its own',
    (url) => expect(isAppUrl(url)).toBe(false),
  );
  it('accepts downloads only of blob: URLs the page made', () => {
    expect(isAppBlobUrl('blob:app://station/4f1c2a9e-0000-4000-8000-000000000000')).toBe(true);
    expect(isAppBlobUrl('blob:https://evil.com/4f1c2a9e')).toBe(false);
    expect(isAppBlobUrl('https://evil.com/app.exe')).toBe(false);
    expect(isAppBlobUrl('app://station/index.html')).toBe(false);
  });
});

describe('navigation and popups', () => {
  it('denies every new window; an allowlisted link goes to the system browser instead', () => {
    const { contents, openExternal } = guarded();
    expect(contents.openHandler!({ url: 'https://moh.gov.vn/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://evil.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'app://station/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://moh.gov.vn/']]);
  });

  it('keeps navigation inside the app origin and blocks everything else', () => {
    const { contents, openExternal, log } = guarded();
    expect(contents.navigate('will-navigate', 'app://station/index.html#/sign')).toBe(false);
    expect(contents.navigate('will-navigate', 'https://evil.com/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(contents.navigate('will-redirect', 'https://evil.com/phish')).toBe(true);
    expect(contents.navigate('will-redirect', 'app://station/index.html')).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('window: link refused', { scheme: 'https:' });
  });

  it('blocks navigating to an allowlisted site in the window but opens it in the browser', () => {
    const { contents, openExternal } = guarded();
    expect(contents.navigate('will-navigate', 'https://moh.gov.vn/')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://moh.gov.vn/');
  });

  it('refuses to attach a webview', () => {
    const { contents } = guarded();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('permissions', () => {
  const fromApp = { requestingUrl: 'app://station/index.html#/verify' };

  it('grants the camera to the app origin after asking once, and remembers the answer', async () => {
    const ask = vi.fn(async () => true);
    const policy = permissionPolicy(ask);
    expect(policy.check('media', 'app://station', { mediaType: 'video' })).toBe(false);
    expect(await policy.request('media', { ...fromApp, mediaTypes: ['video'] })).toBe(true);
    expect(await policy.request('media', { ...fromApp, mediaTypes: ['video'] })).toBe(true);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask).toHaveBeenCalledWith('app://station');
    expect(policy.check('media', 'app://station', { mediaType: 'video' })).toBe(true);
  });

  it('keeps a "no" for the session without asking again', async () => {
    const ask = vi.fn(async () => false);
    const policy = permissionPolicy(ask);
    expect(await policy.request('media', { ...fromApp, mediaTypes: ['video'] })).toBe(false);
    expect(await policy.request('media', { ...fromApp, mediaTypes: ['video'] })).toBe(false);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(policy.check('media', 'app://station', { mediaType: 'video' })).toBe(false);
  });

  it('treats a failed question as a no', async () => {
    const policy = permissionPolicy(async () => {
      throw new Error('dialog failed');
    });
    expect(await policy.request('media', { ...fromApp, mediaTypes: ['video'] })).toBe(false);
  });

  it.each([
    ['the microphone', 'media', { ...fromApp, mediaTypes: ['audio'] }],
    ['camera with microphone', 'media', { ...fromApp, mediaTypes: ['video', 'audio'] }],
    ['media without types', 'media', { ...fromApp }],
    ['another origin', 'media', { requestingUrl: 'https://evil.com/', mediaTypes: ['video'] }],
    ['a file: page', 'media', { requestingUrl: 'file:///index.html', mediaTypes: ['video'] }],
    ['an app: URL with credentials', 'media', { requestingUrl: 'app://evil@station/index.html', mediaTypes: ['video'] }],
    ['geolocation', 'geolocation', fromApp],
    ['notifications', 'notifications', fromApp],
    ['clipboard reading', 'clipboard-read', fromApp],
    ['USB', 'usb', fromApp],
    ['opening external protocols', 'openExternal', fromApp],
    ['no requesting URL', 'media', { mediaTypes: ['video'] }],
  ])('denies %s without asking', async (_why, permission, details) => {
    const ask = vi.fn(async () => true);
    expect(await permissionPolicy(ask).request(permission, details)).toBe(false);
    expect(ask).not.toHaveBeenCalled();
  });

  it('answers permission checks no for anything but the camera of an origin that said yes', async () => {
    const policy = permissionPolicy(async () => true);
    await policy.request('media', { ...fromApp, mediaTypes: ['video'] });
    expect(policy.check('media', 'app://station', { mediaType: 'audio' })).toBe(false);
    expect(policy.check('media', 'https://evil.com', { mediaType: 'video' })).toBe(false);
    expect(policy.check('geolocation', 'app://station', {})).toBe(false);
  });
});

describe('session guards', () => {
  function fakeSession() {
    const s = Object.assign(new EventEmitter(), {
      request: null as null | ((...a: unknown[]) => void),
      check: null as null | ((...a: unknown[]) => boolean),
      headers: null as null | ((details: unknown, cb: (r: unknown) => void) => void),
      setPermissionRequestHandler(h: (...a: unknown[]) => void) {
        s.request = h;
      },
      setPermissionCheckHandler(h: (...a: unknown[]) => boolean) {
        s.check = h;
      },
      webRequest: {
        onHeadersReceived(h: (details: unknown, cb: (r: unknown) => void) => void) {
          s.headers = h;
        },
      },
    });
    return s;
  }

  it('wires the permission policy, the CSP header and the download rule into the session', async () => {
    const s = fakeSession();
    const ask = vi.fn(async () => true);
    guardSession(s as unknown as Session, ask, vi.fn());
    const granted = await new Promise((resolve) => s.request!({}, 'media', resolve, { requestingUrl: 'app://station/index.html', mediaTypes: ['video'] }));
    expect(granted).toBe(true);
    const denied = await new Promise((resolve) => s.request!({}, 'geolocation', resolve, { requestingUrl: 'app://station/index.html' }));
    expect(denied).toBe(false);
    expect(s.check!({}, 'media', 'app://station', { mediaType: 'video', isMainFrame: true })).toBe(true);
    expect(s.check!({}, 'notifications', 'app://station', { isMainFrame: true })).toBe(false);

    let headers: unknown;
    s.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r));
    expect(headers).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [WINDOW_CSP] } });

    const download = (url: string) => {
      const event = { preventDefault: vi.fn() };
      s.emit('will-download', event, { getURL: () => url });
      return event.preventDefault.mock.calls.length === 0;
    };
    expect(download('blob:app://station/1f0e')).toBe(true);
    expect(download('https://evil.com/setup.exe')).toBe(false);
  });

  it('has a CSP with no inline script, no eval, no network and no framing', () => {
    const directives = new Map(WINDOW_CSP.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives.get('default-src')).toBe("default-src 'none'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('connect-src')).toBe("connect-src 'none'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(WINDOW_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('needs no connect-src: the page’s only network call is the browser host’s WebSocket, which the window never opens', () => {
    // The window's page reaches the core through its MessagePort (preload); connect-src 'none'
    // holds only while the renderer opens no connection of its own. Any new one fails here.
    const root = resolve(import.meta.dirname, '../..');
    const files = (readdirSync(join(root, 'renderer/src'), { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    const calls: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(root, 'renderer/src', f), 'utf8');
      for (const m of text.matchAll(/\b(fetch|XMLHttpRequest|EventSource|WebSocket|sendBeacon|RTCPeerConnection|WebTransport)\s*\(/g)) {
        calls.push(`${relative(root, join(root, 'renderer/src', f))}: ${m[1]}`);
      }
    }
    expect(calls).toEqual(['renderer/src/rpc/transports.ts: WebSocket']);
  });
});

describe('IPC senders', () => {
  const mainFrame = { url: 'app://station/index.html' };
  it('trusts only the top frame of an app page', () => {
    expect(isTrustedSender({ senderFrame: mainFrame, sender: { mainFrame } })).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'app://station/index.html' }, sender: { mainFrame } })).toBe(false);
    const foreign = { url: 'https://evil.com/' };
    expect(isTrustedSender({ senderFrame: foreign, sender: { mainFrame: foreign } })).toBe(false);
    expect(isTrustedSender({ senderFrame: null, sender: { mainFrame } })).toBe(false);
  });
});

describe('the station window', () => {
  it('is created with the locked-down options, guarded, loads the app entry and shows when painted', () => {
    const made: { options: BrowserWindowConstructorOptions; win: EventEmitter & Record<string, unknown> }[] = [];
    class FakeWindow extends EventEmitter {
      webContents = new FakeContents();
      show = vi.fn();
      loadURL = vi.fn(async () => {});
      constructor(options: BrowserWindowConstructorOptions) {
        super();
        made.push({ options, win: this as unknown as EventEmitter & Record<string, unknown> });
      }
    }
    const win = createStationWindow(
      { BrowserWindow: FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow, openExternal: vi.fn(async () => {}), log: vi.fn() },
      '/p/preload.cjs',
      { devTools: false },
    ) as unknown as FakeWindow;
    expect(made[0]!.options).toEqual(windowOptions('/p/preload.cjs', { devTools: false }));
    expect(win.loadURL).toHaveBeenCalledWith('app://station/index.html');
    expect(win.webContents.openHandler).not.toBeNull();
    expect(win.webContents.listenerCount('will-navigate')).toBe(1);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });
});
