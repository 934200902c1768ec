/**
 * What the core tells a host it forks, through the environment (never a PIN, never a secret):
 * `STATION_SIGNER_OPTIONS` JSON. `STATION_SIGNER_TEST_PORT` names a module whose
 * `createFaultPort(real, spec)` wraps the real port: a test-only seam (test/fixtures/faultPkcs11.ts),
 * with its spec in `STATION_SIGNER_FAULTS`.
 */
import { realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { StationError } from '../../shared/errors.js';

export const HostOptionsSchema = z
  .object({
    modulePath: z.string().min(1).nullable().optional(),
    idleTimeoutMs: z.number().int().nonnegative().optional(),
    pollIntervalMs: z.number().int().nonnegative().optional(),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  })
  .strict();
export type HostOptions = z.infer<typeof HostOptionsSchema>;

export const ENV = {
  options: 'STATION_SIGNER_OPTIONS',
  testPort: 'STATION_SIGNER_TEST_PORT',
  faults: 'STATION_SIGNER_FAULTS',
} as const;

export function readHostOptions(env: NodeJS.ProcessEnv): HostOptions {
  const raw = env[ENV.options];
  if (!raw) return {};
  return HostOptionsSchema.parse(JSON.parse(raw));
}

/**
 * The only folder a test port may come from: the test fixtures of the tree this file runs from
 * (`test/fixtures/` next to the sources, `dist/test/fixtures/` next to the build). A packaged app
 * has no such folder (electron-builder's files exclude `dist/test/**`), so there the variable
 * can load nothing at all; a test-mode flag would add nothing, being set the same way.
 */
export const TEST_FIXTURES_DIR = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

/**
 * The module `STATION_SIGNER_TEST_PORT` names, once checked: a file whose real path (every
 * symbolic link resolved) is inside the real test fixtures folder. Null when the variable is
 * unset; a StationError (SIGNER_TEST_PORT_REFUSED) for anything else, before it is imported, so
 * an environment variable can never make the signer run code from elsewhere (security probe,
 * session 18).
 */
export function testPortModule(env: NodeJS.ProcessEnv, fixturesDir: string = TEST_FIXTURES_DIR): string | null {
  const named = env[ENV.testPort];
  if (!named) return null;
  let real: string | null = null;
  try {
    const folder = realpathSync(fixturesDir);
    const file = realpathSync(named);
    if (file.startsWith(folder + sep) && statSync(file).isFile()) real = file;
  } catch {
    real = null;
  }
  if (real === null) {
    throw new StationError(
      'SIGNER_TEST_PORT_REFUSED',
      `Trình ký không nạp mô-đun kiểm thử "${named}": chỉ nạp được mô-đun trong thư mục test/fixtures của chương trình. Hãy bỏ biến môi trường ${ENV.testPort}.`,
      `The signer does not load the test module "${named}": only a module in the program's test/fixtures folder can be loaded. Remove the ${ENV.testPort} environment variable.`,
      { module: named },
    );
  }
  return real;
}
