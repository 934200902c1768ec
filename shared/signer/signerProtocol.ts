/**
 * The narrow protocol between the core and the signer host (DESIGN §2, §5): the envelope is the
 * project's one RPC shape (shared/rpc/protocol.ts); the methods, their params and results are
 * declared here once and parsed on BOTH sides. Bytes travel as Uint8Array (the transports use
 * structured clone: `child_process.fork` with advanced serialization, Electron utilityProcess).
 * The PIN appears in exactly one place: `sign` params.
 */
import { z } from 'zod';

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' });
const path = z.string().min(1).max(4096);
const notice = z.object({ code: z.string(), message_vi: z.string(), message_en: z.string() });

export const FacilitySchema = z
  .object({
    /** The facility's tax code as in `UID=MST:<taxCode>` of its token certificate. */
    taxCode: z.string().trim().max(32).nullable().optional(),
    name: z.string().trim().max(300).nullable().optional(),
  })
  .strict();
export type Facility = z.infer<typeof FacilitySchema>;

export const ModuleCandidateSchema = z.object({
  path: z.string(),
  source: z.enum(['configured', 'windows-table', 'opensc']),
  vendor: z.string().nullable(),
  status: z.enum(['loaded', 'no-token', 'missing', 'wrong-architecture', 'not-pkcs11', 'load-failed', 'init-failed', 'not-tried']),
  code: z.string().nullable(),
  message_vi: z.string().nullable(),
  message_en: z.string().nullable(),
  /** The CKR name for init failures, the loader's text for load failures, the machine for wrong architecture. */
  detail: z.string().nullable(),
  library: z
    .object({ manufacturer: z.string(), description: z.string(), version: z.string(), cryptoki: z.string() })
    .nullable(),
});
export type ModuleCandidate = z.infer<typeof ModuleCandidateSchema>;

export const ModuleReportSchema = z.object({
  loaded: z.string().nullable(),
  candidates: z.array(ModuleCandidateSchema),
});
export type ModuleReport = z.infer<typeof ModuleReportSchema>;

