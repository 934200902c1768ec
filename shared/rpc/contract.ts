/**
 * The RPC contract: every method the renderer (or any client) may call on the core, with its
 * params and result schemas, declared once (STYLE rule 2). The core's dispatcher validates every
 * request against it; the client and the preload are typed from it. A new method is one entry
 * here plus one handler in electron/core/rpc/handlers.
 */
import { z } from 'zod';
import { method } from './method.js';
import { signingMethods } from './methods/signing.js';
import { syncMethods } from './methods/sync.js';
import {
  AuditEntrySchema,
  DoseInputSchema,
  DoseRecordSchema,
  FileRefSchema,
  FindingSchema,
  PersonInputSchema,
  PersonSchema,
  RecordQuerySchema,
  RecordStateSchema,
} from './schemas.js';

const RecordWithPerson = z.object({ record: DoseRecordSchema, person: PersonSchema });
const SavedRecord = RecordWithPerson.extend({ findings: z.array(FindingSchema) });
const id = z.string().min(1).max(64);

/** One earlier committed import of the same file, as its import run recorded it. */
export const EarlierImportSchema = z.object({
  /** ISO instant (UTC); the screen shows it in Viet Nam time. */
  committedAt: z.iso.datetime(),
  fileName: z.string(),
  rows: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
});

export const ImportSummarySchema = z.object({
  rows: z.number().int(),
  ready: z.number().int(),
  warnings: z.number().int(),
  errors: z.number().int(),
  duplicates: z.number().int(),
  committed: z.number().int(),
  sheet: z.string().nullable(),
  findings: z.array(
    /** `sheet`: the row's sheet, when more than one was imported (a sheet per vaccination day). */
    FindingSchema.extend({ row: z.number().int(), sheet: z.string().optional(), message: z.string() }),
  ),
  /** All findings of the file; `findings` holds the first MAX_IMPORT_FINDINGS of them. */
  findingsTotal: z.number().int(),
  columns: z.array(z.object({ column: z.string(), header: z.string(), field: z.string().nullable() })),
  /** The workbook's worksheets, the tabs the screen offers to choose (no chart sheet); [] for a CSV. */
  sheets: z.array(z.string()),
  /** The sheets imported, in tab order: the chosen one and the later ones under its header (a sheet per day); [] for a CSV. */
  sheetsRead: z.array(z.string()),
  /** The workbook's later sheets that hold a list under another header, each imported on its own; [] when a sheet was named. */
  otherLists: z.array(z.string()),
  /**
   * The committed imports of these same bytes (SHA-256), newest first; [] for a file new here.
   * A notice for the clerk, never a refusal: the rows already stored are `duplicates` as ever.
   * The last is always the first import (it normally created the records); past the core's limit
   * the imports between it and the newest are left out.
   */
  importedBefore: z.array(EarlierImportSchema),
  /** Every committed import of these bytes: `importedBefore`'s length or more, 0 when it is empty. */
  importedBeforeTotal: z.number().int().nonnegative(),
}).refine((s) => s.importedBeforeTotal >= s.importedBefore.length && (s.importedBeforeTotal === 0) === (s.importedBefore.length === 0), {
  message: 'importedBeforeTotal counts the imports importedBefore names, and more only when it names some',
  path: ['importedBeforeTotal'],
});

/** A reply carries at most this many findings (a 1M-row file of errors would be ~200 MB). */
export const MAX_IMPORT_FINDINGS = 5000;

export const SETTINGS_KEYS = [
  'facility.code',
  'facility.name',
  'facility.taxCode',
  'station.id',
  'platform.url',
  'platform.key',
  'pkcs11.module',
  'ui.language',
] as const;
export const SettingKey = z.enum(SETTINGS_KEYS);

const BackupFileSchema = z.object({
  name: z.string(),
  path: z.string(),
  bytes: z.number().int(),
  /** When the copy was taken (ISO, UTC). */
  takenAt: z.string(),
  kind: z.enum(['daily', 'upgrade', 'manual']),
});

