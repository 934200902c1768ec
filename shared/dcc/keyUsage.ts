import type { DccType } from './dccFinding.js';

/**
 * DSC extended key usage policy (hcert spec Appendix A, "Key Usage Policy Identifiers"): a DSC
 * may be limited to test, vaccination or recovery certificates; with none of these OIDs it may
 * sign all three. The spec text writes the arc as 1.3.6.1.4.1.0.1847.2021.1.x while the
 * gateway uses 1.3.6.1.4.1.1847.2021.1.x; real DSCs (e.g. the NL test vectors) carry either.
 */
const TYPE_BY_OID: ReadonlyMap<string, DccType> = new Map(
  ['1.3.6.1.4.1.1847.2021.1', '1.3.6.1.4.1.0.1847.2021.1'].flatMap((arc) => [
    [`${arc}.1`, 't'] as const,
    [`${arc}.2`, 'v'] as const,
    [`${arc}.3`, 'r'] as const,
  ]),
);

/** The DCC types a DSC may sign, from its extended key usage OIDs (null = no EKU extension). */
export function allowedDccTypes(extKeyUsage: readonly string[] | null | undefined): Set<DccType> {
  const allowed = new Set<DccType>();
  for (const oid of extKeyUsage ?? []) {
    const type = TYPE_BY_OID.get(oid);
    if (type) allowed.add(type);
  }
  return allowed.size === 0 ? new Set<DccType>(['v', 't', 'r']) : allowed;
}

/** The types in `types` that the DSC may not sign (empty = key usage is fine). */
export function keyUsageViolations(extKeyUsage: readonly string[] | null | undefined, types: readonly DccType[]): DccType[] {
  const allowed = allowedDccTypes(extKeyUsage);
  return types.filter((t) => !allowed.has(t));
}
