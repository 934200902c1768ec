/**
 * The one place the importer reaches into the station store (electron/core/store, engineer E's):
 * its createRecords / previewRecords / startImportRun, seen through ImportStorePort.
 */
import type { RowOutcome } from '../store/storeTypes.js';
import type { StationStore } from '../store/stationStore.js';
import type { ImportStorePort, StoreRowOutcome } from './types.js';

function toOutcome(o: RowOutcome): StoreRowOutcome {
  if (o.outcome === 'created') return { outcome: 'created', id: o.id, findings: o.findings };
  if (o.outcome === 'duplicate') return { outcome: 'duplicate', existingId: o.existingId, findings: o.findings };
  return { outcome: 'invalid', findings: o.findings };
}

export function importStorePort(store: StationStore): ImportStorePort {
  return {
    startImportRun: (input) => ({ id: store.startImportRun(input).id }),
    previewRecords: (rows) => store.previewRecords(rows, { source: 'import' }).outcomes.map(toOutcome),
    createRecords: (rows, options) =>
      store.createRecords(rows, { source: 'import', importRunId: options.importRunId, confirmWarnings: options.confirmWarnings }).outcomes.map(toOutcome),
  };
}
