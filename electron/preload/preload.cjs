// @ts-check
/**
 * The station window's preload. The window is sandboxed, so Electron runs this as a classic
 * CommonJS script that may `require` nothing but 'electron' (no other file of ours, no Node
 * module): hence one self-contained, hand-written file. TypeScript emits `export {}` into any .ts
 * of this ESM package, which a classic script cannot parse, so this file is JavaScript checked by
 * `tsc --checkJs` against stationShell.ts (test/electron/preload.test.ts runs that check and
 * compares the constants below with the originals).
 *
 * It gives the page exactly one object, `window.station` (STYLE rule 7): narrow calls whose
 * arguments are copied field by field (nothing but the listed fields crosses), never
 * `ipcRenderer` itself. The RPC MessagePort cannot cross contextBridge; it is handed to the page
 * with `window.postMessage` to the app's own origin when the page asks for it (`connectRpc`).
 */
'use strict';

/** @typedef {import('./stationShell.js').StationShell} StationShell */
/** @typedef {import('./stationShell.js').ShellResult} ShellResult */
/** @typedef {import('./stationShell.js').OpenFileResult} OpenFileResult */

/** @type {typeof import('./stationShell.js').APP_ORIGIN} */
const APP_ORIGIN = 'app://station';
/** @type {typeof import('./stationShell.js').SHELL_GLOBAL} */
const SHELL_GLOBAL = 'station';
/** @type {typeof import('./stationShell.js').PORT_MESSAGE_TYPE} */
const PORT_MESSAGE_TYPE = 'station-rpc-port';
/** @type {typeof import('./stationShell.js').CHANNELS} */
const CHANNELS = {
  portRequest: 'station:rpc-port-request',
  port: 'station:rpc-port',
  print: 'station:shell:print',
  savePdf: 'station:shell:save-pdf',
  openFile: 'station:shell:open-file',
  saveFile: 'station:shell:save-file',
  openExternal: 'station:shell:open-external',
};

const { contextBridge, ipcRenderer } = /** @type {Pick<typeof import('electron'), 'contextBridge' | 'ipcRenderer'>} */ (require('electron'));

/** @type {{ postMessage(message: unknown, targetOrigin: string, transfer: unknown[]): void }} */
const page = /** @type {any} */ (globalThis).window;

/** @type {ShellResult} */
const refused = {
  status: 'failed',
  code: 'SHELL_BAD_ARGUMENT',
  message_vi: 'Yêu cầu không hợp lệ.',
  message_en: 'The request is not valid.',
};

/** @param {unknown} value @returns {string | null} */
function text(value) {
  return typeof value === 'string' ? value : null;
}

/** @param {unknown} options @param {string} name @returns {unknown} */
function field(options, name) {
  return typeof options === 'object' && options !== null ? /** @type {Record<string, unknown>} */ (options)[name] : undefined;
}

ipcRenderer.on(CHANNELS.port, (event) => {
  const port = event.ports[0];
  if (port === undefined) return;
  page.postMessage({ type: PORT_MESSAGE_TYPE }, APP_ORIGIN, [port]);
});

/** @type {StationShell} */
const shell = {
  connectRpc() {
    ipcRenderer.send(CHANNELS.portRequest);
  },
  async print(options) {
    const pageSize = text(field(options, 'pageSize'));
    if (pageSize === null) return refused;
    return /** @type {ShellResult} */ (await ipcRenderer.invoke(CHANNELS.print, { pageSize }));
  },
  async savePdf(options) {
    const pageSize = text(field(options, 'pageSize'));
    const suggestedName = text(field(options, 'suggestedName'));
    if (pageSize === null || suggestedName === null) return refused;
    return /** @type {ShellResult} */ (await ipcRenderer.invoke(CHANNELS.savePdf, { pageSize, suggestedName }));
  },
  async openFile(options) {
    const purpose = text(field(options, 'purpose'));
    if (purpose === null) return refused;
    return /** @type {OpenFileResult} */ (await ipcRenderer.invoke(CHANNELS.openFile, { purpose }));
  },
  async saveFile(options) {
    const purpose = text(field(options, 'purpose'));
    const suggestedName = text(field(options, 'suggestedName'));
    const bytes = field(options, 'bytes');
    // By tag, not instanceof: the page's Uint8Array comes from another realm.
    if (purpose === null || suggestedName === null || Object.prototype.toString.call(bytes) !== '[object Uint8Array]') return refused;
    return /** @type {ShellResult} */ (await ipcRenderer.invoke(CHANNELS.saveFile, { purpose, suggestedName, bytes }));
  },
  async openExternal(url) {
    const href = text(url);
    if (href === null) return refused;
    return /** @type {ShellResult} */ (await ipcRenderer.invoke(CHANNELS.openExternal, { url: href }));
  },
};

contextBridge.exposeInMainWorld(SHELL_GLOBAL, shell);
