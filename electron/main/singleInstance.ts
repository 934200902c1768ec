/**
 * One station per user session: a second launch (a double-click on the shortcut while the app
 * runs) focuses the existing window instead of opening a second writer on the same queue.
 */
import type { App } from 'electron';

/** True when this process holds the lock; otherwise it quits and returns false. */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, focusExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusExisting());
  return true;
}
