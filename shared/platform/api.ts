/**
 * The national platform's API v1 (DESIGN §6) as schemas: the sync client parses every reply with
 * these (a platform reply is untrusted input), the simulator builds its replies from the same
 * types.
 */
import { z } from 'zod';

export const API_VERSION = 'v1';

export const RecordResultSchema = z.discriminatedUnion('status', [
  z.object({ recordId: z.string(), status: z.literal('accepted') }),
  z.object({ recordId: z.string(), status: z.literal('rejected'), code: z.string(), message: z.string(), message_vi: z.string().optional(), message_en: z.string().optional() }),
  z.object({ recordId: z.string(), status: z.literal('duplicate'), existingId: z.string() }),
]);
export type RecordResult = z.infer<typeof RecordResultSchema>;

/** Reply to `PUT /v1/batches/{id}`; the same stored reply comes back for a repeated upload. */
export const BatchReplySchema = z.object({
  batch: z.string(),
  results: z.array(RecordResultSchema),
  serverTime: z.string(),
});
export type BatchReply = z.infer<typeof BatchReplySchema>;

export const IssuedCertificateSchema = z.object({
  recordId: z.string(),
  uvci: z.string(),
  hc1: z.string().startsWith('HC1:'),
  issuedAt: z.string(),
  expiresAt: z.string(),
  /** Set when a correction revoked this certificate; a newer one replaces it. */
  revokedAt: z.string().nullable().optional(),
});
export type IssuedCertificate = z.infer<typeof IssuedCertificateSchema>;

/** Reply to `GET /v1/certificates?after=<cursor>&limit=<n>`. */
export const CertificatesPageSchema = z.object({
  certificates: z.array(IssuedCertificateSchema),
  next: z.string().nullable(),
  serverTime: z.string(),
});
export type CertificatesPage = z.infer<typeof CertificatesPageSchema>;

/**
 * The same page as the station reads it: the envelope checked, each entry left to be checked on
 * its own (`IssuedCertificateSchema`), so that one entry the platform got wrong is set aside with
 * its reason instead of refusing, page after page, every certificate behind it (session 26).
 */
export const CertificatesFeedPageSchema = CertificatesPageSchema.extend({ certificates: z.array(z.unknown()) });
export type CertificatesFeedPage = z.infer<typeof CertificatesFeedPageSchema>;

/** `GET /v1/trust-list`: the DSCs that sign HC1 (also read by `station dcc verify --trust`). */
export const TrustListSchema = z.object({
  certificates: z.array(z.object({ kid: z.string(), country: z.string(), certificate: z.string() })),
});
export type TrustList = z.infer<typeof TrustListSchema>;

export const TimeReplySchema = z.object({ serverTime: z.string() });

/** `POST /v1/identity/verify`: one person or a batch form `{people: [...]}`. */
export const IdentityQuerySchema = z.object({
  ref: z.string().max(64),
  idType: z.enum(['CCCD', 'CMND', 'PASSPORT']),
  idNumber: z.string().max(32),
  fullName: z.string().max(200),
  dob: z.string().max(10),
});
export type IdentityQuery = z.infer<typeof IdentityQuerySchema>;
export const IdentityRequestSchema = z.union([IdentityQuerySchema, z.object({ people: z.array(IdentityQuerySchema).min(1).max(1000) })]);

export const IdentityResultSchema = z.object({
  ref: z.string(),
  status: z.enum(['verified', 'mismatch', 'not_found']),
  /** Which fields disagree with the population database, when status is mismatch. */
  mismatches: z.array(z.enum(['fullName', 'dob'])).optional(),
});
export const IdentityReplySchema = z.object({ results: z.array(IdentityResultSchema), serverTime: z.string() });
export type IdentityReply = z.infer<typeof IdentityReplySchema>;

/** A platform's text as the station keeps it: at most `max` characters (a reply is untrusted input). */
export function clampText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
/** How long a platform's code and message may be where the station stores or shows them. */
export const PLATFORM_CODE_MAX = 64;
export const PLATFORM_MESSAGE_MAX = 500;
const platformCode = z.string().transform((t) => clampText(t, PLATFORM_CODE_MAX));
const platformMessage = z.string().transform((t) => clampText(t, PLATFORM_MESSAGE_MAX));

/** Error body of every non-2xx reply (its texts clamped: a 6 MB message is kept as 500 characters). */
/**
 * The facts a refusal names (a certificate's `notAfter`, the `signedAt` checked against it), kept
 * for the station to explain the refusal: a flat object of short values only; anything else
 * (nested, long, too many keys) is dropped, never the refusal itself.
 */
const platformDetails = z
  .unknown()
  .transform((v): Record<string, string | number | boolean | null> | undefined => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > 20) return undefined;
    const out: Record<string, string | number | boolean | null> = {};
    for (const [k, x] of entries) {
      if (k.length > 64) continue;
      if (typeof x === 'string') out[k] = clampText(x, 200);
      else if (typeof x === 'number' || typeof x === 'boolean' || x === null) out[k] = x;
    }
    return out;
  });

export const PlatformErrorSchema = z.object({
  code: platformCode,
  message: platformMessage,
  message_vi: platformMessage.optional(),
  message_en: platformMessage.optional(),
  details: platformDetails.optional(),
});
export type PlatformError = z.infer<typeof PlatformErrorSchema>;
