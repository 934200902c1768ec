/**
 * Serves the built renderer (dist/renderer, inside app.asar when packaged) on `app://station/`
 * instead of file://: a real origin for the permission and navigation checks, the CSP and the
 * nosniff header on every answer, and files inside the renderer folder only (Electron's security
 * checklist §18, "avoid the file protocol"). GET and HEAD, a fixed content-type table, 404
 * otherwise.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, WINDOW_CSP } from './secureWindow.js';
import { RENDERER_CONTENT_TYPES as CONTENT_TYPES } from '../host/contentTypes.js';
import { bilingual } from '../../shared/errors.js';

/** The window's own refusals: only its page asks, so they read in a log or the devtools, in both languages. */
const METHOD_NOT_ALLOWED = bilingual('Giao diện của trạm chỉ đọc (nhận GET và HEAD).', 'The station’s interface is read-only (it takes GET and HEAD).');
const NOT_FOUND = bilingual('Không có tệp này trong giao diện của trạm: hãy cài lại trạm nếu màn hình bị thiếu.', 'No such file in the station’s interface: reinstall the station if a screen is missing.');

/** Registered before `ready`: standard (relative URLs, a real origin) and secure (camera allowed). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export const RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': WINDOW_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
});

/** The file an app: URL names, or null (another host, outside the folder, unknown type, bad escape). */
export function resolveAppFile(rendererDir: string, url: string): { file: string; type: string } | null {
  let u: URL;
  let path: string;
  try {
    u = new URL(url);
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || path.includes('\0')) return null;
  if (path === '' || path.endsWith('/')) path += 'index.html';
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path.startsWith('/') ? path : `/${path}`}`);
  const type = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!file.startsWith(root + sep) || type === undefined) return null;
  return { file, type };
}

function answer(status: number, body: string | Uint8Array<ArrayBuffer> | null, type: string): Response {
  return new Response(body, { status, headers: { ...RESPONSE_HEADERS, 'Content-Type': type } });
}

/** The protocol handler: reads the named file (asar-aware fs in Electron) or answers 404/405. */
export function appProtocolHandler(rendererDir: string, read: (file: string) => Promise<Uint8Array> = readFile) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, METHOD_NOT_ALLOWED, 'text/plain; charset=utf-8');
    const found = resolveAppFile(rendererDir, request.url);
    if (found === null) return answer(404, NOT_FOUND, 'text/plain; charset=utf-8');
    try {
      const bytes = await read(found.file);
      return answer(200, request.method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>), found.type);
    } catch {
      return answer(404, NOT_FOUND, 'text/plain; charset=utf-8');
    }
  };
}

export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));
}
