/**
 * COSE_Sign1 structure (RFC 9052 §4.2) and its Sig_structure (§4.4), as used by EU DCC (hcert
 * spec §3.3) and by the station's batch manifests (DESIGN §5).
 */
import { decodeCbor } from '../cbor/decodeCbor.js';
import { encodeCanonical } from '../cbor/encodeCanonical.js';
import { Tagged } from '../cbor/tagged.js';
import { StationError, isStationError } from '../errors.js';

/** ES256, PS256, RS256 (RFC 9053 §2.1, RFC 8230 §2). */
export type CoseAlg = -7 | -37 | -257;
export const COSE_ALG = { ES256: -7, PS256: -37, RS256: -257 } as const;
/** Header labels: RFC 9052 §3.1 (alg, crit, kid) and RFC 9360 §2 (x5chain). */
export const COSE_HEADER = { alg: 1, crit: 2, kid: 4, x5chain: 33 } as const;

/**
 * The labels a `crit` may list that this code understands: RFC 9052 §3.1's own (1–7: alg, crit,
 * content type, kid, IV, partial IV; none changes how a Sign1 verifies) and x5chain, which is
 * read. Any other label marked critical is refused.
 */
const UNDERSTOOD_LABELS: ReadonlySet<unknown> = new Set([1, 2, 3, 4, 5, 6, 7, COSE_HEADER.x5chain]);
/** CBOR tags: COSE_Sign1 (RFC 9052 §2) and CWT (RFC 8392 §6). */
export const COSE_SIGN1_TAG = 18;
export const CWT_TAG = 61;

export interface Sign1 {
  protectedBytes: Uint8Array;
  protectedHeader: Map<number, unknown>;
  unprotectedHeader: Map<number, unknown>;
  payload: Uint8Array;
  signature: Uint8Array;
  /** Outer tags seen, outermost first: [61, 18], [18] or []. */
  tags: number[];
}

export type CoseInvalidReason =
  | 'NOT_CBOR'
  | 'UNEXPECTED_TAG'
  | 'NOT_ARRAY_OF_4'
  | 'PROTECTED_NOT_BSTR'
  | 'PROTECTED_NOT_MAP'
  | 'UNPROTECTED_NOT_MAP'
  | 'DETACHED_PAYLOAD'
  | 'PAYLOAD_NOT_BSTR'
  | 'SIGNATURE_NOT_BSTR'
  | 'CRIT_MALFORMED'
  | 'CRIT_UNKNOWN';

const REASONS: Record<CoseInvalidReason, [string, string]> = {
  NOT_CBOR: ['không phải CBOR hợp lệ', 'not valid CBOR'],
  UNEXPECTED_TAG: ['thẻ CBOR không phải COSE_Sign1 (18) hoặc CWT (61)', 'CBOR tag is not COSE_Sign1 (18) or CWT (61)'],
  NOT_ARRAY_OF_4: ['không phải mảng 4 phần tử', 'not an array of 4 items'],
  PROTECTED_NOT_BSTR: ['phần đầu được bảo vệ không phải chuỗi byte', 'protected header is not a byte string'],
  PROTECTED_NOT_MAP: ['phần đầu được bảo vệ không phải bản đồ CBOR', 'protected header is not a CBOR map'],
  UNPROTECTED_NOT_MAP: ['phần đầu không bảo vệ không phải bản đồ CBOR', 'unprotected header is not a CBOR map'],
  DETACHED_PAYLOAD: ['thiếu nội dung (payload tách rời không được hỗ trợ)', 'payload missing (detached payloads are not supported)'],
  PAYLOAD_NOT_BSTR: ['nội dung không phải chuỗi byte', 'payload is not a byte string'],
  SIGNATURE_NOT_BSTR: ['chữ ký không phải chuỗi byte', 'signature is not a byte string'],
  CRIT_MALFORMED: [
    'tham số crit (nhãn 2) phải là mảng nhãn không rỗng trong phần đầu được bảo vệ',
    'the crit parameter (label 2) must be a non-empty array of labels in the protected header',
  ],
  CRIT_UNKNOWN: [
    'phần đầu đánh dấu bắt buộc (crit) một tham số mà trình xác minh không hiểu',
    'the header marks as critical (crit) a parameter this verifier does not understand',
  ],
};

export function coseInvalid(reason: CoseInvalidReason, cause?: unknown, detail?: { vi: string; en: string }): StationError {
  const [vi, en] = REASONS[reason];
  const details: Record<string, unknown> = { reason };
  if (isStationError(cause)) details.cause = cause.toInfo();
  const more = (s: string | undefined) => (s === undefined ? '' : ` (${s})`);
  return new StationError('COSE_INVALID', `Chữ ký COSE không hợp lệ: ${vi}${more(detail?.vi)}`, `Invalid COSE_Sign1: ${en}${more(detail?.en)}`, details);
}

/**
 * RFC 9052 §3.1: crit sits in the protected header, is a non-empty array of labels, and a
 * recipient must reject a message that marks as critical a label it does not understand.
 */
