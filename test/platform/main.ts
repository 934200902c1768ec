/**
 * `npm run platform -- ...` (DESIGN §10): starts the national platform simulator, prints ONE JSON
 * line when it is ready — {"url", "facilities", "trustList", "adminToken"} — and serves until
 * SIGTERM or SIGINT, then closes its database cleanly. Errors: one JSON line on stderr
 * ({code, message}), exit 2.
 */
import { isStationError } from '../../shared/errors.js';
import { USAGE, UsageError, parseCliArgs } from './cliArgs.js';
import { startPlatform } from './startPlatform.js';

function fail(e: unknown): never {
  const info = isStationError(e) ? e.toInfo() : { code: 'PLATFORM_START_FAILED', message: e instanceof Error ? e.message : String(e) };
  process.stderr.write(`${JSON.stringify(info)}\n`);
  if (e instanceof UsageError) process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  const platform = await startPlatform({
    ...options,
    onError: (e) => process.stderr.write(`${JSON.stringify({ level: 'error', message: e instanceof Error ? e.stack : String(e) })}\n`),
  });
  process.stdout.write(
    `${JSON.stringify({ url: platform.url, facilities: platform.facilities, trustList: platform.trustListPath, adminToken: platform.adminToken })}\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    platform.close().then(
      () => process.exit(0),
      (e) => fail(e),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(fail);
