/**
 * A fake `electron` module for the main-process tests (vi.doMock('electron', ...)): just the
 * objects startShell uses, each recording what was done to it.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import { FakePort, FakeUtilityProcess } from './fakes.js';

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame = { url: 'app://station/index.html' };
  openHandler: unknown = null;
  readonly postMessage = vi.fn();
  readonly reload = vi.fn();
  setWindowOpenHandler(handler: unknown) {
    this.openHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  /** The windows made since the last fakeElectron() call. */
  static windows: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async () => {});
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  minimized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.windows.push(this);
  }
  isMinimized() {
    return this.minimized;
  }
  static fromWebContents(contents: unknown) {
    return FakeBrowserWindow.windows.find((w) => w.webContents === contents) ?? null;
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly quit = vi.fn();
  readonly requestSingleInstanceLock: () => boolean;
  readonly getPath: (name: string) => string;
  constructor(
    lock: boolean,
    userData: string,
    readonly whenReady: () => Promise<void>,
  ) {
    super();
    this.requestSingleInstanceLock = vi.fn(() => lock);
    this.getPath = vi.fn((name: string) => (name === 'userData' ? userData : '/tmp'));
  }
}

export class FakeSession extends EventEmitter {
  readonly setPermissionRequestHandler = vi.fn();
  readonly setPermissionCheckHandler = vi.fn();
  readonly webRequest = { onHeadersReceived: vi.fn() };
}

export function fakeElectron(opts: { lock?: boolean; userData: string }) {
  const windows: FakeBrowserWindow[] = [];
  FakeBrowserWindow.windows = windows;
  const forks: FakeUtilityProcess[] = [];
  const ipcListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const ipcHandlers = new Map<string, unknown>();
  let resolveReady!: () => void;
  const whenReady = new Promise<void>((r) => (resolveReady = r));

  const app = new FakeApp(opts.lock ?? true, opts.userData, () => whenReady);
  const session = { defaultSession: new FakeSession() };
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })), showMessageBoxSync: vi.fn(() => 0), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: {
      on: (channel: string, l: (event: unknown, ...args: unknown[]) => void) => ipcListeners.set(channel, l),
      handle: (channel: string, h: unknown) => ipcHandlers.set(channel, h),
    },
    MessageChannelMain: class {
      port1 = new FakePort();
      port2 = new FakePort();
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session,
    shell: { openExternal: vi.fn(async () => {}) },
    utilityProcess: {
      fork: vi.fn((modulePath: string, args: string[], options: Record<string, unknown>) => {
        const child = new FakeUtilityProcess(modulePath, args, options);
        forks.push(child);
        return child;
      }),
    },
  };
  return { module, windows, forks, ipcListeners, ipcHandlers, ready: () => resolveReady() };
}
