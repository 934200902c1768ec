import type { ErrorInfo } from '../errors.js';

/** The verification steps of DESIGN §10, in pipeline order. */
export const STEP_NAMES = ['image', 'prefix', 'base45', 'zlib', 'cose', 'kid', 'signature', 'expiry', 'keyUsage', 'schema'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** true = passed, false = failed, null = not reached or not applicable. */
export type Steps = Record<StepName, boolean | null>;

export interface ReportError extends ErrorInfo {
  /** Where in the payload, for schema and value-set findings (`v[0].mp`). */
  path?: string;
}

/**
 * What `station dcc decode|verify --json` prints and the verify screen shows (DESIGN §10).
 * `valid` is true only when the signature verified against a trusted key and every step that
 * ran passed: a decode without a trust list is never `valid`, however clean it looks.
 */
export interface DccReport {
  valid: boolean;
  steps: Steps;
  errors: ReportError[];
  /** What is shown with the result without making it invalid (a newer test device, a date of birth that is no date). */
  warnings: ReportError[];
  alg: 'ES256' | 'PS256' | 'RS256' | null;
  /** Hex of the kid found in the COSE header. */
  kid: string | null;
  claims: { iss: string | null; iat: number | null; exp: number | null } | null;
  payload: unknown;
}

export function emptyReport(): DccReport {
  const steps = Object.fromEntries(STEP_NAMES.map((s) => [s, null])) as Steps;
  return { valid: false, steps, errors: [], warnings: [], alg: null, kid: null, claims: null, payload: null };
}

/** valid = a verified signature and no step that ran failed. */
export function finishReport(report: DccReport): DccReport {
  report.valid = report.steps.signature === true && STEP_NAMES.every((s) => report.steps[s] !== false);
  return report;
}
