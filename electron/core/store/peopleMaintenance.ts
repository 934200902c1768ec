/** Likely duplicate people, and merging two that are one (DESIGN §3: never merged silently). */
import { oneSlipApart } from '../../../shared/domain/personValidation.js';
import type { Person } from '../../../shared/domain/types.js';
import { StationError } from '../../../shared/errors.js';
import type { StoreContext } from './ports.js';
import { toPerson, type PersonRow } from './rows.js';
import type { DuplicatePair } from './storeTypes.js';

function pairOf(a: PersonRow, b: PersonRow, code: DuplicatePair['code']): DuplicatePair {
  if (code === 'SAME_ID_NUMBER') {
    return {
      a: toPerson(a), b: toPerson(b), code,
      reason_vi: `Cùng số ${a.id_type} ${a.id_number} nhưng khác họ tên hoặc ngày sinh (${a.full_name}, ${a.dob} / ${b.full_name}, ${b.dob}).`,
      reason_en: `Same ${a.id_type} number ${a.id_number} but another name or date of birth (${a.full_name}, ${a.dob} / ${b.full_name}, ${b.dob}).`,
    };
  }
  if (code === 'SAME_NAME_DOB_ID_SLIP') {
    return {
      a: toPerson(a), b: toPerson(b), code,
      reason_vi: `Cùng họ tên và ngày sinh, số giấy tờ chỉ khác một chữ số (${a.id_type} ${a.id_number} / ${b.id_number}): có thể gõ nhầm số.`,
      reason_en: `Same name and date of birth, id numbers one digit apart (${a.id_type} ${a.id_number} / ${b.id_number}): probably a typing slip.`,
    };
  }
  if (code === 'SAME_NAME_DOB_PAPERS_CHANGED') {
    const [cmnd, cccd] = a.id_type === 'CMND' ? [a, b] : [b, a];
    return {
      a: toPerson(a), b: toPerson(b), code,
      reason_vi: `Cùng họ tên và ngày sinh, một người với CMND ${cmnd.id_number}, một người với CCCD ${cccd.id_number}: thường là cùng một người đã đổi CMND sang CCCD.`,
      reason_en: `Same name and date of birth, one under CMND ${cmnd.id_number}, one under CCCD ${cccd.id_number}: usually one person who changed their CMND for a CCCD.`,
    };
  }
  return {
    a: toPerson(a), b: toPerson(b), code,
    reason_vi: `Cùng họ tên, ngày sinh và số điện thoại nhưng khác số giấy tờ (${a.id_type} ${a.id_number} / ${b.id_type} ${b.id_number}).`,
    reason_en: `Same name, date of birth and phone but another id number (${a.id_type} ${a.id_number} / ${b.id_type} ${b.id_number}).`,
  };
}

function splitPair(row: Record<string, unknown>): [PersonRow, PersonRow] {
  const a: Record<string, unknown> = {};
  const b: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) (k.startsWith('b_') ? b : a)[k.startsWith('b_') ? k.slice(2) : k] = v;
  return [a as unknown as PersonRow, b as unknown as PersonRow];
}

const B_COLUMNS = ['seq', 'id', 'id_type', 'id_number', 'full_name', 'family_name', 'given_name', 'fnt', 'gnt', 'name_folded', 'dob', 'sex',
  'nationality', 'phone', 'identity_status', 'identity_checked_at', 'merged_into', 'merge_reason', 'created_at', 'updated_at']
  .map((c) => `b.${c} AS b_${c}`).join(', ');

/** One code's pairs, oldest first, both people unmerged, not said to be two people (0019; queryPlans.test.ts pins its plan). */
export const PAIRS_SQL = `SELECT a.*, ${B_COLUMNS} FROM people_pairs p
  JOIN people a ON a.seq = p.a JOIN people b ON b.seq = p.b
  WHERE p.code = ? AND a.merged_into IS NULL AND b.merged_into IS NULL
    AND NOT EXISTS (SELECT 1 FROM people_distinct d WHERE d.a = p.a AND d.b = p.b) ORDER BY p.a, p.b`;

