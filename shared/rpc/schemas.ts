/**
 * zod schemas of the domain shapes that cross the RPC boundary (shared/domain/types.ts).
 * Limits are generous but finite: a message can never make the core allocate without bound.
 */
import { z } from 'zod';
import { ID_TYPES, RECORD_STATES, type IdType, type RecordState } from '../domain/types.js';

const text = (max: number) => z.string().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const IdTypeSchema = z.enum(ID_TYPES as [IdType, ...IdType[]]);
export const RecordStateSchema = z.enum(RECORD_STATES as [RecordState, ...RecordState[]]);
export const SexSchema = z.enum(['M', 'F', 'X']);

export const FindingSchema = z.object({
  field: z.string(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message_vi: z.string(),
  message_en: z.string(),
});

/** What a person fills in: the form and the import produce this; the core derives the rest. */
export const PersonInputSchema = z
  .object({
    idType: IdTypeSchema,
    idNumber: text(32),
    fullName: text(200),
    familyName: text(100).optional(),
    givenName: text(150).optional(),
    dob: text(10),
    sex: SexSchema,
    nationality: text(2).optional(),
    // Wider than the signed record's 32: that limit is on the phone as stored (separators
    // dropped), and validation says it as PHONE_TOO_LONG on the field, with the length.
    phone: text(128).nullable().optional(),
  })
  .strict();
export type PersonInputWire = z.infer<typeof PersonInputSchema>;

export const DoseInputSchema = z
  .object({
    vaccine: text(40),
    lot: text(64),
    doseNumber: z.number().int().min(0).max(99),
    vaccinationDate: text(10),
  })
  .strict();
export type DoseInputWire = z.infer<typeof DoseInputSchema>;

export const PersonSchema = z.object({
  id: z.string(),
  idType: IdTypeSchema,
  idNumber: z.string(),
  fullName: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  fnt: z.string(),
  gnt: z.string(),
  dob: z.string(),
  sex: SexSchema,
  nationality: z.string(),
  phone: z.string().nullable(),
  identityStatus: z.enum(['unverified', 'verified', 'mismatch', 'not_found']),
  identityCheckedAt: z.string().nullable(),
});

export const DoseRecordSchema = z.object({
  id: z.string(),
  personId: z.string(),
  vaccine: z.string(),
  lot: z.string(),
  doseNumber: z.number().int(),
  vaccinationDate: z.string(),
  facilityCode: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  state: RecordStateSchema,
  findings: z.array(FindingSchema),
  supersedes: z.string().nullable(),
  supersedeReason: z.string().nullable(),
});

export const RecordQuerySchema = z
  .object({
    state: RecordStateSchema.optional(),
    vaccine: text(40).optional(),
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    // A row copied from a clinic's sheet, its address and facility cells included, runs past 200
    // characters (searchText.ts reads it by its id, phone or name cell); a whole sheet pasted is
    // still refused.
    search: text(4096).optional(),
    limit: z.number().int().min(1).max(1000).default(50),
    offset: z.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

/**
 * A file for import: its name and bytes (base64), as the page reads them from a file input or
 * the Electron shell's native dialog. Never a path: a renderer must not make the core open files
 * of its choosing. 200 MB of base64 is the upper bound.
 */
export const FileRefSchema = z.object({ name: z.string().min(1).max(255), base64: z.string().max(280_000_000) }).strict();

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  details: z.unknown(),
  hash: z.string(),
});
