import { MAX_CHECKED_ENTRIES, isPlainObject, type DccFinding } from './dccFinding.js';
import { VALUE_SETS, inValueSet, type ValueSetId } from './valuesets.js';

/** Which value set each coded field of a v / t / r entry belongs to (eu-dcc-schema `valueset-uri`). */
const CODED_FIELDS: Record<'v' | 't' | 'r', [string, ValueSetId][]> = {
  v: [
    ['tg', 'disease-agent-targeted'],
    ['vp', 'vaccine-prophylaxis'],
    ['mp', 'vaccine-medicinal-product'],
    ['ma', 'vaccine-mah-manf'],
    ['co', 'country-2-codes'],
  ],
  t: [
    ['tg', 'disease-agent-targeted'],
    ['tt', 'test-type'],
    ['ma', 'test-manf'],
    ['tr', 'test-result'],
    ['co', 'country-2-codes'],
  ],
  r: [
    ['tg', 'disease-agent-targeted'],
    ['co', 'country-2-codes'],
  ],
};

/**
 * A rapid-test device id of the JRC database (digits). The device list moved to the DCC Gateway,
 * where it grows every few weeks; the station's copy is of 2021-07-15. A device id the copy lacks
 * is most likely newer than it, so it is a warning, not a refusal: JSON Schema does not check
 * value sets, and the issuing state's gateway accepted the device. The vectors hold no such case.
 */
const JRC_DEVICE_ID = /^\d{1,10}$/;

function unlistedDevice(path: string, code: string): DccFinding {
  const date = VALUE_SETS['test-manf'].date;
  return {
    path,
    code: 'TEST_DEVICE_UNLISTED',
    severity: 'warning',
    message_vi: `${path}: bộ xét nghiệm mã "${code}" không có trong danh mục của máy trạm (bản ${date}); danh mục EU được bổ sung thường xuyên, hãy đối chiếu với danh mục hiện hành nếu cần`,
    message_en: `${path}: test device "${code}" is not in the station's list (of ${date}); the EU list keeps growing, check it against the current list if needed`,
  };
}

/** `VALUESET_UNKNOWN` findings (a newer rapid-test device: a `TEST_DEVICE_UNLISTED` warning) for coded fields whose string value is not in its value set. */
export function checkDccValueSets(payload: unknown): DccFinding[] {
  const findings: DccFinding[] = [];
  if (!isPlainObject(payload)) return findings;
  for (const group of ['v', 't', 'r'] as const) {
    const entries = payload[group];
    if (!Array.isArray(entries)) continue;
    // As the structure check: the first entries only.
    entries.slice(0, MAX_CHECKED_ENTRIES).forEach((entry: unknown, i: number) => {
      if (!isPlainObject(entry)) return;
      for (const [field, setId] of CODED_FIELDS[group]) {
        const value = entry[field];
        if (typeof value !== 'string' || inValueSet(setId, value)) continue;
        const path = `${group}[${i}].${field}`;
        if (setId === 'test-manf' && JRC_DEVICE_ID.test(value)) {
          findings.push(unlistedDevice(path, value));
          continue;
        }
        findings.push({
          path,
          code: 'VALUESET_UNKNOWN',
          severity: 'error',
          message_vi: `${path}: mã "${value}" không có trong danh mục ${setId}`,
          message_en: `${path}: code "${value}" is not in value set ${setId}`,
        });
      }
    });
  }
  return findings;
}
