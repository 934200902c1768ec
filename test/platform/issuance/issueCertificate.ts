/**
 * Step 3 of DESIGN §1 for one dose: the EU DCC as the hcert spec has it — CWT iss "VN", iat now,
 * exp = iat + 12 calendar months, hcert -260/1 = the DCC JSON v1.3.0 built by shared/domain, the
 * UVCI with its check character, COSE_Sign1 by the active DSC, zlib, base45, "HC1:".
 */
import { randomUUID } from 'node:crypto';
import { encodeHc1 } from '../../../shared/dcc/hc1.js';
import { buildVaccinationPayload } from '../../../shared/domain/dccPayload.js';
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { makeUvci, uvciOpaqueFromUuid } from '../../../shared/domain/uvci.js';
import type { Dsc } from './dscKeys.js';

export const CERTIFICATE_VALIDITY_MONTHS = 12;

/**
 * Calendar months in UTC; a day that the target month lacks clamps to its last day
 * (29 Feb 2024 + 12 months = 28 Feb 2025), as people read "valid for 12 months".
 */
export function addCalendarMonths(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const out = new Date(date.getTime());
  out.setUTCFullYear(y, m, Math.min(date.getUTCDate(), lastDay));
  return out;
}

export interface IssuedDcc {
  uvci: string;
  hc1: string;
  issuedAt: Date;
  expiresAt: Date;
}

export async function issueCertificate(dsc: Dsc, person: Person, dose: DoseRecord, allDoses: readonly DoseRecord[], now: Date): Promise<IssuedDcc> {
  const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const expiresAt = addCalendarMonths(issuedAt, CERTIFICATE_VALIDITY_MONTHS);
  const uvci = makeUvci(uvciOpaqueFromUuid(randomUUID()));
  const payload = buildVaccinationPayload(person, dose, allDoses, uvci);
  const hc1 = await encodeHc1({
    payload: payload as unknown as Record<string, unknown>,
    signer: dsc.signer,
    kid: dsc.kid,
    iss: 'VN',
    iat: issuedAt,
    exp: expiresAt,
  });
  return { uvci, hc1, issuedAt, expiresAt };
}
