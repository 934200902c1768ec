/** RPC handlers for records and people: thin maps from the contract onto the store. */
import type { StationStore } from '../../store/stationStore.js';
import type { Handlers } from '../dispatcher.js';

type RecordHandlers = Pick<
  Handlers,
  'records.validate' | 'records.create' | 'records.update' | 'records.correct' | 'records.get' | 'records.list' | 'records.counts' | 'people.duplicates' | 'people.merge'
>;

export function recordHandlers(store: StationStore): RecordHandlers {
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
        history: details.history.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityId, details: e.details, hash: e.hash })),
      };
    },
    'records.list': (q) => {
      const page = store.listRecords(q);
      return { items: page.items, total: page.total, totalCapped: page.totalCapped };
    },
    'records.counts': () => store.countByState(),
    'people.duplicates': ({ limit }) => store.findDuplicatePeople({ limit }),
    'people.merge': ({ keepId, mergeId, reason }) => store.mergePeople(keepId, mergeId, reason),
  };
}
