/** RPC handlers for records and people: thin maps from the contract onto the store. */
import { batchStore } from '../../batches/batchStore.js';
import type { StorePorts } from '../../store/ports.js';
import type { StationStore } from '../../store/stationStore.js';
import type { Handlers } from '../dispatcher.js';

type RecordHandlers = Pick<
  Handlers,
  'records.validate' | 'records.create' | 'records.update' | 'records.correct' | 'records.get' | 'records.list' | 'records.counts' | 'records.discard' | 'people.duplicates' | 'people.merge' | 'people.distinct'
>;

export function recordHandlers(store: StationStore, ports: StorePorts): RecordHandlers {
  const batches = batchStore(store, ports);
  // Whether the person changed after the record's batch was signed: only then is the batch's
  // leaves blob inflated to read the record as signed (a detail view is opened often).
  const changedSinceSigned = store.db
    .prepare('SELECT p.updated_at > b.created_at FROM dose_records d JOIN people p ON p.id = d.person_id JOIN batches b ON b.seq = d.batch_seq WHERE d.id = ?')
    .pluck();
  /**
   * The person as the record's batch signed them, when a correction (of this dose or another of
   * theirs) has changed the person since: what the signature and the passport say.
   */
  const asSigned = (recordId: string, now: { fullName: string; idType: string; idNumber: string; dob: string; sex: string }) => {
    if (changedSinceSigned.get(recordId) !== 1) return null;
    const signed = batches.signedRecord(recordId);
    if (signed === null) return null;
    const p = signed.person;
    const then = { fullName: p.fullName, idType: p.idType, idNumber: p.idNumber, dob: p.dob, sex: p.sex };
    return (Object.keys(then) as (keyof typeof then)[]).some((k) => then[k] !== now[k]) ? then : null;
  };
  return {
    'records.validate': ({ person, dose, recordId }) => store.validateInput({ person, dose }, recordId),
    'records.create': ({ person, dose, confirmWarnings }) => store.createRecord({ person, dose }, { source: 'form', confirmWarnings }),
    'records.update': ({ id, person, dose, confirmWarnings }) => store.updateRecord(id, { person, dose }, { confirmWarnings }),
    'records.correct': ({ id, person, dose, reason, confirmWarnings }) => store.correctRecord(id, { person, dose }, reason, { confirmWarnings }),
    'records.get': ({ id }) => {
      const details = store.getRecord(id);
      return {
        record: details.record,
        person: details.person,
        chain: details.chain,
        asSigned: asSigned(id, details.person),
        history: details.history.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityId, details: e.details, hash: e.hash })),
      };
    },
    'records.list': (q) => {
      const page = store.listRecords(q);
      return { items: page.items, total: page.total, totalCapped: page.totalCapped };
    },
    'records.counts': () => store.countByState(),
    'records.discard': ({ id, reason }) => store.discardRecord(id, reason),
    'people.duplicates': ({ limit }) => store.findDuplicatePeople({ limit }),
    'people.merge': ({ keepId, mergeId, reason }) => store.mergePeople(keepId, mergeId, reason),
    'people.distinct': ({ aId, bId, reason }) => store.markPeopleDistinct(aId, bId, reason),
  };
}