function checkCrit(protectedHeader: Map<number, unknown>, unprotectedHeader: Map<number, unknown>): void {
  if (unprotectedHeader.has(COSE_HEADER.crit)) throw coseInvalid('CRIT_MALFORMED', undefined, { vi: 'nằm ở phần đầu không bảo vệ', en: 'found in the unprotected header' });
  const crit = protectedHeader.get(COSE_HEADER.crit);
  if (crit === undefined) return;
  if (!Array.isArray(crit) || crit.length === 0 || !crit.every((l) => Number.isInteger(l) || typeof l === 'string')) throw coseInvalid('CRIT_MALFORMED');
  const unknown = crit.filter((l) => !UNDERSTOOD_LABELS.has(l));
  if (unknown.length > 0) {
    const labels = unknown.map((l) => JSON.stringify(l)).join(', ');
    throw coseInvalid('CRIT_UNKNOWN', undefined, { vi: `nhãn ${labels}`, en: `label ${labels}` });
  }
}

function decodeHeaderBytes(bytes: Uint8Array): Map<number, unknown> {
  // RFC 9052 §3: an empty protected header is the zero-length byte string.
  if (bytes.length === 0) return new Map();
  let header: unknown;
  try {
    header = decodeCbor(bytes, { alwaysMap: true });
  } catch (e) {
    throw coseInvalid('PROTECTED_NOT_MAP', e);
  }
  if (!(header instanceof Map)) throw coseInvalid('PROTECTED_NOT_MAP');
  return header as Map<number, unknown>;
}

/** Accepts tag 18, no tag, and CWT tag 61 around either (hcert spec §3.3 allows all three). */
export function decodeSign1(bytes: Uint8Array): Sign1 {
  let item: unknown;
  try {
    item = decodeCbor(bytes, { alwaysMap: true });
  } catch (e) {
    throw coseInvalid('NOT_CBOR', e);
  }
  const tags: number[] = [];
  if (item instanceof Tagged && item.tag === CWT_TAG) {
    tags.push(CWT_TAG);
    item = item.value;
  }
  if (item instanceof Tagged && item.tag === COSE_SIGN1_TAG) {
    tags.push(COSE_SIGN1_TAG);
    item = item.value;
  }
  if (item instanceof Tagged) throw coseInvalid('UNEXPECTED_TAG');
  if (!Array.isArray(item) || item.length !== 4) throw coseInvalid('NOT_ARRAY_OF_4');
  const [protectedBytes, unprotected, payload, signature] = item as unknown[];
  if (!(protectedBytes instanceof Uint8Array)) throw coseInvalid('PROTECTED_NOT_BSTR');
  if (!(unprotected instanceof Map)) throw coseInvalid('UNPROTECTED_NOT_MAP');
  if (payload === null) throw coseInvalid('DETACHED_PAYLOAD');
  if (!(payload instanceof Uint8Array)) throw coseInvalid('PAYLOAD_NOT_BSTR');
  if (!(signature instanceof Uint8Array)) throw coseInvalid('SIGNATURE_NOT_BSTR');
  const protectedHeader = decodeHeaderBytes(protectedBytes);
  checkCrit(protectedHeader, unprotected as Map<number, unknown>);
  return {
    protectedBytes,
    protectedHeader,
    unprotectedHeader: unprotected as Map<number, unknown>,
    payload,
    signature,
    tags,
  };
}

/** Sig_structure = ["Signature1", body_protected, external_aad, payload] (RFC 9052 §4.4). */
export function sigStructure(sign1: Pick<Sign1, 'protectedBytes' | 'payload'>, externalAad?: Uint8Array): Uint8Array {
  return encodeCanonical(['Signature1', sign1.protectedBytes, externalAad ?? new Uint8Array(0), sign1.payload]);
}

/** Protected header first, else unprotected (hcert spec §3.3.1); null when absent or not bytes. */
export function kidOf(sign1: Pick<Sign1, 'protectedHeader' | 'unprotectedHeader'>): Uint8Array | null {
  const p = sign1.protectedHeader.get(COSE_HEADER.kid);
  if (p !== undefined) return p instanceof Uint8Array ? p : null;
  const u = sign1.unprotectedHeader.get(COSE_HEADER.kid);
  return u instanceof Uint8Array ? u : null;
}

/**
 * Protected header first, else unprotected. An unprotected alg cannot help a forger: the key's
 * type decides what can verify (an EC key only ES256, an RSA key only PS256/RS256), and the
 * signature still has to verify under that key.
 */
export function algOf(sign1: Pick<Sign1, 'protectedHeader' | 'unprotectedHeader'>): CoseAlg | number | null {
  const p = sign1.protectedHeader.get(COSE_HEADER.alg);
  const a = p !== undefined ? p : sign1.unprotectedHeader.get(COSE_HEADER.alg);
  return typeof a === 'number' && Number.isInteger(a) ? a : null;
}

/** The certificate chain of RFC 9360 §2 (x5chain, label 33): one bstr or an array of bstr. */
export function x5chainOf(sign1: Pick<Sign1, 'protectedHeader' | 'unprotectedHeader'>): Uint8Array[] {
  const v = sign1.protectedHeader.get(COSE_HEADER.x5chain) ?? sign1.unprotectedHeader.get(COSE_HEADER.x5chain);
  if (v instanceof Uint8Array) return [v];
  if (Array.isArray(v) && v.every((c) => c instanceof Uint8Array)) return v as Uint8Array[];
  return [];
}
