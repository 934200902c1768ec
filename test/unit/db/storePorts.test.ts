import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { storeContext, systemStorePorts } from '../../../electron/core/store/ports.js';

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

describe('storeContext newId', () => {
  /** The 48-bit millisecond time at the front of a UUIDv7. */
  const msOf = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

  // With the system clock a new id's time is read as Date.now() (no Date per id); a port that
  // replaces now() (a skewed clock spread over the system ports) must still be the one asked.
  it('takes the time of the system clock, or of a clock that replaces it', () => {
    const db = new Database(':memory:');
    try {
      const before = Date.now();
      const system = storeContext(db, systemStorePorts('test')).newId();
      const after = Date.now();
      expect(msOf(system)).toBeGreaterThanOrEqual(before);
      expect(msOf(system)).toBeLessThanOrEqual(after);
      const skewed = storeContext(db, { ...systemStorePorts('test'), now: () => new Date('2030-01-02T03:04:05.678Z') }).newId();
      expect(msOf(skewed)).toBe(Date.parse('2030-01-02T03:04:05.678Z'));
    } finally {
      db.close();
    }
  });
});
