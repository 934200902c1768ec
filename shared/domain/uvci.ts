/**
 * Unique vaccination certificate identifiers (eHealth Network guidelines on verifiable vaccination
 * certificates, Annex 2; EU DCC schema FAQ "UVCI checksum"):
 * `URN:UVCI:<version>:<country>:<opaque id>#<check character>`.
 *
 * The check character is Luhn mod N over the charset `A–Z 0–9 / :` in that order (N = 38; '#' is
 * excluded because it only ever separates the check character, eu-dcc-schema issue #63), computed
 * over the WHOLE string before '#', `URN:UVCI:` prefix included (so the prefix must be upper case).
 * Published examples this reproduces: the schema FAQ's `URN:UVCI:01:NL:187/37512422923#Z` (also
 * asserted by Sweden's dgc-java), the schema's `URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B`.
 * (The docstring of eu-dcc-schema examples/Luhn-Mod-N still says `...MY/INPUT/STRING` → `S`: that
 * is the digits-first order of an earlier draft; the code beside it gives `H`, as this does.)
 */
import { StationError } from '../errors.js';
import { COUNTRY_VN } from './vaccines.js';

export const UVCI_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:';
const N = UVCI_CHARSET.length;
const PREFIX = 'URN:UVCI:';
/** EU DCC schema 1.3: `ci` is at most 80 characters. */
export const UVCI_MAX_LENGTH = 80;

/** The Luhn mod N check character of `text` (every character must be in UVCI_CHARSET). */
export function luhnMod38(text: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const codePoint = UVCI_CHARSET.indexOf(text.charAt(i));
    if (codePoint < 0) {
      throw new StationError('UVCI_CHARSET', `Ký tự "${text.charAt(i)}" không được dùng trong mã chứng nhận.`,
        `Character "${text.charAt(i)}" is not allowed in a certificate id.`);
    }
    const addend = factor * codePoint;
    factor = factor === 2 ? 1 : 2;
    sum += Math.floor(addend / N) + (addend % N);
  }
  return UVCI_CHARSET.charAt((N - (sum % N)) % N);
}

/** A UUID as an opaque UVCI id: hex digits upper-cased, hyphens dropped. */
export function uvciOpaqueFromUuid(uuid: string): string {
  return uuid.replace(/-/g, '').toUpperCase();
}

/**
 * `URN:UVCI:01:VN:<opaqueId>#<check>`. The opaque id is upper-case letters, digits and '/' (block
 * separator of Annex 2 options 2 and 3); anything else, or a result over 80 characters, is refused.
 */
export function makeUvci(opaqueId: string, opts: { country?: string; version?: string } = {}): string {
  const country = opts.country ?? COUNTRY_VN;
  const version = opts.version ?? '01';
  if (!/^[A-Z0-9/]+$/.test(opaqueId) || opaqueId.startsWith('/') || opaqueId.endsWith('/')) {
    throw new StationError('UVCI_OPAQUE_INVALID', 'Mã định danh trong UVCI chỉ gồm chữ in hoa, chữ số và "/".',
      'The opaque part of a UVCI has only capital letters, digits and "/".', { opaqueId });
  }
  if (!/^[A-Z]{2}$/.test(country) || !/^\d{2}$/.test(version)) {
    throw new StationError('UVCI_FORMAT', 'Quốc gia (2 chữ cái) hoặc phiên bản (2 chữ số) của UVCI không hợp lệ.',
      'The UVCI country (2 letters) or version (2 digits) is not valid.', { country, version });
  }
  const body = `${PREFIX}${version}:${country}:${opaqueId}`;
  const uvci = `${body}#${luhnMod38(body)}`;
  if (uvci.length > UVCI_MAX_LENGTH) {
    throw new StationError('UVCI_TOO_LONG', `UVCI dài quá ${UVCI_MAX_LENGTH} ký tự.`, `The UVCI is longer than ${UVCI_MAX_LENGTH} characters.`, { length: uvci.length });
  }
  return uvci;
}

export type UvciCode = 'UVCI_EMPTY' | 'UVCI_TOO_LONG' | 'UVCI_FORMAT' | 'UVCI_CHARSET' | 'UVCI_CHECKSUM_MISMATCH' | 'UVCI_NO_CHECKSUM';

/**
 * Structure and check character. A UVCI without '#' (the Vietnamese production sample has none:
 * Annex 2 makes the checksum optional in the QR) is valid with the note `UVCI_NO_CHECKSUM`.
 */
export function checkUvci(uvci: string): { valid: boolean; code?: UvciCode } {
  if (typeof uvci !== 'string' || uvci === '') return { valid: false, code: 'UVCI_EMPTY' };
  if (uvci.length > UVCI_MAX_LENGTH) return { valid: false, code: 'UVCI_TOO_LONG' };
  const hash = uvci.indexOf('#');
  const body = hash < 0 ? uvci : uvci.slice(0, hash);
  const check = hash < 0 ? null : uvci.slice(hash + 1);
  if (!/^URN:UVCI:\d{2}:[A-Z]{2}:[^:]/.test(body)) return { valid: false, code: 'UVCI_FORMAT' };
  if (![...body].every((c) => UVCI_CHARSET.includes(c))) return { valid: false, code: 'UVCI_CHARSET' };
  if (check === null) return { valid: true, code: 'UVCI_NO_CHECKSUM' };
  if (check.length !== 1 || !UVCI_CHARSET.includes(check)) return { valid: false, code: 'UVCI_FORMAT' };
  return check === luhnMod38(body) ? { valid: true } : { valid: false, code: 'UVCI_CHECKSUM_MISMATCH' };
}
