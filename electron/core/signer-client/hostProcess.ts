/**
 * How the core starts the signer host, behind a small interface: `child_process.fork` here, an
 * Electron `utilityProcess` factory in electron/main later (same shape: postMessage-style send,
 * message and exit events, stderr, kill).
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { HostOptions } from '../../signer/hostOptions.js';

export interface HostProcess {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** One line of the host's log output (JSON lines on its stderr). */
  onLog(listener: (line: string) => void): void;
  kill(): void;
}

export type HostSpawner = () => HostProcess;

export interface ForkHostOptions {
  /** The host's entry module; default: the built electron/signer/main.js. */
  entry?: string;
  execArgv?: string[];
  /** Extra environment for the host (e.g. SOFTHSM2_CONF in tests). */
  env?: Record<string, string | undefined>;
  hostOptions?: HostOptions;
}

/**
 * The built host next to this module (dist/electron/...), or — when this module runs from its
 * TypeScript source under a test runner — the built copy in dist/.
 */
export function defaultHostEntry(): string {
  const candidates = [new URL('../../signer/main.js', import.meta.url), new URL('../../../dist/electron/signer/main.js', import.meta.url)];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  return fileURLToPath(candidates[0]!);
}

export function forkSignerHost(opts: ForkHostOptions = {}): HostSpawner {
  return () => {
    const child = fork(opts.entry ?? defaultHostEntry(), [], {
      // Structured clone: Uint8Array crosses as bytes, not as {"0":..} JSON.
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: opts.execArgv ?? [],
      env: {
        ...process.env,
        ...opts.env,
        ...(opts.hostOptions ? { STATION_SIGNER_OPTIONS: JSON.stringify(opts.hostOptions) } : {}),
      },
    });
    const logListeners: ((line: string) => void)[] = [];
    if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => logListeners.forEach((l) => l(line)));
    return {
      pid: child.pid,
      send(message) {
        if (child.connected) child.send(message as never);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        // 'close', not 'exit': the host's last log lines are read by then.
        child.on('close', listener);
      },
      onLog(listener) {
        logListeners.push(listener);
      },
      kill() {
        child.kill('SIGKILL');
      },
    };
  };
}
