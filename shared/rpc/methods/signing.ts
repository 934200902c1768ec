/** Token, signing and batch methods (DESIGN §5). The PIN crosses only in `sign.batch`. */
import { z } from 'zod';
import { method } from '../method.js';

const id = z.string().min(1).max(64);

/** A record held back at signing (signing/heldBack.ts): in sign.batch's result, and in SIGN_NOTHING_READY's details when every one was. */
export const HeldBackRecordSchema = z.object({ id: z.string(), code: z.string(), field: z.string(), message_vi: z.string(), message_en: z.string() });

export const ReasonSchema = z.object({ code: z.string(), message_vi: z.string(), message_en: z.string() });

export const TokenCertificateSchema = z.object({
  fingerprint: z.string(),
  /** The token's own name for it (CKA_LABEL) and the CA's serial: two certificates on one token often share a subject. */
  label: z.string(),
  serialNumber: z.string(),
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyType: z.string(),
  keyBits: z.number().int(),
  keyUsage: z.array(z.string()).nullable(),
  /** extendedKeyUsage purposes by name (clientAuth, emailProtection, …); null: no extension. */
  extKeyUsage: z.array(z.string()).nullable(),
  usable: z.boolean(),
  whyNot: z.array(ReasonSchema),
  /** Not in the way of signing, but to act on: the certificate expires soon. */
  warnings: z.array(ReasonSchema),
});

export const TokenSchema = z.object({
  serial: z.string(),
  label: z.string(),
  manufacturer: z.string(),
  model: z.string().optional(),
  /** The shortest PIN the token takes (1 when the token does not say). */
  pinMin: z.number().int(),
  /** The longest; null when the token does not say (0, or a value past what PINs can be). */
  pinMax: z.number().int().nullable(),
  flags: z.object({
    countLow: z.boolean(),
    finalTry: z.boolean(),
    locked: z.boolean(),
    pinPad: z.boolean(),
    /** CKF_USER_PIN_TO_BE_CHANGED: a default or expired PIN, changed with the CA's token manager first; no PIN is sent. */
    pinToBeChanged: z.boolean(),
  }),
  /**
   * What the signer reads BEFORE typing a PIN, as the signer host words it (PIN_TO_BE_CHANGED,
   * PIN_COUNT_LOW, PIN_FINAL_TRY, TOKEN_LOCKED, CERT_NOT_FOUND, CERT_AFTER_LOGIN): a token-level
   * notice no certificate carries.
   */
  warnings: z.array(ReasonSchema),
  certificates: z.array(TokenCertificateSchema),
  /**
   * No certificate is visible before login on a token that requires one: some keep theirs private
   * until the PIN is entered. `sign.batch` with this token's serial and no fingerprint then logs in
   * and signs with the one certificate found.
   */
  certificatesAfterLogin: z.boolean(),
});

export const ModuleDiagnosticSchema = z.object({
  path: z.string(),
  source: z.string(),
  loaded: z.boolean(),
  reason: ReasonSchema.nullable(),
});

export const BatchSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  count: z.number().int(),
  alg: z.string(),
  root: z.string(),
  state: z.string(),
  attempts: z.number().int(),
  nextTryAt: z.string().nullable(),
  lastError: ReasonSchema.nullable(),
  /**
   * A batch the platform refused as a whole: how many of its records are still rejected with that
   * refusal, that `batches.requeue` would put back (0 once they have been). Absent for others.
   */
  stillRefused: z.number().int().optional(),
});

export const signingMethods = {
  /** The PKCS#11 module is the `pkcs11.module` setting (validated there), never a call's argument. */
  'token.list': method(
    z.object({}).strict(),
    z.object({ modules: z.array(ModuleDiagnosticSchema), tokens: z.array(TokenSchema) }),
  ),
  /** What a signature would cover now: the ready records, and any that need a confirm. */
  'sign.preview': method(
    z.object({ recordIds: z.array(id).max(100_000).optional(), limit: z.number().int().min(1).max(100_000).optional() }).strict(),
    z.object({
      count: z.number().int(), withWarnings: z.number().int(), people: z.number().int(), eligiblePeople: z.number().int(),
      /**
       * Drafts a PC clock behind left (probe 17, F4): `rechecked` were held back only by a date
       * "in the future" that has come, and were validated again just now (`recheckedReady` of
       * them are now ready and counted above); `futureDrafts` are still dated after the PC's
       * `today` (Viet Nam day); `drafts`: every draft, which signing leaves out.
       */
      rechecked: z.number().int(), recheckedReady: z.number().int(), futureDrafts: z.number().int(), drafts: z.number().int(), today: z.string(),
    }),
  ),
  'sign.batch': method(
    z
      .object({
        tokenSerial: z.string().max(64).optional(),
        certFingerprint: z.string().max(128).optional(),
        // PKCS#11 PINs are 4–16 characters on every Vietnamese CA token; 64 is a generous bound.
        pin: z.string().max(64),
        confirmFinalTry: z.boolean().default(false),
        recordIds: z.array(id).max(100_000).optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
        taskId: id.optional(),
      })
      .strict(),
    z.object({
      batch: z.string(),
      count: z.number().int(),
      alg: z.string(),
      root: z.string(),
      /** More ready records than one batch holds are signed as several batches, oldest first. */
      batches: z.array(z.object({ batch: z.string(), count: z.number().int(), root: z.string() })),
      /**
       * Records the platform would have refused, and their whole batch with them: put back to
       * draft with a SIGNED_RECORD_INVALID finding naming the field, not signed.
       */
      heldBack: z.array(HeldBackRecordSchema).optional(),
    }),
  ),
  'batches.list': method(
    z.object({ limit: z.number().int().min(1).max(1000).default(100), offset: z.number().int().min(0).default(0) }).strict(),
    z.object({ items: z.array(BatchSummarySchema), total: z.number().int() }),
  ),
  /**
   * A batch the platform refused as a whole (certificate, signature, format): each record still
   * rejected with it becomes a correction with the same content, back in the signing queue.
   */
  'batches.requeue': method(
    z.object({ id }).strict(),
    z.object({
      batchId: z.string(),
      refusal: ReasonSchema,
      requeued: z.number().int(),
      /** Of those, ready to sign now (the rest are drafts: a finding needs a look first). */
      ready: z.number().int(),
      skipped: z.array(z.object({ id: z.string(), code: z.string(), message_vi: z.string(), message_en: z.string() })),
      skippedCount: z.number().int(),
      /**
       * Records put back under the station's current facility code, signed before under another
       * (`from`): left with it, the platform would refuse each one (RECORD_FACILITY_MISMATCH).
       */
      facilityChanged: z.object({ from: z.array(z.string()), to: z.string(), records: z.number().int() }).nullable(),
    }),
  ),
  'batches.export': method(z.object({ id }).strict(), z.object({ name: z.string(), base64: z.string() })),
} as const;
