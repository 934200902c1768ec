/**
 * What the core tells a host it forks, through the environment (never a PIN, never a secret):
 * `STATION_SIGNER_OPTIONS` JSON. `STATION_SIGNER_TEST_PORT` names a module whose
 * `createFaultPort(real, spec)` wraps the real port: a test-only seam (test/fixtures/faultPkcs11.ts),
 * with its spec in `STATION_SIGNER_FAULTS`.
 */
import { z } from 'zod';

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
