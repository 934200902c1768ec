// Main's side of window.station: each call checks its sender and its arguments first; printing
// on A4/A6, PDF written where the user chose, files read and written through the system dialogs
// (real temp files), links opened only when allowlisted, the RPC port given to trusted pages only.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialog, IpcMain, WebContents } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerShellHandlers, safeFileName } from '../../electron/main/shellHandlers.js';
import { CHANNELS } from '../../electron/preload/stationShell.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-shell-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Handler = (event: unknown, args: unknown) => Promise<Record<string, unknown>>;

function setup() {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, (event: unknown) => void>();
  const ipcMain = {
    handle: (channel: string, h: Handler) => handlers.set(channel, h),
    on: (channel: string, l: (event: unknown) => void) => listeners.set(channel, l),
  };
  const dialog = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() };
  const openExternal = vi.fn(async () => {});
  const connectRenderer = vi.fn();
  const log = vi.fn();
  const win = { id: 'window' };
  registerShellHandlers({
    ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'on'>,
    dialog: dialog as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
    openExternal,
    windowOf: () => win as never,
    connectRenderer,
    log,
  });
  const mainFrame = { url: 'app://station/index.html#/certificates' };
  const sender = {
    mainFrame,
    print: vi.fn((_options: unknown, callback: (ok: boolean, reason: string) => void) => callback(true, '')),
    printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7 test')),
  };
  const trusted = { sender, senderFrame: mainFrame };
  const call = (channel: string, args: unknown, event: unknown = trusted) => handlers.get(channel)!(event, args);
  return { handlers, listeners, dialog, openExternal, connectRenderer, log, sender, trusted, call, win };
}

let s: ReturnType<typeof setup>;
beforeEach(() => {
  s = setup();
});

