// The sandboxed preload, run the way Electron runs it: the file's text in a wrapper function
// whose `require` knows only 'electron' (a sandboxed preload can load nothing else), in a
// separate realm, with a fake contextBridge and ipcRenderer. Asserts the page gets exactly one
// object with exactly the StationShell calls, never ipcRenderer; arguments are copied field by
// field; the RPC port goes to the app origin only; and the file type-checks against
// stationShell.ts (its constants cannot drift from the main process's).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createContext, Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, CHANNELS, PORT_MESSAGE_TYPE, SHELL_GLOBAL } from '../../electron/preload/stationShell.js';

const root = resolve(import.meta.dirname, '../..');
const PRELOAD = join(root, 'electron/preload/preload.cjs');

function loadPreload(invokeReply: unknown = { status: 'done' }) {
  const exposed: Record<string, unknown> = {};
  const required: string[] = [];
  const sent: unknown[][] = [];
  const invoked: unknown[][] = [];
  const listeners = new Map<string, (event: { ports: unknown[] }) => void>();
  const posted: unknown[][] = [];
  const ipcRenderer = {
    on: (channel: string, listener: (event: { ports: unknown[] }) => void) => listeners.set(channel, listener),
    send: (...args: unknown[]) => sent.push(args),
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return invokeReply;
    },
  };
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => {
      exposed[key] = api;
    },
  };
  const window = { postMessage: (...args: unknown[]) => posted.push(args) };
  const context = createContext({ window });
  // Electron's sandboxed preload wrapper: (require, process, Buffer, global, setImmediate, clearImmediate, exports, module).
  const wrapper = new Script(`(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {${readFileSync(PRELOAD, 'utf8')}\n})`, {
    filename: PRELOAD,
  }).runInContext(context) as (...args: unknown[]) => void;
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`module not found: ${name}`);
    return { contextBridge, ipcRenderer };
  };
  const module = { exports: {} };
  wrapper(sandboxRequire, {}, undefined, context, setImmediate, clearImmediate, module.exports, module);
  return { exposed, required, sent, invoked, listeners, posted, context, shell: exposed[SHELL_GLOBAL] as Record<string, (...a: unknown[]) => Promise<unknown>> };
}

describe('preload', () => {
  it('requires nothing but electron (a sandboxed preload cannot)', () => {
    expect(loadPreload().required).toEqual(['electron']);
  });

  it('exposes exactly one object, window.station, with exactly the StationShell calls', () => {
    const { exposed } = loadPreload();
    expect(Object.keys(exposed)).toEqual(['station']);
    expect(Object.keys(exposed.station as object).sort()).toEqual(['connectRpc', 'openExternal', 'openFile', 'print', 'saveFile', 'savePdf']);
    for (const value of Object.values(exposed.station as object)) expect(typeof value).toBe('function');
  });

  it('never hands out ipcRenderer, even through a call’s result', async () => {
    const { shell, exposed } = loadPreload();
    const seen = JSON.stringify(exposed, (_k, v: unknown) => (typeof v === 'function' ? `fn:${(v as { name: string }).name}` : v));
    expect(seen).not.toMatch(/ipcRenderer|invoke|send/);
    const results = await Promise.all([shell.print!({ pageSize: 'A4' }), shell.openExternal!('https://moh.gov.vn/')]);
    for (const r of results) expect(r).toEqual({ status: 'done' });
  });

  it('asks main for an RPC port only when the page calls connectRpc, and posts it to the app origin', () => {
    const { shell, sent, listeners, posted } = loadPreload();
    expect(sent).toEqual([]);
    void shell.connectRpc!();
    expect(sent).toEqual([[CHANNELS.portRequest]]);
    const port = { name: 'port' };
    listeners.get(CHANNELS.port)!({ ports: [port] });
    expect(posted).toEqual([[{ type: PORT_MESSAGE_TYPE }, APP_ORIGIN, [port]]]);
    listeners.get(CHANNELS.port)!({ ports: [] });
    expect(posted).toHaveLength(1);
  });

  it('copies only the listed fields of each argument', async () => {
    const { shell, invoked } = loadPreload();
    await shell.print!({ pageSize: 'A6', silent: true, deviceName: 'Evil printer' });
    await shell.savePdf!({ pageSize: 'A4', suggestedName: 'cert.pdf', path: '/etc/passwd' });
    await shell.openFile!({ purpose: 'import', defaultPath: 'C:\\Windows' });
    await shell.openExternal!('https://moh.gov.vn/');
    expect(invoked).toEqual([
      [CHANNELS.print, { pageSize: 'A6' }],
      [CHANNELS.savePdf, { pageSize: 'A4', suggestedName: 'cert.pdf' }],
      [CHANNELS.openFile, { purpose: 'import' }],
      [CHANNELS.openExternal, { url: 'https://moh.gov.vn/' }],
    ]);
  });

  it('passes bytes made by the page (another realm) and refuses anything that is not a Uint8Array', async () => {
    const { shell, invoked, context } = loadPreload();
    const pageBytes = new Script('new Uint8Array([1, 2, 3])').runInContext(context) as Uint8Array;
    expect(await shell.saveFile!({ purpose: 'xlsx', suggestedName: 'loi.xlsx', bytes: pageBytes })).toEqual({ status: 'done' });
    expect(invoked[0]![1]).toMatchObject({ purpose: 'xlsx', suggestedName: 'loi.xlsx' });
    const refused = await shell.saveFile!({ purpose: 'xlsx', suggestedName: 'x.xlsx', bytes: [1, 2, 3] });
    expect(refused).toMatchObject({ status: 'failed', code: 'SHELL_BAD_ARGUMENT' });
    expect(invoked).toHaveLength(1);
  });

  it.each([
    ['print', [{}]],
    ['print', [null]],
    ['savePdf', [{ pageSize: 'A4' }]],
    ['openFile', ['import']],
    ['openExternal', [{ url: 'https://moh.gov.vn/' }]],
  ])('refuses %s(%j) without calling main', async (call, args) => {
    const { shell, invoked } = loadPreload();
    expect(await shell[call]!(...args)).toMatchObject({ status: 'failed', code: 'SHELL_BAD_ARGUMENT', message_vi: expect.any(String), message_en: expect.any(String) });
    expect(invoked).toEqual([]);
  });

  it('type-checks against stationShell.ts (the channel names and the object’s shape)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'station-preload-check-'));
    try {
      const config = join(dir, 'tsconfig.json');
      writeFileSync(
        config,
        JSON.stringify({
          compilerOptions: {
            allowJs: true,
            checkJs: true,
            noEmit: true,
            strict: true,
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            lib: ['ES2023'],
            types: ['node'],
            typeRoots: [join(root, 'node_modules/@types')],
            skipLibCheck: true,
          },
          files: [PRELOAD],
        }),
      );
      const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { encoding: 'utf8', timeout: 30_000 });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the same names as the main process', () => {
    const source = readFileSync(PRELOAD, 'utf8');
    for (const channel of Object.values(CHANNELS)) expect(source).toContain(`'${channel}'`);
    expect(source).toContain(`'${APP_ORIGIN}'`);
    expect(source).toContain(`'${SHELL_GLOBAL}'`);
  });
});
