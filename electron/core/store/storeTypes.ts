/** The store's public shapes (electron/core/store/README.md documents the API). */
import type { PersonFindingsMemo } from '../../../shared/domain/personFindingsMemo.js';
import type { DoseRecord, Finding, Person, RecordState } from '../../../shared/domain/types.js';
import type { AuditEntry } from '../audit/auditLog.js';
import type { DoseInput, PersonInput } from './domain.js';

export type { DoseInput, PersonInput };

/** A record as a form or an import row gives it. `facilityCode` defaults to setting `facility.code`. */
export interface RecordInput {
  person: PersonInput;
  dose: DoseInput & { facilityCode?: string };
}

export type RecordSource = 'form' | 'import' | 'correction' | 'api';

export interface CreateOptions {
  source: RecordSource;
  /** The user saw the warnings and confirmed them: the record may be ready despite them. */
  confirmWarnings?: boolean;
  /** From startImportRun: the run is marked committed with the counts, in the same transaction. */
  importRunId?: string;
  /**
   * A memo of people's own findings from an earlier validation pass over the same rows (the
   * import's file pass, shared/domain/personFindingsMemo.ts): those people are not checked again.
   * Pure and cleared on a new day, so sharing it changes no answer.
   */
  personMemo?: PersonFindingsMemo;
  /** With importRunId: each row's place in the file (the preview's `row`), named in the run's audit entry. */
  sourceRows?: readonly number[];
  /** With sourceRows, when the file's rows come from several sheets (a sheet per day): each row's sheet. */
  sourceSheets?: readonly (string | undefined)[];
  /**
   * With importRunId: the file's rows its preview already answered and did not send (stored
   * already, or with errors), counted into the run's rows, duplicates and invalid, so the run
   * says what the whole file was, not only what reached this call.
   */
  heldBack?: { duplicates: number; invalid: number };
  /**
   * createRecords only: rows with errors are left out as `invalid` (default), or stored as drafts
   * to be fixed in the station (when their id type, id number, name, sex and dose number allow).
   */
  saveInvalidAsDraft?: boolean;
  /**
   * A file's rows are one set, not a sequence: a row with a later row of the same person is
   * checked again, against every dose of the person, for the findings that depend on all of them
   * (recordCreate.ts recheckWholePerson: DOSE_NUMBER_GAP, DOSE_ORDER_MISMATCH). Without it (the default) each row is
   * answered as one-row inserts in sequence would answer it, which the bulk tests compare with.
   */
  wholePerson?: boolean;
  /**
   * createRecords only: per row, findings the caller made of it that the store's own validation
   * cannot (the import's: a vaccine read from a misspelling, a sex read from the CCCD, a dose
   * another facility gave). Stored with the record and counted for its state like the store's own:
   * a warning leaves it a draft unless confirmed, so the signer sees what the clerk was told.
   */
  extraFindings?: readonly (readonly Finding[] | undefined)[];
}

export interface SavedRecord {
  record: DoseRecord;
  person: Person;
  findings: Finding[];
}

export type RowOutcome =
  | { index: number; outcome: 'created'; id: string; personId: string; personCreated: boolean; state: RecordState; findings: Finding[] }
  /** Same id type + id number + dose number + vaccine + date already stored: nothing written. */
  | { index: number; outcome: 'duplicate'; existingId: string; findings: Finding[] }
  | { index: number; outcome: 'invalid'; findings: Finding[] };

export interface CreateRecordsResult {
  outcomes: RowOutcome[];
  created: number;
  duplicates: number;
  invalid: number;
  importRunId: string | null;
}

/** Fields to change; anything left out keeps its stored value. */
export interface RecordPatch {
  person?: Partial<PersonInput>;
  dose?: Partial<DoseInput & { facilityCode: string }>;
}

export interface RecordDetails {
  record: DoseRecord;
  person: Person;
  findings: Finding[];
  source: RecordSource;
  importRunId: string | null;
  warningsConfirmed: boolean;
  /** The platform's reason when rejected (or its note when accepted). */
  platform: { code: string | null; message: string | null } | null;
  supersededBy: string | null;
  /** The record's audit entries, oldest first. */
  history: AuditEntry[];
  /** Every record of its correction chain, oldest first (itself included). */
  chain: DoseRecord[];
  certificate: CertificateRow | null;
}

export interface CertificateRow {
  recordId: string;
  uvci: string;
  hc1: string;
  issuedAt: string;
  expiresAt: string;
  /** Set when a correction made the platform revoke it (a newer certificate replaces it). */
  revokedAt: string | null;
}

export interface RecordQuery {
  /** One state or several; default: every state but `superseded`. */
  state?: RecordState | readonly RecordState[];
  vaccine?: string;
  /** Vaccination date range, inclusive, ISO. */
  dateFrom?: string;
  dateTo?: string;
  /** A name ("nguyen van an", any case, with or without diacritics), an id number prefix or a phone prefix. */
  search?: string;
  /** 1–1000, default 50. */
  limit?: number;
  /** `nextCursor` of the previous page (stable under inserts), or an offset. */
  cursor?: string;
  offset?: number;
}

export interface RecordListItem {
  record: DoseRecord;
  person: Person;
}

export interface RecordPage {
  items: RecordListItem[];
  /** Every record matching the filters, across pages; with `totalCapped`, a lower bound. */
  total: number;
  /** A search's total stops counting past the page (recordSearch.ts): there are more than `total`. */
  totalCapped: boolean;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** For setRecordsState: a record id, or one with details of its own (a per-record platform reason). */
export type StateChangeItem = string | { id: string; details?: Record<string, string | number | boolean | null> };

export interface DuplicatePair {
  a: Person;
  b: Person;
  code: 'SAME_ID_NUMBER' | 'SAME_NAME_DOB_PHONE' | 'SAME_NAME_DOB_ID_SLIP' | 'SAME_NAME_DOB_PAPERS_CHANGED';
  reason_vi: string;
  reason_en: string;
}
