/**
 * The Electron shell's one object in the page (`window.station`, electron/preload/stationShell.ts),
 * when the renderer runs inside the Electron window; null in a browser (the browser host). Only
 * the calls the renderer uses are declared here: the renderer may not import electron/ code.
 */
export type PageSize = 'A4' | 'A6';

export interface ShellFailure {
  status: 'failed';
  code: string;
  message_vi: string;
  message_en: string;
}
export type ShellResult = { status: 'done' } | { status: 'cancelled' } | ShellFailure;

export interface StationShell {
  connectRpc(): void;
  print(options: { pageSize: PageSize }): Promise<ShellResult>;
  savePdf(options: { pageSize: PageSize; suggestedName: string }): Promise<ShellResult>;
  saveFile(options: { purpose: 'xlsx' | 'csv' | 'pdf' | 'png' | 'cbor'; suggestedName: string; bytes: Uint8Array }): Promise<ShellResult>;
}

export function stationShell(win: Window = window): StationShell | null {
  const shell = (win as Window & { station?: unknown }).station;
  if (typeof shell !== 'object' || shell === null) return null;
  return typeof (shell as { connectRpc?: unknown }).connectRpc === 'function' ? (shell as StationShell) : null;
}

/** A shell failure as an error the screens show like a core error (code + both languages). */
export function shellError(r: ShellFailure): { code: string; messageVi: string; messageEn: string } {
  return { code: r.code, messageVi: r.message_vi, messageEn: r.message_en };
}
