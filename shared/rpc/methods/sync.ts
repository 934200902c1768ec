/** Sync, identity, certificates and verification methods (DESIGN §6, §7). */
import { z } from 'zod';
import { method } from '../method.js';
import { ReasonSchema } from './signing.js';

const id = z.string().min(1).max(64);

export const SyncStatusSchema = z.object({
  platformUrl: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  pendingBatches: z.number().int(),
  nextTryAt: z.string().nullable(),
  /** Station clock minus platform clock, seconds; null before the first contact. */
  clockSkewSeconds: z.number().nullable(),
  clockWarning: ReasonSchema.nullable(),
  lastError: ReasonSchema.nullable(),
  /**
   * Certificates from the platform that failed the station's checks (session 26): not stored, not
   * printable, each with its reason; tried again at every sync. `items` lists the first ones.
   */
  certificatesSetAside: z.object({
    total: z.number().int().nonnegative(),
    items: z.array(ReasonSchema.extend({
      /** The entry's handle for `sync.dismissSetAside` (16 hex digits). */
      id: z.string(),
      recordId: z.string(),
      uvci: z.string(),
      /** Its record is held here (a person waits for it): it cannot be dismissed. */
      recordHeld: z.boolean(),
      firstSeenAt: z.string(),
      lastTriedAt: z.string(),
      tries: z.number().int(),
    })),
  }),
  /** The entries a clerk dismissed, the latest first, each with its handle for `sync.undoDismissSetAside` (session 27). */
  certificatesDismissed: z.object({
    total: z.number().int().nonnegative(),
    items: z.array(ReasonSchema.extend({
      id: z.string(),
      recordId: z.string(),
      uvci: z.string(),
      dismissedAt: z.string(),
      dismissedBy: z.string(),
    })),
  }),
});

export const DccReportSchema = z.object({
  valid: z.boolean(),
  steps: z.record(z.string(), z.boolean().nullable()),
  errors: z.array(z.object({ code: z.string(), message: z.string(), message_vi: z.string().optional(), message_en: z.string().optional() })),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), message_vi: z.string().optional(), message_en: z.string().optional() })),
  alg: z.string().nullable(),
  kid: z.string().nullable(),
  claims: z.object({ iss: z.string().nullable(), iat: z.number().nullable(), exp: z.number().nullable() }).partial().nullable(),
  payload: z.unknown(),
});

export const CertificateFieldSchema = z.object({
  key: z.string(),
  labelVi: z.string(),
  labelEn: z.string(),
  value: z.string(),
  valueEn: z.string().optional(),
});

export const CertificateSummarySchema = z.object({
  recordId: z.string(),
  personId: z.string(),
  fullName: z.string(),
  uvci: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const syncMethods = {
  'sync.status': method(z.object({}).strict(), SyncStatusSchema),
  'sync.run': method(
    z.object({ taskId: id.optional() }).strict(),
    z.object({
      uploadedBatches: z.number().int(),
      /** Batches the platform refused as a whole (their records rejected). */
      failedBatches: z.number().int(),
      accepted: z.number().int(),
      rejected: z.number().int(),
      duplicates: z.number().int(),
      certificates: z.number().int(),
      /** Certificates set aside at this run (status.certificatesSetAside says why), and ones set aside before that were stored at this run. */
      setAside: z.number().int(),
      recovered: z.number().int(),
      /** The run stopped early on something a later run may overcome: status.lastError says what. */
      deferred: z.boolean(),
      status: SyncStatusSchema,
    }),
  ),
  /**
   * Dismisses a certificate set aside whose record this station does not hold (or that names
   * none): no longer listed nor asked for again; kept and audited, no certificate touched.
   * SET_ASIDE_NOT_FOUND, SET_ASIDE_ALREADY_DISMISSED, SET_ASIDE_RECORD_HELD (a person waits for it).
   */
  'sync.dismissSetAside': method(
    z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, '[0-9a-f]{16}') }).strict(),
    z.object({
      dismissed: z.object({ id: z.string(), recordId: z.string(), uvci: z.string(), code: z.string(), dismissedAt: z.string() }),
      status: SyncStatusSchema,
    }),
  ),
  /**
   * Undoes a dismissal (session 27): the entry is listed again and asked for again from the next
   * pull on; audited (`certificate.setAsideRestored`). SET_ASIDE_NOT_FOUND, SET_ASIDE_NOT_DISMISSED.
   */
  'sync.undoDismissSetAside': method(
    z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, '[0-9a-f]{16}') }).strict(),
    z.object({
      restored: z.object({ id: z.string(), recordId: z.string(), uvci: z.string(), code: z.string(), dismissedAt: z.string() }),
      status: SyncStatusSchema,
    }),
  ),
  'identity.verify': method(
    z.object({ personIds: z.array(id).max(1000).optional() }).strict(),
    z.object({ checked: z.number().int(), verified: z.number().int(), mismatch: z.number().int(), notFound: z.number().int(), deferred: z.boolean() }),
  ),
  'certificates.list': method(
    z.object({
      /** Typed, or a certificate's HC1 scanned into the box (a QR reader types it): as long as `dcc.verify`'s text. */
      search: z.string().max(16_384).optional(),
      /** Only the certificates past (true) or before (false) their expiry by the station's clock, as `expired` below. */
      expired: z.boolean().optional(),
      limit: z.number().int().min(1).max(1000).default(50),
      offset: z.number().int().min(0).default(0),
    }).strict(),
    z.object({
      items: z.array(CertificateSummarySchema.extend({
        /** Its record was corrected and the correction is not synced yet: the platform will revoke it and issue another. */
        awaitingReplacement: z.boolean(),
        /** Past its expiry by the station's clock (the 12 months of validity are over). */
        expired: z.boolean(),
      })),
      total: z.number().int(),
      /** A search's total stopped counting past the page: there are more (as records.list's). */
      totalCapped: z.boolean().optional(),
    }),
  ),
  'certificates.get': method(
    z.object({ recordId: id }).strict(),
    CertificateSummarySchema.extend({
      hc1: z.string(),
      fields: z.array(CertificateFieldSchema),
      qrSvg: z.string(),
      nationality: z.string(),
      verification: DccReportSchema,
      /** Revoked by the platform (a correction): when, and the correcting record with its certificate once held. */
      revocation: z.object({ revokedAt: z.string(), replacedBy: z.object({ recordId: z.string(), uvci: z.string().nullable() }).nullable() }).nullable(),
      /** Its record was corrected here, not yet answered: a notice (not an error) that this certificate will be replaced. */
      correctionPending: z.object({ recordId: z.string(), notice: z.object({ code: z.string(), message: z.string(), message_vi: z.string(), message_en: z.string() }) }).nullable(),
    }),
  ),
  /** Verify a pasted HC1 text or an image's RGBA pixels read by the renderer (camera, file). */
  'dcc.verify': method(
    z.union([
      z.object({ text: z.string().min(1).max(16_384) }).strict(),
      z.object({ image: z.object({ width: z.number().int().min(1).max(8192), height: z.number().int().min(1).max(8192), rgbaBase64: z.string().max(300_000_000) }).strict() }).strict(),
      z.object({ file: z.object({ name: z.string().max(255), base64: z.string().max(70_000_000) }).strict() }).strict(),
    ]),
    DccReportSchema.extend({ text: z.string().nullable() }),
  ),
} as const;
