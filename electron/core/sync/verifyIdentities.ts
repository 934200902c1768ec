/**
 * Step 1 of DESIGN §1: people checked against the national population database through
 * `POST /v1/identity/verify` in its batch form. The status and when it was checked are stored
 * per person with an audit entry, one transaction per request. Offline is not a failure: the
 * check is deferred (`deferred: true`) and the people stay unverified until the next try.
 */
import type { IdentityQuery } from '../../../shared/platform/api.js';
import type { IdentityStatus, IdType } from '../../../shared/domain/types.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Logger } from '../logger.js';
import type { StorePorts } from '../store/ports.js';
import type { StationStore } from '../store/stationStore.js';
import type { PlatformClient } from './platformClient.js';
import { SyncFailure } from './syncFailure.js';

export interface IdentityResult {
  checked: number;
  verified: number;
  mismatch: number;
  notFound: number;
  deferred: boolean;
}

/** The platform takes up to 1000 people per request; smaller requests keep each transaction short. */
const CHUNK = 500;

interface PersonRow {
  id: string;
  id_type: IdType;
  id_number: string;
  full_name: string;
  dob: string;
}

export async function verifyIdentities(
  deps: { store: StationStore; client: PlatformClient; ports: StorePorts; logger: Logger },
  opts: { personIds?: readonly string[]; limit?: number },
): Promise<IdentityResult> {
  const { store, client, ports, logger } = deps;
  const db = store.db;
  const columns = 'id, id_type, id_number, full_name, dob';
  const people = (opts.personIds !== undefined
    ? db.prepare(`SELECT ${columns} FROM people WHERE id IN (SELECT value FROM json_each(?)) AND merged_into IS NULL ORDER BY seq`).all(JSON.stringify(opts.personIds))
    : db.prepare(`SELECT ${columns} FROM people WHERE identity_status = 'unverified' AND merged_into IS NULL ORDER BY seq LIMIT ?`).all(opts.limit ?? 10_000)) as PersonRow[];
  const update = db.prepare('UPDATE people SET identity_status = ?, identity_checked_at = ?, updated_at = ? WHERE id = ?');
  const result: IdentityResult = { checked: 0, verified: 0, mismatch: 0, notFound: 0, deferred: false };

  for (let i = 0; i < people.length; i += CHUNK) {
    const chunk = people.slice(i, i + CHUNK);
    const queries: IdentityQuery[] = chunk.map((p) => ({ ref: p.id, idType: p.id_type, idNumber: p.id_number, fullName: p.full_name, dob: p.dob }));
    let reply;
    try {
      reply = await client.verifyIdentity(queries);
    } catch (e) {
      if (e instanceof SyncFailure && (e.kind === 'transient' || e.kind === 'bad-reply')) {
        logger.log('info', 'sync: identity check deferred', { code: e.code, remaining: people.length - i });
        result.deferred = true;
        return result;
      }
      throw e;
    }
    const asked = new Set(chunk.map((p) => p.id));
    db.transaction(() => {
      const at = ports.now().toISOString();
      for (const r of reply.results) {
        // Only answers about people we asked about; one answer per person.
        if (!asked.delete(r.ref)) continue;
        const status: IdentityStatus = r.status;
        update.run(status, at, at, r.ref);
        const details: Record<string, string> = { status };
        if (r.mismatches && r.mismatches.length > 0) details.mismatches = r.mismatches.join(',');
        appendAudit(db, ports.actor, at, { action: 'person.identity', entity: 'person', entityId: r.ref, details });
        result.checked += 1;
        if (status === 'verified') result.verified += 1;
        else if (status === 'mismatch') result.mismatch += 1;
        else result.notFound += 1;
      }
    }).immediate();
  }
  return result;
}

