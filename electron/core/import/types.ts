/** The importer's public shapes: what a preview shows, what a commit reports (DESIGN §8, §10). */
import type { DoseInput, Finding, PersonFindingsMemo, PersonInput } from './domainPort.js';
import type { MappedField } from './findHeaderRow.js';
import type { ImportLimits } from './importLimits.js';
import type { CellValue } from './sheetData.js';
import type { RowStatus } from './validateRows.js';

export type { RowStatus };

/** A finding on one row of the file, as the preview table, the CLI JSON and the export show it. */
export interface ImportFinding {
  /** The row number the user sees in Excel; for CSV the record's row (header line = 1). */
  row: number;
  /** The sheet of `row`, when the import read more than one (a sheet per vaccination day); absent otherwise. */
  sheet?: string;
  field: string;
  code: string;
  severity: 'error' | 'warning';
  /** Vietnamese / English in one line. */
  message: string;
  message_vi: string;
  message_en: string;
}

/** One column of the source, and the field it is imported into (null: not imported). */
export interface ImportColumn {
  /** Excel column letters (A, B, ... AA). */
  column: string;
  header: string;
  field: MappedField | null;
}

/** What the store takes for one row (store RecordInput). */
export interface ImportRecordInput {
  person: PersonInput;
  dose: DoseInput;
}

export interface ImportRow {
  row: number;
  /** The sheet of `row`, when the import read more than one (ImportFinding.sheet). */
  sheet?: string;
  status: RowStatus;
  input: ImportRecordInput;
  findings: Finding[];
  /** The source cells, for the failed-rows export in the same layout. */
  cells: CellValue[];
  /** For `duplicate` rows already stored: the stored record's id. */
  existingId?: string;
  /** In a list with a row per person: the dose whose columns the record was read from (its findings say it). */
  doseOf?: number;
}

/** An earlier committed import of the same bytes (same SHA-256), as its import run recorded it. */
export interface EarlierImport {
  /** When its rows were written (ISO, UTC). */
  committedAt: string;
  /** The name the file was imported under (it may have been renamed since). */
  fileName: string;
  /** Records the import created. */
  created: number;
  /**
   * The run's other counts: the whole file since session 21 (the rows its preview held back as
   * stored already or in error included: commitImport's heldBack); a run an older build committed
   * counted only the rows its commit handed to the store.
   */
  rows: number;
  duplicates: number;
  invalid: number;
}

export interface ImportPreview {
  file: string;
  /** Hex SHA-256 of the file bytes: the store recognises a file imported before. */
  fileHash: string;
  /**
   * The committed imports of these same bytes, newest first (a run that failed or never committed
   * is none). Empty without a store. Says nothing of rows: an edited copy is another file, its rows
   * already stored are `duplicates` as ever. At most MAX_EARLIER_IMPORTS, and the last is always
   * the first import (the one that normally created the records): past the limit, the runs between
   * it and the newest are left out (`importedBeforeTotal` says how many there are).
   */
  importedBefore: EarlierImport[];
  /** Every committed import of these bytes (0 for a file new here or without a store). */
  importedBeforeTotal: number;
  format: 'xlsx' | 'csv';
  /** csv: the text encoding and separator detected. */
  encoding: string | null;
  separator: string | null;
  /** xlsx: the sheet read and every sheet of the workbook. */
  sheet: string | null;
  sheets: string[];
  /**
   * The sheets imported, in tab order, each with its header row and cells (for the failed-rows
   * export): the chosen one, and the later ones under the same header (a sheet per vaccination
   * day). One for a CSV (sheet null) or a sheet named.
   */
  sheetsRead: { sheet: string | null; headerRow: number; headerCells: CellValue[] }[];
  /**
   * xlsx: the visible sheets after the one read that hold a list too (a tab per month), in tab
   * order, each to import on its own; [] when a sheet was named (only it is read) and for text files.
   */
  otherLists: string[];
  headerRow: number;
  /** The header cells as written, for the export. */
  headerCells: CellValue[];
  columns: ImportColumn[];
  /** Data rows (blank, title, repeated-header and totals rows are not counted). */
  rows: number;
  /** Rows by status: ready (no findings), warnings (warnings only), errors, duplicates (already there). */
  ready: number;
  warnings: number;
  errors: number;
  duplicates: number;
  findings: ImportFinding[];
  records: ImportRow[];
  /** `store`: duplicates and findings account for the records already in the station. */
  validatedAgainst: 'file' | 'store';
}

