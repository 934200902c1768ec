import { vietnamTime } from '../domain/dates.js';
import type { StationError } from '../errors.js';
import { dccError, type Detail } from './dccErrors.js';
import type { CwtClaims } from './hc1.js';
import type { DscCertificate } from './trustEntry.js';

/** No EU DCC was signed before 2021: a check time before it is a wrong PC clock. */
const FIRST_PLAUSIBLE_CHECK = Date.UTC(2021, 0, 1) / 1000;
/** Issued more than a day after the check time: more than clock drift between two machines. */
const NOT_YET_VALID_SLACK_S = 86_400;

/** An instant (Unix seconds) as the clinic reads it: Viet Nam time, "hh:mm dd/mm/yyyy (UTC+7)". */
function vn(seconds: number): string {
  return vietnamTime(new Date(seconds * 1000).toISOString());
}

/** A time detail, with "check the PC's date and time" when the check time itself looks wrong. */
function timeDetail(vi: string, en: string, suspectClock: boolean): Detail {
  return suspectClock ? { vi: `${vi}; hãy kiểm tra ngày giờ của máy tính`, en: `${en}; check the PC's date and time` } : { vi, en };
}

/**
 * The expiry step: iat ≤ at ≤ exp, and when the DSC is known, DSC.notBefore ≤ iat and
 * exp ≤ DSC.notAfter (hcert spec §3.3.3, §3.3.4: "exp MUST not exceed the validity period of the
 * DSC", "iat MUST not predate" it). Returns the failure, or null when valid. The times in the
 * messages are Viet Nam times (what the clinic reads); a check time before 2021, or a certificate
 * issued more than a day after it, points at the PC's clock and says so (probe 16, F4).
 */
export function checkCwtValidity(claims: Pick<CwtClaims, 'iat' | 'exp'>, at: Date, dsc?: Pick<DscCertificate, 'notBefore' | 'notAfter'>): StationError | null {
  if (claims.iat === null || claims.exp === null) {
    return dccError('CWT_INVALID', { vi: 'thiếu iat hoặc exp', en: 'iat or exp is missing' });
  }
  const now = at.getTime() / 1000;
  const clockBefore2021 = now < FIRST_PLAUSIBLE_CHECK;
  if (now < claims.iat) {
    const suspect = clockBefore2021 || claims.iat - now > NOT_YET_VALID_SLACK_S;
    return dccError('CWT_NOT_YET_VALID', timeDetail(`cấp lúc ${vn(claims.iat)}, thời điểm kiểm tra ${vn(now)}`, `issued at ${vn(claims.iat)}, checked at ${vn(now)}`, suspect));
  }
  if (now > claims.exp) {
    return dccError('CWT_EXPIRED', timeDetail(`hết hạn lúc ${vn(claims.exp)}, thời điểm kiểm tra ${vn(now)}`, `expired at ${vn(claims.exp)}, checked at ${vn(now)}`, clockBefore2021));
  }
  if (dsc && (claims.iat * 1000 < dsc.notBefore.getTime() || claims.exp * 1000 > dsc.notAfter.getTime())) {
    const range = `${vn(dsc.notBefore.getTime() / 1000)} – ${vn(dsc.notAfter.getTime() / 1000)}`;
    return dccError('DSC_NOT_VALID', { vi: `DSC có hiệu lực ${range}`, en: `the DSC is valid ${range}` });
  }
  return null;
}
