#!/usr/bin/env node
// `npm start`: opens the station on its own data (no demo data) — in Electron when its runtime
// is installed, else through `station serve` on the default data folder (the one the `station`
// CLI and the packaged app use), printing the URL to open. Ctrl+C stops it.
//
// node scripts/start.mjs [--data-dir DIR] [--port N] [--no-setup]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { electronBinary, ensureBuilt, ensureNodeModules, root, untilParentGone, untilSignal } from './bootstrap.mjs';

const { values: opts } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'no-setup': { type: 'boolean', default: false },
  },
});

if (!opts['no-setup']) {
  ensureNodeModules();
  ensureBuilt(['dist/electron/cli/main.js', 'dist/electron/main/main.js']);
}

const electron = electronBinary();
const dataDir = opts['data-dir'] ? [opts['data-dir']] : [];
const child = electron
  ? spawn(electron, [join(root, 'dist/electron/main/main.js'), ...dataDir.map((d) => `--data-dir=${d}`)], { stdio: 'inherit' })
  : spawn(process.execPath, [join(root, 'bin/station.mjs'), ...dataDir.flatMap((d) => ['--data-dir', d]), 'serve', ...(opts.port ? ['--port', opts.port] : [])], {
      // 'ipc': the serve stops when this script goes, however it goes (as in demo.mjs).
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
if (!electron) process.stderr.write('(Electron is not installed here: serving the station to a browser instead.)\n');

const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
const first = await Promise.race([exited.then((code) => ({ code })), untilSignal().then(() => null), untilParentGone().then(() => null)]);
if (first === null) {
  // Ctrl+C reaches the child too (same terminal); a SIGTERM covers `kill` of this script alone.
  if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(await exited);
}
process.exit(first.code);
