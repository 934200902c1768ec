// What `npm run demo` and `npm start` need before they can run, on a fresh machine like
// `.ci/run`: the Debian packages (build/setup-debian.sh), node_modules (npm ci), the TypeScript
// build (tsc -b, incremental) and the renderer bundle when its sources are newer than dist/.
// Node built-ins only: this runs before node_modules exists. Tool output goes to stderr so that
// a `--json` caller's stdout stays one JSON document.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

function run(label, cmd, args, { mayFail = false } = {}) {
  process.stderr.write(`\n== ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status === 0) return true;
  process.stderr.write(`${label} failed (exit ${r.status ?? r.signal}).\n`);
  if (!mayFail) process.exit(2);
  return false;
}

/** Debian packages (SoftHSM for the demo token, Chromium, ...) when dpkg is there; idempotent. */
export function ensureSystemPackages() {
  if (process.platform !== 'linux' || spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) return;
  const r = spawnSync('bash', [join(root, 'build/setup-debian.sh')], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write('Cannot install the Debian packages the demo needs: run `bash build/setup-debian.sh` as root first.\n');
    process.exit(2);
  }
}

export function ensureNodeModules() {
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) return;
  run('dependencies', 'npm', ['ci', '--no-audit', '--no-fund']);
}

/** Newest modification time of the files under `dir` (recursively), 0 when it does not exist. */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function rendererIsStale() {
  const built = join(root, 'dist', 'renderer', 'index.html');
  if (!existsSync(built)) return true;
  return Math.max(newest(join(root, 'renderer')), newest(join(root, 'shared'))) > statSync(built).mtimeMs;
}

/**
 * `tsc -b`, then the renderer if stale. A type error somewhere the caller does not run (a file
 * being edited) does not stop it as long as every file in `needed` (relative to the repo) was
 * built; tsc still emits the projects it can.
 */
export function ensureBuilt(needed = []) {
  if (!run('build', 'npx', ['--no-install', 'tsc', '-b'], { mayFail: true })) {
    const missing = needed.filter((f) => !existsSync(join(root, f)));
    if (missing.length > 0) {
      process.stderr.write(`not built: ${missing.join(', ')}\n`);
      process.exit(2);
    }
    process.stderr.write('continuing with the files that were built.\n');
  }
  if (rendererIsStale() && !run('interface', 'npx', ['--no-install', 'vite', 'build', '-c', 'renderer/vite.config.mts', '--logLevel', 'warn'], { mayFail: true })) {
    if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) process.exit(2);
    process.stderr.write('serving the interface built earlier.\n');
  }
}

/**
 * The Electron executable when its runtime is really installed (node_modules/electron/path.txt
 * and the binary it names, or ELECTRON_OVERRIDE_DIST_PATH) — never `require('electron')`, which
 * would try to download it — and a display to show it on. Null otherwise.
 */
export function electronBinary(env = process.env) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  const name = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : null;
  const exe = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, name ?? 'electron') : name && join(pkg, 'dist', name);
  if (!exe || !existsSync(exe)) return null;
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return exe;
}

/** Resolves on SIGINT/SIGTERM (Ctrl+C) or SIGHUP (the terminal window closed), once. */
export function untilSignal() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  return new Promise((resolve) => {
    const stop = (signal) => {
      for (const s of signals) process.off(s, stop);
      resolve(signal);
    };
    for (const s of signals) process.on(s, stop);
  });
}

/** Read when the script starts: a parent gone before the watch begins (during setup) still counts. */
const startedBy = process.ppid;

/**
 * Resolves when the process that started this script is gone. npm runs a script under `sh -c`:
 * a `kill` of npm's pid ends npm and the shell but not the script, which went on serving the
 * station (and the demo its simulator) with nobody left to stop it (probe 19).
 */
export function untilParentGone(everyMs = 1000) {
  const parent = startedBy;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(timer);
      resolve('parent gone');
    }, everyMs);
    timer.unref();
  });
}
