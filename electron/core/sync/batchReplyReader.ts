/**
 * The reply a clean upload gets — every record accepted — read by hand, with what
 * BatchReplySchema would give for it: zod walking 5,000 results was ~10 ms of each answer, and
 * the last answer's reading is on the sync's critical path. Anything else (a refusal, a duplicate,
 * a malformed result, a missing field) returns null and goes to the schema, which decides and
 * words the failure, so a bad reply is refused exactly as before (tested against the schema).
 */
import type { BatchReply, RecordResult } from '../../../shared/platform/api.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function acceptedOnlyReply(v: unknown): BatchReply | null {
  if (!isObject(v)) return null;
  const { batch, results, serverTime } = v;
  if (typeof batch !== 'string' || typeof serverTime !== 'string' || !Array.isArray(results)) return null;
  const out: RecordResult[] = new Array<RecordResult>(results.length);
  for (let i = 0; i < results.length; i++) {
    const r: unknown = results[i];
    if (!isObject(r) || r.status !== 'accepted' || typeof r.recordId !== 'string') return null;
    // A fresh object with the schema's keys only: z.object strips the others.
    out[i] = { recordId: r.recordId, status: 'accepted' };
  }
  return { batch, results: out, serverTime };
}
