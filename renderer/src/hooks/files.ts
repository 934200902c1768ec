/** Files in and out of the page: bytes as base64 for the RPC, and downloads made from base64. */
import { stationShell, type ShellResult } from './shell.js';

/** A chosen file's bytes as base64 (the browser's own encoder: fast even for large files). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves bytes under `name` through the browser's download (no network: a blob: URL). */
export function downloadBase64(name: string, base64: string, type: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Saves a file the core made: the Electron shell's save dialog when there is one, else the
 * browser's download. Resolves with what happened (a cancelled dialog is not an error).
 */
export async function saveBase64(name: string, base64: string, type: string, purpose: 'xlsx' | 'cbor' | 'pdf'): Promise<ShellResult> {
  const shell = stationShell();
  if (shell !== null) return shell.saveFile({ purpose, suggestedName: name, bytes: base64ToBytes(base64) });
  downloadBase64(name, base64, type);
  return { status: 'done' };
}
