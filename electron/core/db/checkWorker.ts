/**
 * The worker thread of backups.ts: checks a fresh copy (`checkStationFile`: integrity check, audit
 * chain) on its own connection, so that the core's thread keeps answering the window meanwhile.
 * At 100k records the check reads 175 MB and takes ~4 s; at 1M records it would hold the station
 * still for most of a minute, once a day.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isStationError } from '../../../shared/errors.js';
import { checkStationFile, CHECK_WORKER_ROLE, type CheckReply } from './backups.js';

const port = parentPort;
const data = workerData as { role?: unknown; path?: unknown; forBackup?: unknown } | null;
// Only as backups.ts starts it (a test runner's own worker imports this module too).
if (port && data?.role === CHECK_WORKER_ROLE && typeof data.path === 'string') {
  let reply: CheckReply;
  try {
    reply = { ok: true, summary: checkStationFile(data.path, { forBackup: data.forBackup === true }) };
  } catch (err) {
    reply = isStationError(err)
      ? { ok: false, code: err.code, vi: err.messageVi, en: err.messageEn, details: err.details }
      : { ok: false, code: 'BACKUP_DAMAGED', vi: String(err), en: String(err), details: null };
  }
  port.postMessage(reply);
}
