// The app:// protocol that serves the renderer: files inside the renderer folder only (traversal
// in every spelling refused), a fixed content-type table, the CSP and nosniff on every answer,
// GET/HEAD only, and the scheme registered as standard + secure (a real origin; camera allowed).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES, appProtocolHandler, handleAppProtocol, registerAppScheme, resolveAppFile } from '../../electron/main/appProtocol.js';
import { WINDOW_CSP } from '../../electron/main/secureWindow.js';

let dir: string;
let renderer: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-app-protocol-'));
  renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Trạm</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'station.db'), 'SQLite format 3');
  writeFileSync(join(renderer, 'assets', 'notes.exe'), 'MZ');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveAppFile', () => {
  it('maps app://station/ URLs to files in the renderer folder', () => {
    expect(resolveAppFile(renderer, 'app://station/')).toEqual({ file: join(renderer, 'index.html'), type: 'text/html; charset=utf-8' });
    expect(resolveAppFile(renderer, 'app://station/index.html#/records')?.file).toBe(join(renderer, 'index.html'));
    expect(resolveAppFile(renderer, 'app://station/assets/index-abc.js?v=1')).toEqual({ file: join(renderer, 'assets', 'index-abc.js'), type: 'text/javascript; charset=utf-8' });
  });

  it.each([
    ['dot segments', 'app://station/../station.db'],
    ['encoded dot segments', 'app://station/%2e%2e/station.db'],
    ['an encoded slash', 'app://station/..%2fstation.db'],
    ['an encoded backslash', 'app://station/..%5cstation.db'],
    ['a NUL byte', 'app://station/index.html%00.js'],
    ['a bad escape', 'app://station/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///index.html'],
    ['an unknown file type', 'app://station/assets/notes.exe'],
  ])('refuses %s', (_why, url) => {
    expect(resolveAppFile(renderer, url)).toBeNull();
  });
});

describe('the protocol handler', () => {
  const handler = () => appProtocolHandler(renderer);

  it('serves a file with the CSP, nosniff and its content type', async () => {
    const res = await handler()(new Request('app://station/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(WINDOW_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('Trạm');
  });

  it('answers HEAD without a body and other methods with 405', async () => {
    const head = await handler()(new Request('app://station/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await handler()(new Request('app://station/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(WINDOW_CSP);
    expect(await post.text()).toBe('Giao diện của trạm chỉ đọc (nhận GET và HEAD). / The station’s interface is read-only (it takes GET and HEAD).');
  });

  it('answers 404 (with the headers) for what is missing or refused', async () => {
    for (const url of ['app://station/missing.js', 'app://station/%2e%2e/station.db', 'app://station/assets/']) {
      const res = await handler()(new Request(url));
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(WINDOW_CSP);
      expect(await res.text(), url).toMatch(/^Không có tệp này trong giao diện của trạm: .* \/ No such file in the station’s interface: /);
    }
  });

  it('registers the scheme as standard and secure before ready, then the handler', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    handleAppProtocol(protocol, renderer);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
