/**
 * The one object the preload puts in the page (`window.station`, STYLE rule 7) and the IPC
 * channel names behind it, declared once for the main process. The sandboxed preload cannot
 * import this module at run time (a sandboxed preload may `require` only 'electron'), so
 * preload.cts repeats the channel strings; test/electron/preload.test.ts checks they agree.
 *
 * Every call returns a result object instead of throwing: an error thrown through
 * `ipcRenderer.invoke` reaches the page as a bare Error whose text is all that survives, and the
 * page needs a stable code and both languages (DESIGN §9).
 */

/**
 * The station page's origin: the renderer is served on this custom scheme (electron/main/
 * appProtocol.ts), never from file:// (whose origin is opaque and shared by every local file).
 */
export const APP_ORIGIN = 'app://station';

/** The name under which the preload exposes the shell object. */
export const SHELL_GLOBAL = 'station';

/** The window message that carries the RPC MessagePort to the page (renderer/src/rpc/connect.ts). */
export const PORT_MESSAGE_TYPE = 'station-rpc-port';

export const CHANNELS = {
  /** preload → main (send): "give this page a fresh RPC port". */
  portRequest: 'station:rpc-port-request',
  /** main → preload (webContents.postMessage, with the port in the transfer list). */
  port: 'station:rpc-port',
  print: 'station:shell:print',
  savePdf: 'station:shell:save-pdf',
  openFile: 'station:shell:open-file',
  saveFile: 'station:shell:save-file',
  openExternal: 'station:shell:open-external',
} as const;

export type PageSize = 'A4' | 'A6';
export type OpenPurpose = 'import' | 'image';
export type SavePurpose = 'xlsx' | 'csv' | 'pdf' | 'png' | 'cbor';

export interface ShellFailure {
  status: 'failed';
  code: string;
  message_vi: string;
  message_en: string;
}
export type ShellResult = { status: 'done' } | { status: 'cancelled' } | ShellFailure;
export type OpenFileResult = { status: 'done'; name: string; bytes: Uint8Array } | { status: 'cancelled' } | ShellFailure;

export interface StationShell {
  /**
   * Asks for the RPC port to the core. Attach a `message` listener on `window` first: the port
   * arrives as `{ type: 'station-rpc-port' }` with the port in `event.ports[0]`. Each call gives
   * a new connection and closes this page's previous one.
   */
  connectRpc(): void;
  /** The system print dialog for the current page (the certificate view), on A4 or A6 paper. */
  print(options: { pageSize: PageSize }): Promise<ShellResult>;
  /** The current page as a PDF on A4 or A6, saved where the user picks (system dialog). */
  savePdf(options: { pageSize: PageSize; suggestedName: string }): Promise<ShellResult>;
  /** A file the user picks (system dialog): a spreadsheet to import or a QR image to verify. */
  openFile(options: { purpose: OpenPurpose }): Promise<OpenFileResult>;
  /** Saves bytes where the user picks (system dialog), e.g. the failed rows of an import. */
  saveFile(options: { purpose: SavePurpose; suggestedName: string; bytes: Uint8Array }): Promise<ShellResult>;
  /** Opens an https link of the allowlist in the system browser; anything else is refused. */
  openExternal(url: string): Promise<ShellResult>;
}
