/**
 * Which signature algorithm an HC1 certificate may use. shared/cose stays generic (the station's
 * batch manifests may be RS256, DESIGN §5); an EU DCC may not.
 *
 * - Only ES256 and PS256 (hcert spec §3.3.1, "Signature Algorithm": one primary, one secondary
 *   algorithm). RS256 is refused: with it, an RSA DSC key would verify under two schemes, and a
 *   PKCS#1 v1.5 signature the same key made for something else could pass as a certificate.
 * - The protected header decides (RFC 9052 §3: attributes come from the protected bucket first).
 *   An alg found only in the unprotected header is still accepted: the EU conformance vector
 *   common/2DCode/raw/CO20 (empty protected header, alg and kid unprotected) expects VERIFY true,
 *   and the EU reference verifiers accept it. It gives a forger nothing once RS256 is out: an EC
 *   key verifies only ES256 and an RSA key only PS256, so the header cannot pick the scheme.
 */
import { COSE_ALG, COSE_HEADER, type Sign1 } from '../cose/index.js';
import type { StationError } from '../errors.js';
import { dccError } from './dccErrors.js';

export type Hc1Alg = typeof COSE_ALG.ES256 | typeof COSE_ALG.PS256;

export type Hc1AlgResult =
  | { ok: true; alg: Hc1Alg; name: 'ES256' | 'PS256'; protected: boolean }
  | { ok: false; error: StationError; name: 'RS256' | null };

const NAMES: Record<number, 'ES256' | 'PS256' | 'RS256'> = { [COSE_ALG.ES256]: 'ES256', [COSE_ALG.PS256]: 'PS256', [COSE_ALG.RS256]: 'RS256' };

function describe(value: unknown): string {
  if (typeof value === 'number') return NAMES[value] ? `${NAMES[value]} (${value})` : String(value);
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function hc1AlgOf(sign1: Pick<Sign1, 'protectedHeader' | 'unprotectedHeader'>): Hc1AlgResult {
  const inProtected = sign1.protectedHeader.has(COSE_HEADER.alg);
  const value = inProtected ? sign1.protectedHeader.get(COSE_HEADER.alg) : sign1.unprotectedHeader.get(COSE_HEADER.alg);
  if (value === undefined) {
    return { ok: false, name: null, error: dccError('ALG_UNSUPPORTED', { vi: 'không có alg trong phần đầu COSE', en: 'no alg in the COSE header' }) };
  }
  if (value === COSE_ALG.ES256 || value === COSE_ALG.PS256) {
    return { ok: true, alg: value, name: value === COSE_ALG.ES256 ? 'ES256' : 'PS256', protected: inProtected };
  }
  const shown = describe(value);
  return {
    ok: false,
    name: value === COSE_ALG.RS256 ? 'RS256' : null,
    error: dccError(
      'ALG_UNSUPPORTED',
      { vi: `${shown}; chứng nhận EU DCC chỉ dùng ES256 hoặc PS256`, en: `${shown}; an EU DCC uses only ES256 or PS256` },
      { alg: typeof value === 'number' ? value : shown, header: inProtected ? 'protected' : 'unprotected' },
    ),
  };
}
