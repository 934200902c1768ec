/**
 * Entry of the station core as an Electron utility process (forked by main with
 * `--data-dir=DIR`). Plain Node: no `electron` import; it talks to main through
 * `process.parentPort` (lifecycle only) and to each window through the MessagePort main hands it.
 * Its log is `<data dir>/logs/core.log` (rotated), the signer host's lines included.
 */
import { join } from 'node:path';
import { argValue } from './appPaths.js';
import type { ParentPortLike } from './processMessages.js';
import { rotatingFileLogger } from './rotatingLog.js';
import { runCoreProcess } from './runCoreProcess.js';

const parent = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
const dataDir = argValue(process.argv, '--data-dir');
if (parent === undefined || dataDir === undefined) {
  process.stderr.write('coreProcess: start me with utilityProcess.fork(entry, ["--data-dir=DIR"])\n');
  process.exit(2);
}

const logger = rotatingFileLogger({ dir: join(dataDir, 'logs'), name: 'core' });
process.on('uncaughtException', (err) => {
  // Main sees the exit and restarts the core; the database is WAL, so nothing committed is lost.
  logger.log('error', 'core: uncaught exception', { error: err.name, message: err.message });
  process.exit(1);
});
runCoreProcess({ parent, dataDir, logger, exit: (code) => process.exit(code) });
