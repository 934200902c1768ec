/**
 * Serves the built renderer (dist/renderer) read-only: GET/HEAD, files inside the folder only,
 * a fixed content-type table (nosniff), the security headers on every answer. The renderer
 * routes by URL fragment, so every path is a real file or a 404.
 *
 * "Inside the folder" is decided twice: on the requested path (traversal, encoded dots) and on
 * the file's real path after every symbolic link is resolved, so a link planted in the folder
 * (or a linked sub-folder) that points elsewhere is a 404, not the file it points to (security
 * probe, session 18). A link that stays inside the folder is served.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { RENDERER_CONTENT_TYPES as CONTENT_TYPES } from './contentTypes.js';
import { PAGE_REFUSALS } from './hostRefusals.js';

/**
 * Where `vite build -c renderer/vite.config.mts` writes the bundle, seen from this file both as
 * source (electron/host/) and as built (dist/electron/host/).
 */
export function defaultRendererDir(): string {
  const here = import.meta.dirname;
  const candidates = [resolve(here, '../../dist/renderer'), resolve(here, '../../renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

type Headers = Readonly<Record<string, string>>;

function sendWith(res: ServerResponse, headers: Headers, status: number, body: string | Buffer, type: string, head: boolean): void {
  res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(head ? undefined : body);
}

/** The real path of `file` when it is a regular file whose real path is inside `root`'s; else null. */
function realFileInside(root: string, file: string): string | null {
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(file);
    if (!real.startsWith(realRoot + sep) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

/** `headers`: the security headers of this host (securityHeaders.ts; the CSP names its port). */
export function serveStatic(rootDir: string, req: IncomingMessage, res: ServerResponse, headers: Headers): void {
  const send = (status: number, body: string | Buffer, type: string, head: boolean) => sendWith(res, headers, status, body, type, head);
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.setHeader('Allow', 'GET, HEAD');
    send(405, PAGE_REFUSALS.METHOD_NOT_ALLOWED, 'text/plain; charset=utf-8', false);
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
  } catch {
    send(400, PAGE_REFUSALS.BAD_PATH_ENCODING, 'text/plain; charset=utf-8', head);
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const root = resolve(rootDir);
  const file = resolve(root, normalize(`.${path}`));
  const type = CONTENT_TYPES[extname(file).toLowerCase()];
  if (path.includes('\0') || !file.startsWith(root + sep) || type === undefined) {
    send(404, PAGE_REFUSALS.NOT_FOUND, 'text/plain; charset=utf-8', head);
    return;
  }
  let body: Buffer;
  try {
    const real = realFileInside(root, file);
    if (real === null) throw new Error('not a file inside the folder');
    body = readFileSync(real);
  } catch {
    const missingBuild = path === '/index.html' && !existsSync(root);
    const text = missingBuild ? PAGE_REFUSALS.NOT_BUILT : PAGE_REFUSALS.NOT_FOUND;
    send(missingBuild ? 503 : 404, text, 'text/plain; charset=utf-8', head);
    return;
  }
  send(200, body, type, head);
}