export type ImportPhase = 'read' | 'validate' | 'commit';

export interface ImportProgressOptions {
  /** `done` of `total` (bytes while reading, rows while validating and committing). */
  onProgress?: (done: number, total: number, phase: ImportPhase) => void;
  signal?: AbortSignal;
}

export interface PreviewOptions extends ImportProgressOptions {
  /** The sheet to read (xlsx); default: the first visible sheet with a recognisable header. */
  sheet?: string;
  limits?: Partial<ImportLimits>;
  /** With a store, duplicates and findings account for the records already stored. */
  store?: ImportStorePort;
  /** The clock for "today" in validation (default: the system clock). */
  now?: () => Date;
}

export interface CommitOptions extends PreviewOptions {
  /** The user saw the warnings and confirmed them: records with warnings are stored as ready. */
  confirmWarnings?: boolean;
  /**
   * The name the user knows the file by, for the import run and its audit entry (default: the
   * path's base name; the interface reads an uploaded copy with a name of its own).
   */
  fileName?: string;
}

/** Per row after a commit. */
export type CommitOutcome = 'created' | 'duplicate' | 'invalid' | 'skipped';

export interface ImportCommitResult extends Omit<ImportPreview, 'records'> {
  importRunId: string;
  committed: number;
  records: (ImportRow & { outcome: CommitOutcome; recordId?: string })[];
}

/** What the importer needs from the store (electron/core/store, engineer E's), adapted in storePort.ts. */
export interface ImportStorePort {
  startImportRun(input: { fileName: string; fileHash: string }): { id: string };
  /** The run's commit failed after it started: the audit log says so (import.fail). */
  failImportRun(id: string, failure: { code: string; cause?: string }): void;
  /** `personMemo`: the file pass's (validateRows), so the store pass does not re-check its people. */
  previewRecords(rows: readonly ImportRecordInput[], options?: { personMemo?: PersonFindingsMemo }): StoreRowOutcome[];
  createRecords(
    rows: readonly ImportRecordInput[],
    options: {
      importRunId: string;
      confirmWarnings: boolean;
      sourceRows?: readonly number[];
      /** Each row's sheet, when the preview read several (ImportRow.sheet). */
      sourceSheets?: readonly (string | undefined)[];
      heldBack?: { duplicates: number; invalid: number };
      /** Per row, the import's own findings: stored with the record and counted for its state. */
      findings?: readonly (readonly Finding[] | undefined)[];
    },
  ): StoreRowOutcome[];
  /** The committed imports of a file with this SHA-256, newest first, at most `limit`, the first one always last; `total`: all of them. */
  committedRuns(fileHash: string, limit: number): { runs: EarlierImport[]; total: number };
  /** What the stored records say of the fields a re-imported row may have corrected, by record id. */
  storedFacts(ids: readonly string[]): Map<string, StoredFacts>;
  /** The station's facility (its settings), for a list that says where each dose was given (placeColumn.ts). */
  facility?(): { code: string | null; name: string | null };
}

export interface StoredFacts {
  lot: string;
  fullName: string;
  dob: string;
  phone: string | null;
}

export type StoreRowOutcome =
  | { outcome: 'created'; id: string; findings: Finding[] }
  | { outcome: 'duplicate'; existingId: string; findings: Finding[] }
  | { outcome: 'invalid'; findings: Finding[] };
