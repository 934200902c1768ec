/**
 * The one place the importer reaches into the station store (electron/core/store, engineer E's):
 * its createRecords / previewRecords / startImportRun / committedImportRuns, seen through ImportStorePort.
 */
import type { StationStore } from '../store/stationStore.js';
import type { ImportStorePort, StoredFacts } from './types.js';

// The store's row outcomes are handed on as they are (each is a StoreRowOutcome with more fields):
// copying 100k of them per preview and per commit only made garbage.
export function importStorePort(store: StationStore): ImportStorePort {
  return {
    startImportRun: (input) => ({ id: store.startImportRun(input).id }),
    failImportRun: (id, failure) => store.failImportRun(id, failure),
    // Only committed runs are read, and a committed run has all its counts (markCommitted).
    committedRuns: (fileHash, limit) => {
      const { runs, total } = store.committedImportRuns(fileHash, limit);
      return {
        runs: runs.map((r) => ({
          committedAt: r.committedAt!, fileName: r.fileName, rows: r.rows ?? 0, created: r.created ?? 0, duplicates: r.duplicates ?? 0, invalid: r.invalid ?? 0,
        })),
        total,
      };
    },
    previewRecords: (rows, options) =>
      store.previewRecords(rows, options?.personMemo !== undefined ? { source: 'import', wholePerson: true, personMemo: options.personMemo } : { source: 'import', wholePerson: true }).outcomes,
    // A file's rows are one set: a dose's gap and order are judged on every dose of the person (wholePerson).
    createRecords: (rows, options) =>
      store.createRecords(rows, { source: 'import', wholePerson: true, importRunId: options.importRunId, confirmWarnings: options.confirmWarnings, sourceRows: options.sourceRows, ...(options.sourceSheets === undefined ? {} : { sourceSheets: options.sourceSheets }), heldBack: options.heldBack, extraFindings: options.findings }).outcomes,
    storedFacts: (ids) => {
      // Iterated into the map: a file imported again asks for every row's record (200k), and an
      // array of them beside the map was as large again.
      const out = new Map<string, StoredFacts>();
      const rows = store.db
        .prepare(`SELECT d.id, d.lot, p.full_name AS fullName, p.dob, p.phone FROM dose_records d JOIN people p ON p.id = d.person_id
          WHERE d.id IN (SELECT value FROM json_each(?))`)
        .iterate(JSON.stringify(ids)) as IterableIterator<{ id: string } & StoredFacts>;
      for (const r of rows) out.set(r.id, { lot: r.lot, fullName: r.fullName, dob: r.dob, phone: r.phone });
      return out;
    },
    facility: () => ({ code: store.getSetting('facility.code'), name: store.getSetting('facility.name') }),
  };
}
