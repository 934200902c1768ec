/**
 * A ready record held back from signing: the signing step found that the platform would refuse
 * its signed form (shared/batch/signedRecordProblems.ts) and with it the whole batch. It goes back
 * to draft (the lifecycle's ready → draft, `record.unready`) with the finding that says why, so the
 * clerk sees it in the queue and the rest of the batch is signed. An edit validates it again: a
 * finding validation knows stays; the held-back finding goes with the edit (and comes back at the
 * next signing if what it names was not corrected).
 */
import { assertTransition } from '../../../shared/domain/lifecycle.js';
import type { Finding } from '../../../shared/domain/types.js';
import { SIGNED_RECORD_INVALID } from '../../../shared/batch/signedRecordProblems.js';
import type { StoreContext } from './ports.js';
import { stateCounts } from './stateCounts.js';

export interface HeldBack {
  id: string;
  findings: Finding[];
}

export function heldBackRecords(ctx: StoreContext) {
  const { db } = ctx;
  const findingsOf = db.prepare("SELECT findings FROM dose_records WHERE id = ? AND state = 'ready'").pluck();
  const unready = db.prepare("UPDATE dose_records SET state = 'draft', findings = ?, updated_at = ? WHERE id = ? AND state = 'ready'");
  const counts = stateCounts(db);

  /** Each ready record of `items` to draft with its findings added, audited; returns the ids moved. */
  return function holdBackRecords(items: readonly HeldBack[]): string[] {
    return db.transaction(() => {
      const t = assertTransition('ready', 'draft');
      const moved: string[] = [];
      for (const { id, findings } of items) {
        const stored = findingsOf.get(id) as string | undefined;
        if (stored === undefined) continue;
        const kept = (JSON.parse(stored) as Finding[]).filter((f) => f.code !== SIGNED_RECORD_INVALID);
        if (unready.run(JSON.stringify([...kept, ...findings]), ctx.nowIso(), id).changes !== 1) continue;
        counts('ready', 'draft', 1);
        ctx.audit({
          action: t.action, entity: 'record', entityId: id,
          details: { from: 'ready', to: 'draft', heldBack: SIGNED_RECORD_INVALID, fields: findings.map((f) => f.field) },
        });
        moved.push(id);
      }
      return moved;
    }).immediate();
  };
}
