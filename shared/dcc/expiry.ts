import type { StationError } from '../errors.js';
import { dccError } from './dccErrors.js';
import type { CwtClaims } from './hc1.js';
import type { DscCertificate } from './trustEntry.js';

/**
 * The expiry step: iat ≤ at ≤ exp, and when the DSC is known, DSC.notBefore ≤ iat and
 * exp ≤ DSC.notAfter (hcert spec §3.3.3, §3.3.4: "exp MUST not exceed the validity period of the
 * DSC", "iat MUST not predate" it). Returns the failure, or null when valid.
 */
export function checkCwtValidity(claims: Pick<CwtClaims, 'iat' | 'exp'>, at: Date, dsc?: Pick<DscCertificate, 'notBefore' | 'notAfter'>): StationError | null {
  if (claims.iat === null || claims.exp === null) {
    return dccError('CWT_INVALID', { vi: 'thiếu iat hoặc exp', en: 'iat or exp is missing' });
  }
  const now = at.getTime() / 1000;
  const iso = (s: number) => new Date(s * 1000).toISOString();
  if (now < claims.iat) return dccError('CWT_NOT_YET_VALID', { vi: `cấp lúc ${iso(claims.iat)}`, en: `issued at ${iso(claims.iat)}` });
  if (now > claims.exp) return dccError('CWT_EXPIRED', { vi: `hết hạn lúc ${iso(claims.exp)}`, en: `expired at ${iso(claims.exp)}` });
  if (dsc && (claims.iat * 1000 < dsc.notBefore.getTime() || claims.exp * 1000 > dsc.notAfter.getTime())) {
    const range = `${dsc.notBefore.toISOString()} – ${dsc.notAfter.toISOString()}`;
    return dccError('DSC_NOT_VALID', { vi: `DSC có hiệu lực ${range}`, en: `the DSC is valid ${range}` });
  }
  return null;
}
