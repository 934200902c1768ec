/**
 * PKCS#11 return values: names for messages and logs, and the classes the host reacts to.
 * pkcs11js throws Pkcs11Error with `message` = the CKR name and `code` = its value.
 */
import { P } from './pkcs11Port.js';

const NAMES = new Map<number, string>();
for (const [name, value] of Object.entries(P)) {
  if (name.startsWith('CKR_') && typeof value === 'number' && !NAMES.has(value)) NAMES.set(value, name);
}

export function ckrCode(name: string): number {
  const value = (P as unknown as Record<string, unknown>)[name];
  if (typeof value !== 'number') throw new Error(`unknown CKR ${name}`);
  return value;
}

/** The CKR name of a PKCS#11 failure, or null when the error did not come from the module. */
export function ckrName(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof message === 'string') {
    const m = /\b(CKR_[A-Z0-9_]+)\b/.exec(message);
    if (m) return m[1]!;
  }
  if (typeof code === 'number' && code > 0 && NAMES.has(code)) return NAMES.get(code)!;
  return null;
}

/**
 * DESIGN §5: these mean the token (or its reader) went away or the driver lost it. Vendor DLLs
 * differ in which one they return on removal, hence the wide net: drop every handle and session,
 * ask for re-insert + login.
 */
export const REMOVAL_CLASS = new Set([
  'CKR_DEVICE_REMOVED',
  'CKR_TOKEN_NOT_PRESENT',
  'CKR_SESSION_HANDLE_INVALID',
  'CKR_SESSION_CLOSED',
  'CKR_DEVICE_ERROR',
  'CKR_GENERAL_ERROR',
  'CKR_OBJECT_HANDLE_INVALID',
]);

/** A mechanism the token lists but refuses for this key or these parameters: try the next one. */
export const MECHANISM_REFUSED = new Set([
  'CKR_MECHANISM_INVALID',
  'CKR_MECHANISM_PARAM_INVALID',
  'CKR_KEY_TYPE_INCONSISTENT',
  'CKR_KEY_SIZE_RANGE',
  'CKR_FUNCTION_NOT_SUPPORTED',
  'CKR_DATA_LEN_RANGE',
  'CKR_DATA_INVALID',
  'CKR_ARGUMENTS_BAD',
]);

/**
 * The key's own attributes forbid signing (CKA_SIGN=false, PKCS#11 §5.12 C_SignInit): no other
 * mechanism will do, so it is said after the first attempt, not tried five times.
 */
export const KEY_MAY_NOT_SIGN = 'CKR_KEY_FUNCTION_NOT_PERMITTED';

export function isRemoval(err: unknown): boolean {
  const name = ckrName(err);
  return name !== null && REMOVAL_CLASS.has(name);
}
