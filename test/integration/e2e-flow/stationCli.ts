// The built `station` CLI run as a clinic runs it, with `--json`, for the end-to-end flows: one
// child process per command, its JSON answer and exit code (a child that hangs is stopped at 30 s).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'bin/station.mjs');
/** The CLI runs from dist/: the flows are skipped, not failed, before `tsc -b`. */
export const cliBuilt = existsSync(join(root, 'dist/electron/cli/main.js'));

export type StationCli = (args: string[], input?: string) => Promise<{ code: number | null; json: Record<string, unknown> }>;

/** A runner for the station in `dataDir` (read when called), with `env()` added to the environment (a token's SoftHSM config). */
export function stationCli(dataDir: () => string, env: () => NodeJS.ProcessEnv): StationCli {
  return (args, input = '') =>
    new Promise((done, reject) => {
      const child = spawn(process.execPath, [bin, '--json', '--data-dir', dataDir(), ...args], { env: { ...process.env, ...env() } });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        try {
          done({ code, json: JSON.parse(stdout) as Record<string, unknown> });
        } catch {
          reject(new Error(`station ${args.join(' ')}: no JSON (exit ${code}): ${stdout}`));
        }
      });
      child.stdin.end(input);
    });
}
