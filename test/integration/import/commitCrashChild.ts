/**
 * The child process of importCommitCrash.test.ts: previews a clinic file and commits it into a
 * station database, telling the parent on stdout when the commit starts and when it is done. The
 * parent SIGKILLs it at a random moment in between.
 *
 * argv: <database path> <file>
 */
import { writeSync } from 'node:fs';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { createStationStore } from '../../../electron/core/store/stationStore.js';

const [dbPath, file] = process.argv.slice(2);
if (!dbPath || !file) throw new Error('usage: commitCrashChild <db> <file>');
const db = openStationDatabase(dbPath);
const store = importStorePort(createStationStore(db, systemStorePorts('import-crash-test')));
const preview = await previewImport(file);
// Synchronous writes: the commit below never yields to the event loop until it is done.
writeSync(1, `committing ${preview.ready + preview.warnings}\n`);
const result = await commitImport(preview, store);
writeSync(1, `committed ${result.committed}\n`);
db.close();
