/**
 * Where the desktop app keeps its data and finds its own built files.
 *
 * Data: `--data-dir=DIR` (development, the demo), else `STATION_DATA_DIR`, else Electron's
 * `app.getPath('userData')`. With the packaged product name `VaccinePassportStation` that is
 * %APPDATA%\VaccinePassportStation on Windows — the folder the `station` CLI uses by default
 * (electron/cli/args.ts), so the app and the CLI share one queue.
 */
import { basename, dirname, join } from 'node:path';
import { onDiskForm } from '../core/onDiskForm.js';

/** `--name=value` or `--name value` from an argv; undefined when absent or empty. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1) || undefined;
    if (arg === name) return argv[i + 1] || undefined;
  }
  return undefined;
}

/** The folder as it is on disk when it was given in another Unicode form (onDiskForm.ts). */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, userData: string): string {
  return onDiskForm(argValue(argv, '--data-dir') ?? (env.STATION_DATA_DIR || undefined) ?? userData);
}

export interface AppFiles {
  /** The built renderer (dist/renderer): index.html and its assets. */
  rendererDir: string;
  /** The sandboxed preload: a hand-written CommonJS file, used from the source tree (see its header). */
  preload: string;
  /** Utility process entries. */
  coreEntry: string;
  signerEntry: string;
}

/**
 * The app's files, from the folder of the running main module: dist/electron/main when built
 * (in the repo and, same layout, inside app.asar), electron/main when run from source (tests).
 * Utility process entries are always the built ones; the preload is the hand-written
 * electron/preload/preload.cjs.
 */
export function appFiles(mainDir: string): AppFiles {
  const built = basename(dirname(dirname(mainDir))) === 'dist';
  const root = built ? join(mainDir, '..', '..', '..') : join(mainDir, '..', '..');
  const mainBuilt = join(root, 'dist', 'electron', 'main');
  return {
    rendererDir: join(root, 'dist', 'renderer'),
    preload: join(root, 'electron', 'preload', 'preload.cjs'),
    coreEntry: join(mainBuilt, 'coreProcess.js'),
    signerEntry: join(mainBuilt, 'signerProcess.js'),
  };
}
