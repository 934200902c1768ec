// The main process entry (electron/main/main.ts) loaded against a fake `electron` module:
// the single-instance lock, the app:// scheme registered before ready, the session guards, the
// core utility process on the data directory, one locked-down window, the renderer's port wired
// to the core, focus on a second launch, and quitting only after the core has closed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appFiles } from '../../electron/main/appPaths.js';
import { CHANNELS } from '../../electron/preload/stationShell.js';
import { fakeElectron } from './fakeElectron.js';

const root = resolve(import.meta.dirname, '../..');
let dataDir: string;
let fake: ReturnType<typeof fakeElectron>;
const savedDataDir = process.env.STATION_DATA_DIR;

async function loadMain(opts: { lock?: boolean } = {}) {
  fake = fakeElectron({ userData: join(dataDir, 'userData'), ...opts });
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  await import('../../electron/main/main.js');
  return fake;
}

async function ready() {
  fake.ready();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  return fake.windows[0]!;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'station-main-'));
  process.env.STATION_DATA_DIR = dataDir;
});
afterEach(() => {
  vi.doUnmock('electron');
  if (savedDataDir === undefined) delete process.env.STATION_DATA_DIR;
  else process.env.STATION_DATA_DIR = savedDataDir;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('main process', () => {
  it('quits at once when another instance holds the lock', async () => {
    const f = await loadMain({ lock: false });
    expect(f.module.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(f.module.app.quit).toHaveBeenCalled();
    expect(f.module.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    f.ready();
    await new Promise((r) => setTimeout(r, 20));
    expect(f.windows).toHaveLength(0);
    expect(f.forks).toHaveLength(0);
  });

  it('registers the app:// scheme before ready and serves it after', async () => {
    const f = await loadMain();
    expect(f.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(f.module.protocol.handle).not.toHaveBeenCalled();
    await ready();
    expect(f.module.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('guards the session and opens one sandboxed, isolated window on the app entry', async () => {
    const f = await loadMain();
    const win = await ready();
    const s = f.module.session.defaultSession;
    expect(s.setPermissionRequestHandler).toHaveBeenCalled();
    expect(s.setPermissionCheckHandler).toHaveBeenCalled();
    expect(s.webRequest.onHeadersReceived).toHaveBeenCalled();
    expect(s.listenerCount('will-download')).toBe(1);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: true });
    const preload = (win.options.webPreferences as { preload: string }).preload;
    expect(preload).toBe(join(root, 'electron/preload/preload.cjs'));
    expect(existsSync(preload)).toBe(true);
    expect(win.loadURL).toHaveBeenCalledWith('app://station/index.html');
  });

  it('asks before a window with unsaved typing closes: Stay keeps it, Discard lets it go', async () => {
    const f = await loadMain();
    const win = await ready();
    const stay = { preventDefault: vi.fn() };
    win.webContents.emit('will-prevent-unload', stay);
    expect(f.module.dialog.showMessageBoxSync).toHaveBeenCalledWith(win, expect.objectContaining({ message: expect.stringContaining('Closing the window loses it') }));
    expect(stay.preventDefault).not.toHaveBeenCalled();
    f.module.dialog.showMessageBoxSync.mockReturnValueOnce(1);
    const discard = { preventDefault: vi.fn() };
    win.webContents.emit('will-prevent-unload', discard);
    expect(discard.preventDefault).toHaveBeenCalled();
  });

  it('starts the core utility process on the data directory and logs to <data>/logs/main.log', async () => {
    const f = await loadMain();
    await ready();
    expect(f.forks).toHaveLength(1);
    expect(f.forks[0]!.modulePath).toBe(join(root, 'dist/electron/main/coreProcess.js'));
    expect(f.forks[0]!.args).toEqual([`--data-dir=${dataDir}`]);
    expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toContain('shell: started');
  });

  it('hands the page a port whose other end goes to the core', async () => {
    const f = await loadMain();
    const win = await ready();
    const core = f.forks[0]!;
    core.say({ type: 'core.ready' });
    f.ipcListeners.get(CHANNELS.portRequest)!({ sender: win.webContents, senderFrame: win.webContents.mainFrame });
    expect(core.posted).toHaveLength(1);
    expect(core.posted[0]!.message).toEqual({ type: 'rpc.connect', connection: 1 });
    const [toRenderer] = win.webContents.postMessage.mock.calls;
    expect(toRenderer![0]).toBe(CHANNELS.port);
    expect(toRenderer![2]).toHaveLength(1);
    expect(toRenderer![2][0]).not.toBe(core.posted[0]!.ports[0]);
    // A closed window's connection is closed in the core too.
    win.webContents.emit('destroyed');
    expect(core.posted[1]!.message).toEqual({ type: 'rpc.close', connection: 1 });
  });

  it('registers the shell calls', async () => {
    const f = await loadMain();
    await ready();
    expect([...f.ipcHandlers.keys()].sort()).toEqual([CHANNELS.openExternal, CHANNELS.openFile, CHANNELS.print, CHANNELS.saveFile, CHANNELS.savePdf].sort());
  });

  it('brings the window back on a second launch', async () => {
    const f = await loadMain();
    const win = await ready();
    win.minimized = true;
    f.module.app.emit('second-instance', {}, [], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('quits only after the core has closed', async () => {
    const f = await loadMain();
    await ready();
    const core = f.forks[0]!;
    core.say({ type: 'core.ready' });
    const event = { preventDefault: vi.fn() };
    f.module.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(core.posted.map((p) => p.message)).toContainEqual({ type: 'shutdown' });
    expect(f.module.app.quit).not.toHaveBeenCalled();
    core.exit(0);
    await vi.waitFor(() => expect(f.module.app.quit).toHaveBeenCalled());
    const again = { preventDefault: vi.fn() };
    f.module.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('quits when the window is closed', async () => {
    const f = await loadMain();
    await ready();
    f.module.app.emit('window-all-closed');
    expect(f.module.app.quit).toHaveBeenCalled();
  });

  it('shows why and quits when the core cannot open the data', async () => {
    const f = await loadMain();
    await ready();
    f.forks[0]!.say({ type: 'core.failed', code: 'DB_TOO_NEW', message_vi: 'Dữ liệu mới hơn', message_en: 'Newer data' });
    expect(f.module.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringContaining('DB_TOO_NEW'));
    expect(f.module.app.quit).toHaveBeenCalled();
  });
});

describe('the built app’s files', () => {
  it('are where the main process looks for them (after tsc -b)', () => {
    const files = appFiles(join(root, 'dist/electron/main'));
    for (const path of [files.preload, files.coreEntry, files.signerEntry, join(root, 'dist/electron/main/main.js')]) expect(existsSync(path), path).toBe(true);
  });
});

describe('appFiles', () => {
  it('finds the same files from the built main folder and from the source folder', () => {
    expect(appFiles('/app/dist/electron/main')).toEqual({
      rendererDir: '/app/dist/renderer',
      preload: '/app/electron/preload/preload.cjs',
      coreEntry: '/app/dist/electron/main/coreProcess.js',
      signerEntry: '/app/dist/electron/main/signerProcess.js',
    });
    expect(appFiles('/app/electron/main')).toEqual(appFiles('/app/dist/electron/main'));
  });
});
