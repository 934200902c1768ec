// The browser host's front door (DESIGN §2): only the page it served, on this machine, holding
// this launch's secret, may reach the core — and even then only methods of the contract.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { webCryptoSigner } from '../../../shared/cose/index.js';
import { encodeHc1 } from '../../../shared/dcc/hc1.js';
import { RpcClient, RpcError, type RpcTransport } from '../../../shared/rpc/client.js';
import { RPC_SUBPROTOCOL } from '../../../electron/host/hostSecret.js';
import { MALFORMED_REQUEST_REFUSALS, PAGE_REFUSALS, upgradeRefusal } from '../../../electron/host/hostRefusals.js';
import { contentSecurityPolicy } from '../../../electron/host/securityHeaders.js';
import { WINDOW_CSP } from '../../../electron/main/secureWindow.js';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/startBrowserHost.js';
import { expectBilingual } from '../../fixtures/bilingual.js';

const TEXT = 'text/plain; charset=utf-8';

let dir: string;
let host: BrowserHost;
let secret: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-host-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>station</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'outside.txt'), 'private');
  mkdirSync(join(dir, 'outside-dir'));
  writeFileSync(join(dir, 'outside-dir', 'secret.js'), 'private');
  // Symbolic links planted in the served folder: two leading out, one staying inside.
  symlinkSync(join(dir, 'outside.txt'), join(rendererDir, 'leak.txt'));
  symlinkSync(join(dir, 'outside.txt'), join(rendererDir, 'assets', 'leak.js'));
  symlinkSync(join(dir, 'outside-dir'), join(rendererDir, 'linked'), 'dir');
  symlinkSync(join(rendererDir, 'assets', 'app.js'), join(rendererDir, 'alias.js'));
  host = await startBrowserHost({ dataDir: join(dir, 'data'), rendererDir, maxMessageBytes: 64 * 1024 });
  secret = new URL(host.url).hash.replace(/^#secret=/, '');
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Attempt {
  opened: boolean;
  status: number | null;
  /** The refusal's body (hostRefusals.ts) and content type; '' when it opened. */
  body: string;
  type: string | undefined;
  socket: WebSocket;
}

/** Tries a WebSocket upgrade and reports whether it opened or which HTTP status refused it. */
function tryConnect(opts: { secret?: string | null; origin?: string | null; hostHeader?: string; path?: string; protocols?: string[] } = {}): Promise<Attempt> {
  const protocols = opts.protocols ?? [RPC_SUBPROTOCOL, ...(opts.secret === null ? [] : [`secret.${opts.secret ?? secret}`])];
  const headers: Record<string, string> = opts.hostHeader === undefined ? {} : { host: opts.hostHeader };
  const origin = opts.origin === null ? undefined : (opts.origin ?? host.origin);
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}${opts.path ?? '/rpc'}`, protocols, { headers, ...(origin ? { origin } : {}) });
  return new Promise((done) => {
    socket.on('open', () => done({ opened: true, status: null, body: '', type: undefined, socket }));
    socket.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        done({ opened: false, status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8'), type: res.headers['content-type'], socket });
        socket.terminate();
      });
    });
    socket.on('error', () => done({ opened: false, status: null, body: '', type: undefined, socket }));
  });
}

function wsTransport(socket: WebSocket): RpcTransport {
  return {
    send: (m) => socket.send(JSON.stringify(m)),
    onMessage(receive) {
      const listener = (data: Buffer) => receive(JSON.parse(data.toString()));
      socket.on('message', listener);
      return () => socket.off('message', listener);
    },
    onClose: (closed) => socket.on('close', closed),
  };
}

function nextMessage(socket: WebSocket): Promise<any> {
  return new Promise((done) => socket.once('message', (data: Buffer) => done(JSON.parse(data.toString()))));
}

function httpGet(path: string, hostHeader?: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers: hostHeader ? { host: hostHeader } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Sends `text` on a raw socket and returns everything the host wrote until it closed. */
function rawExchange(text: string): Promise<string> {
  return new Promise((done, fail) => {
    const s = connect(host.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    s.on('error', fail);
    s.write(text);
  });
}

/** A raw answer's status line, headers (names lower-cased) and body. */
function parseRaw(raw: string): { statusLine: string; headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = raw.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { statusLine, headers, body: raw.slice(end + 4) };
}

describe('browser host: who may connect', () => {
  it('gives a URL on 127.0.0.1 carrying a 32-byte base64url secret in the fragment only', () => {
    const url = new URL(host.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.search).toBe('');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
  });

  it('accepts the page with the right secret, Origin and Host, and answers the contract', async () => {
    const a = await tryConnect();
    expect(a.opened).toBe(true);
    expect(a.socket.protocol).toBe(RPC_SUBPROTOCOL);
    const client = new RpcClient(wsTransport(a.socket));
    const status = await client.call('station.status', {});
    expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
    a.socket.close();
  });

  it('refuses a connection without the secret, telling in both languages to open the address the station printed', async () => {
    const a = await tryConnect({ secret: null });
    expect(a).toMatchObject({ opened: false, status: 401, type: TEXT, body: upgradeRefusal('NO_SECRET', host.port) });
    expect(expectBilingual(a.body).en).toMatch(/secret of this launch is missing.*Open the exact address the station printed/);
  });

  it('refuses a wrong secret, including one that differs in its last character only, and never echoes a secret', async () => {
    const last = secret.at(-1) === 'A' ? 'B' : 'A';
    for (const wrong of ['x', `${secret.slice(0, -1)}${last}`, `${secret}x`]) {
      const a = await tryConnect({ secret: wrong });
      expect(a).toMatchObject({ opened: false, status: 401, type: TEXT, body: upgradeRefusal('BAD_SECRET', host.port) });
      expect(expectBilingual(a.body).en).toMatch(/secret is wrong.*Open the address the station printed/);
      expect(a.body).not.toContain(secret.slice(0, 8));
    }
  });

  it('refuses another Origin, and a missing one (a foreign web page or a non-browser client)', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${host.port}`, null]) {
      const a = await tryConnect({ origin });
      expect(a, String(origin)).toMatchObject({ opened: false, status: 403, type: TEXT, body: upgradeRefusal('BAD_ORIGIN', host.port) });
      expect(a.body).not.toContain('evil.example');
    }
    expect(expectBilingual(upgradeRefusal('BAD_ORIGIN', host.port)).en).toContain(`Only the page the station serves at http://127.0.0.1:${host.port} may connect`);
  });

  it('refuses a foreign Host header (DNS rebinding) on the WebSocket and on the pages, naming 127.0.0.1:<port> and not the Host sent', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, `localhost:${host.port}`]) {
      const a = await tryConnect({ hostHeader });
      expect(a, hostHeader).toMatchObject({ opened: false, status: 403, type: TEXT, body: upgradeRefusal('BAD_HOST', host.port) });
    }
    const page = await httpGet('/', `rebind.example:${host.port}`);
    expect(page.status).toBe(421);
    expect(page.headers['content-type']).toBe(TEXT);
    expect(page.body).toBe(PAGE_REFUSALS.WRONG_HOST(host.port));
    const { vi, en } = expectBilingual(page.body);
    expect(vi).toContain(`http://127.0.0.1:${host.port}/`);
    expect(en).toContain(`opens only at http://127.0.0.1:${host.port}/`);
    expect(page.body).not.toContain('rebind.example');
    // A markup-looking Host is not echoed either (the body is text/plain, and names only our port).
    expect((await httpGet('/', '<script>x</script>')).body).not.toContain('<script>');
  });

  it('refuses the right secret on another path', async () => {
    const a = await tryConnect({ path: '/other' });
    expect(a).toMatchObject({ opened: false, status: 404, type: TEXT, body: upgradeRefusal('BAD_PATH', host.port) });
    expect(expectBilingual(a.body).en).toContain('/rpc');
  });

  it('refuses the right secret without the RPC subprotocol (a page of another version)', async () => {
    const a = await tryConnect({ protocols: [`secret.${secret}`] });
    expect(a).toMatchObject({ opened: false, status: 400, type: TEXT, body: upgradeRefusal('NO_PROTOCOL', host.port) });
    expect(expectBilingual(a.body).en).toContain('station.rpc.v1');
  });

  it('answers a HEAD carrying Upgrade headers with the refusal’s headers and no body', async () => {
    const raw = await rawExchange(`HEAD /rpc HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
    expect(raw).toContain(`Content-Length: ${Buffer.byteLength(upgradeRefusal('BAD_ORIGIN', host.port))}\r\n`);
  });

  it('lives on when a client resets the connection after reading a refused upgrade', async () => {
    // Probe, session 22: the refused socket had no 'error' listener (Node takes its own off a
    // socket it hands over), so this reset was an uncaught ECONNRESET that ended the process.
    // A reset after the answer is read comes too late to show it (the host has closed its side
    // once the answer is out): the reset must arrive while the handed-over socket is still open,
    // so the refused upgrade is reset again and again 0–2 ms after it is sent (session 22 review:
    // the single reset passed without the listener).
    const uncaught: unknown[] = [];
    const record = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', record);
    try {
      const answer = await new Promise<string>((done) => {
        const s = connect(host.port, '127.0.0.1');
        s.on('error', () => undefined);
        s.once('data', (c: Buffer) => {
          s.resetAndDestroy();
          done(c.toString('utf8'));
        });
        s.write(`GET /rpc HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
      const until = Date.now() + 2000;
      for (let i = 0; i < 150 && Date.now() < until && uncaught.length === 0; i++) {
        await new Promise<void>((done) => {
          const s = connect(host.port, '127.0.0.1');
          s.on('error', () => undefined);
          s.once('close', () => done());
          s.once('connect', () => {
            s.write(`GET /rpc HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`);
            const reset = () => {
              if (!s.destroyed) s.resetAndDestroy();
            };
            if (i % 3 === 0) setImmediate(reset);
            else setTimeout(reset, i % 3);
          });
        });
      }
      await new Promise((r) => setTimeout(r, 100));
      expect(uncaught).toEqual([]);
      expect((await httpGet('/')).status).toBe(200);
    } finally {
      process.off('uncaughtException', record);
    }
  });

  it('binds 127.0.0.1 only: not ::1 and not any other interface address of this machine', async () => {
    const refused = (address: string) =>
      new Promise<boolean>((done) => {
        const s = connect({ host: address, port: host.port });
        s.once('connect', () => {
          s.destroy();
          done(false);
        });
        s.once('error', () => done(true));
      });
    expect(await refused('127.0.0.1')).toBe(false);
    expect(await refused('::1')).toBe(true);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address);
    for (const address of others) expect(await refused(address), address).toBe(true);
  });
});

