/**
 * Entry of the Electron main process (`electron dist/electron/main/main.js`; the packaged app's
 * `main`). Static imports only: ES modules load asynchronously, and what must happen before
 * `ready` (the single-instance lock, the app:// scheme) has to run in this first evaluation.
 */
import { BrowserWindow, MessageChannelMain, app, dialog, ipcMain, protocol, session, shell, utilityProcess } from 'electron';
import { startShell } from './startShell.js';

startShell(
  { app, BrowserWindow, dialog, ipcMain, MessageChannelMain, protocol, session, shell, utilityProcess },
  { argv: process.argv, env: process.env, mainDir: import.meta.dirname },
);
