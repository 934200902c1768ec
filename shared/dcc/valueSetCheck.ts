import { MAX_CHECKED_ENTRIES, isPlainObject, type DccFinding } from './dccFinding.js';
import { inValueSet, type ValueSetId } from './valuesets.js';

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

/** `VALUESET_UNKNOWN` findings for coded fields whose string value is not in its value set. */
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
        findings.push({
          path,
          code: 'VALUESET_UNKNOWN',
          message_vi: `${path}: mã "${value}" không có trong danh mục ${setId}`,
          message_en: `${path}: code "${value}" is not in value set ${setId}`,
        });
      }
    });
  }
  return findings;
}
