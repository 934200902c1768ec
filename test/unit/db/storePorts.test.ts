import { describe, expect, it } from 'vitest';
import { systemStorePorts } from '../../../electron/core/store/ports.js';

describe('systemStorePorts randomBytes', () => {
  // Its answers are views of a pool drawn 4 KiB at a time (ports.ts), not copies: what a caller
  // got must not change when later draws use up that pool and start the next one.
  it('keeps the bytes it gave while later draws go on past the pool', () => {
    const ports = systemStorePorts('test');
    const first = ports.randomBytes(10);
    const kept = Array.from(first);
    const later: number[][] = [];
    for (let i = 0; i < 1000; i++) later.push(Array.from(ports.randomBytes(10)));
    expect(Array.from(first)).toEqual(kept);
    expect(first).toHaveLength(10);
    // Two draws are different bytes, not the same view given twice.
    expect(new Set(later.map((b) => b.join(','))).size).toBe(later.length);
  });

  it('gives each id its own random bits', () => {
    const ports = systemStorePorts('test');
    const ids = new Set(Array.from({ length: 2000 }, () => Array.from(ports.randomBytes(10)).join(',')));
    expect(ids.size).toBe(2000);
  });
});
