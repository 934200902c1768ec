/**
 * A small benchmark harness: every figure is printed next to a baseline measured in the same
 * run on the same machine, as a ratio (absolute numbers vary between machines; ratios travel).
 */
import { performance } from 'node:perf_hooks';

export interface Figure {
  suite: string;
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, measured in the same run. */
  baseline?: { name: string; value: number };
  /** Higher is better for throughputs (ops/s), lower for times. */
  better: 'higher' | 'lower';
  goal?: string;
  /** Whether the goal is met, when a goal can be checked mechanically. */
  goalMet?: boolean;
}

/** Runs `fn` repeatedly for about `seconds` after a warm-up; returns operations per second. */
export async function throughput(fn: () => unknown | Promise<unknown>, opts: { seconds?: number; warmup?: number; batch?: number } = {}): Promise<number> {
  const seconds = opts.seconds ?? 2;
  const batch = opts.batch ?? 1;
  for (let i = 0; i < (opts.warmup ?? 20); i++) await fn();
  let ops = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < batch; i++) await fn();
    ops += batch;
  }
  return ops / ((performance.now() - start) / 1000);
}

/** Times one call of `fn` in milliseconds. */
export async function timeMs(fn: () => unknown | Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

/** The middle value (the upper middle of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** "median of 3, runs 1.2–1.5" for a figure's name, each value written by `fmt`. */
export function medianOf(values: readonly number[], fmt: (v: number) => string): string {
  return `median of ${values.length}, runs ${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;
}

export function ratio(f: Figure): number | null {
  if (!f.baseline || f.baseline.value === 0) return null;
  return f.better === 'higher' ? f.value / f.baseline.value : f.baseline.value / f.value;
}

function fmt(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  if (n >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** A ratio readable at any size: 12.7×, 0.61×, 0.0061×. */
export function fmtRatio(r: number | null): string {
  if (r === null) return '–';
  return `${r >= 10 ? r.toFixed(1) : r.toPrecision(2)}×`;
}

export function formatFigure(f: Figure): string {
  const r = ratio(f);
  const base = f.baseline ? ` | baseline ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit} | ${fmtRatio(r)}` : '';
  const goal = f.goal ? ` | goal ${f.goal}${f.goalMet === undefined ? '' : f.goalMet ? ' (met)' : ' (NOT met)'}` : '';
  return `${f.suite} · ${f.name}: ${fmt(f.value)} ${f.unit}${base}${goal}`;
}

export function markdownRow(f: Figure): string {
  const r = ratio(f);
  return `| ${f.suite} | ${f.name} | ${fmt(f.value)} ${f.unit} | ${f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}` : '–'} | ${fmtRatio(r)} | ${f.goal ?? '–'}${f.goalMet === undefined ? '' : f.goalMet ? ' ✓' : ' ✗'} |`;
}

/** A bench module exports `run(): Promise<Figure[]>`. */
export type BenchSuite = () => Promise<Figure[]>;
