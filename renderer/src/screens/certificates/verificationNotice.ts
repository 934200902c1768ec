/**
 * What the certificate screen says about the core's verification of a stored certificate. Only a
 * failed signature step is called a signature failure: a passport whose signature verified but
 * which is expired, or "not yet valid" because the PC's clock is behind, says so with the Viet Nam
 * time (probe 16, F3); so does one the station knows is revoked (probe 17, F1). Pure, so it is
 * unit-tested without a browser.
 */
import { formatDateTime } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/vi.js';

/** The part of the RPC's DccReportSchema read here (its steps are a string record there). */
interface Finding {
  code: string;
  message: string;
  message_vi?: string | undefined;
  message_en?: string | undefined;
}

interface Verification {
  valid: boolean;
  steps: Readonly<Record<string, boolean | null>>;
  errors: Finding[];
  claims: { iat?: number | null | undefined; exp?: number | null | undefined } | null;
}

export interface VerificationNotice {
  kind: 'ok' | 'warning';
  lines: { key: MessageKey; vars?: Record<string, string> }[];
  /** Findings the lines above do not already say (shown with their code). */
  others: Finding[];
}

/** The time codes the lines below put in words (shared/dcc/expiry.ts, shared/dcc/revocation.ts). */
const TIME_CODES: Record<string, MessageKey> = { CWT_EXPIRED: 'certs.expiredAt', CWT_NOT_YET_VALID: 'certs.notValidUntil', CERTIFICATE_REVOKED: 'certs.revokedAt' };

export function verificationNotice(v: Verification, fallback: { issuedAt: string; expiresAt: string; revokedAt?: string | null }): VerificationNotice {
  if (v.valid) return { kind: 'ok', lines: [{ key: 'certs.signatureValid' }], others: [] };
  if (v.steps['signature'] !== true) return { kind: 'warning', lines: [{ key: 'certs.signatureInvalid' }], others: v.errors };
  const lines: VerificationNotice['lines'] = [{ key: 'certs.signatureValidButNot' }];
  const others: VerificationNotice['others'] = [];
  for (const e of v.errors) {
    const key = TIME_CODES[e.code];
    const revokedAt = fallback.revokedAt ?? null;
    if (key === undefined || (e.code === 'CERTIFICATE_REVOKED' && revokedAt === null)) {
      others.push(e);
      continue;
    }
    const at = e.code === 'CERTIFICATE_REVOKED' ? revokedAt! : e.code === 'CWT_EXPIRED' ? (v.claims?.exp ?? fallback.expiresAt) : (v.claims?.iat ?? fallback.issuedAt);
    lines.push({ key, vars: { at: formatDateTime(at) } });
  }
  return { kind: 'warning', lines, others };
}
