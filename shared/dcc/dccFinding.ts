/**
 * One problem found in a DCC payload: where (`v[0].dn`), which kind, and why in both languages.
 * An error fails the schema step; a warning is shown with the result and leaves it valid (what
 * the schema itself does not decide, e.g. a rapid-test device newer than the station's list).
 */
export interface DccFinding {
  path: string;
  code: 'SCHEMA_INVALID' | 'VALUESET_UNKNOWN' | 'TEST_DEVICE_UNLISTED' | 'DOB_NOT_A_DATE';
  severity: 'error' | 'warning';
  message_vi: string;
  message_en: string;
}

export type DccType = 'v' | 't' | 'r';

/**
 * Entries of one group (v, t, r) checked field by field: a certificate holds one (older versions
 * a few doses); a small code can hold a quarter of a million empty ones, not checked one by one.
 */
export const MAX_CHECKED_ENTRIES = 10;

/** What each kind of certificate is called. */
export const DCC_TYPE_NAMES: Record<DccType, { vi: string; en: string }> = {
  v: { vi: 'tiêm chủng', en: 'vaccination' },
  t: { vi: 'xét nghiệm', en: 'test' },
  r: { vi: 'khỏi bệnh', en: 'recovery' },
};

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Uint8Array);
}

/** The certificate types present with at least one entry (vaccination, test, recovery). */
export function dccTypesOf(payload: unknown): DccType[] {
  if (!isPlainObject(payload)) return [];
  return (['v', 't', 'r'] as const).filter((k) => Array.isArray(payload[k]) && (payload[k] as unknown[]).length > 0);
}
