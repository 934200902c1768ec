/**
 * The simulator in a process of its own (`npm run platform`), as a platform is in production: on
 * another machine, with its own CPU. The sync benchmark uses it so that the station's work and
 * the platform's do not take turns on one event loop. Runs the compiled `main.js` beside this
 * file, so it needs `tsc -b` (the benchmarks run from dist/).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Facility } from './batch/batchService.js';
import type { IssuanceMode } from './issuance/issuer.js';

export interface SpawnedPlatform {
  url: string;
  adminToken: string;
  close(): Promise<void>;
}

export async function spawnPlatform(opts: {
  dataDir: string;
  trustCaPem: string;
  facilities: readonly Facility[];
  faults?: string;
  seed?: number;
  populationSize?: number;
  maxBodyBytes?: number;
  issuance?: IssuanceMode;
}): Promise<SpawnedPlatform> {
  const caPath = join(opts.dataDir, '..', `trust-ca-${process.pid}-${Date.now()}.pem`);
  writeFileSync(caPath, opts.trustCaPem);
  const args = [
    fileURLToPath(new URL('./main.js', import.meta.url)), '--data-dir', opts.dataDir, '--trust-ca', caPath,
    ...opts.facilities.flatMap((f) => ['--facility', `${f.code}:${f.apiKey}:${f.taxCode}`]),
    ...(opts.faults ? ['--faults', opts.faults] : []),
    '--seed', String(opts.seed ?? 1),
    '--population-size', String(opts.populationSize ?? 10),
    ...(opts.maxBodyBytes ? ['--max-body-bytes', String(opts.maxBodyBytes)] : []),
    ...(opts.issuance ? ['--issuance', opts.issuance] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ url: string; adminToken: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line) as { url: string; adminToken: string }));
    child.once('exit', (code) => reject(new Error(`platform exited with ${code} before it was ready`)));
  });
  return {
    url: ready.url,
    adminToken: ready.adminToken,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
