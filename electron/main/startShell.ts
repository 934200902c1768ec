/**
 * The Electron shell's composition root, with Electron's modules passed in (main.ts passes the
 * real ones, test/electron/ small fakes): single-instance lock, the app:// scheme, the session
 * guards, the core and signer utility processes, the shell calls, one locked-down window.
 * Thin on purpose (DESIGN §2): nothing here that a test outside Electron needs.
 */
import { join } from 'node:path';
import type { App, BrowserWindow, Dialog, ForkOptions, IpcMain, MessageChannelMain, Protocol, Session, Shell, UtilityProcess, WebContents } from 'electron';
import type { LogLevel } from '../core/logger.js';
import { CHANNELS } from '../preload/stationShell.js';
import { handleAppProtocol, registerAppScheme } from './appProtocol.js';
import { appFiles, resolveDataDir } from './appPaths.js';
import { ProcessSupervisor } from './processSupervisor.js';
import { rotatingFileLogger } from './rotatingLog.js';
import { createStationWindow, guardSession } from './secureWindow.js';
import { registerShellHandlers } from './shellHandlers.js';
import { claimSingleInstance } from './singleInstance.js';

export interface ElectronModules {
  app: App;
  BrowserWindow: typeof BrowserWindow;
  dialog: Dialog;
  ipcMain: IpcMain;
  MessageChannelMain: typeof MessageChannelMain;
  protocol: Protocol;
  session: { readonly defaultSession: Session };
  shell: Pick<Shell, 'openExternal'>;
  utilityProcess: { fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcess };
}

export interface ShellOptions {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  /** The folder of the built main.js (dist/electron/main). */
  mainDir: string;
}

export interface StartedShell {
  readonly dataDir: string;
  readonly supervisor: ProcessSupervisor;
  /** Resolves once the window is created. */
  readonly ready: Promise<BrowserWindow>;
}

const TITLE = 'Trạm ký hộ chiếu vắc xin / Vaccine passport signing station';

/** Null when another instance already runs (this one quits). */
export function startShell(e: ElectronModules, opts: ShellOptions): StartedShell | null {
  let win: BrowserWindow | null = null;
  const focus = () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  };
  if (!claimSingleInstance(e.app, focus)) return null;
  registerAppScheme(e.protocol);

  const dataDir = resolveDataDir(opts.argv, opts.env, e.app.getPath('userData'));
  const files = appFiles(opts.mainDir);
  const logger = rotatingFileLogger({ dir: join(dataDir, 'logs'), name: 'main' });
  const log = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => logger.log(level, message, fields);

  const supervisor = new ProcessSupervisor({
    fork: (modulePath, args, options) => e.utilityProcess.fork(modulePath, args, options),
    channel: () => new e.MessageChannelMain(),
    log: (level, message, fields) => logger.log(level, message, fields),
    entries: { core: files.coreEntry, signer: files.signerEntry },
    dataDir,
    env: opts.env,
    onCoreRestarted: () => win?.webContents.reload(),
    onCoreFailed: (reason) => {
      e.dialog.showErrorBox(TITLE, `${reason.message_vi}\n\n${reason.message_en}\n\n(${reason.code})`);
      e.app.quit();
    },
  });

  let stopped = false;
  e.app.on('before-quit', (event) => {
    if (stopped) return;
    // Close the core first: the signer host finalises the token, the database checkpoints.
    event.preventDefault();
    void supervisor.stop().finally(() => {
      stopped = true;
      e.app.quit();
    });
  });
  e.app.on('window-all-closed', () => e.app.quit());
  e.app.on('web-contents-created', (_event, contents) => {
    // Any page, ours or not (devtools included): no popups, no webviews. Our window's own
    // handlers (secureWindow.ts) replace the popup rule with the link allowlist.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const askCamera = async () => {
    const options = {
      type: 'question' as const,
      buttons: ['Cho phép / Allow', 'Không / Deny'],
      defaultId: 1,
      cancelId: 1,
      title: TITLE,
      message: 'Cho phép trạm dùng camera để đọc mã QR?\nAllow the station to use the camera to read QR codes?',
    };
    const answer = win ? await e.dialog.showMessageBox(win, options) : await e.dialog.showMessageBox(options);
    return answer.response === 0;
  };

  const connectRenderer = (contents: WebContents) => {
    supervisor.connectRenderer(contents.id, (port) => contents.postMessage(CHANNELS.port, null, [port]));
  };

  const ready = e.app.whenReady().then(() => {
    handleAppProtocol(e.protocol, files.rendererDir);
    guardSession(e.session.defaultSession, askCamera, log('warn'));
    registerShellHandlers({
      ipcMain: e.ipcMain,
      dialog: e.dialog,
      openExternal: (url) => e.shell.openExternal(url),
      windowOf: (contents) => e.BrowserWindow.fromWebContents(contents),
      connectRenderer,
      log: log('warn'),
    });
    supervisor.start();
    const created = createStationWindow({ BrowserWindow: e.BrowserWindow, openExternal: (url) => e.shell.openExternal(url), log: log('warn') }, files.preload, {
      devTools: !e.app.isPackaged,
    });
    const contentsId = created.webContents.id;
    created.webContents.on('render-process-gone', (_event, details) => logger.log('error', 'window: renderer gone', { reason: details.reason }));
    created.webContents.once('destroyed', () => supervisor.disconnectRenderer(contentsId));
    // The entry form cancels an unload while something is typed (beforeunload). A browser asks
    // the user; Electron would silently refuse to close or reload the window. Ask here, in both
    // languages, and let it go when the user says so.
    created.webContents.on('will-prevent-unload', (event) => {
      const choice = e.dialog.showMessageBoxSync(created, {
        type: 'question',
        buttons: ['Ở lại / Stay', 'Bỏ dữ liệu đang nhập / Discard what is typed'],
        defaultId: 0,
        cancelId: 0,
        title: TITLE,
        message: 'Thông tin đang nhập chưa được lưu. Đóng cửa sổ sẽ mất thông tin này.\nWhat is being typed is not saved. Closing the window loses it.',
      });
      if (choice === 1) event.preventDefault();
    });
    created.on('closed', () => {
      win = null;
    });
    win = created;
    logger.log('info', 'shell: started', { packaged: e.app.isPackaged });
    return created;
  });
  return { dataDir, supervisor, ready };
}