describe('browser host: what a connected page may send', () => {
  it('answers a method outside the contract with RPC_UNKNOWN_METHOD', async () => {
    const a = await tryConnect();
    const client = new RpcClient(wsTransport(a.socket));
    const err = await client.call('fs.readFile' as never, {} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe('RPC_UNKNOWN_METHOD');
    a.socket.close();
  });

  it('answers text that is not JSON, and a binary frame, with RPC_BAD_MESSAGE and stays open', async () => {
    const a = await tryConnect();
    a.socket.send('{not json');
    expect(await nextMessage(a.socket)).toMatchObject({ id: null, ok: false, error: { code: 'RPC_BAD_MESSAGE' } });
    a.socket.send(Buffer.from([1, 2, 3]));
    expect(await nextMessage(a.socket)).toMatchObject({ ok: false, error: { code: 'RPC_BAD_MESSAGE' } });
    a.socket.send(JSON.stringify({ id: 7, method: 'records.counts', params: {} }));
    expect(await nextMessage(a.socket)).toMatchObject({ id: 7, ok: true });
    a.socket.close();
  });

  it('answers a pasted certificate whose payload JSON cannot carry (an integer past 2^53), and lives on', async () => {
    // Probe 15: this 160-character code made the host's reply unwritable, and the process exited.
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const now = new Date();
    const text = await encodeHc1({
      payload: { ver: '1.3.0', nam: { fn: 'A', fnt: 'A' }, dob: '1990-01-01', x: 2n ** 64n - 1n } as never,
      signer: webCryptoSigner(keys.privateKey, -7), kid: new Uint8Array(8), iss: 'VN', iat: now, exp: new Date(now.getTime() + 86400_000),
    });
    const a = await tryConnect();
    a.socket.send(JSON.stringify({ id: 9, method: 'dcc.verify', params: { text } }));
    const reply = await nextMessage(a.socket);
    expect(reply).toMatchObject({ id: 9, ok: true, result: { valid: false, payload: { x: '18446744073709551615' } } });
    expect(reply.result.errors.some((e: { path?: string; code: string }) => e.code === 'SCHEMA_INVALID' && e.path === 'x')).toBe(true);
    a.socket.send(JSON.stringify({ id: 10, method: 'records.counts', params: {} }));
    expect(await nextMessage(a.socket)).toMatchObject({ id: 10, ok: true });
    a.socket.close();
  });

  it('closes the connection on a message above the size limit (1009), without answering it', async () => {
    const a = await tryConnect();
    const closed = new Promise<number>((done) => a.socket.on('close', (code) => done(code)));
    let answered = false;
    a.socket.on('message', () => (answered = true));
    a.socket.send(JSON.stringify({ id: 1, method: 'records.list', params: { search: 'x'.repeat(100 * 1024) } }));
    expect(await closed).toBe(1009);
    expect(answered).toBe(false);
  });
});

describe('browser host: the pages', () => {
  it('sets the Electron window’s CSP, directive by directive, but for connect-src (its RPC is a WebSocket)', () => {
    const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d]));
    const hostCsp = directives(contentSecurityPolicy(host.port));
    const window = directives(WINDOW_CSP);
    window.delete('connect-src');
    hostCsp.delete('connect-src');
    expect(Object.fromEntries(hostCsp)).toEqual(Object.fromEntries(window));
  });

  it('lets the page connect to this launch’s WebSocket only: connect-src is ws://127.0.0.1:<its port>, no wildcard, no http', async () => {
    const r = await httpGet('/');
    const csp = r.headers['content-security-policy'];
    expect(csp).toBe(contentSecurityPolicy(host.port));
    const connect = String(csp).split('; ').find((d) => d.startsWith('connect-src '));
    expect(connect).toBe(`connect-src ws://127.0.0.1:${host.port}`);
    expect(String(csp)).not.toContain('*');
    // Every answer carries it, a refusal too.
    expect((await httpGet('/nothing.js')).headers['content-security-policy']).toBe(csp);
    expect((await httpGet('/', 'evil.example')).headers['content-security-policy']).toBe(csp);
    // Another launch, another port, another policy.
    const other = await startBrowserHost({ dataDir: join(dir, 'data-other'), rendererDir: join(dir, 'renderer') });
    try {
      expect(other.port).not.toBe(host.port);
      const o = await new Promise<string | undefined>((done, fail) => {
        request({ host: '127.0.0.1', port: other.port, path: '/' }, (res) => {
          res.resume();
          done(String(res.headers['content-security-policy']));
        }).on('error', fail).end();
      });
      expect(o).toContain(`connect-src ws://127.0.0.1:${other.port};`);
    } finally {
      await other.close();
    }
  });

  it('serves the renderer with the strict CSP, nosniff and no-referrer', async () => {
    const r = await httpGet('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>station</title>');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    const js = await httpGet('/assets/app.js');
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/../../outside.txt', '/..%2foutside.txt']) {
      const r = await httpGet(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('private');
    }
  });

  it('never follows a symbolic link out of the renderer folder (a file, a file in assets/, a linked folder)', async () => {
    for (const path of ['/leak.txt', '/assets/leak.js', '/linked/secret.js']) {
      const r = await httpGet(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('private');
    }
    // A link that stays inside the folder is served: the check is on where it leads.
    const alias = await httpGet('/alias.js');
    expect(alias.status).toBe(200);
    expect(alias.body).toBe('export {};');
  });
});