describe('every shell call', () => {
  it('registers one handler per channel', () => {
    expect([...s.handlers.keys()].sort()).toEqual([CHANNELS.openExternal, CHANNELS.openFile, CHANNELS.print, CHANNELS.saveFile, CHANNELS.savePdf].sort());
    expect([...s.listeners.keys()]).toEqual([CHANNELS.portRequest]);
  });

  it('refuses a sender that is not the top frame of an app page', async () => {
    const subframe = { sender: s.sender, senderFrame: { url: 'app://station/index.html' } };
    const foreign = { sender: { ...s.sender, mainFrame: { url: 'https://evil.com/' } }, senderFrame: null };
    for (const event of [subframe, foreign]) {
      expect(await s.call(CHANNELS.print, { pageSize: 'A4' }, event)).toMatchObject({ status: 'failed', code: 'SHELL_SENDER_REFUSED' });
    }
    expect(s.sender.print).not.toHaveBeenCalled();
  });

  it.each([
    [CHANNELS.print, { pageSize: 'A3' }],
    [CHANNELS.print, { pageSize: 'A4', silent: true }],
    [CHANNELS.savePdf, { pageSize: 'A4', suggestedName: '' }],
    [CHANNELS.savePdf, { pageSize: 'A4', suggestedName: 'x'.repeat(201) }],
    [CHANNELS.openFile, { purpose: 'anything' }],
    [CHANNELS.saveFile, { purpose: 'exe', suggestedName: 'x', bytes: new Uint8Array(1) }],
    [CHANNELS.saveFile, { purpose: 'xlsx', suggestedName: 'x', bytes: [1, 2] }],
    [CHANNELS.openExternal, { url: 42 }],
    [CHANNELS.openExternal, 'https://moh.gov.vn/'],
  ])('refuses bad arguments on %s: %j', async (channel, args) => {
    expect(await s.call(channel, args)).toMatchObject({ status: 'failed', code: 'SHELL_BAD_ARGUMENT', message_vi: expect.any(String), message_en: expect.any(String) });
    expect(s.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(s.dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});

describe('printing', () => {
  it('prints through the system dialog on the chosen paper', async () => {
    expect(await s.call(CHANNELS.print, { pageSize: 'A6' })).toEqual({ status: 'done' });
    expect(s.sender.print).toHaveBeenCalledWith({ silent: false, printBackground: true, pageSize: 'A6' }, expect.any(Function));
  });

  it('tells a cancelled print from a failed one', async () => {
    s.sender.print.mockImplementationOnce((_o, cb) => cb(false, 'Print job canceled'));
    expect(await s.call(CHANNELS.print, { pageSize: 'A4' })).toEqual({ status: 'cancelled' });
    s.sender.print.mockImplementationOnce((_o, cb) => cb(false, 'Print job failed'));
    expect(await s.call(CHANNELS.print, { pageSize: 'A4' })).toMatchObject({ status: 'failed', code: 'PRINT_FAILED' });
  });

  it('saves the page as a PDF on the chosen paper where the user picks', async () => {
    const target = join(dir, 'giay-chung-nhan.pdf');
    s.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await s.call(CHANNELS.savePdf, { pageSize: 'A6', suggestedName: 'Nguyễn Văn An' })).toEqual({ status: 'done' });
    expect(s.dialog.showSaveDialog).toHaveBeenCalledWith(s.win, { defaultPath: 'Nguyễn Văn An.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(s.sender.printToPDF).toHaveBeenCalledWith({ pageSize: 'A6', printBackground: true, preferCSSPageSize: false });
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 test');
  });

  it('does nothing when the save dialog is cancelled', async () => {
    s.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await s.call(CHANNELS.savePdf, { pageSize: 'A4', suggestedName: 'x' })).toEqual({ status: 'cancelled' });
    expect(s.sender.printToPDF).not.toHaveBeenCalled();
  });
});

describe('files', () => {
  it('reads the file the user picked and gives the page its name and bytes, never its path', async () => {
    const file = join(dir, 'danh-sach.csv');
    writeFileSync(file, 'Họ tên;CCCD\n');
    s.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const result = await s.call(CHANNELS.openFile, { purpose: 'import' });
    expect(result).toMatchObject({ status: 'done', name: 'danh-sach.csv' });
    expect(Buffer.from(result.bytes as Uint8Array).toString('utf8')).toBe('Họ tên;CCCD\n');
    expect(JSON.stringify(result)).not.toContain(dir);
    expect(s.dialog.showOpenDialog).toHaveBeenCalledWith(s.win, { properties: ['openFile'], filters: [{ name: expect.any(String), extensions: ['xlsx', 'csv', 'tsv', 'txt'] }] });
  });

  it('refuses a file over the limit of its purpose before reading it', async () => {
    const big = join(dir, 'huge.png');
    writeFileSync(big, '');
    truncateSync(big, 21 * 1024 * 1024);
    s.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [big] });
    expect(await s.call(CHANNELS.openFile, { purpose: 'image' })).toMatchObject({ status: 'failed', code: 'FILE_TOO_LARGE' });
  });

  it('answers cancelled when no file was picked', async () => {
    s.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await s.call(CHANNELS.openFile, { purpose: 'import' })).toEqual({ status: 'cancelled' });
  });

  it('writes bytes where the user picked, with a cleaned suggested name', async () => {
    const target = join(dir, 'loi.xlsx');
    s.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await s.call(CHANNELS.saveFile, { purpose: 'xlsx', suggestedName: '../../Windows/loi:nhap?.xlsx', bytes: new Uint8Array([80, 75, 3, 4]) })).toEqual({ status: 'done' });
    expect(s.dialog.showSaveDialog.mock.calls[0]![1]).toEqual({ defaultPath: 'loi_nhap_.xlsx', filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
    expect([...readFileSync(target)]).toEqual([80, 75, 3, 4]);
  });

  it('reports a write that fails with a code, not an exception', async () => {
    s.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'no-such-folder', 'x.cbor') });
    expect(await s.call(CHANNELS.saveFile, { purpose: 'cbor', suggestedName: 'x', bytes: new Uint8Array(2) })).toMatchObject({ status: 'failed', code: 'SHELL_FAILED' });
  });

  it.each([
    ['chung-nhan', 'pdf', 'chung-nhan.pdf'],
    ['Report.PDF', 'pdf', 'Report.PDF'],
    ['C:\\Users\\x\\a.xlsx', 'xlsx', 'a.xlsx'],
    ['..', 'csv', 'station.csv'],
    ['CON', 'csv', 'station-CON.csv'],
    ['a\u0000b', 'png', 'a_b.png'],
    [' .hidden. ', 'cbor', 'hidden.cbor'],
  ])('safeFileName(%j, %s) = %s', (name, ext, expected) => {
    expect(safeFileName(name, ext)).toBe(expected);
  });
});

describe('links and the RPC port', () => {
  it('opens allowlisted links in the system browser and refuses the rest', async () => {
    expect(await s.call(CHANNELS.openExternal, { url: 'https://moh.gov.vn/' })).toEqual({ status: 'done' });
    expect(await s.call(CHANNELS.openExternal, { url: 'https://evil.com@moh.gov.vn/' })).toMatchObject({ status: 'failed', code: 'LINK_NOT_ALLOWED' });
    expect(await s.call(CHANNELS.openExternal, { url: 'file:///C:/Windows/System32/calc.exe' })).toMatchObject({ code: 'LINK_NOT_ALLOWED' });
    expect(s.openExternal.mock.calls).toEqual([['https://moh.gov.vn/']]);
  });

  it('connects a trusted page to the core and ignores anyone else', () => {
    s.listeners.get(CHANNELS.portRequest)!(s.trusted);
    expect(s.connectRenderer).toHaveBeenCalledWith(s.sender as unknown as WebContents);
    s.listeners.get(CHANNELS.portRequest)!({ sender: s.sender, senderFrame: { url: 'https://evil.com/' } });
    expect(s.connectRenderer).toHaveBeenCalledTimes(1);
    expect(s.log).toHaveBeenCalledWith('rpc port: request refused', {});
  });
});
