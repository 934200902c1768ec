/**
 * Main's side of `window.station` (electron/preload/stationShell.ts): printing (A4/A6), PDF,
 * native open/save dialogs and external links, each one narrow call. Every call checks the
 * sender (the app's own top frame) and parses its arguments before anything happens; paths never
 * cross to the page (the user picks them in the system dialog), only a file's name and bytes.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BaseWindow, Dialog, FileFilter, IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import { CHANNELS, type OpenFileResult, type ShellFailure, type ShellResult } from '../preload/stationShell.js';
import { isAllowedExternalUrl, isTrustedSender } from './secureWindow.js';

const MB = 1024 * 1024;
const PageSize = z.enum(['A4', 'A6']);
const FileName = z.string().min(1).max(200);

export const ShellArgs = {
  print: z.object({ pageSize: PageSize }).strict(),
  savePdf: z.object({ pageSize: PageSize, suggestedName: FileName }).strict(),
  openFile: z.object({ purpose: z.enum(['import', 'image']) }).strict(),
  saveFile: z
    .object({
      purpose: z.enum(['xlsx', 'csv', 'pdf', 'png', 'cbor']),
      suggestedName: FileName,
      bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= 300 * MB, 'too large'),
    })
    .strict(),
  openExternal: z.object({ url: z.string().max(2048) }).strict(),
};

/** What each purpose may open or save, and the largest file it may read (an import is 200 MB). */
const OPEN: Record<'import' | 'image', { filters: FileFilter[]; maxBytes: number }> = {
  import: { filters: [{ name: 'Bảng tính / Spreadsheet', extensions: ['xlsx', 'csv', 'tsv', 'txt'] }], maxBytes: 200 * MB },
  image: { filters: [{ name: 'Ảnh mã QR / QR image', extensions: ['png', 'jpg', 'jpeg'] }], maxBytes: 20 * MB },
};
const SAVE: Record<z.infer<typeof ShellArgs.saveFile>['purpose'], FileFilter> = {
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
  png: { name: 'PNG', extensions: ['png'] },
  cbor: { name: 'CBOR', extensions: ['cbor'] },
};

function failure(code: string, vi: string, en: string): ShellFailure {
  return { status: 'failed', code, message_vi: vi, message_en: en };
}
const BAD_ARGUMENT = failure('SHELL_BAD_ARGUMENT', 'Yêu cầu không hợp lệ.', 'The request is not valid.');
const NOT_ALLOWED = failure('SHELL_SENDER_REFUSED', 'Yêu cầu không đến từ trang của trạm.', 'The request did not come from the station page.');
const DONE: ShellResult = { status: 'done' };
const CANCELLED: ShellResult = { status: 'cancelled' };

/** A name for the save dialog: no folders, no characters Windows refuses, the right extension. */
export function safeFileName(name: string, extension: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let clean = base.replace(/[<>:"|?*\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 120);
  if (clean === '' || /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(clean)) clean = `station${clean === '' ? '' : `-${clean}`}`;
  return clean.toLowerCase().endsWith(`.${extension}`) ? clean : `${clean}.${extension}`;
}

export interface ShellDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'on'>;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  openExternal(url: string): Promise<void>;
  /** BrowserWindow.fromWebContents: the dialogs are modal to the asking window. */
  windowOf(contents: WebContents): BaseWindow | null;
  /** The page asks for its RPC port (ProcessSupervisor.connectRenderer). */
  connectRenderer(contents: WebContents): void;
  log(message: string, fields?: Record<string, unknown>): void;
}

type Handler = (event: IpcMainInvokeEvent, args: unknown) => Promise<ShellResult | OpenFileResult>;

export function registerShellHandlers(deps: ShellDeps): void {
  const guarded = <S extends z.ZodType>(channel: string, schema: S, run: (event: IpcMainInvokeEvent, args: z.infer<S>) => Promise<ShellResult | OpenFileResult>): void => {
    const handler: Handler = async (event, args) => {
      if (!isTrustedSender(event)) {
        deps.log('shell: sender refused', { channel });
        return NOT_ALLOWED;
      }
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        deps.log('shell: bad argument', { channel });
        return BAD_ARGUMENT;
      }
      try {
        return await run(event, parsed.data);
      } catch (err) {
        deps.log('shell: failed', { channel, error: err instanceof Error ? err.name : 'unknown' });
        return failure('SHELL_FAILED', 'Không thực hiện được thao tác với tệp hoặc máy in.', 'The file or printer operation failed.');
      }
    };
    deps.ipcMain.handle(channel, handler);
  };
  const modal = (event: IpcMainInvokeEvent) => deps.windowOf(event.sender);
  const saveDialog = async (event: IpcMainInvokeEvent, name: string, filter: FileFilter) => {
    const win = modal(event);
    const options = { defaultPath: safeFileName(name, filter.extensions[0]!), filters: [filter] };
    const picked = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
    return picked.canceled || !picked.filePath ? null : picked.filePath;
  };

  guarded(CHANNELS.print, ShellArgs.print, (event, { pageSize }) =>
    new Promise((resolve) => {
      event.sender.print({ silent: false, printBackground: true, pageSize }, (success, reason) => {
        if (success) resolve(DONE);
        else if (/cancel/i.test(reason)) resolve(CANCELLED);
        else resolve(failure('PRINT_FAILED', 'Không in được: hãy kiểm tra máy in.', 'Printing failed: check the printer.'));
      });
    }),
  );

  guarded(CHANNELS.savePdf, ShellArgs.savePdf, async (event, { pageSize, suggestedName }) => {
    const path = await saveDialog(event, suggestedName, SAVE.pdf);
    if (path === null) return CANCELLED;
    const pdf = await event.sender.printToPDF({ pageSize, printBackground: true, preferCSSPageSize: false });
    await writeFile(path, pdf);
    return DONE;
  });

  guarded(CHANNELS.openFile, ShellArgs.openFile, async (event, { purpose }) => {
    const { filters, maxBytes } = OPEN[purpose];
    const win = modal(event);
    const options = { properties: ['openFile' as const], filters };
    const picked = win ? await deps.dialog.showOpenDialog(win, options) : await deps.dialog.showOpenDialog(options);
    const path = picked.filePaths[0];
    if (picked.canceled || path === undefined) return CANCELLED;
    if ((await stat(path)).size > maxBytes) {
      return failure('FILE_TOO_LARGE', `Tệp lớn hơn ${maxBytes / MB} MB.`, `The file is larger than ${maxBytes / MB} MB.`);
    }
    return { status: 'done', name: basename(path), bytes: new Uint8Array(await readFile(path)) };
  });

  guarded(CHANNELS.saveFile, ShellArgs.saveFile, async (event, { purpose, suggestedName, bytes }) => {
    const path = await saveDialog(event, suggestedName, SAVE[purpose]);
    if (path === null) return CANCELLED;
    await writeFile(path, bytes);
    return DONE;
  });

  guarded(CHANNELS.openExternal, ShellArgs.openExternal, async (_event, { url }) => {
    if (!isAllowedExternalUrl(url)) {
      deps.log('shell: link refused', {});
      return failure('LINK_NOT_ALLOWED', 'Liên kết này không được mở từ trạm.', 'This link may not be opened from the station.');
    }
    await deps.openExternal(url);
    return DONE;
  });

  deps.ipcMain.on(CHANNELS.portRequest, (event: IpcMainEvent) => {
    if (!isTrustedSender(event)) {
      deps.log('rpc port: request refused', {});
      return;
    }
    deps.connectRenderer(event.sender);
  });
}