describe('browser host: a refused page says why, in Vietnamese and English', () => {
  it('answers a file that is not there with 404, the security headers and a bilingual body', async () => {
    for (const path of ['/nothing.js', '/../outside.txt', '/leak.txt', '/notes.exe']) {
      const r = await httpGet(path);
      expect(r.status, path).toBe(404);
      expect(r.headers['content-type'], path).toBe(TEXT);
      expect(r.headers['content-security-policy'], path).toBe(contentSecurityPolicy(host.port));
      expect(r.body, path).toBe(PAGE_REFUSALS.NOT_FOUND);
    }
    expect(expectBilingual(PAGE_REFUSALS.NOT_FOUND).en).toMatch(/no such file .*Open the exact address the station printed/);
  });

  it('answers anything but GET and HEAD with 405, Allow: GET, HEAD and a bilingual body', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const r = await httpGet('/', undefined, method);
      expect(r.status, method).toBe(405);
      expect(r.headers.allow, method).toBe('GET, HEAD');
      expect(r.headers['content-type'], method).toBe(TEXT);
      expect(r.body, method).toBe(PAGE_REFUSALS.METHOD_NOT_ALLOWED);
    }
    expect(expectBilingual(PAGE_REFUSALS.METHOD_NOT_ALLOWED).en).toMatch(/read-only \(it takes GET and HEAD\)/);
  });

  it('answers a path whose %-encoding does not decode with 400 and a bilingual body', async () => {
    const r = await httpGet('/%E0%A4%A.js');
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe(TEXT);
    expect(r.body).toBe(PAGE_REFUSALS.BAD_PATH_ENCODING);
    expect(expectBilingual(r.body).en).toMatch(/invalid %-encoding/);
  });

  it('answers HEAD refusals (404, 400, 421) with headers only', async () => {
    const head = (path: string, hostHeader = `127.0.0.1:${host.port}`) => rawExchange(`HEAD ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`);
    for (const [path, status] of [['/nothing.js', '404 Not Found'], ['/%E0%A4%A.js', '400 Bad Request']] as const) {
      const raw = await head(path);
      expect(raw, path).toMatch(new RegExp(`^HTTP/1\\.1 ${status}\\r\\n`));
      expect(raw.endsWith('\r\n\r\n'), path).toBe(true);
      expect(raw, path).not.toContain(' / ');
    }
    const misdirected = await head('/', `rebind.example:${host.port}`);
    expect(misdirected).toMatch(/^HTTP\/1\.1 421 Misdirected Request\r\n/);
    expect(misdirected.endsWith('\r\n\r\n')).toBe(true);
    expect(misdirected).not.toContain(' / ');
  });

  it('answers 503 with how to build the interface when dist/renderer is missing', async () => {
    const unbuilt = await startBrowserHost({ dataDir: join(dir, 'data-unbuilt'), rendererDir: join(dir, 'never-built') });
    try {
      const r = await new Promise<{ status: number; type: string | undefined; body: string }>((done, fail) => {
        request({ host: '127.0.0.1', port: unbuilt.port, path: '/' }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
        }).on('error', fail).end();
      });
      expect(r).toEqual({ status: 503, type: TEXT, body: PAGE_REFUSALS.NOT_BUILT });
      expect(expectBilingual(r.body).en).toContain('npx vite build -c renderer/vite.config.mts');
    } finally {
      await unbuilt.close();
    }
  });
});