export const contract = {
  'station.status': method(
    z.object({}).strict(),
    z.object({
      counts: z.record(z.string(), z.number().int()),
      facility: z.object({ code: z.string().nullable(), name: z.string().nullable() }),
      version: z.string(),
    }),
  ),

  'records.validate': method(
    z.object({ person: PersonInputSchema, dose: DoseInputSchema, recordId: id.optional() }).strict(),
    z.object({ findings: z.array(FindingSchema), fnt: z.string(), gnt: z.string(), familyName: z.string(), givenName: z.string() }),
  ),
  'records.create': method(
    z.object({ person: PersonInputSchema, dose: DoseInputSchema, confirmWarnings: z.boolean().default(false) }).strict(),
    SavedRecord,
  ),
  'records.update': method(
    z.object({ id, person: PersonInputSchema, dose: DoseInputSchema, confirmWarnings: z.boolean().default(false) }).strict(),
    SavedRecord,
  ),
  'records.correct': method(
    z.object({ id, person: PersonInputSchema, dose: DoseInputSchema, reason: z.string().min(1).max(500), confirmWarnings: z.boolean().default(false) }).strict(),
    // alsoCorrected: the person's other signed records, corrected with it when the person's details changed.
    SavedRecord.extend({ alsoCorrected: z.array(z.string()) }),
  ),
  'records.get': method(
    z.object({ id }).strict(),
    RecordWithPerson.extend({
      history: z.array(AuditEntrySchema),
      chain: z.array(DoseRecordSchema),
      /** The person as this record was signed, when a correction has changed them since (else null or absent). */
      asSigned: z
        .object({ fullName: z.string(), idType: z.string(), idNumber: z.string(), dob: z.string(), sex: z.string() })
        .nullable()
        .optional(),
    }),
  ),
  // totalCapped: a search's total stopped counting past the page, there are more (shown "1.000+").
  'records.list': method(RecordQuerySchema, z.object({ items: z.array(RecordWithPerson), total: z.number().int(), totalCapped: z.boolean().optional() })),
  'records.counts': method(z.object({}).strict(), z.record(RecordStateSchema, z.number().int())),

  'people.duplicates': method(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.object({
      pairs: z.array(z.object({ a: PersonSchema, b: PersonSchema, code: z.string(), reason_vi: z.string(), reason_en: z.string() })),
    }),
  ),
  /**
   * An unsigned (draft/ready) record out of the queue: kept whole, with a `record.discard` audit
   * entry (electron/core/store/recordDiscard.ts). A signed one is never discarded
   * (RECORD_NOT_DISCARDABLE: correct it). `state`: the one it had.
   */
  'records.discard': method(
    z.object({ id, reason: z.string().min(1).max(500) }).strict(),
    z.object({ id: z.string(), state: z.enum(['draft', 'ready']), reason: z.string(), duplicateOf: z.string().nullable(), discardedAt: z.string() }),
  ),
  // discardedDoses: the merged person's unsigned copies of a dose the kept person holds, lot and all, discarded.
  // backToDraft: ready records of either person the merge's re-check sent back to draft (a finding to look at).
  'people.merge': method(
    z.object({ keepId: id, mergeId: id, reason: z.string().min(1).max(500) }).strict(),
    z.object({ person: PersonSchema, movedDoses: z.number().int(), discardedDoses: z.array(z.string()), backToDraft: z.array(z.string()) }),
  ),
  // A listed pair the clerk says are two people (namesakes): no longer listed, audited `person.distinct`.
  'people.distinct': method(z.object({ aId: id, bId: id, reason: z.string().min(1).max(500) }).strict(), z.object({ markedAt: z.string() })),

  'import.preview': method(
    z.object({ file: FileRefSchema, sheet: z.string().max(100).optional(), taskId: id.optional() }).strict(),
    ImportSummarySchema,
  ),
  'import.commit': method(
    z.object({ file: FileRefSchema, sheet: z.string().max(100).optional(), confirmWarnings: z.boolean().default(false), taskId: id.optional() }).strict(),
    ImportSummarySchema,
  ),
  'import.exportFailed': method(
    z.object({ file: FileRefSchema, sheet: z.string().max(100).optional() }).strict(),
    z.object({ name: z.string(), base64: z.string(), rows: z.number().int() }),
  ),

  'audit.list': method(
    z.object({ limit: z.number().int().min(1).max(1000).default(100), beforeSeq: z.number().int().optional() }).strict(),
    z.object({ entries: z.array(AuditEntrySchema) }),
  ),
  'audit.verify': method(
    z.object({}).strict(),
    z.object({ ok: z.boolean(), entries: z.number().int(), brokenAt: z.number().int().nullable(), reason: z.string().nullable() }),
  ),

  'settings.get': method(z.object({ key: SettingKey }).strict(), z.object({ key: SettingKey, value: z.string().nullable() })),
  'settings.set': method(
    // confirmUnsynced: change facility.code although batches signed under the current code wait
    // for the platform (FACILITY_CODE_BATCHES_WAITING): only for a code wrong from the start.
    z.object({ key: SettingKey, value: z.string().max(2048).nullable(), confirmUnsynced: z.boolean().optional() }).strict(),
    z.object({ key: SettingKey, value: z.string().nullable() }),
  ),

  'tasks.cancel': method(z.object({ taskId: id }).strict(), z.object({ cancelled: z.boolean() })),

  /** The checked copies in `<data dir>/backups` (electron/core/db/backups.ts), newest first. */
  'backups.list': method(
    z.object({}).strict(),
    z.object({
      folder: z.string(),
      items: z.array(BackupFileSchema),
      /** The app's daily copies: when last checked and why no copy was taken (null: none run, as in a test). */
      daily: z
        .object({
          lastCheckAt: z.string().nullable(),
          problem: z.object({ code: z.string(), at: z.string(), message_vi: z.string(), message_en: z.string() }).nullable(),
        })
        .nullable(),
      /** The databases restores replaced, kept beside station.db (replacedFiles.ts): how many, and their bytes on disk. */
      replaced: z.object({ kept: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
    }),
  ),
  /** A checked copy now, into `<data dir>/backups` (a restore needs the station closed: `station restore`). */
  'backups.create': method(
    z.object({}).strict(),
    BackupFileSchema.extend({
      people: z.number().int(), records: z.number().int(), batches: z.number().int(), certificates: z.number().int(), auditEntries: z.number().int(),
    }),
  ),

  ...signingMethods,
  ...syncMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type ParamsOf<M extends MethodName> = z.input<Contract[M]['params']>;
export type ParsedParamsOf<M extends MethodName> = z.output<Contract[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<Contract[M]['result']>;

/** Events the core pushes to clients. */
export const events = {
  progress: z.object({
    taskId: z.string(),
    task: z.enum(['import', 'sign', 'sync', 'verify']),
    done: z.number().int(),
    total: z.number().int().nullable(),
    message: z.string().optional(),
  }),
  /** A token was inserted or removed, or its login state changed (signer host hot-plug). */
  'token.changed': z.object({ present: z.boolean(), serial: z.string().nullable(), loggedIn: z.boolean(), reason: z.string().optional() }),
  /** Sync state changed (contact made, batch applied, error, clock warning). */
  'sync.changed': z.object({ pendingBatches: z.number().int(), lastContactAt: z.string().nullable() }),
  /**
   * The signer host's state (issue 4: a crash or hang is reported, not only seen by the next
   * call): `restarting` after a crash or hang (the token is logged out), `unavailable` when
   * automatic restarts stopped, `running` once a host is ready again. Code and messages say why.
   */
  'signer.status': z.object({
    state: z.enum(['running', 'restarting', 'unavailable']),
    code: z.string().optional(),
    message_vi: z.string().optional(),
    message_en: z.string().optional(),
  }),
} as const;
export type EventName = keyof typeof events;
export type EventData<E extends EventName> = z.output<(typeof events)[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