export const CertificateSummarySchema = z.object({
  /** SHA-256 of the certificate DER, lower-case hex: how the station remembers a certificate (never the slot). */
  fingerprint: z.string(),
  label: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  taxCode: z.string().nullable(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyType: z.enum(['EC', 'RSA', 'OTHER']),
  keyBits: z.number().int(),
  curve: z.string().nullable(),
  keyUsage: z.array(z.string()).nullable(),
  /** extendedKeyUsage purposes by name (clientAuth, emailProtection, …); null: no extension. */
  extKeyUsage: z.array(z.string()).nullable(),
  /** null: the token hides private keys until login, so this cannot be told yet. */
  hasPrivateKey: z.boolean().nullable(),
  alwaysAuthenticate: z.boolean(),
  usable: z.boolean(),
  problems: z.array(notice),
  /** Not in the way of signing, but to act on (CERT_EXPIRES_SOON). */
  warnings: z.array(notice),
  /** The COSE algorithm the key would sign with (-7 ES256, -37 PS256, -257 RS256), when known. */
  alg: z.number().int().nullable(),
});
export type CertificateSummary = z.infer<typeof CertificateSummarySchema>;

export const TokenSummarySchema = z.object({
  serial: z.string(),
  label: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  flags: z.object({
    loginRequired: z.boolean(),
    userPinInitialized: z.boolean(),
    pinCountLow: z.boolean(),
    pinFinalTry: z.boolean(),
    pinLocked: z.boolean(),
    protectedAuthenticationPath: z.boolean(),
    /** CKF_USER_PIN_TO_BE_CHANGED: a default or expired PIN, to change with the CA's software first. */
    pinToBeChanged: z.boolean().optional(),
  }),
  pinMinLength: z.number().int().nullable(),
  pinMaxLength: z.number().int().nullable(),
  loggedIn: z.boolean(),
  /** Shown BEFORE the PIN dialog: previous attempt failed, last try, locked. */
  warnings: z.array(notice),
  certificates: z.array(CertificateSummarySchema),
});
export type TokenSummary = z.infer<typeof TokenSummarySchema>;

/** The longest PIN the protocol carries: PKCS#11 tokens take PINs of at most 255 bytes. */
export const PIN_MAX = 255;
const pin = z.string().min(1).max(PIN_MAX);

export const SignParamsSchema = z
  .object({
    modulePath: path.optional(),
    tokenSerial: z.string().min(1).max(64).optional(),
    certFingerprint: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    facility: FacilitySchema.optional(),
    /** Omitted when the session is still logged in (one login per batch, kept for an idle timeout) or on a PIN-pad token. */
    pin: pin.optional(),
    toBeSigned: bytes,
    confirmFinalTry: z.boolean().optional(),
    /** Validation clock (ms since epoch), for tests; default now. */
    at: z.number().int().optional(),
  })
  .strict();
export type SignParams = z.infer<typeof SignParamsSchema>;

export const SignResultSchema = z.object({
  signature: bytes,
  alg: z.union([z.literal(-7), z.literal(-37), z.literal(-257)]),
  /** The PKCS#11 mechanism that made it, e.g. CKM_SHA256_RSA_PKCS_PSS or CKM_RSA_X_509+EMSA-PSS. */
  mechanism: z.string(),
  certificateDer: bytes,
  /** Other certificates on the token that issued this one (intermediate CA), leaf first order. */
  certificateChain: z.array(bytes),
  certFingerprint: z.string(),
  tokenSerial: z.string(),
});
export type SignResult = z.infer<typeof SignResultSchema>;

export const SessionStatusSchema = z.object({
  tokenSerial: z.string(),
  loggedIn: z.boolean(),
  idleExpiresAt: z.number().nullable(),
});

export const SIGNER_EVENTS = ['host.ready', 'token.inserted', 'token.removed', 'session.ended'] as const;
export const TokenEventSchema = z.object({ serial: z.string(), label: z.string() });
export const SessionEndedSchema = z.object({ tokenSerial: z.string().nullable(), reason: z.enum(['IDLE', 'LOGOUT', 'TOKEN_REMOVED', 'SIGNER_HUNG', 'SIGNER_CRASHED', 'SHUTDOWN']) });
export const signerEventSchemas = {
  'host.ready': z.object({ pid: z.number().int() }),
  'token.inserted': TokenEventSchema,
  'token.removed': TokenEventSchema,
  'session.ended': SessionEndedSchema,
} as const;
export type SignerEventName = keyof typeof signerEventSchemas;
export type SignerEventData<E extends SignerEventName> = z.infer<(typeof signerEventSchemas)[E]>;

const m = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });

export const signerMethods = {
  'modules.diagnose': m(z.object({ modulePath: path.optional() }).strict(), ModuleReportSchema),
  'tokens.list': m(
    z.object({ modulePath: path.optional(), facility: FacilitySchema.optional(), at: z.number().int().optional() }).strict(),
    z.object({ module: ModuleReportSchema, tokens: z.array(TokenSummarySchema) }),
  ),
  sign: m(SignParamsSchema, SignResultSchema),
  /**
   * Logs in without signing and lists the token on that login: some tokens keep their
   * certificates private (CKA_PRIVATE) until login. The login is kept as a signature's is, and
   * the next `sign` without a PIN signs on it (one C_Login for both).
   */
  'session.login': m(
    z
      .object({
        modulePath: path.optional(),
        tokenSerial: z.string().min(1).max(64),
        facility: FacilitySchema.optional(),
        pin: pin.optional(),
        confirmFinalTry: z.boolean().optional(),
        at: z.number().int().optional(),
      })
      .strict(),
    z.object({ token: TokenSummarySchema }),
  ),
  'session.logout': m(z.object({}).strict(), z.object({ loggedOut: z.boolean() })),
  status: m(
    z.object({}).strict(),
    z.object({
      pid: z.number().int(),
      module: z.string().nullable(),
      tokens: z.array(TokenEventSchema),
      session: SessionStatusSchema.nullable(),
    }),
  ),
  'host.shutdown': m(z.object({}).strict(), z.object({ ok: z.literal(true) })),
} as const;

export type SignerMethod = keyof typeof signerMethods;
export type SignerParams<K extends SignerMethod> = z.input<(typeof signerMethods)[K]['params']>;
export type SignerResult<K extends SignerMethod> = z.infer<(typeof signerMethods)[K]['result']>;
export const SIGNER_METHODS = Object.keys(signerMethods) as SignerMethod[];