/** The order the pairs are listed in, each code's pairs oldest first. */
const PAIR_CODES = ['SAME_ID_NUMBER', 'SAME_NAME_DOB_PHONE', 'SAME_NAME_DOB_PAPERS_CHANGED', 'SAME_NAME_DOB_ID_SLIP'] as const satisfies readonly DuplicatePair['code'][];

export function peopleMaintenance(ctx: StoreContext) {
  const { db } = ctx;
  // The pairs are kept by migration 0018's triggers as people are written (people_pairs): the
  // screen reads them, oldest first, never the whole people table (1.5–2 s at 1M records when
  // it joined the people to themselves here, session 28). The merged are dropped by the same
  // triggers; tested here again all the same.
  const pairsOf = db.prepare(PAIRS_SQL);
  const getPerson = db.prepare('SELECT * FROM people WHERE id = ?');

  function requireLive(id: string): PersonRow {
    const r = getPerson.get(id) as PersonRow | undefined;
    if (!r) throw new StationError('PERSON_NOT_FOUND', `Không tìm thấy người ${id}.`, `Person ${id} was not found.`, { id });
    if (r.merged_into !== null) {
      // The pair on the screen is out of date (merged from another pair, or another window).
      // Named by name and papers, not ids, and the person who holds the doses now: the end of
      // the chain when the one merged into was merged on in turn.
      let kept = getPerson.get(r.merged_into) as PersonRow | undefined;
      for (let hops = 0; kept?.merged_into && hops < 100; hops++) kept = (getPerson.get(kept.merged_into) as PersonRow | undefined) ?? kept;
      const who = (p: PersonRow) => `${p.full_name} (${p.id_type} ${p.id_number})`;
      const into = kept ? who(kept) : r.merged_into;
      throw new StationError('PERSON_ALREADY_MERGED',
        `${who(r)} đã được gộp vào ${into} trước đó. Danh sách người trùng đã cũ: hãy tải lại danh sách và chọn lại.`,
        `${who(r)} was already merged into ${into}. The duplicates list was out of date: reload it and choose again.`,
        { id, mergedInto: r.merged_into, keptId: kept?.id ?? r.merged_into });
    }
    return r;
  }

  return {
    /** Pairs of people that are probably one person, each with the reason; merged people are left out. */
    findDuplicatePeople(opts: { limit?: number } = {}): { pairs: DuplicatePair[] } {
      const limit = opts.limit ?? 100;
      const pairs: DuplicatePair[] = [];
      // One code after the other, as the screen has always listed them; a slip candidate is kept
      // when the numbers are one typing slip apart (oneSlipApart), which SQL cannot say.
      for (const code of PAIR_CODES) {
        if (pairs.length >= limit) break;
        for (const row of pairsOf.iterate(code) as IterableIterator<Record<string, unknown>>) {
          const [a, b] = splitPair(row);
          if (code === 'SAME_NAME_DOB_ID_SLIP' && !oneSlipApart(a.id_number, b.id_number)) continue;
          pairs.push(pairOf(a, b, code));
          if (pairs.length >= limit) break;
        }
      }
      return { pairs };
    },

    /**
     * A listed pair the clerk has checked and says are two people (namesakes born the same day):
     * kept in people_distinct with the reason, audited (`person.distinct`), and no longer listed.
     * Either may still be merged with anyone later; nothing else changes.
     */
    markPeopleDistinct(aId: string, bId: string, reason: string): { markedAt: string } {
      const why = typeof reason === 'string' ? reason.trim() : '';
      if (why === '') {
        throw new StationError('DISTINCT_REASON_REQUIRED', 'Cần nêu lý do (ví dụ: khác quê quán, khác người thân).',
          'A reason is needed (for example: another home town, other relatives).');
      }
      if (aId === bId) {
        throw new StationError('MERGE_SAME_PERSON', 'Không thể so một người với chính họ.', 'A person cannot be compared with themselves.', { aId });
      }
      return db.transaction(() => {
        const [a, b] = [requireLive(aId), requireLive(bId)].sort((x, y) => x.seq - y.seq) as [PersonRow, PersonRow];
        const markedAt = ctx.nowIso();
        db.prepare('INSERT OR IGNORE INTO people_distinct (a, b, reason, marked_at, marked_by) VALUES (?, ?, ?, ?, ?)').run(a.seq, b.seq, why, markedAt, ctx.ports.actor);
        ctx.audit({ action: 'person.distinct', entity: 'person', entityId: a.id, details: { other: b.id, reason: why } });
        return { markedAt };
      }).immediate();
    },

    /**
     * `mergeId` is the same person as `keepId`: its doses move to `keepId`, it stays in the
     * database marked merged (history), and the merge and every moved record are audited.
     * Refused (MERGE_PERSON_SIGNED) when `mergeId` has a signed dose: moving it would show it
     * under another person than the one its signature and the platform hold, with nothing to
     * say so (probe 17). The same lock as PERSON_LOCKED; keeping that person instead, or a
     * correction of its doses, is the way.
     */
    mergePeople(keepId: string, mergeId: string, reason: string): { person: Person; movedDoses: number } {
      const why = typeof reason === 'string' ? reason.trim() : '';
      if (why === '') throw new StationError('MERGE_REASON_REQUIRED', 'Cần nêu lý do gộp.', 'A merge needs a reason.');
      if (keepId === mergeId) {
        throw new StationError('MERGE_SAME_PERSON', 'Không thể gộp một người với chính họ.', 'A person cannot be merged with themselves.', { keepId });
      }
      return db.transaction(() => {
        const keep = requireLive(keepId);
        const merged = requireLive(mergeId);
        const signed = db.prepare("SELECT id FROM dose_records WHERE person_id = ? AND state NOT IN ('draft', 'ready', 'superseded') ORDER BY seq").pluck().all(mergeId) as string[];
        if (signed.length > 0) {
          const name = merged.full_name;
          throw new StationError(
            'MERGE_PERSON_SIGNED',
            `${name} (${merged.id_number}) đã có ${signed.length} mũi tiêm được ký: gộp sẽ làm các mũi này hiện dưới người khác với người đã ký và đã gửi hệ thống quốc gia. Hãy giữ người này và gộp người kia vào, hoặc làm bản đính chính cho các mũi đã ký.`,
            `${name} (${merged.id_number}) has ${signed.length} signed dose(s): a merge would show them under another person than the one signed and sent to the national platform. Keep this person and merge the other into them, or correct the signed doses.`,
            { mergeId, signedRecords: signed.slice(0, 20), count: signed.length },
          );
        }
        const moved = db.prepare('SELECT id FROM dose_records WHERE person_id = ? ORDER BY seq').all(mergeId) as { id: string }[];
        const now = ctx.nowIso();
        db.prepare('UPDATE dose_records SET person_id = ?, updated_at = ? WHERE person_id = ?').run(keepId, now, mergeId);
        db.prepare('UPDATE people SET merged_into = ?, merge_reason = ?, updated_at = ? WHERE id = ?').run(keepId, why, now, mergeId);
        ctx.audit({ action: 'person.merge', entity: 'person', entityId: keepId, details: { mergedId: mergeId, reason: why, records: moved.map((r) => r.id) } });
        ctx.audit({ action: 'person.merged', entity: 'person', entityId: mergeId, details: { into: keepId, reason: why } });
        for (const r of moved) {
          ctx.audit({ action: 'record.reassign', entity: 'record', entityId: r.id, details: { fromPerson: mergeId, toPerson: keepId, reason: why } });
        }
        return { person: toPerson(keep), movedDoses: moved.length };
      }).immediate();
    },
  };
}
