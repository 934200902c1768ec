// Session 26, a mutation probe of session 25's lot with its expiry joined by a dash: a lot that has
// a dash of its own ("I-130621", "AB-1234") with its expiry after another dash was stored whole,
// "I-130621-30/11/2021", ready and with nothing said: the expiry date signed as part of the lot.
import { describe, expect, it } from 'vitest';
import { parseLot } from '../../../electron/core/import/parseLotCell.js';

describe('a lot with a dash of its own, its expiry joined by another dash', () => {
  it('is the lot without the expiry', () => {
    for (const [cell, lot] of [
      ['I-130621-30/11/2021', 'I-130621'],
      ['AB-1234-11/2022', 'AB-1234'],
      ['FF-1234-30.11.2021', 'FF-1234'],
      ['I-130621 - 30/11/2021', 'I-130621'],
    ]) {
      expect(parseLot(cell), cell).toEqual({ lot, findings: [] });
    }
  });

  it('a day and a month joined by dashes is still no lot cut at the day ("FF1234-30-11/2021" is not "FF1234-30")', () => {
    expect(parseLot('FF1234-30-11/2021').lot).not.toBe('FF1234-30');
  });
});

// Review of session 26: the lot's own dash let DASH_EXPIRY's lazy lot run over every "-1" of a
// long cell and back, at each dash: a 32,767-character cell (Excel's most) of "-1" took over a
// second, a sheet of them minutes. A cell that long holds no lot and expiry to split.
describe('a lot cell as long as Excel allows', () => {
  it('of dashes and digits, or slashes and digits, is read in a moment', () => {
    for (const cell of [`A${'-1'.repeat(16_383)}`, `A${'/1'.repeat(16_383)}`]) {
      const started = performance.now();
      parseLot(cell);
      expect(performance.now() - started, cell.slice(0, 6)).toBeLessThan(250);
    }
  });
});