describe('browser host: what Node itself would have refused with a bare status line', () => {
  /** A complete answer: the status, Connection: close, the security headers, a bilingual body. */
  function expectRefusal(raw: string, statusLine: string, body: string): { vi: string; en: string } {
    const r = parseRaw(raw);
    expect(r.statusLine).toBe(statusLine);
    expect(r.headers).toMatchObject({ connection: 'close', 'content-type': TEXT, 'content-security-policy': contentSecurityPolicy(host.port), 'x-content-type-options': 'nosniff' });
    expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(r.body));
    expect(r.body).toBe(body);
    return expectBilingual(r.body);
  }

  it('answers a request line or header line Node cannot parse with 400 and a bilingual body', async () => {
    for (const text of ['NOT HTTP AT ALL\r\n\r\n', `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nno colon on this line\r\n\r\n`]) {
      const { vi, en } = expectRefusal(await rawExchange(text), 'HTTP/1.1 400 Bad Request', MALFORMED_REQUEST_REFUSALS.BAD_REQUEST);
      expect(vi).toContain('không đúng dạng HTTP');
      expect(en).toContain('not well-formed HTTP');
    }
  });

  it('answers headers past Node’s limit with 431, telling to clear the cookies of 127.0.0.1', async () => {
    const cookie = 'a=b; '.repeat(4_000);
    const raw = await rawExchange(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\n\r\n`);
    const { vi, en } = expectRefusal(raw, 'HTTP/1.1 431 Request Header Fields Too Large', MALFORMED_REQUEST_REFUSALS.HEADERS_TOO_LARGE);
    expect(vi).toContain('tiêu đề của yêu cầu quá lớn');
    expect(en).toContain('headers are too large');
    expect(en).toContain('Clear the browser’s cookies and site data for 127.0.0.1');
  });
});

describe('browser host: a handshake ws would have refused in English', () => {
  const KEY = Buffer.alloc(16, 7).toString('base64');

  /** The page's upgrade as a browser sends it, right in every way but those `change` names. */
  function upgrade(change: { method?: string; upgrade?: string; key?: string | null; version?: string | null; protocols?: string } = {}): string {
    const lines = [
      `${change.method ?? 'GET'} /rpc HTTP/1.1`,
      `Host: 127.0.0.1:${host.port}`,
      `Origin: ${host.origin}`,
      'Connection: Upgrade',
      `Upgrade: ${change.upgrade ?? 'websocket'}`,
      ...(change.key === null ? [] : [`Sec-WebSocket-Key: ${change.key ?? KEY}`]),
      ...(change.version === null ? [] : [`Sec-WebSocket-Version: ${change.version ?? '13'}`]),
      `Sec-WebSocket-Protocol: ${change.protocols ?? `${RPC_SUBPROTOCOL}, secret.${secret}`}`,
    ];
    return `${lines.join('\r\n')}\r\n\r\n`;
  }

  it('opens when nothing is changed (the request below is the page’s own)', async () => {
    const head = await new Promise<string>((done, fail) => {
      const s = connect(host.port, '127.0.0.1');
      s.on('error', fail);
      s.once('data', (c: Buffer) => {
        s.destroy();
        done(c.toString('utf8'));
      });
      s.write(upgrade());
    });
    expect(head).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
  });

  it('refuses a WebSocket version other than 13 with 400, the version it takes, and a bilingual body', async () => {
    for (const version of ['7', '8', null]) {
      const r = parseRaw(await rawExchange(upgrade({ version })));
      expect(r.statusLine, String(version)).toBe('HTTP/1.1 400 Bad Request');
      expect(r.headers['sec-websocket-version']).toBe('13');
      expect(r.headers['content-type']).toBe(TEXT);
      expect(r.body).toBe(upgradeRefusal('BAD_VERSION', host.port));
      const { vi, en } = expectBilingual(r.body);
      expect(vi).toContain('trạm chỉ nhận phiên bản 13');
      expect(en).toContain('the station takes version 13 only');
    }
  });

  it('refuses every other handshake fault ws checks with its status and a bilingual body naming it', async () => {
    const cases = [
      { change: { method: 'POST' }, status: 'HTTP/1.1 405 Method Not Allowed', refusal: 'NOT_GET', vi: 'chỉ mở bằng yêu cầu GET', en: 'opens only with a GET request' },
      { change: { upgrade: 'h2c' }, status: 'HTTP/1.1 400 Bad Request', refusal: 'NOT_WEBSOCKET', vi: 'giao thức khác WebSocket', en: 'a protocol other than WebSocket' },
      { change: { key: null }, status: 'HTTP/1.1 400 Bad Request', refusal: 'BAD_KEY', vi: 'Sec-WebSocket-Key bị thiếu hoặc sai dạng', en: 'Sec-WebSocket-Key header is missing or malformed' },
      { change: { key: 'not-a-key' }, status: 'HTTP/1.1 400 Bad Request', refusal: 'BAD_KEY', vi: 'Sec-WebSocket-Key bị thiếu hoặc sai dạng', en: 'Sec-WebSocket-Key header is missing or malformed' },
      { change: { protocols: `${RPC_SUBPROTOCOL}, ${RPC_SUBPROTOCOL}, secret.${secret}` }, status: 'HTTP/1.1 400 Bad Request', refusal: 'BAD_PROTOCOL_LIST', vi: 'Sec-WebSocket-Protocol sai dạng', en: 'Sec-WebSocket-Protocol header is malformed' },
      { change: { protocols: `${RPC_SUBPROTOCOL},, secret.${secret}` }, status: 'HTTP/1.1 400 Bad Request', refusal: 'BAD_PROTOCOL_LIST', vi: 'Sec-WebSocket-Protocol sai dạng', en: 'Sec-WebSocket-Protocol header is malformed' },
    ] as const;
    for (const c of cases) {
      const r = parseRaw(await rawExchange(upgrade(c.change)));
      const name = JSON.stringify(c.change).replace(secret, '…');
      expect(r.statusLine, name).toBe(c.status);
      expect(r.headers['content-type'], name).toBe(TEXT);
      expect(r.body, name).toBe(upgradeRefusal(c.refusal, host.port));
      const { vi, en } = expectBilingual(r.body);
      expect(vi, name).toContain(c.vi);
      expect(en, name).toContain(c.en);
    }
    expect(parseRaw(await rawExchange(upgrade({ method: 'POST' }))).headers.allow).toBe('GET');
  });

  it('answers a HEAD that would otherwise open with 405 and the headers only', async () => {
    const raw = await rawExchange(upgrade({ method: 'HEAD' }));
    expect(raw).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
    expect(raw).toContain(`Content-Length: ${Buffer.byteLength(upgradeRefusal('NOT_GET', host.port))}\r\n`);
  });
});
