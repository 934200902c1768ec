/**
 * Seeded fault injection (DESIGN §6): what a flaky national platform and a flaky network do to
 * the station's sync client. `--faults latency=10-200,503=0.1,500=0.05,reset-before=0.05,
 * reset-after=0.05,lost-reply=0.1,slow-body=0.05 --seed N`.
 *
 * Per request, latency (if set) is drawn first, then at most ONE of the other kinds, each with
 * its probability (so their sum must be ≤ 1). `reset=p` is short for reset-before=p/2 and
 * reset-after=p/2 (the spelling of DESIGN §6).
 */
import { StationError } from '../../shared/errors.js';
import { seededRandom, type SeededRandom } from './seededRandom.js';

export const FAULT_KINDS = ['503', '500', 'reset-before', 'reset-after', 'lost-reply', 'slow-body'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  latency: { min: number; max: number } | null;
  probabilities: Record<FaultKind, number>;
}

export const NO_FAULTS: FaultSpec = {
  latency: null,
  probabilities: { '503': 0, '500': 0, 'reset-before': 0, 'reset-after': 0, 'lost-reply': 0, 'slow-body': 0 },
};

function specError(reason: string): StationError {
  return new StationError('FAULT_SPEC_INVALID', `Cấu hình lỗi giả lập không hợp lệ: ${reason}`, `Invalid fault spec: ${reason}`);
}

function probability(key: string, text: string): number {
  const p = Number(text);
  if (text.trim() === '' || !Number.isFinite(p) || p < 0 || p > 1) throw specError(`${key} needs a probability 0..1, got "${text}"`);
  return p;
}

export function parseFaultSpec(spec: string): FaultSpec {
  const out: FaultSpec = { latency: null, probabilities: { ...NO_FAULTS.probabilities } };
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw specError(`"${part}" is not key=value`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 'latency') {
      const m = /^(\d+)(?:-(\d+))?$/.exec(value);
      if (!m) throw specError(`latency needs MIN-MAX milliseconds, got "${value}"`);
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : Number(m[2]);
      if (max < min || max > 60_000) throw specError(`latency range "${value}" is not MIN ≤ MAX ≤ 60000`);
      out.latency = { min, max };
    } else if (key === 'reset') {
      const p = probability(key, value);
      out.probabilities['reset-before'] += p / 2;
      out.probabilities['reset-after'] += p / 2;
    } else if ((FAULT_KINDS as readonly string[]).includes(key)) {
      out.probabilities[key as FaultKind] = probability(key, value);
    } else {
      throw specError(`unknown fault "${key}" (latency, ${FAULT_KINDS.join(', ')}, reset)`);
    }
  }
  const total = FAULT_KINDS.reduce((s, k) => s + out.probabilities[k], 0);
  if (total > 1 + 1e-9) throw specError(`the probabilities add up to ${total.toFixed(3)} > 1`);
  return out;
}

export interface FaultDecision {
  latencyMs: number;
  fault: FaultKind | null;
}

export interface FaultCounters {
  requests: number;
  latency: number;
  faults: Record<FaultKind, number>;
}

export class FaultInjector {
  private readonly random: SeededRandom;
  private readonly counters: FaultCounters = {
    requests: 0,
    latency: 0,
    faults: { '503': 0, '500': 0, 'reset-before': 0, 'reset-after': 0, 'lost-reply': 0, 'slow-body': 0 },
  };

  constructor(
    private readonly spec: FaultSpec,
    seed: number,
  ) {
    this.random = seededRandom(seed, 1);
  }

  /** Draws the fate of one request and counts it (the chaos test prints these counters). */
  decide(): FaultDecision {
    this.counters.requests++;
    let latencyMs = 0;
    if (this.spec.latency) {
      latencyMs = this.random.int(this.spec.latency.min, this.spec.latency.max);
      if (latencyMs > 0) this.counters.latency++;
    }
    const roll = this.random.next();
    let acc = 0;
    for (const kind of FAULT_KINDS) {
      acc += this.spec.probabilities[kind];
      if (roll < acc) {
        this.counters.faults[kind]++;
        return { latencyMs, fault: kind };
      }
    }
    return { latencyMs, fault: null };
  }

  stats(): FaultCounters {
    return { requests: this.counters.requests, latency: this.counters.latency, faults: { ...this.counters.faults } };
  }
}
