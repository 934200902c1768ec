/**
 * The worker thread of backups.ts: copies the station's database (VACUUM INTO, its own read-only
 * connection) and checks the copy (`checkStationFile`: integrity check, audit chain), so that the
 * core's thread keeps answering the window meanwhile. At 100k records the copy and its check on the
 * core's thread held the station still ~4 s (`npm run bench -- backup`); at 1M records it would be
 * most of a minute, once a day. It also verifies the live database's audit chain for `audit.verify`
 * (`verifyAuditAside`): ~40 s at 1M entries; and runs the live database's integrity check before
 * anything gives way to a short disk for a daily copy (`checkLiveAside`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isStationError } from '../../../shared/errors.js';
import { CHECK_WORKER_ROLE, integrityCheckReadOnly, runCheckJob, verifyAuditReadOnly, type CheckJob, type CheckReply } from './backups.js';

const port = parentPort;
const data = workerData as { role?: unknown; job?: CheckJob } | null;
// Only as backups.ts starts it (a test runner's own worker imports this module too).
if (port && data?.role === CHECK_WORKER_ROLE && typeof data.job?.path === 'string') {
  let reply: CheckReply;
  try {
    reply = data.job.auditOnly === true ? { ok: true, audit: verifyAuditReadOnly(data.job.path) }
      : data.job.liveCheck === true ? { ok: true, check: integrityCheckReadOnly(data.job.path) }
      : { ok: true, summary: runCheckJob(data.job) };
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    reply = isStationError(err)
      ? { ok: false, kind: 'refused', code: err.code, vi: err.messageVi, en: err.messageEn, details: err.details }
      : { ok: false, kind: 'error', message: err instanceof Error ? err.message : String(err), errorCode: typeof code === 'string' ? code : null };
  }
  port.postMessage(reply);
}
