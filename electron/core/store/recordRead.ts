import { RECORD_STATES, type DoseRecord, type RecordState } from '../../../shared/domain/types.js';
import { recordHistory } from '../audit/recordHistory.js';
import type { StoreContext } from './ports.js';
import type { RecordWriter } from './recordWriter.js';
import { toPerson, toRecord, type RecordRow } from './rows.js';
import type { CertificateRow, RecordDetails } from './storeTypes.js';

export function recordReading(ctx: StoreContext, writer: RecordWriter) {
  const { db } = ctx;
  const successor = db.prepare('SELECT * FROM dose_records WHERE supersedes = ?');
  const certificate = db.prepare('SELECT record_id AS recordId, uvci, hc1, issued_at AS issuedAt, expires_at AS expiresAt, revoked_at AS revokedAt FROM certificates WHERE record_id = ?');

  /** Every record of the correction chain through `row`, oldest first. */
  function chainOf(row: RecordRow): RecordRow[] {
    const before: RecordRow[] = [];
    let at: RecordRow | undefined = row;
    for (let hops = 0; at?.supersedes && hops < 1000; hops++) {
      at = writer.getRow(at.supersedes);
      if (at) before.unshift(at);
    }
    const after: RecordRow[] = [];
    at = row;
    for (let hops = 0; at && hops < 1000; hops++) {
      at = successor.get(at.id) as RecordRow | undefined;
      if (at) after.push(at);
    }
    return [...before, row, ...after];
  }

  return {
    /** The record with its person, findings, audit history and correction chain. */
    getRecord(id: string): RecordDetails {
      const row = writer.requireRow(id);
      const record = toRecord(row);
      const chain = chainOf(row);
      const next = chain[chain.indexOf(row) + 1];
      return {
        record,
        person: toPerson(writer.people.get(row.person_id)!),
        findings: record.findings,
        source: row.source,
        importRunId: row.import_run_id,
        warningsConfirmed: row.warnings_confirmed === 1,
        platform: row.platform_code !== null || row.platform_message !== null ? { code: row.platform_code, message: row.platform_message } : null,
        supersededBy: next?.id ?? null,
        history: recordHistory(db, id),
        chain: chain.map((r): DoseRecord => toRecord(r)),
        certificate: (certificate.get(id) as CertificateRow | undefined) ?? null,
      };
    },

    /** Records per state, every state present (0 when none). */
    countByState(): Record<RecordState, number> {
      const counts = Object.fromEntries(RECORD_STATES.map((s) => [s, 0])) as Record<RecordState, number>;
      for (const r of db.prepare('SELECT state, n FROM record_state_counts').all() as { state: RecordState; n: number }[]) {
        counts[r.state] = r.n;
      }
      return counts;
    },
  };
}
