// The fault flags of the simulator (DESIGN §6): parsed strictly, drawn from the seed, counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStationError } from '../../../shared/errors.js';
import { FAULT_KINDS, FaultInjector, NO_FAULTS, parseFaultSpec } from '../../platform/faultInjector.js';
import { seededRandom } from '../../platform/seededRandom.js';

describe('parseFaultSpec', () => {
  it('reads the documented spec', () => {
    const spec = parseFaultSpec('latency=10-200,503=0.1,500=0.05,reset-before=0.05,reset-after=0.05,lost-reply=0.1,slow-body=0.05');
    expect(spec).toEqual({
      latency: { min: 10, max: 200 },
      probabilities: { '503': 0.1, '500': 0.05, 'reset-before': 0.05, 'reset-after': 0.05, 'lost-reply': 0.1, 'slow-body': 0.05 },
    });
  });

  it("takes DESIGN's `reset=p` as half before and half after the body", () => {
    const spec = parseFaultSpec('latency=5, reset=0.1');
    expect(spec.latency).toEqual({ min: 5, max: 5 });
    expect(spec.probabilities['reset-before']).toBeCloseTo(0.05);
    expect(spec.probabilities['reset-after']).toBeCloseTo(0.05);
  });

  it.each([
    ['meteor=0.1', /unknown fault/],
    ['503=1.5', /probability/],
    ['503=abc', /probability/],
    ['latency=200-10', /MIN ≤ MAX/],
    ['latency=fast', /MIN-MAX/],
    ['503', /key=value/],
    ['503=0.6,500=0.6', /add up/],
  ])('refuses %s with FAULT_SPEC_INVALID', (text, why) => {
    try {
      parseFaultSpec(text);
      expect.unreachable();
    } catch (e) {
      expect(isStationError(e) && e.code).toBe('FAULT_SPEC_INVALID');
      expect((e as Error).message).toMatch(why);
    }
  });

  it('never fails with anything but FAULT_SPEC_INVALID, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        try {
          parseFaultSpec(text);
        } catch (e) {
          return isStationError(e) && e.code === 'FAULT_SPEC_INVALID';
        }
        return true;
      }),
    );
  });
});

describe('FaultInjector', () => {
  const spec = parseFaultSpec('latency=10-20,503=0.1,500=0.1,reset-before=0.1,reset-after=0.1,lost-reply=0.1,slow-body=0.1');

  it('draws the same schedule from the same seed (a chaos run can be replayed), another from another seed', () => {
    const run = (seed: number) => {
      const f = new FaultInjector(spec, seed);
      return Array.from({ length: 200 }, () => f.decide());
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('keeps latency in range, injects each kind near its probability, and counts what it injected', () => {
    const f = new FaultInjector(spec, 9);
    const seen: Record<string, number> = {};
    const latencies = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const d = f.decide();
      latencies.add(d.latencyMs);
      seen[d.fault ?? 'none'] = (seen[d.fault ?? 'none'] ?? 0) + 1;
    }
    expect([...latencies].sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const stats = f.stats();
    expect(stats.requests).toBe(5000);
    expect(stats.latency).toBe(5000);
    for (const kind of FAULT_KINDS) {
      expect(stats.faults[kind]).toBe(seen[kind]);
      expect(stats.faults[kind] / 5000).toBeGreaterThan(0.08);
      expect(stats.faults[kind] / 5000).toBeLessThan(0.12);
    }
  });

  it('injects nothing without faults', () => {
    const f = new FaultInjector(NO_FAULTS, 1);
    for (let i = 0; i < 100; i++) expect(f.decide()).toEqual({ latencyMs: 0, fault: null });
  });
});

describe('seededRandom', () => {
  it('stays in [0, 1) and within int bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 100 }), (seed, min, span) => {
        const r = seededRandom(seed);
        const x = r.next();
        const n = r.int(min, min + span);
        return x >= 0 && x < 1 && Number.isInteger(n) && n >= min && n <= min + span;
      }),
    );
  });

  it('gives independent streams for the same seed', () => {
    const a = seededRandom(5, 1);
    const b = seededRandom(5, 2);
    expect([a.next(), a.next()]).not.toEqual([b.next(), b.next()]);
  });
});
