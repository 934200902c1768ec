/**
 * The child process of restoreCrash.test.ts: restores a backup over the station in a data folder
 * (`station restore FILE --replace`), telling the parent on stdout when it starts and when it is
 * done. The parent SIGKILLs it at a random moment in between.
 *
 * argv: <data dir> <backup file>
 */
import { writeSync } from 'node:fs';
import { restoreStation } from '../../../electron/core/db/restore.js';

const [dataDir, backup] = process.argv.slice(2);
if (!dataDir || !backup) throw new Error('usage: restoreCrashChild <data dir> <backup>');
// Synchronous writes: the restore below never yields to the event loop until it is done.
writeSync(1, 'restoring\n');
restoreStation(dataDir, backup, { actor: 'user:restore-crash-test', replace: true });
writeSync(1, 'restored\n');
